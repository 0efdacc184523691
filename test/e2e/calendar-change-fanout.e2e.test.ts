// Issue 18 (regression, not timed): on the dev server, a calendar change made through the API
// over a few hundred open processes recounts every one of them: each registry row ends up
// counted with the calendar version the API reported. About 2 minutes on a loaded 2-core machine.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processes } from '../../db/schema';
import { beijingDate } from '../../domain/working-days';
import type { CalendarChangeProgress } from '../../workflows/messages';
import { actorOf } from '../helpers/actors';
import { insertCorrection } from '../helpers/corrections';
import { devStack, httpCaller, type Stack } from '../helpers/stack';
import { eventually } from '../helpers/wait';

const OPEN_PROCESSES = 300;

let stack: Stack;
beforeAll(async () => {
  stack = await devStack();
});
afterAll(async () => stack?.close());

describe('calendar change over 300 open processes', () => {
  it('recounts every open process with the new calendar version', { timeout: 240_000 }, async () => {
    const client = await stack.client();
    await stack.startWorker();
    const api = await stack.startApi();
    const { db } = stack.database;
    const staff = await actorOf(db, 'market-staff');
    const receivedOn = beijingDate(Date.now());

    const ids: string[] = [];
    for (let i = 0; i < OPEN_PROCESSES; i += 10) {
      const rows = await Promise.all(Array.from({ length: 10 }, () => insertCorrection(db, staff, receivedOn)));
      await Promise.all(
        rows.map((row) =>
          client.workflow.start('correctionWorkflow', {
            taskQueue: stack.env.taskQueue,
            workflowId: row.workflowId,
            args: [{ correctionId: row.id, departmentCode: 'market', receivedOn, filedBy: staff }],
          }),
        ),
      );
      ids.push(...rows.map((r) => r.workflowId));
    }
    const counted = (version?: string) =>
      db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(processes)
        .where(
          and(
            // ours only: in December the worker opens the year's annual report too
            eq(processes.type, 'correction'),
            eq(processes.status, 'open'),
            version ? eq(processes.calendarVersion, version) : sql`${processes.calendarVersion} is not null`,
          ),
        );
    await eventually(async () => expect((await counted())[0]?.n).toBe(OPEN_PROCESSES), 120_000);

    // A day of next year made a holiday: a new calendar version for every open process.
    const nextYear = Number(receivedOn.slice(0, 4)) + 1;
    const res = await httpCaller(api.url)('admin', 'PUT', `/v1/calendar/overrides/${nextYear}-06-15`, {
      kind: 'holiday',
      reason: '测试：日历调整',
    });
    expect(res.status).toBe(200);
    const { calendarVersion, recountWorkflowId } = res.body as { calendarVersion: string; recountWorkflowId: string };

    const progress = (await client.workflow.getHandle(recountWorkflowId).result()) as CalendarChangeProgress;
    expect(progress).toMatchObject({ done: true, superseded: false });
    // ours, and the reporting year the worker may have opened meanwhile
    expect(progress.signalled).toBeGreaterThanOrEqual(OPEN_PROCESSES);
    await eventually(async () => expect((await counted(calendarVersion))[0]?.n).toBe(OPEN_PROCESSES), 120_000);
    const rows = await db.select({ id: processes.workflowId, v: processes.calendarVersion }).from(processes);
    expect(rows.filter((r) => ids.includes(r.id)).every((r) => r.v === calendarVersion)).toBe(true);
  });
});
