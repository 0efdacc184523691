// SPEC §2: from 1 November the admins are reminded daily while next year's holiday schedule is
// missing. The schedule is created at every worker start with a fixed id; on the dev server
// (the time-skipping server has no schedules). Its rule is tested in test/db/calendar-reminder.test.ts.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema';
import { beijingDate } from '../../domain/working-days';
import { CALENDAR_REMINDER_SCHEDULE_ID, CALENDAR_REMINDER_WORKFLOW_ID } from '../../workflows/options';
import { ensureCalendarReminderSchedule } from '../../worker';
import { devStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await devStack();
});
afterAll(async () => stack?.close());

describe('calendar reminder schedule', () => {
  it('is created once, runs daily at 08:30 Beijing time, and a run today writes what the rule says for today', async () => {
    const client = await stack.client();
    await stack.startWorker();
    expect(await ensureCalendarReminderSchedule(client, stack.env.taskQueue)).toBe('exists');

    const handle = client.schedule.getHandle(CALENDAR_REMINDER_SCHEDULE_ID);
    const description = await handle.describe();
    expect(description.spec.timezone).toBe('Asia/Shanghai');
    expect(description.spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 8, end: 8, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
    });
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'calendarReminderWorkflow' });

    await handle.trigger();
    const workflowId = await eventually(async () => {
      const recent = (await handle.describe()).info.recentActions;
      expect(recent.length).toBe(1);
      return recent[0]!.action.workflow.workflowId;
    });
    expect(workflowId.startsWith(CALENDAR_REMINDER_WORKFLOW_ID)).toBe(true);
    const result = await client.workflow.getHandle(workflowId).result();
    // The real clock decides: from 1 November until next year is loaded (chinese-days 1.5.7
    // has no 2027), one notice for the admins; before 1 November, none.
    const today = beijingDate(Date.now());
    const next = Number(today.slice(0, 4)) + 1;
    const rows = await stack.database.db.select().from(notifications).where(eq(notifications.workflowId, CALENDAR_REMINDER_WORKFLOW_ID));
    if (today.slice(5) >= '11-01') {
      expect(result).toEqual({ year: next, date: today });
      expect(rows.map((r) => [r.key, r.role])).toEqual([[`calendar-year-${next}-${today}`, 'system_admin']]);
    } else {
      expect(result).toBeNull();
      expect(rows).toHaveLength(0);
    }
  });
});
