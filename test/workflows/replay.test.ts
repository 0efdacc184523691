// Replays a correction history recorded from an earlier build (extension asked, approved, and
// the verification finished on time). A change to correctionWorkflow that would break running
// workflows fails here; guard such a change with patched().
import { readFile } from 'node:fs/promises';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { RECORDED_HISTORY, WORKFLOW_BUNDLE } from '../helpers/paths';

describe('replay of recorded histories', () => {
  it('correction: extension approved, then verified on time', async () => {
    const history = JSON.parse(await readFile(RECORDED_HISTORY, 'utf8'));
    expect(history.events.length).toBeGreaterThan(20);
    await Worker.runReplayHistory({ workflowBundle: { codePath: WORKFLOW_BUNDLE } }, history, 'correction-recorded');
  });
});
