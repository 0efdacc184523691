// 第二十六条, 第三十一条, 第三十二条 on the time-skipping server, its clock at real 2025 days: a
// request received on Friday 2025-09-26 with 5 working days runs through the National Day
// holiday (Oct 1–8, Sep 28 and Oct 11 worked) and is due on Friday 2025-10-10; ten working days
// from the same day end on Thursday 2025-10-16.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { getConflict, listPositions } from '../../db/repositories/conflicts.repo';
import { getProcess, listEvents, listViolations } from '../../db/repositories/registry.repo';
import { getDispute, getSharingRequest } from '../../db/repositories/sharing.repo';
import type { Actor } from '../../domain/roles';
import type { ConflictInput } from '../../workflows/conflict.workflow';
import {
  decideConflict,
  decideDispute,
  decideSharing,
  getConflictState,
  getDisputeState,
  getSharingRequestState,
  recordPosition,
  referDispute,
} from '../../workflows/messages';
import type { SharingDisputeInput } from '../../workflows/sharing-dispute.workflow';
import type { SharingRequestInput } from '../../workflows/sharing-request.workflow';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';
import { noticeTextsOf, noticesOf, seedConflict, seedDispute, seedSharingRequest } from '../helpers/sharing';
import { advanceTo, createTestWorker, timeSkippingEnvAt, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';
import { recordHistory } from '../helpers/history';

const RECEIVED_ON = '2025-09-26';
const RECEIVED_AT = '2025-09-26T10:00:00+08:00';

let env: TestWorkflowEnvironment;
let database: Database;
let civil: Actor;
let market: Actor;
let reviewer: Actor;
let county: Actor;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt(RECEIVED_AT), testDatabase()]);
  [civil, market, reviewer, county] = await Promise.all([
    actorOf(database.db, 'civil-staff'),
    actorOf(database.db, 'market-staff'),
    actorOf(database.db, 'reviewer'),
    actorOf(database.db, 'county'),
  ]);
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

async function serve(body: (taskQueue: string) => Promise<void>): Promise<void> {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(body(taskQueue));
}

async function startRequest(taskQueue: string) {
  const row = await seedSharingRequest(database.db, civil);
  const input: SharingRequestInput = {
    requestId: row.id,
    requesterDepartment: 'civil',
    providerDepartment: 'market',
    resourceCode: 'MKT-002',
    dataItems: row.dataItems,
    receivedOn: RECEIVED_ON,
    decisionWorkingDays: 5,
    requestedBy: civil,
  };
  const handle = await env.client.workflow.start('sharingRequestWorkflow', { taskQueue, workflowId: row.workflowId!, args: [input] });
  await eventually(async () => expect((await handle.query(getSharingRequestState))?.deadline.due).toBeTruthy());
  return Object.assign(handle, { requestId: row.id });
}

async function startDispute(taskQueue: string, disputed: 'refused' | 'granted_in_part' = 'refused') {
  const request = await seedSharingRequest(database.db, civil, disputed);
  const row = await seedDispute(database.db, request.id, civil);
  const input: SharingDisputeInput = {
    disputeId: row.id,
    requestId: request.id,
    requesterDepartment: 'civil',
    providerDepartment: 'market',
    requestedItems: request.dataItems,
    ...(disputed === 'granted_in_part' && { grantedBefore: ['统一社会信用代码'] }),
    filedOn: RECEIVED_ON,
    filedBy: civil,
  };
  const handle = await env.client.workflow.start('sharingDisputeWorkflow', { taskQueue, workflowId: row.workflowId, args: [input] });
  await eventually(async () => expect((await handle.query(getDisputeState))?.deadline.due).toBeTruthy());
  return Object.assign(handle, { disputeId: row.id, requestId: request.id });
}

