// 第五十一条 on the time-skipping server, its clock set to real 2025 days: an order issued on
// Friday 2025-09-26 with 10 working days runs through the National Day holiday (Oct 1–8, with
// Sep 28 and Oct 11 worked) and ends on Thursday 2025-10-16; yellow from 2025-10-15.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { upsertOverride } from '../../db/repositories/calendar.repo';
import { getOrder, insertOrderOnce } from '../../db/repositories/rectifications.repo';
import { getProcess, listEvents } from '../../db/repositories/registry.repo';
import type { Actor } from '../../domain/roles';
import { calendarChanged, getRectificationState, reportRectification } from '../../workflows/messages';
import { rectificationWorkflowId } from '../../workflows/options';
import type { RectificationInput } from '../../workflows/rectification.workflow';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';
import { seedProcess, seedViolation } from '../helpers/supervision';
import { noticesOf } from '../helpers/sharing';
import { advanceTo, createTestWorker, timeSkippingEnvAt, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';
import { recordHistory, updateEventsOf } from '../helpers/history';

const ISSUED_ON = '2025-09-26';
const ISSUED_AT = '2025-09-26T10:00:00+08:00';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let reviewer: Actor;
let orders = 0;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt(ISSUED_AT), testDatabase()]);
  staff = await actorOf(database.db, 'market-staff');
  reviewer = await actorOf(database.db, 'reviewer');
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

/** Issues an order against a market violation on 2025-09-26 and runs `body` while a worker serves it. */
async function withOrder(body: (h: Awaited<ReturnType<typeof issue>>) => Promise<void>): Promise<void> {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(async () => body(await issue(taskQueue)));
}

async function issue(taskQueue: string) {
  const violated = await seedProcess(database.db, { departmentCode: 'market', due: '2025-09-10', level: 'overdue' });
  const violationId = await seedViolation(database.db, {
    workflowId: violated,
    departmentCode: 'market',
    occurredAt: '2025-09-11T00:00:00+08:00',
  });
  const orderId = `ZG-test-${process.pid}-${++orders}`;
  const workflowId = rectificationWorkflowId(orderId);
  await insertOrderOnce(database.db, {
    id: orderId,
    violationId,
    departmentCode: 'market',
    workflowId,
    requirement: '补齐超期校核的处理记录并说明原因',
    periodWorkingDays: 10,
    issuedBy: reviewer.userId,
    issuedAt: new Date(ISSUED_AT),
  });
  const input: RectificationInput = {
    orderId,
    violationId,
    departmentCode: 'market',
    issuedOn: ISSUED_ON,
    periodWorkingDays: 10,
    issuedBy: reviewer,
  };
  const handle = await env.client.workflow.start('rectificationWorkflow', { taskQueue, workflowId, args: [input] });
  await eventually(async () => expect((await handle.query(getRectificationState))?.deadline.due).toBeTruthy());
  return Object.assign(handle, { orderId });
}

