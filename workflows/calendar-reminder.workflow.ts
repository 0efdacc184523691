// SPEC §2: started each day by the schedule `calendar-year-reminder` (worker.ts): reminds the
// admins while next year's holiday schedule is missing, from 1 November.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { dbActivity } from './options';
import { nowIso } from './support';

const { remindMissingCalendarYear } = proxyActivities<Activities>(dbActivity);

/** The year reminded of and the Beijing date, or null when nothing was missing that day. */
export async function calendarReminderWorkflow(): Promise<{ year: number; date: string } | null> {
  return remindMissingCalendarYear({ asOf: nowIso() });
}
