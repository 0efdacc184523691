// Replays every history recorded from an earlier build (test/workflows/histories). A change to
// a workflow that would break the ones already running fails here; guard it with patched().
// correction-extension-approved-before-notices was recorded before corrections wrote notices:
// it replays only because that change sits behind patched('correction-notices'). The
// correction, catalog-update and rectification histories without -shared-clock were recorded
// before those workflows moved onto stage-clock.ts; they replay through the old loops that
// patched('<type>-stage-clock') keeps, the -shared-clock ones through the shared clock.
// catalog-update-returned-resubmitted-shared-clock was recorded before a return opened the
// resubmission period (第十八条, issue 11): it replays through the 10-day fallback that
// patched('catalog-update-resubmission-period') keeps; catalog-update-late-return-resubmission-period
// through the resubmission period.
// calendar-change-recount was recorded before the paged fan-out (issue 18): do not record it again
// (finding-revision.workflow.test.ts would write a paged run under its name); calendar-change-paged is the new one.
// sharing-dispute-partial-grant-widened (SPEC §3.7, issue 14) needs no patched(): a disputed partial
// grant adds an optional input field, a validator rule and what the decision activity writes, not
// a command; sharing-dispute-referred-overturned, recorded before, replays unchanged beside it.
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { patchesOf, recordedHistories } from '../helpers/history';
import { TEST_DATA_CONVERTER } from '../helpers/codec';
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
        'findingWorkflow',
        'penaltyCaseWorkflow',
        'calendarChangeWorkflow',
        'calendarReminderWorkflow',
        'catalogCompilationWorkflow',
        'historyArchiveWorkflow',
        'auditSealWorkflow',
        'auditPurgeWorkflow',
        'itProjectWorkflow',
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

  it('the catalog updates recorded before the resubmission period lack its marker; the one after has it', () => {
    const patches = new Map(histories.map((h) => [h.name, patchesOf(h.history)]));
    expect(patches.get('catalog-update-returned-resubmitted')).not.toContain('catalog-update-resubmission-period');
    expect(patches.get('catalog-update-returned-resubmitted-shared-clock')).not.toContain('catalog-update-resubmission-period');
    expect(patches.get('catalog-update-late-return-resubmission-period')).toEqual(
      expect.arrayContaining(['catalog-update-stage-clock', 'catalog-update-resubmission-period']),
    );
  });

  it('the rectifications recorded before the acceptance path (issue 11) lack its marker; those after have it', () => {
    const patches = new Map(histories.map((h) => [h.name, patchesOf(h.history)]));
    for (const old of ['rectification-criticized', 'rectification-criticized-shared-clock']) {
      expect(patches.get(old)).not.toContain('rectification-acceptance');
    }
    for (const recorded of ['rectification-acceptance-rejected-accepted', 'rectification-acceptance-criticized']) {
      expect(patches.get(recorded)).toEqual(expect.arrayContaining(['rectification-stage-clock', 'rectification-acceptance']));
    }
  });

  it('the annual report recorded before the year check (第四十六条) lacks its marker; the one with the authority’s own report has it', () => {
    const patches = new Map(histories.map((h) => [h.name, patchesOf(h.history)]));
    expect(patches.get('annual-report-late-department-late-city')).not.toContain('annual-report-openable-year');
    expect(patches.get('annual-report-authority-own-report-late-city')).toContain('annual-report-openable-year');
  });

  it('the annual report opened in January (after 31 December) carries the opened-late marker; the ones before lack it', () => {
    const patches = new Map(histories.map((h) => [h.name, patchesOf(h.history)]));
    expect(patches.get('annual-report-authority-own-report-late-city')).not.toContain('annual-report-opened-late');
    expect(patches.get('annual-report-opened-in-january')).toEqual(
      expect.arrayContaining(['annual-report-openable-year', 'annual-report-opened-late']),
    );
  });

  it('the calendar change recorded before the paged fan-out (issue 18) lacks its marker; the paged one has it', () => {
    const patches = new Map(histories.map((h) => [h.name, patchesOf(h.history)]));
    expect(patches.get('calendar-change-recount')).not.toContain('calendar-change-paged');
    expect(patches.get('calendar-change-paged')).toContain('calendar-change-paged');
  });

  it('the catalog updates recorded before finding rounds (SPEC §2) lack its marker; the withdrawn-then-missed one has it', () => {
    const patches = new Map(histories.map((h) => [h.name, patchesOf(h.history)]));
    expect(patches.get('catalog-update-late-return-resubmission-period')).not.toContain('catalog-update-finding-rounds');
    expect(patches.get('catalog-update-finding-withdrawn-missed-again')).toContain('catalog-update-finding-rounds');
  });

  it.each(histories.map((h) => [h.name, h.history] as const))('%s', async (name, history) => {
    await Worker.runReplayHistory({ workflowBundle: { codePath: WORKFLOW_BUNDLE }, dataConverter: TEST_DATA_CONVERTER }, history, name);
  });
});
