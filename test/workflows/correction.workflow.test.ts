// 第二十三条 on the time-skipping server, its clock set to real 2025 days: the 10 working days
// from Friday 2025-09-26 run through the National Day holiday (Oct 1–8, with Sep 28 and
// Oct 11 worked) and end on Thursday 2025-10-16.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { getCorrection, listExtensions } from '../../db/repositories/corrections.repo';
import { getProcess, listEvents } from '../../db/repositories/registry.repo';
import { notifications, violations } from '../../db/schema';
import type { Actor } from '../../domain/roles';
import { upsertOverride } from '../../db/repositories/calendar.repo';
import { calendarChanged, decideExtension, getCorrectionState, recordVerification, requestExtension } from '../../workflows/messages';
import { actorOf } from '../helpers/actors';
import { insertCorrection } from '../helpers/corrections';
import { noticesOf } from '../helpers/sharing';
import { testDatabase } from '../helpers/db';
import { advanceTo, createTestWorker, timeSkippingEnvAt, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';
import { recordHistory, updateEventsOf } from '../helpers/history';

const RECEIVED_ON = '2025-09-26';
const RECEIVED_AT = '2025-09-26T10:00:00+08:00';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let head: Actor;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt(RECEIVED_AT), testDatabase()]);
  staff = await actorOf(database.db, 'market-staff');
  head = await actorOf(database.db, 'market-head');
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

/** Starts a correction received on 2025-09-26 and runs `body` while a worker serves it. */
async function withCorrection(body: (h: Awaited<ReturnType<typeof start>>) => Promise<void>): Promise<void> {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(async () => body(await start(taskQueue)));
}

async function start(taskQueue: string) {
  const row = await insertCorrection(database.db, staff, RECEIVED_ON);
  const handle = await env.client.workflow.start('correctionWorkflow', {
    taskQueue,
    workflowId: row.workflowId,
    args: [{ correctionId: row.id, departmentCode: 'market', receivedOn: RECEIVED_ON, filedBy: staff }],
  });
  await eventually(async () => expect((await handle.query(getCorrectionState))?.deadline.due).toBeTruthy());
  return Object.assign(handle, { row });
}

const verified = {
  outcome: 'corrected' as const,
  summary: '已按营业执照更正住所',
  changes: [{ item: '住所', before: '云阳县老街1号', after: '云阳县新街8号' }],
};