async function startConflict(taskQueue: string) {
  const row = await seedConflict(database.db, reviewer);
  const input: ConflictInput = { conflictId: row.id, departments: ['market', 'civil'], openedOn: RECEIVED_ON, openedBy: reviewer };
  const handle = await env.client.workflow.start('conflictWorkflow', { taskQueue, workflowId: row.workflowId, args: [input] });
  await eventually(async () => expect((await handle.query(getConflictState))?.deadline.due).toBeTruthy());
  return Object.assign(handle, { conflictId: row.id });
}

const advance = (iso: string): Promise<void> => advanceTo(env, iso);
const rejection = updateRefusal;
const notices = (workflowId: string) => noticesOf(database.db, workflowId);

describe('sharingRequestWorkflow', () => {
  it('approved in part within 5 working days (due 2025-10-10 across National Day): the grant holds only the named items', async () => {
    await serve(async (taskQueue) => {
      const h = await startRequest(taskQueue);
      expect((await h.query(getSharingRequestState))?.deadline).toMatchObject({
        due: '2025-10-10',
        endsAt: '2025-10-11T00:00:00+08:00',
        provisional: false,
      });
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({
          type: 'sharing_request',
          departmentCode: 'market',
          stage: 'awaiting_sharing_decision',
          dueDate: '2025-10-10',
          status: 'open',
        }),
      );

      // Only the provider decides; a partial approval must name a proper subset.
      expect(await rejection(h.executeUpdate(decideSharing, { args: [{ actor: civil, decision: 'approve' }] }))).toBe('NOT_PROVIDER');
      expect(
        await rejection(
          h.executeUpdate(decideSharing, { args: [{ actor: market, decision: 'approve_in_part', dataItems: ['处罚决定书文号'] }] }),
        ),
      ).toBe('SHARING_PARTIAL_ITEMS');
      expect(await rejection(h.executeUpdate(decideSharing, { args: [{ actor: market, decision: 'refuse', reason: ' ' }] }))).toBe(
        'REASON_REQUIRED',
      );

      await advance('2025-10-09T11:00:00+08:00');
      const s = await h.executeUpdate(decideSharing, {
        args: [{ actor: market, decision: 'approve_in_part', dataItems: ['统一社会信用代码', '处罚类别'] }],
      });
      expect(s.stage).toBe('granted_in_part');
      expect(await h.result()).toEqual({ requestId: h.requestId, outcome: 'granted_in_part', due: '2025-10-10', late: false });
      await recordHistory(h, 'sharing-request-granted-in-part');

      const row = await getSharingRequest(database.db, h.requestId);
      expect(row?.request).toMatchObject({ status: 'granted_in_part', decidedBy: market.userId, decidedLate: false });
      expect(row?.grant).toMatchObject({
        id: `GR-${h.requestId}`,
        dataItems: ['统一社会信用代码', '处罚类别'],
        source: 'provider',
        requesterDepartment: 'civil',
        revokedAt: null,
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'granted_in_part', level: 'warning' });
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual([
        'sharing_requested',
        'level_warning',
        'sharing_granted_in_part',
      ]);
      expect(await listViolations(database.db, h.workflowId)).toEqual([]);
    });
  });

  it('no decision by 2025-10-10: a timeliness finding against the provider (the authority’s period, not 第三十二条), the authority notified; a late refusal still closes it', async () => {
    await serve(async (taskQueue) => {
      const h = await startRequest(taskQueue);
      await advance('2025-10-11T09:00:00+08:00');
      await eventually(async () =>
        expect(await listViolations(database.db, h.workflowId)).toMatchObject([
          {
            article: '第三十条（主管部门设定的答复期限）',
            findingClass: 'timeliness',
            partyKind: 'department',
            kind: 'sharing_decision_overdue',
            departmentCode: 'market',
            dueDate: '2025-10-10',
          },
        ]),
      );
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ level: 'overdue', status: 'open' });
      expect(await notices(h.workflowId)).toEqual([
        { key: 'requested', kind: 'sharing_requested', departmentCode: 'market', role: null },
        { key: 'overdue-2025-10-10', kind: 'sharing_decision_overdue', departmentCode: null, role: 'authority_reviewer' },
        { key: 'overdue-2025-10-10', kind: 'sharing_decision_overdue', departmentCode: 'market', role: null },
      ]);
      // Issue 15: what officials read names the departments and the resource, and dates in Chinese.
      expect(await noticeTextsOf(database.db, h.workflowId)).toEqual([
        '县民政局 申请共享 行政处罚信息（MKT-002），请于 2025年10月10日 前作出决定',
        `县市场监督管理局 未在 2025年10月10日 前答复共享申请 ${h.requestId}（行政处罚信息 MKT-002）`,
        `共享申请 ${h.requestId} 已超过答复期限 2025年10月10日，请尽快作出决定`,
      ]);

      await advance('2025-10-13T10:00:00+08:00');
      await h.executeUpdate(decideSharing, { args: [{ actor: market, decision: 'refuse', reason: '涉及未公开的处罚信息' }] });
      expect(await h.result()).toEqual({ requestId: h.requestId, outcome: 'refused', due: '2025-10-10', late: true });
      const row = await getSharingRequest(database.db, h.requestId);
      expect(row?.request).toMatchObject({ status: 'refused', reason: '涉及未公开的处罚信息', decidedLate: true });
      expect(row?.grant).toBeNull();
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual([
        'sharing_requested',
        'level_warning',
        'level_overdue',
        'sharing_refused',
      ]);
    });
  });
});

