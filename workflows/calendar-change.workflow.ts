// SPEC §2: after the calendar changes, every open deadline is recounted by its own workflow.
// Issue 18: at any scale. The registry (not Temporal's visibility) knows which processes were
// counted with another calendar version, so this workflow pages through it by keyset, one
// activity per page, and continues as new every CALENDAR_CHANGE_PAGES_PER_RUN pages (options.ts) so its
// history stays bounded however many processes are open.
import { continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { type CalendarChangeProgress, getCalendarChangeProgress } from './messages';
import { CALENDAR_CHANGE_PAGE_SIZE, CALENDAR_CHANGE_PAGES_PER_RUN } from './options';

const { signalCalendarChange, signalCalendarChangePage } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Runs started before the paged fan-out signal everything from one activity, as recorded.
const PAGED_PATCH = 'calendar-change-paged';

/** A calendar change's settings (tests page in twos), and how far the runs before this one got. */
export interface CalendarChangeInput {
  pageSize?: number;
  pagesPerRun?: number;
  progress?: CalendarChangeProgress;
}

const START: CalendarChangeProgress = { version: null, after: null, pages: 0, signalled: 0, runs: 0, done: false, superseded: false };

/** Started by the API with id `calendar-change-<version>`: one propagation per calendar version. */
export async function calendarChangeWorkflow(input: CalendarChangeInput = {}): Promise<{ signalled: number }> {
  if (!input.progress && !patched(PAGED_PATCH)) return { signalled: await signalCalendarChange() };
  const { pageSize = CALENDAR_CHANGE_PAGE_SIZE, pagesPerRun = CALENDAR_CHANGE_PAGES_PER_RUN } = input;
  const progress: CalendarChangeProgress = { ...(input.progress ?? START) };
  setHandler(getCalendarChangeProgress, () => progress);
  for (let pagesThisRun = 0; !progress.done; pagesThisRun += 1) {
    if (pagesThisRun >= pagesPerRun || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof calendarChangeWorkflow>({ pageSize, pagesPerRun, progress: { ...progress, runs: progress.runs + 1 } });
    }
    const page = await signalCalendarChangePage({ version: progress.version, after: progress.after, pageSize });
    Object.assign(progress, {
      version: page.version,
      after: page.next ?? progress.after,
      pages: progress.pages + 1,
      signalled: progress.signalled + page.signalled,
      done: page.next === null,
      superseded: page.superseded,
    });
  }
  return progress;
}
