// 第五十一条 on the time-skipping server, its clock set to real 2025 days. An order issued on
// Friday 2025-09-26 with 10 working days, counted by hand from the 2025 calendar: day 1 is
// Sunday 09-28 (a 调休 working day), 09-29 and 09-30 are days 2–3, National Day 10-01..10-08 is
// off, 10-09 and 10-10 are days 4–5, Saturday 10-11 (worked) day 6, then 10-13..10-16 days 7–10.
// Due Thursday 2025-10-16 (24:00), yellow from 2025-10-15. The department reports, the authority
// accepts or rejects; unaccepted at the period's end → 通报批评 by circular, dated the next day.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { upsertOverride } from '../../db/repositories/calendar.repo';
import { getOrder, insertOrderOnce } from '../../db/repositories/rectifications.repo';
import { getProcess, listEvents } from '../../db/repositories/registry.repo';
import { circulars } from '../../db/schema';
import type { Actor } from '../../domain/roles';
import { acceptRectification, calendarChanged, getRectificationState, reportRectification } from '../../workflows/messages';
import { rectificationWorkflowId } from '../../workflows/options';
import type { RectificationInput } from '../../workflows/rectification.workflow';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';
import { patchesOf, recordHistory, updateEventsOf } from '../helpers/history';
import { noticesOf } from '../helpers/sharing';
import { seedProcess, seedViolation } from '../helpers/supervision';
import { advanceTo, createTestWorker, timeSkippingEnvAt, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';

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

type Order = Awaited<ReturnType<typeof issue>>;

/** Issues orders on 2025-09-26 (market's, then any others named) and runs `body` while a worker serves them. */
async function withOrders(departments: string[], body: (...h: Order[]) => Promise<void>): Promise<void> {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(async () => {
    const handles: Order[] = [];
    for (const d of departments) handles.push(await issue(taskQueue, d));
    await body(...handles);
  });
}
const withOrder = (body: (h: Order) => Promise<void>) => withOrders(['market'], body);

async function issue(taskQueue: string, departmentCode: string) {
  const violated = await seedProcess(database.db, { departmentCode, due: '2025-09-10', level: 'overdue' });
  const violationId = await seedViolation(database.db, {
    workflowId: violated,
    departmentCode,
    occurredAt: '2025-09-11T00:00:00+08:00',
  });
  const orderId = `ZG-test-${process.pid}-${++orders}`;
  const workflowId = rectificationWorkflowId(orderId);
  await insertOrderOnce(database.db, {
    id: orderId,
    violationId,
    departmentCode,
    workflowId,
    requirement: '补齐超期校核的处理记录并说明原因',
    periodWorkingDays: 10,
    issuedBy: reviewer.userId,
    issuedAt: new Date(ISSUED_AT),
  });
  const input: RectificationInput = {
    orderId,
    violationId,
    departmentCode,
    issuedOn: ISSUED_ON,
    periodWorkingDays: 10,
    issuedBy: reviewer,
  };
  const handle = await env.client.workflow.start('rectificationWorkflow', { taskQueue, workflowId, args: [input] });
  await eventually(async () => expect((await handle.query(getRectificationState))?.deadline.due).toBeTruthy());
  return Object.assign(handle, { orderId, violationId });
}

const report = (h: Order, actor: Actor, text: string) => h.executeUpdate(reportRectification, { args: [{ actor, report: text }] });
const decide = (h: Order, actor: Actor, accept: boolean, reason?: string) =>
  h.executeUpdate(acceptRectification, { args: [{ actor, accept, reason }] });

describe('rectificationWorkflow: report, acceptance', () => {
  it('"。" does not rectify; report → rejected with reasons → reported again → accepted: rectified, due 2025-10-16', async () => {
    await withOrder(async (h) => {
      expect((await h.query(getRectificationState))?.deadline).toMatchObject({
        due: '2025-10-16',
        endsAt: '2025-10-17T00:00:00+08:00',
        warningAt: '2025-10-15T00:00:00+08:00',
        provisional: false,
      });

      // A punctuation-only report is no report: refused, nothing changes.
      await advanceTo(env, '2025-10-09T10:00:00+08:00');
      expect(await updateRefusal(report(h, staff, '。'))).toBe('RECTIFICATION_REPORT_NOT_SUBSTANTIVE');
      expect((await h.query(getRectificationState))?.stage).toBe('rectifying');

      const first = await report(h, staff, '已补录部分处理记录');
      expect(first.stage).toBe('awaiting_acceptance');
      // The report does not close the order: it waits for the authority.
      expect(await getOrder(database.db, h.orderId)).toMatchObject({
        status: 'open',
        report: '已补录部分处理记录',
        reportedBy: staff.userId,
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        stage: 'awaiting_acceptance',
        status: 'open',
        dueDate: '2025-10-16',
      });
      // A second report while the first awaits the authority is refused.
      expect(await updateRefusal(report(h, staff, '再报一次整改情况'))).toBe('RECTIFICATION_AWAITING_ACCEPTANCE');

      await advanceTo(env, '2025-10-10T15:00:00+08:00');
      const rejected = await decide(h, reviewer, false, '未附处理记录清单，也未说明超期原因');
      expect(rejected.stage).toBe('rectifying');
      expect(await getOrder(database.db, h.orderId)).toMatchObject({
        status: 'open',
        rejectionReason: '未附处理记录清单，也未说明超期原因',
        acceptedBy: null,
      });
      expect((await getOrder(database.db, h.orderId))?.rejectedAt?.toISOString().slice(0, 19)).toBe('2025-10-10T07:00:00');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'rectifying', status: 'open' });

      await advanceTo(env, '2025-10-14T09:00:00+08:00');
      await report(h, staff, '已补录全部处理记录，附清单，并建立期限提醒制度');
      await advanceTo(env, '2025-10-14T16:00:00+08:00');
      const accepted = await decide(h, reviewer, true);
      expect(accepted.stage).toBe('rectified');
      expect(await h.result()).toEqual({ orderId: h.orderId, outcome: 'rectified', due: '2025-10-16' });
      await recordHistory(h, 'rectification-acceptance-rejected-accepted');

      const order = await getOrder(database.db, h.orderId);
      expect(order).toMatchObject({
        status: 'rectified',
        report: '已补录全部处理记录，附清单，并建立期限提醒制度',
        acceptedBy: reviewer.userId,
        criticizedAt: null,
      });
      expect(order?.reportedAt?.toISOString().slice(0, 19)).toBe('2025-10-14T01:00:00');
      expect(order?.acceptedAt?.toISOString().slice(0, 19)).toBe('2025-10-14T08:00:00');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'rectified', level: 'normal' });
      const events = await listEvents(database.db, h.workflowId);
      expect(events.map((e) => e.kind)).toEqual([
        'rectification_ordered',
        'rectification_reported',
        'rectification_rejected',
        'rectification_reported',
        'rectification_accepted',
      ]);
      expect(events[2]?.detail).toMatchObject({ accept: false, reason: '未附处理记录清单，也未说明超期原因' });
      expect(events[2]?.actorUserId).toBe(reviewer.userId);
      expect(await noticesOf(database.db, h.workflowId)).toEqual([
        { key: 'ordered', kind: 'rectification_ordered', departmentCode: 'market', role: null },
        { key: 'reported-1', kind: 'rectification_reported', departmentCode: null, role: 'authority_reviewer' },
        { key: 'rejected-1', kind: 'rectification_rejected', departmentCode: 'market', role: null },
        { key: 'reported-2', kind: 'rectification_reported', departmentCode: null, role: 'authority_reviewer' },
        { key: 'accepted', kind: 'rectification_accepted', departmentCode: 'market', role: null },
      ]);
      expect(await database.db.select().from(circulars)).toEqual([]);
    });
  });

  it('a calendar change counts the period again from the day of issue: 2025-10-15 a rest day, due 2025-10-17', async () => {
    await withOrder(async (h) => {
      await upsertOverride(database.db, { date: '2025-10-15', kind: 'holiday', reason: '测试：调整放假', createdBy: reviewer.userId });
      await h.signal(calendarChanged, { calendarVersion: 'changed' });
      await eventually(async () => expect(await getProcess(database.db, h.workflowId)).toMatchObject({ dueDate: '2025-10-17' }));
      expect((await h.query(getRectificationState))?.deadline).toMatchObject({ due: '2025-10-17', endsAt: '2025-10-18T00:00:00+08:00' });
      await advanceTo(env, '2025-10-17T09:00:00+08:00');
      await report(h, staff, '已补齐处理记录');
      await decide(h, reviewer, true, '整改到位');
      expect(await h.result()).toEqual({ orderId: h.orderId, outcome: 'rectified', due: '2025-10-17' });
    });
  });

  it('validators refuse another department, the authority reporting, a blank report, a department deciding, a decision with nothing to decide and a rejection without reasons', async () => {
    await withOrder(async (h) => {
      const civilStaff = await actorOf(database.db, 'civil-staff');
      const marketHead = await actorOf(database.db, 'market-head');
      expect(await updateRefusal(report(h, civilStaff, '越权报送整改情况'))).toBe('FORBIDDEN_DEPARTMENT');
      expect(await updateRefusal(report(h, reviewer, '代为报送整改情况'))).toBe('FORBIDDEN_DEPARTMENT');
      expect(await updateRefusal(report(h, staff, '  '))).toBe('RECTIFICATION_REPORT_NOT_SUBSTANTIVE');
      expect(await updateRefusal(decide(h, reviewer, true))).toBe('NO_RECTIFICATION_REPORT');
      await report(h, staff, '已补齐处理记录');
      expect(await updateRefusal(decide(h, marketHead, true))).toBe('NOT_RECTIFICATION_AUTHORITY');
      expect(await updateRefusal(decide(h, reviewer, false, '。'))).toBe('REASON_REQUIRED');
      expect((await h.query(getRectificationState))?.stage).toBe('awaiting_acceptance');
      expect((await getOrder(database.db, h.orderId))?.status).toBe('open');
      // Only the report was admitted.
      expect(await updateEventsOf(h)).toEqual([
        'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
        'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
      ]);
    });
  });
});