describe('sharingDisputeWorkflow', () => {
  it('the authority coordinates (due 2025-10-16), refers it on 2025-10-14; the county government (due 2025-10-28) overturns the refusal: a grant', async () => {
    await serve(async (taskQueue) => {
      const h = await startDispute(taskQueue);
      expect((await h.query(getDisputeState))?.deadline.due).toBe('2025-10-16');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({
          type: 'sharing_dispute',
          stage: 'dispute_coordinating',
          dueDate: '2025-10-16',
        }),
      );
      // Before the referral the county government may not decide; departments never.
      expect(
        await rejection(h.executeUpdate(decideDispute, { args: [{ actor: county, outcome: 'overturned', reason: '依法应当共享' }] })),
      ).toBe('FORBIDDEN_ROLE_STEP');
      expect(await rejection(h.executeUpdate(referDispute, { args: [{ actor: market, reason: '报请' }] }))).toBe('FORBIDDEN_ROLE_STEP');

      await advance('2025-10-14T10:00:00+08:00');
      const referred = await h.executeUpdate(referDispute, { args: [{ actor: reviewer, reason: '双方意见分歧，报请县政府决定' }] });
      expect(referred).toMatchObject({ stage: 'dispute_referred', deadline: { due: '2025-10-28' } });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        stage: 'dispute_referred',
        dueDate: '2025-10-28',
        level: 'normal',
      });
      expect((await getDispute(database.db, h.disputeId))?.dispute).toMatchObject({
        status: 'dispute_referred',
        referralReason: '双方意见分歧，报请县政府决定',
      });
      // Now only the county government decides.
      expect(await rejection(h.executeUpdate(decideDispute, { args: [{ actor: reviewer, outcome: 'upheld', reason: '维持' }] }))).toBe(
        'FORBIDDEN_ROLE_STEP',
      );

      await advance('2025-10-20T10:00:00+08:00');
      await h.executeUpdate(decideDispute, {
        args: [
          { actor: county, outcome: 'overturned', dataItems: ['统一社会信用代码', '处罚日期'], reason: '登记审查属法定职责，应予共享' },
        ],
      });
      expect(await h.result()).toEqual({
        disputeId: h.disputeId,
        outcome: 'overturned',
        decidedBy: 'county_government',
        grantedItems: ['统一社会信用代码', '处罚日期'],
      });
      await recordHistory(h, 'sharing-dispute-referred-overturned');

      const row = await getDispute(database.db, h.disputeId);
      expect(row?.dispute).toMatchObject({ status: 'overturned', decidedBy: county.userId, decidedRole: 'county_government' });
      expect((await getSharingRequest(database.db, h.requestId))?.grant).toMatchObject({
        source: 'dispute',
        dataItems: ['统一社会信用代码', '处罚日期'],
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'overturned' });
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual([
        'dispute_filed',
        'dispute_referred',
        'dispute_overturned',
      ]);
    });
  });

  it('the authority passes its deadline (red on 2025-10-17, notified), then upholds the refusal itself: no grant', async () => {
    await serve(async (taskQueue) => {
      const h = await startDispute(taskQueue);
      await advance('2025-10-17T09:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.level).toBe('overdue'));
      expect((await notices(h.workflowId)).map((n) => n.key)).toContain('overdue-authority_reviewer-2025-10-16');
      await h.executeUpdate(decideDispute, {
        args: [{ actor: reviewer, outcome: 'upheld', reason: '该资源依法有条件共享，申请用途不符' }],
      });
      expect(await h.result()).toMatchObject({ outcome: 'upheld', decidedBy: 'authority_reviewer', grantedItems: [] });
      expect((await getSharingRequest(database.db, h.requestId))?.grant).toBeNull();
      expect((await getDispute(database.db, h.disputeId))?.dispute.status).toBe('upheld');
    });
  });
});

