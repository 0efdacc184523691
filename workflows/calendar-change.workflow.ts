// SPEC §2: after the calendar changes, every open deadline is recounted by its own workflow.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { signalCalendarChange } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Started by the API with id `calendar-change-<version>`: one propagation per calendar version. */
export async function calendarChangeWorkflow(): Promise<{ signalled: number }> {
  return { signalled: await signalCalendarChange() };
}