describe('rectificationWorkflow: 通报批评', () => {
  it('no accepted rectification by 24:00 of 2025-10-16: circulars 云数通〔2025〕1号 and 2号 dated 2025-10-17, notified to every department and the county government', async () => {
    await withOrders(['market', 'civil'], async (h, civil) => {
      await advanceTo(env, '2025-10-15T09:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.level).toBe('warning'));
      // market reports and is rejected on the last day: the order stays open, the period runs out.
      await advanceTo(env, '2025-10-16T10:00:00+08:00');
      expect(await updateRefusal(report(h, staff, '。。。'))).toBe('RECTIFICATION_REPORT_NOT_SUBSTANTIVE');
      await report(h, staff, '正在整改，尚未完成');
      await decide(h, reviewer, false, '整改尚未完成');

      await advanceTo(env, '2025-10-17T09:00:00+08:00');
      const [market, other] = [await h.result(), await civil!.result()];
      expect(market).toMatchObject({ orderId: h.orderId, outcome: 'criticized', due: '2025-10-16' });
      expect(other).toMatchObject({ orderId: civil!.orderId, outcome: 'criticized', due: '2025-10-16' });
      expect(new Set([market.circularNumber, other.circularNumber])).toEqual(new Set(['云数通〔2025〕1号', '云数通〔2025〕2号']));
      await recordHistory(h, 'rectification-acceptance-criticized');

      const order = await getOrder(database.db, h.orderId);
      expect(order).toMatchObject({ status: 'criticized', acceptedBy: null, rejectionReason: '整改尚未完成' });
      expect(order?.criticizedAt?.toISOString().slice(0, 19)).toBe('2025-10-16T16:00:00');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'criticized', level: 'overdue' });

      const [circular] = await database.db.select().from(circulars).where(eq(circulars.orderId, h.orderId));
      expect(circular).toMatchObject({
        year: 2025,
        number: market.circularNumber,
        issuedOn: '2025-10-17',
        departmentCode: 'market',
        violationId: h.violationId,
        issuedBy: 'county-data',
      });
      expect(circular?.text).toContain('关于对县市场监督管理局未按期完成整改的通报');
      expect(circular?.text).toContain('整改期限至 2025年10月16日');
      expect(circular?.text).toContain('第四十九条(八)');

      const events = await listEvents(database.db, h.workflowId);
      expect(events.map((e) => e.kind)).toEqual([
        'rectification_ordered',
        'level_warning',
        'rectification_reported',
        'rectification_rejected',
        'criticized',
      ]);
      expect(events[4]?.detail).toMatchObject({ due: '2025-10-16', article: '第五十一条', circularNumber: market.circularNumber });

      const circularNotices = (await noticesOf(database.db, h.workflowId)).filter((n) => n.kind === 'circular');
      // Every department of the seed: the authority, the county government, market and civil.
      // every department: 发展改革委 and 财政局 are 政务部门 too, whatever their part in 第四十七条
      expect(circularNotices.map((n) => n.departmentCode).sort()).toEqual([
        'civil',
        'county-data',
        'county-gov',
        'dev-reform',
        'finance',
        'market',
      ]);
      expect(circularNotices.every((n) => n.role === null)).toBe(true);

      // Closed: a late report is refused.
      await expect(report(h, staff, '迟到的整改报告内容')).rejects.toThrow();
      expect((await getOrder(database.db, h.orderId))?.status).toBe('criticized');
    });
  });

  it('a report filed in time awaits the authority past the period end (red, held by the authority); rejected then: 通报批评', async () => {
    await withOrder(async (h) => {
      await advanceTo(env, '2025-10-16T20:00:00+08:00');
      await report(h, staff, '已补录全部处理记录');
      await advanceTo(env, '2025-10-20T09:00:00+08:00');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({
          stage: 'awaiting_acceptance',
          level: 'overdue',
          status: 'open',
        }),
      );
      expect((await getOrder(database.db, h.orderId))?.status).toBe('open');
      await decide(h, reviewer, false, '记录不完整');
      expect(await h.result()).toMatchObject({ outcome: 'criticized', due: '2025-10-16', circularNumber: '云数通〔2025〕1号' });
      // Issued when the rejection left it unrectified after the period: Monday 2025-10-20.
      const [circular] = await database.db.select().from(circulars);
      expect(circular).toMatchObject({ orderId: h.orderId, issuedOn: '2025-10-20' });
    });
  });
});

describe('rectificationWorkflow history', () => {
  it('new runs take the acceptance path', async () => {
    await withOrder(async (h) => {
      await report(h, staff, '已补录全部处理记录');
      await decide(h, reviewer, true);
      await h.result();
      expect(patchesOf(await h.fetchHistory())).toEqual(expect.arrayContaining(['rectification-stage-clock', 'rectification-acceptance']));
    });
  });
});