describe('sharingDisputeWorkflow: a disputed partial grant (SPEC §3.7)', () => {
  it('market granted only 统一社会信用代码; civil disputes; the authority (due 2025-10-16) widens it on 2025-10-13 to all three items, a grant only it revokes', async () => {
    await serve(async (taskQueue) => {
      const h = await startDispute(taskQueue, 'granted_in_part');
      // ten working days from Friday 2025-09-26 over the National Day holiday: Thursday 2025-10-16
      expect((await h.query(getDisputeState))?.deadline.due).toBe('2025-10-16');
      await eventually(async () => expect((await notices(h.workflowId)).map((n) => n.key)).toEqual(['filed', 'filed']));
      // Narrowing the provider's partial grant is not an overturning.
      expect(
        await rejection(
          h.executeUpdate(decideDispute, { args: [{ actor: reviewer, outcome: 'overturned', dataItems: ['处罚类别'], reason: '应共享' }] }),
        ),
      ).toBe('DISPUTE_ITEMS_NARROWER');

      await advance('2025-10-13T10:00:00+08:00');
      await h.executeUpdate(decideDispute, {
        args: [{ actor: reviewer, outcome: 'overturned', reason: '社会组织登记审查需要处罚类别和日期' }],
      });
      expect(await h.result()).toEqual({
        disputeId: h.disputeId,
        outcome: 'overturned',
        decidedBy: 'authority_reviewer',
        grantedItems: ['统一社会信用代码', '处罚类别', '处罚日期'],
      });
      await recordHistory(h, 'sharing-dispute-partial-grant-widened');

      // The one grant of the request is now the ordered one, widened, revocable by the authority alone.
      expect((await getSharingRequest(database.db, h.requestId))?.grant).toMatchObject({
        id: `GR-${h.requestId}`,
        source: 'dispute',
        orderedRole: 'authority_reviewer',
        dataItems: ['统一社会信用代码', '处罚类别', '处罚日期'],
        grantedBy: reviewer.userId,
        revokedAt: null,
      });
      expect((await getDispute(database.db, h.disputeId))?.dispute).toMatchObject({
        status: 'overturned',
        decidedRole: 'authority_reviewer',
      });
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual(['dispute_filed', 'dispute_overturned']);
    });
  });

  it('upheld: the partial grant stands as the provider made it', async () => {
    await serve(async (taskQueue) => {
      const h = await startDispute(taskQueue, 'granted_in_part');
      await h.executeUpdate(decideDispute, { args: [{ actor: reviewer, outcome: 'upheld', reason: '处罚类别涉及未公开信息' }] });
      expect(await h.result()).toMatchObject({ outcome: 'upheld', grantedItems: [] });
      expect((await getSharingRequest(database.db, h.requestId))?.grant).toMatchObject({
        source: 'provider',
        orderedRole: null,
        dataItems: ['统一社会信用代码'],
      });
    });
  });
});

