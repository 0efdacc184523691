import { Context, heartbeat, log } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { missingYearReminder } from '../domain/calendar-reminder';
import { computeDeadline as deadlineFor, type Deadline } from '../domain/deadline';
import { beijingDate, DEFAULT_RECEIPT_POLICY, type IsoDate, type ReceiptPolicy } from '../domain/working-days';
import type { Db } from '../db/client';
import { loadCalendar } from '../db/repositories/calendar.repo';
import { addNotifications } from '../db/repositories/notifications.repo';
import { pageOpenWithOtherCalendar } from '../db/repositories/registry.repo';
import { calendarChanged } from '../workflows/messages';
import { CALENDAR_CHANGE_PAGE_SIZE, CALENDAR_REMINDER_WORKFLOW_ID } from '../workflows/options';

export interface CalendarDeps {
  db: Db;
  client: Client;
  warningWorkingDays: number;
  /** SPEC §2: how a receipt on a weekend or holiday starts a period; default 顺延 (env RECEIPT_POLICY) */
  receiptPolicy?: ReceiptPolicy;
}

/** Signals in flight at once: enough to keep the frontend busy, few enough to leave room for the processes' own recounts. */
export const CALENDAR_CHANGE_CONCURRENCY = 20;

/** What one page of a calendar change did; `next` is the cursor of the page after it, null after the last. */
export interface CalendarChangePage {
  version: string | null;
  signalled: number;
  next: string | null;
  /** the calendar changed again since this run began: the newer version's run carries on */
  superseded: boolean;
}

/** Where a page had got to: the last process signalled, and how many of the page were seen and signalled. */
interface Cursor {
  after: string | null;
  seen: number;
  signalled: number;
}

/** Tells one process to recount; false when it closed since the registry read (nothing left to recount). */
async function signalRecount(client: Client, workflowId: string, calendarVersion: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).signal(calendarChanged, { calendarVersion });
    return true;
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    log.warn('工作流已结束，跳过重算 (SIGNAL_SKIPPED)', { workflowId });
    return false;
  }
}

/** Signals the rest of the page that `start` is in, CALENDAR_CHANGE_CONCURRENCY at a time, reporting the cursor after each batch. */
async function signalPage(
  { db, client }: Pick<CalendarDeps, 'db' | 'client'>,
  version: string,
  pageSize: number,
  start: Cursor,
  progress: (cursor: Cursor) => void,
): Promise<Cursor> {
  const cursor = { ...start };
  const page = await pageOpenWithOtherCalendar(db, version, cursor.after, pageSize - cursor.seen);
  for (let i = 0; i < page.length; i += CALENDAR_CHANGE_CONCURRENCY) {
    const batch = page.slice(i, i + CALENDAR_CHANGE_CONCURRENCY);
    const sent = await Promise.all(batch.map(({ workflowId }) => signalRecount(client, workflowId, version)));
    cursor.seen += batch.length;
    cursor.signalled += sent.filter(Boolean).length;
    cursor.after = batch.at(-1)!.workflowId;
    progress(cursor);
  }
  return cursor;
}

export function createCalendarActivities(deps: CalendarDeps) {
  const { db, warningWorkingDays, receiptPolicy = DEFAULT_RECEIPT_POLICY } = deps;
  return {
    /**
     * Counting happens here, not in workflow code: the result lands in history with its calendar
     * version and the receipt policy it used. Every period starts from a day something was
     * received, filed, changed or issued, so the policy applies to all; a period counted on
     * from a due date (an extension) starts on a working day, the same under both policies.
     */
    async computeDeadline(input: { from: IsoDate; workingDays: number }): Promise<Deadline> {
      return deadlineFor(await loadCalendar(db), input.from, input.workingDays, warningWorkingDays, receiptPolicy);
    },

    /**
     * One page of the fan-out (SPEC §2, issue 18), heartbeating its cursor so a retried attempt
     * resumes where the last one got to. A page for a version no longer in force signals nothing:
     * the newer change's own run recounts every process.
     */
    async signalCalendarChangePage(input: { version: string | null; after: string | null; pageSize: number }): Promise<CalendarChangePage> {
      const { version } = await loadCalendar(db);
      if (input.version !== null && input.version !== version)
        return { version: input.version, signalled: 0, next: null, superseded: true };
      const start = (Context.current().info.heartbeatDetails as Cursor | undefined) ?? { after: input.after, seen: 0, signalled: 0 };
      const end = await signalPage(deps, version, input.pageSize, start, (cursor) => heartbeat(cursor));
      // A short page is the last: nothing after it was counted with another calendar.
      return { version, signalled: end.signalled, next: end.seen < input.pageSize ? null : end.after, superseded: false };
    },

    /** The fan-out as the first calendar change workflows ran it, all pages in one activity: kept for the runs started then. */
    async signalCalendarChange(): Promise<number> {
      const { version } = await loadCalendar(db);
      const resumed = Context.current().info.heartbeatDetails as { after: string | null; total: number } | undefined;
      let { after, total } = resumed ?? { after: null, total: 0 };
      for (;;) {
        const end = await signalPage(deps, version, CALENDAR_CHANGE_PAGE_SIZE, { after, seen: 0, signalled: 0 }, (cursor) =>
          heartbeat({ after: cursor.after, total: total + cursor.signalled }),
        );
        [after, total] = [end.after, total + end.signalled];
        if (end.seen < CALENDAR_CHANGE_PAGE_SIZE) return total;
      }
    },

    /**
     * SPEC §2: on and after 1 November (Beijing), while next year's schedule is not loaded, one
     * notice a day to the admins; keyed by the date, so a retried or repeated run writes once.
     * `asOf` is the workflow's time, the day the schedule ran for.
     */
    async remindMissingCalendarYear(input: { asOf: string }): Promise<{ year: number; date: IsoDate } | null> {
      const date = beijingDate(input.asOf);
      const reminder = missingYearReminder(date, (await loadCalendar(db)).isLoaded);
      if (!reminder) return null;
      await addNotifications(db, [
        {
          workflowId: CALENDAR_REMINDER_WORKFLOW_ID,
          key: `calendar-year-${reminder.year}-${date}`,
          departmentCode: null,
          role: 'system_admin',
          kind: reminder.kind,
          message: reminder.message,
        },
      ]);
      return { year: reminder.year, date };
    },
  };
}
