import { heartbeat, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { missingYearReminder } from '../domain/calendar-reminder';
import { computeDeadline as deadlineFor, type Deadline } from '../domain/deadline';
import { beijingDate, DEFAULT_RECEIPT_POLICY, type IsoDate, type ReceiptPolicy } from '../domain/working-days';
import type { Db } from '../db/client';
import { loadCalendar } from '../db/repositories/calendar.repo';
import { addNotifications } from '../db/repositories/notifications.repo';
import { listOpenWithOtherCalendar } from '../db/repositories/registry.repo';
import { calendarChanged } from '../workflows/messages';
import { CALENDAR_REMINDER_WORKFLOW_ID } from '../workflows/options';

export interface CalendarDeps {
  db: Db;
  client: Client;
  warningWorkingDays: number;
  /** SPEC §2: how a receipt on a weekend or holiday starts a period; default 顺延 (env RECEIPT_POLICY) */
  receiptPolicy?: ReceiptPolicy;
}

export function createCalendarActivities({ db, client, warningWorkingDays, receiptPolicy = DEFAULT_RECEIPT_POLICY }: CalendarDeps) {
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

    /** Tells every open process counted with another calendar to recount; a closed one is skipped. */
    async signalCalendarChange(): Promise<number> {
      const { version } = await loadCalendar(db);
      const open = await listOpenWithOtherCalendar(db, version);
      let signalled = 0;
      for (const { workflowId } of open) {
        try {
          await client.workflow.getHandle(workflowId).signal(calendarChanged, { calendarVersion: version });
          signalled += 1;
        } catch (err) {
          // Closed since the registry read: nothing left to recount.
          log.warn('工作流已结束，跳过重算 (SIGNAL_SKIPPED)', { workflowId, error: String(err) });
        }
        heartbeat(signalled);
      }
      return signalled;
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