describe('correctionWorkflow', () => {
  it('verified on time: due 2025-10-16 across National Day, closed, result stored, no violation', async () => {
    await withCorrection(async (h) => {
      const state = await h.query(getCorrectionState);
      expect(state?.deadline).toMatchObject({
        due: '2025-10-16',
        endsAt: '2025-10-17T00:00:00+08:00',
        warningAt: '2025-10-15T00:00:00+08:00',
        provisional: false,
      });
      expect(state?.deadline.calendarVersion).toMatch(/^chinese-days@1\.5\.7\+/);

      await advanceTo(env, '2025-10-10T09:00:00+08:00');
      const done = await h.executeUpdate(recordVerification, { args: [{ actor: staff, ...verified }] });
      expect(done.stage).toBe('completed');
      expect(await h.result()).toEqual({ correctionId: h.row.id, outcome: 'corrected', due: '2025-10-16', late: false });

      expect(await getCorrection(database.db, h.row.id)).toMatchObject({
        outcome: 'corrected',
        outcomeDetail: { changes: verified.changes },
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        status: 'closed',
        stage: 'completed',
        level: 'normal',
        dueDate: '2025-10-16',
      });
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual(['filed', 'verified']);
      expect(await database.db.select().from(violations)).toHaveLength(0);
    });
  });

  it('extension approved by the head: 5 working days counted from 2025-10-16 end on 2025-10-23', async () => {
    await withCorrection(async (h) => {
      await advanceTo(env, '2025-10-13T09:00:00+08:00');
      const ext = await h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 5, reason: '需调取工商档案原件' }] });
      expect(ext).toMatchObject({ id: 1, days: 5, status: 'pending' });
      expect((await getProcess(database.db, h.workflowId))?.stage).toBe('extension_pending');

      const decided = await h.executeUpdate(decideExtension, { args: [{ actor: head, approve: true }] });
      expect(decided.extension.status).toBe('approved');
      expect(await listExtensions(database.db, h.workflowId)).toEqual([decided.extension]);
      expect(decided.deadline).toMatchObject({ due: '2025-10-23', endsAt: '2025-10-24T00:00:00+08:00' });
      expect((await h.query(getCorrectionState))?.originalDeadline.due).toBe('2025-10-16');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ dueDate: '2025-10-23', stage: 'verifying' }),
      );

      await advanceTo(env, '2025-10-21T09:00:00+08:00');
      await h.executeUpdate(recordVerification, { args: [{ actor: staff, ...verified }] });
      expect(await h.result()).toMatchObject({ due: '2025-10-23', late: false });
      expect(await database.db.select().from(violations)).toHaveLength(0);
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual(
        expect.arrayContaining(['extension_requested', 'extension_approved', 'deadline_set', 'verified']),
      );
      expect(await updateEventsOf(h)).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
      await recordHistory(h, 'correction-extension-approved-decision-rules');
    });
  });

  it('a calendar change after an approved extension counts both again: the 5 days still run from the original due date', async () => {
    await withCorrection(async (h) => {
      await advanceTo(env, '2025-10-13T09:00:00+08:00');
      await h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 5, reason: '需调取工商档案原件' }] });
      expect((await h.executeUpdate(decideExtension, { args: [{ actor: head, approve: true }] })).deadline.due).toBe('2025-10-23');

      // Monday 2025-10-20 declared a rest day: 10-17, 10-21, 10-22, 10-23, 10-24.
      await upsertOverride(database.db, { date: '2025-10-20', kind: 'holiday', reason: '测试：调整放假', createdBy: head.userId });
      await h.signal(calendarChanged, { calendarVersion: 'changed' });
      await eventually(async () => expect(await getProcess(database.db, h.workflowId)).toMatchObject({ dueDate: '2025-10-24' }));
      const state = await h.query(getCorrectionState);
      expect(state?.deadline).toMatchObject({ due: '2025-10-24', endsAt: '2025-10-25T00:00:00+08:00' });
      expect(state?.originalDeadline.due).toBe('2025-10-16');
      expect((await listEvents(database.db, h.workflowId)).filter((e) => e.kind === 'deadline_set').map((e) => e.detail)).toContainEqual(
        expect.objectContaining({ originalDue: '2025-10-16', extensionDays: 5, deadline: expect.objectContaining({ due: '2025-10-24' }) }),
      );
    });
  });

  it('extension refused: the original deadline stays in force', async () => {
    await withCorrection(async (h) => {
      await advanceTo(env, '2025-10-13T09:00:00+08:00');
      await h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 3, reason: '需现场核实' }] });
      expect(await updateRefusal(h.executeUpdate(decideExtension, { args: [{ actor: head, approve: false }] }))).toBe('REASON_REQUIRED');
      const decided = await h.executeUpdate(decideExtension, { args: [{ actor: head, approve: false, reason: '材料已齐备，无需延期' }] });
      expect(decided.extension).toMatchObject({ status: 'refused', decisionReason: '材料已齐备，无需延期' });
      expect(await database.db.select().from(notifications).where(eq(notifications.workflowId, h.workflowId))).toEqual([
        expect.objectContaining({
          kind: 'extension_refused',
          departmentCode: 'market',
          role: 'department_staff',
          message: `数据校核 ${h.row.id} 的延期申请未获同意（材料已齐备，无需延期），期限仍为 2025年10月16日`,
        }),
      ]);
      expect(decided.deadline.due).toBe('2025-10-16');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ dueDate: '2025-10-16', stage: 'verifying' });
    });
  });

  it('extension asked after the deadline is rejected by the validator and leaves no trace in history', async () => {
    await withCorrection(async (h) => {
      await advanceTo(env, '2025-10-17T08:00:00+08:00');
      expect(await updateRefusal(h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 2, reason: '来不及' }] }))).toBe(
        'EXTENSION_AFTER_DEADLINE',
      );
      expect(await updateEventsOf(h)).toEqual([]);
      expect((await h.query(getCorrectionState))?.extensions).toEqual([]);
    });
  });

  it('only the head of the providing department decides; limits of 1–10 and 10 in total hold', async () => {
    await withCorrection(async (h) => {
      const civilHead = await actorOf(database.db, 'civil-head');
      const civilStaff = await actorOf(database.db, 'civil-staff');
      expect(await updateRefusal(h.executeUpdate(requestExtension, { args: [{ actor: civilStaff, days: 2, reason: '越权' }] }))).toBe(
        'FORBIDDEN_DEPARTMENT',
      );
      expect(await updateRefusal(h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 11, reason: '太长' }] }))).toBe(
        'EXTENSION_DAYS_RANGE',
      );
      await h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 8, reason: '需调取档案' }] });
      expect(await updateRefusal(h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 1, reason: '再申请' }] }))).toBe(
        'EXTENSION_PENDING',
      );
      expect(await updateRefusal(h.executeUpdate(decideExtension, { args: [{ actor: staff, approve: true }] }))).toBe(
        'NOT_DEPARTMENT_HEAD',
      );
      expect(await updateRefusal(h.executeUpdate(decideExtension, { args: [{ actor: civilHead, approve: true }] }))).toBe(
        'NOT_DEPARTMENT_HEAD',
      );
      await h.executeUpdate(decideExtension, { args: [{ actor: head, approve: true }] });
      expect(await updateRefusal(h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 3, reason: '还要' }] }))).toBe(
        'EXTENSION_TOTAL_EXCEEDED',
      );
      const second = await h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 2, reason: '还要两天' }] });
      expect(second.id).toBe(2);
      // Closing with a request still before the head lapses it, in the table too.
      await h.executeUpdate(recordVerification, { args: [{ actor: staff, ...verified }] });
      expect((await listExtensions(database.db, h.workflowId)).map((e) => `${e.id} ${e.days} ${e.status}`)).toEqual([
        '1 8 approved',
        '2 2 lapsed',
      ]);
    });
  });

  it('overdue: warning on 2025-10-15, red after 2025-10-16, one violation of 第四十九条(八), late finish recorded', async () => {
    await withCorrection(async (h) => {
      await advanceTo(env, '2025-10-15T09:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.level).toBe('warning'));
      await h.executeUpdate(requestExtension, { args: [{ actor: staff, days: 2, reason: '待负责人审批' }] });

      await advanceTo(env, '2025-10-17T09:00:00+08:00');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ level: 'overdue', stage: 'overdue' }),
      );
      // The head never decided: the request lapsed with the deadline (第二十三条).
      expect((await h.query(getCorrectionState))?.extensions[0]?.status).toBe('lapsed');
      expect((await listExtensions(database.db, h.workflowId)).map((e) => e.status)).toEqual(['lapsed']);
      const [violation] = await database.db.select().from(violations).where(eq(violations.workflowId, h.workflowId));
      expect(violation).toMatchObject({
        article: '第四十九条(八)',
        departmentCode: 'market',
        dueDate: '2025-10-16',
        kind: 'correction_overdue',
      });
      // The outbox: yellow to the department; red to the department and, county-wide, to the authority.
      await eventually(async () => {
        const notices = await noticesOf(database.db, h.workflowId);
        expect(notices.map((n) => `${n.kind} ${n.departmentCode ?? '*'} ${n.role ?? '*'}`).sort()).toEqual([
          'correction_deadline_warning market *',
          'correction_overdue * authority_reviewer',
          'correction_overdue market *',
        ]);
      });

      await advanceTo(env, '2025-10-20T09:00:00+08:00');
      await h.executeUpdate(recordVerification, { args: [{ actor: staff, outcome: 'confirmed', summary: '经核实数据无误', changes: [] }] });
      expect(await h.result()).toMatchObject({ outcome: 'confirmed', late: true, due: '2025-10-16' });
      expect(await database.db.select().from(violations)).toHaveLength(1);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', level: 'overdue' });
    });
  });
});