describe('rectificationWorkflow', () => {
  it('rectified in time: due 2025-10-16 across National Day; the report closes the order as rectified', async () => {
    await withOrder(async (h) => {
      const state = await h.query(getRectificationState);
      expect(state?.deadline).toMatchObject({
        due: '2025-10-16',
        endsAt: '2025-10-17T00:00:00+08:00',
        warningAt: '2025-10-15T00:00:00+08:00',
        provisional: false,
      });
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({
          type: 'rectification',
          departmentCode: 'market',
          subjectId: h.orderId,
          stage: 'rectifying',
          status: 'open',
          dueDate: '2025-10-16',
        }),
      );

      await advanceTo(env, '2025-10-14T15:00:00+08:00');
      const done = await h.executeUpdate(reportRectification, { args: [{ actor: staff, report: '已补录处理记录，建立期限提醒制度' }] });
      expect(done.stage).toBe('rectified');
      expect(await h.result()).toEqual({ orderId: h.orderId, outcome: 'rectified', due: '2025-10-16' });

      const order = await getOrder(database.db, h.orderId);
      expect(order).toMatchObject({
        status: 'rectified',
        report: '已补录处理记录，建立期限提醒制度',
        reportedBy: staff.userId,
        criticizedAt: null,
      });
      expect(order?.reportedAt?.toISOString().slice(0, 19)).toBe('2025-10-14T07:00:00');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'rectified', level: 'normal' });
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual(['rectification_ordered', 'rectification_reported']);
      expect(await noticesOf(database.db, h.workflowId)).toEqual([
        { key: 'ordered', kind: 'rectification_ordered', departmentCode: 'market', role: null },
      ]);
    });
  });

  it('a calendar change counts the period again from the day of issue: 2025-10-15 a rest day, due 2025-10-17', async () => {
    await withOrder(async (h) => {
      await upsertOverride(database.db, { date: '2025-10-15', kind: 'holiday', reason: '测试：调整放假', createdBy: reviewer.userId });
      await h.signal(calendarChanged, { calendarVersion: 'changed' });
      await eventually(async () => expect(await getProcess(database.db, h.workflowId)).toMatchObject({ dueDate: '2025-10-17' }));
      expect((await h.query(getRectificationState))?.deadline).toMatchObject({ due: '2025-10-17', endsAt: '2025-10-18T00:00:00+08:00' });
      await advanceTo(env, '2025-10-17T09:00:00+08:00');
      await h.executeUpdate(reportRectification, { args: [{ actor: staff, report: '已补齐处理记录' }] });
      expect(await h.result()).toEqual({ orderId: h.orderId, outcome: 'rectified', due: '2025-10-17' });
    });
  });

  it('not rectified: yellow on 2025-10-15, then 通报批评 at the end of 2025-10-16, recorded and notified; a late report is refused', async () => {
    await withOrder(async (h) => {
      await advanceTo(env, '2025-10-15T09:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.level).toBe('warning'));

      await advanceTo(env, '2025-10-17T09:00:00+08:00');
      expect(await h.result()).toEqual({ orderId: h.orderId, outcome: 'criticized', due: '2025-10-16' });
      await recordHistory(h, 'rectification-criticized-shared-clock');

      const order = await getOrder(database.db, h.orderId);
      expect(order).toMatchObject({ status: 'criticized', report: null, reportedAt: null });
      // 24:00 Beijing time of the due day, to the second.
      expect(order?.criticizedAt?.toISOString().slice(0, 19)).toBe('2025-10-16T16:00:00');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'criticized', level: 'overdue' });
      const events = await listEvents(database.db, h.workflowId);
      expect(events.map((e) => e.kind)).toEqual(['rectification_ordered', 'level_warning', 'criticized']);
      expect(events[2]?.detail).toMatchObject({ due: '2025-10-16', article: '第五十一条' });
      expect(await noticesOf(database.db, h.workflowId)).toEqual([
        { key: 'ordered', kind: 'rectification_ordered', departmentCode: 'market', role: null },
        { key: 'criticized', kind: 'criticized', departmentCode: 'market', role: null },
        { key: 'criticized', kind: 'criticized', departmentCode: null, role: 'authority_reviewer' },
      ]);

      // The period is over and the process closed: nothing more is accepted.
      await expect(h.executeUpdate(reportRectification, { args: [{ actor: staff, report: '迟到的整改报告' }] })).rejects.toThrow();
      expect((await getOrder(database.db, h.orderId))?.status).toBe('criticized');
    });
  });

  it('a report by another department, by the authority, or without content is refused by the validator, leaving no trace', async () => {
    await withOrder(async (h) => {
      const civilStaff = await actorOf(database.db, 'civil-staff');
      expect(await updateRefusal(h.executeUpdate(reportRectification, { args: [{ actor: civilStaff, report: '越权报送' }] }))).toBe(
        'FORBIDDEN_DEPARTMENT',
      );
      expect(await updateRefusal(h.executeUpdate(reportRectification, { args: [{ actor: reviewer, report: '代为报送' }] }))).toBe(
        'FORBIDDEN_DEPARTMENT',
      );
      expect(await updateRefusal(h.executeUpdate(reportRectification, { args: [{ actor: staff, report: '  ' }] }))).toBe('REASON_REQUIRED');
      expect(await updateEventsOf(h)).toEqual([]);
      expect((await h.query(getRectificationState))?.stage).toBe('rectifying');
      expect((await getOrder(database.db, h.orderId))?.status).toBe('open');
    });
  });
});
