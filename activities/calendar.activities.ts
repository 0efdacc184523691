import { heartbeat, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { computeDeadline as deadlineFor, type Deadline } from '../domain/deadline';
import type { IsoDate } from '../domain/working-days';
import type { Db } from '../db/client';
import { loadCalendar } from '../db/repositories/calendar.repo';
import { listOpenWithOtherCalendar } from '../db/repositories/registry.repo';
import { calendarChanged } from '../workflows/messages';

export interface CalendarDeps {
  db: Db;
  client: Client;
  warningWorkingDays: number;
}

export function createCalendarActivities({ db, client, warningWorkingDays }: CalendarDeps) {
  return {
    /** Counting happens here, not in workflow code: the result lands in history with its calendar version. */
    async computeDeadline(input: { from: IsoDate; workingDays: number }): Promise<Deadline> {
      return deadlineFor(await loadCalendar(db), input.from, input.workingDays, warningWorkingDays);
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
  };
}
