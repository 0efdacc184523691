// Replays every history recorded from an earlier build (test/workflows/histories). A change to
// a workflow that would break the ones already running fails here; guard it with patched().
// correction-extension-approved-before-notices was recorded before corrections wrote notices:
// it replays only because that change sits behind patched('correction-notices').
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { recordedHistories } from '../helpers/history';
import { WORKFLOW_BUNDLE } from '../helpers/paths';
import { quietRuntime } from '../helpers/temporal';

quietRuntime(); // the replay worker's state changes are not test output
const histories = await recordedHistories();

describe('replay of recorded histories', () => {
  it('has histories of every kind of workflow', () => {
    const types = histories.map(
      ({ history }) =>
        (history as { events: { workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[] }).events[0]
          ?.workflowExecutionStartedEventAttributes?.workflowType?.name,
    );
    expect(new Set(types)).toEqual(
      new Set([
        'correctionWorkflow',
        'catalogUpdateWorkflow',
        'annualReportWorkflow',
        'rectificationWorkflow',
        'sharingRequestWorkflow',
        'sharingDisputeWorkflow',
        'conflictWorkflow',
      ]),
    );
  });

  it.each(histories.map((h) => [h.name, h.history] as const))('%s', async (name, history) => {
    await Worker.runReplayHistory({ workflowBundle: { codePath: WORKFLOW_BUNDLE } }, history, name);
  });
});