describe('conflictWorkflow', () => {
  it('both departments agree on 2025-10-09: closed as agreed, positions recorded; an outsider is refused', async () => {
    await serve(async (taskQueue) => {
      const h = await startConflict(taskQueue);
      expect((await h.query(getConflictState))?.deadline.due).toBe('2025-10-16');
      expect(await rejection(h.executeUpdate(recordPosition, { args: [{ actor: reviewer, position: '代为登记', agrees: true }] }))).toBe(
        'NOT_CONFLICT_PARTY',
      );
      expect(await rejection(h.executeUpdate(decideConflict, { args: [{ actor: reviewer, decision: '以民政为准' }] }))).toBe(
        'CONFLICT_STAGE',
      );

      await h.executeUpdate(recordPosition, { args: [{ actor: market, position: '以登记机关最新住所为准', agrees: false }] });
      await advance('2025-10-09T10:00:00+08:00');
      await h.executeUpdate(recordPosition, { args: [{ actor: civil, position: '同意以市场监管登记为准', agrees: true }] });
      await h.executeUpdate(recordPosition, { args: [{ actor: market, position: '以市场监管登记为准，民政同步更正', agrees: true }] });
      expect(await h.result()).toEqual({ conflictId: h.conflictId, outcome: 'agreed', negotiationDue: '2025-10-16' });

      expect((await getConflict(database.db, h.conflictId))?.conflict.status).toBe('agreed');
      expect((await listPositions(database.db, h.conflictId)).map((p) => [p.departmentCode, p.agrees])).toEqual([
        ['civil', true],
        ['market', true],
      ]);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ type: 'conflict', status: 'closed', stage: 'agreed' });
    });
  });

  it('no agreement by 2025-10-16: the authority coordinates (due 2025-10-30) and its decision closes the case', async () => {
    await serve(async (taskQueue) => {
      const h = await startConflict(taskQueue);
      await h.executeUpdate(recordPosition, { args: [{ actor: civil, position: '以民政登记为准', agrees: false }] });
      await advance('2025-10-17T09:00:00+08:00');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({
          stage: 'conflict_coordinating',
          dueDate: '2025-10-30',
          level: 'normal',
        }),
      );
      expect((await getConflict(database.db, h.conflictId))?.conflict.status).toBe('conflict_coordinating');
      expect(await rejection(h.executeUpdate(recordPosition, { args: [{ actor: market, position: '迟到的意见', agrees: true }] }))).toBe(
        'CONFLICT_STAGE',
      );
      expect(await rejection(h.executeUpdate(decideConflict, { args: [{ actor: civil, decision: '以民政为准' }] }))).toBe(
        'FORBIDDEN_ROLE_STEP',
      );

      await h.executeUpdate(decideConflict, {
        args: [{ actor: reviewer, decision: '经核实，以市场监管登记住所为准，民政于 5 个工作日内更正' }],
      });
      expect(await h.result()).toEqual({ conflictId: h.conflictId, outcome: 'decided', negotiationDue: '2025-10-16' });
      await recordHistory(h, 'conflict-decided-by-authority');
      expect((await getConflict(database.db, h.conflictId))?.conflict).toMatchObject({ status: 'decided', decidedBy: reviewer.userId });
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual([
        // The end of the negotiation is no breach: the case passes to the authority, not red.
        'conflict_opened',
        'position_recorded',
        'level_warning',
        'conflict_escalated',
        'conflict_decided',
      ]);
      expect((await notices(h.workflowId)).filter((n) => n.key === 'coordinating')).toEqual([
        { key: 'coordinating', kind: 'conflict_escalated', departmentCode: null, role: 'authority_reviewer' },
      ]);
    });
  });
});
