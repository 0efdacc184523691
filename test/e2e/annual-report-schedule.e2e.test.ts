// 第四十六条: the annual reports start by themselves. The schedule is created at every worker
// start with a fixed id; on the dev server (the time-skipping server has no schedules). The
// start-up opening of the year under way is tested on fixed days in
// test/workflows/annual-report-opening.test.ts; here it runs on the machine's day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listYear } from '../../db/repositories/annual-reports.repo';
import { getProcess } from '../../db/repositories/registry.repo';
import { reportingYearOn } from '../../domain/annual-report';
import { beijingDate } from '../../domain/working-days';
import {
  ANNUAL_REPORT_SCHEDULE_ID,
  AUDIT_PURGE_SCHEDULE_ID,
  annualReportWorkflowId,
  CALENDAR_REMINDER_SCHEDULE_ID,
  HISTORY_ARCHIVE_SCHEDULE_ID,
} from '../../workflows/options';
import { ensureAnnualReportSchedule } from '../../worker';
import { devStack, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

let stack: Stack;
beforeAll(async () => {
  stack = await devStack();
});
afterAll(async () => stack?.close());

describe('annual report schedule', () => {
  it('is created once however often it is ensured, runs on 1 December in Beijing time, and starts the current year', async () => {
    const client = await stack.client();
    // startWorker() ensures it too: a worker start, then two more calls, leave one schedule.
    await stack.startWorker();
    expect(await ensureAnnualReportSchedule(client, stack.env.taskQueue)).toBe('exists');
    expect(await ensureAnnualReportSchedule(client, stack.env.taskQueue)).toBe('exists');
    const ids: string[] = [];
    for await (const s of client.schedule.list()) ids.push(s.scheduleId);
    // The worker's others: the calendar reminder (SPEC §2), the audit purge and the history archiver (SPEC §5).
    expect(ids.sort()).toEqual(
      [ANNUAL_REPORT_SCHEDULE_ID, CALENDAR_REMINDER_SCHEDULE_ID, AUDIT_PURGE_SCHEDULE_ID, HISTORY_ARCHIVE_SCHEDULE_ID].sort(),
    );

    const handle = client.schedule.getHandle(ANNUAL_REPORT_SCHEDULE_ID);
    const description = await handle.describe();
    expect(description.spec.timezone).toBe('Asia/Shanghai');
    expect(description.spec.calendars?.[0]).toMatchObject({
      month: [{ start: 'DECEMBER', end: 'DECEMBER', step: 1 }],
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
    });
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'annualReportWorkflow' });

    // Between 1 December and 31 January the worker's start opened the year under way already
    // (December: that year; January: the previous one), under annual-report-<year>.
    const today = beijingDate(Date.now());
    const underWay = reportingYearOn(today);
    if (underWay !== null) {
      await eventually(
        async () =>
          expect(await getProcess(stack.database.db, annualReportWorkflowId(underWay))).toMatchObject({
            type: 'annual_report',
            subjectId: String(underWay),
          }),
        30_000,
      );
    }

    // Triggered now, the schedule's run is for this year (the year it starts in, Beijing time);
    // if the start-up opened it already, that run finds the owner and stops: one process a year.
    await handle.trigger();
    const year = Number(today.slice(0, 4));
    const workflowId = await eventually(async () => {
      const recent = (await handle.describe()).info.recentActions;
      expect(recent.length).toBe(1);
      return recent[0]!.action.workflow.workflowId;
    });
    const owner = await eventually(async () => {
      const [first] = await listYear(stack.database.db, year);
      expect(first).toBeDefined();
      return first!.workflowId;
    }, 30_000);
    expect(owner).toBe(underWay === year ? annualReportWorkflowId(year) : workflowId);
    await eventually(
      async () =>
        expect(await getProcess(stack.database.db, owner)).toMatchObject({
          type: 'annual_report',
          subjectId: String(year),
          stage: 'departments_reporting',
          dueDate: `${year}-12-31`,
        }),
      30_000,
    );
  });
});
