// Replays every history recorded from an earlier build (test/workflows/histories). A change to
// a workflow that would break the ones already running fails here; guard it with patched().
// correction-extension-approved-before-notices was recorded before corrections wrote notices:
// it replays only because that change sits behind patched('correction-notices'). The
// correction, catalog-update and rectification histories without -shared-clock were recorded
// before those workflows moved onto stage-clock.ts; they replay through the old loops that
// patched('<type>-stage-clock') keeps, the -shared-clock ones through the shared clock.
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { patchesOf, recordedHistories } from '../helpers/history';
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
        'penaltyCaseWorkflow',
      ]),
    );
  });

  it.each([
    ['correction-extension-approved', 'correction-stage-clock'],
    ['catalog-update-returned-resubmitted', 'catalog-update-stage-clock'],
    ['rectification-criticized', 'rectification-stage-clock'],
  ])('%s is recorded on both sides of patched(%s)', (name, patch) => {
    const patches = new Map(histories.map((h) => [h.name, patchesOf(h.history)]));
    expect(patches.get(name)).not.toContain(patch);
    expect(patches.get(`${name}-shared-clock`)).toContain(patch);
  });

  it('the correction recorded before the decision rules (issue 12) lacks their marker; the one after has it', () => {
    const patches = new Map(histories.map((h) => [h.name, patchesOf(h.history)]));
    expect(patches.get('correction-extension-approved-shared-clock')).not.toContain('correction-decision-rules');
    expect(patches.get('correction-extension-approved-decision-rules')).toEqual(
      expect.arrayContaining(['correction-stage-clock', 'correction-decision-rules']),
    );
  });

  it.each(histories.map((h) => [h.name, h.history] as const))('%s', async (name, history) => {
    await Worker.runReplayHistory({ workflowBundle: { codePath: WORKFLOW_BUNDLE } }, history, name);
  });
});
