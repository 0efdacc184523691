// SPEC §3.6 on the time-skipping server, its clock set to real 2025 days. A finding told on
// Thursday 2025-09-25 may be contested within 5 working days (the day itself not counted):
// Fri 09-26 (1), Sun 09-28 worked (2), Mon 09-29 (3), Tue 09-30 (4), National Day 10-01..08 off,
// Thu 10-09 (5): due 2025-10-09, ending at 24:00 (2025-10-10T00:00+08:00); yellow from Tue 09-30,
// the working day before the last (2 working days left).
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Database } from '../../db/client';
import { insertRegisteredFinding } from '../../db/repositories/findings.repo';
import { getProcess, listEvents } from '../../db/repositories/registry.repo';
import { getViolation } from '../../db/repositories/supervision.repo';
import { violations } from '../../db/schema';
import type { Actor } from '../../domain/roles';
import type { FindingInput } from '../../workflows/finding.workflow';
import { decideFinding, fileStatement, findingRevised, getFindingState } from '../../workflows/messages';
import { findingWorkflowId, registeredFindingWorkflowId } from '../../workflows/options';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';
import { recordHistory } from '../helpers/history';
import { noticesOf } from '../helpers/sharing';
import { seedProcess, seedViolation } from '../helpers/supervision';
import { advanceTo, createTestWorker, timeSkippingEnvAt, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';

const TOLD_AT = '2025-09-25T10:00:00+08:00';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let civil: Actor;
let reviewer: Actor;
let county: Actor;
let cases = 0;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt(TOLD_AT), testDatabase()]);
  [staff, civil, reviewer, county] = await Promise.all([
    actorOf(database.db, 'market-staff'),
    actorOf(database.db, 'civil-staff'),
    actorOf(database.db, 'reviewer'),
    actorOf(database.db, 'county'),
  ]);
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

type Handle = Awaited<ReturnType<typeof startFinding>>;

async function withWorker(body: (taskQueue: string) => Promise<void>): Promise<void> {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(() => body(taskQueue));
}

async function startFinding(taskQueue: string, workflowId: string, input: FindingInput) {
  const handle = await env.client.workflow.start('findingWorkflow', { taskQueue, workflowId, args: [input] });
  await eventually(async () => expect(await handle.query(getFindingState)).not.toBeNull());
  return Object.assign(handle, { violationId: input.violationId });
}

/** The authority registers 第四十九条(三) conduct of the market department, as POST /v1/findings does. */
async function registered(taskQueue: string): Promise<Handle> {
  const caseId = `WG-test-${process.pid}-${++cases}`;
  const workflowId = registeredFindingWorkflowId(caseId);
  const { row } = await insertRegisteredFinding(database.db, {
    caseId,
    workflowId,
    departmentCode: 'market',
    kind: 'conduct_49_3',
    facts: '重复采集企业登记信息',
    evidence: ['现场检查记录 2025-09-20'],
    basis: '第四十九条(三)',
    registeredBy: reviewer,
    registeredAt: new Date(TOLD_AT),
  });
  return startFinding(taskQueue, workflowId, {
    violationId: row.id,
    kind: 'conduct_49_3',
    article: '第四十九条(三)',
    partyKind: 'department',
    departmentCode: 'market',
    origin: 'registered',
    provisional: false,
    registeredBy: reviewer,
  });
}

/** A missed deadline a process recorded (第四十九条(八) against market, or the authority's late review). */
async function automatic(taskQueue: string, opts: { provisional?: boolean; againstAuthority?: boolean } = {}): Promise<Handle> {
  const departmentCode = opts.againstAuthority ? 'county-data' : 'market';
  const source = await seedProcess(database.db, { departmentCode: 'market', due: '2025-09-24', level: 'overdue' });
  const kind = opts.againstAuthority ? 'catalog_review_overdue_1' : 'correction_overdue';
  const article = opts.againstAuthority ? '第十八条第二款' : '第四十九条(八)';
  const violationId = await seedViolation(database.db, {
    workflowId: source,
    departmentCode,
    occurredAt: '2025-09-25T00:00:00+08:00',
    kind,
    article,
    partyKind: opts.againstAuthority ? 'authority' : 'department',
    findingClass: opts.againstAuthority ? 'timeliness' : 'violation',
    status: opts.provisional ? 'provisional' : 'notified',
  });
  return startFinding(taskQueue, findingWorkflowId(violationId), {
    violationId,
    kind,
    article,
    partyKind: opts.againstAuthority ? 'authority' : 'department',
    departmentCode,
    origin: 'automatic',
    provisional: opts.provisional ?? false,
    sourceWorkflowId: source,
  });
}

const statusOf = async (h: Handle) => (await getViolation(database.db, h.violationId))?.status;
const kindsOf = async (h: Handle) => (await listEvents(database.db, h.workflowId)).map((e) => e.kind);

describe('findingWorkflow', () => {
  it('registered: told 2025-09-25, statement due 2025-10-09 across National Day; a statement on the last day, then annulled with a reason', async () => {
    await withWorker(async (taskQueue) => {
      const h = await registered(taskQueue);
      expect((await h.query(getFindingState))?.deadline).toMatchObject({
        due: '2025-10-09',
        endsAt: '2025-10-10T00:00:00+08:00',
        warningAt: '2025-09-30T00:00:00+08:00',
        provisional: false,
      });
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({
          type: 'finding',
          departmentCode: 'market',
          stage: 'statement_period',
          status: 'open',
          dueDate: '2025-10-09',
        }),
      );
      expect(await noticesOf(database.db, h.workflowId)).toEqual([
        { key: 'notified', kind: 'finding_notified', departmentCode: 'market', role: null },
      ]);
      // The authority may not decide while the party may still state its case.
      expect(await updateRefusal(h.executeUpdate(decideFinding, { args: [{ actor: reviewer, confirm: true, reason: '事实清楚' }] }))).toBe(
        'FINDING_DECISION_NOT_YET',
      );

      await advanceTo(env, '2025-10-09T20:00:00+08:00');
      expect(await updateRefusal(h.executeUpdate(fileStatement, { args: [{ actor: civil, statement: '非本部门' }] }))).toBe(
        'NOT_FINDING_PARTY',
      );
      const stated = await h.executeUpdate(fileStatement, { args: [{ actor: staff, statement: '系系统对接前的历史数据，已停止采集' }] });
      expect(stated).toMatchObject({ stage: 'awaiting_finding_decision', status: 'contested' });
      expect(stated.statement).toMatchObject({ statement: '系系统对接前的历史数据，已停止采集', filedBy: staff.userId });
      expect(await statusOf(h)).toBe('contested');
      // No regulated period for the decision: nothing to turn red.
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        stage: 'awaiting_finding_decision',
        dueDate: null,
        endsAt: null,
      });

      expect(await updateRefusal(h.executeUpdate(fileStatement, { args: [{ actor: staff, statement: '补充说明' }] }))).toBe(
        'STATEMENT_ALREADY_FILED',
      );
      expect(await updateRefusal(h.executeUpdate(decideFinding, { args: [{ actor: county, confirm: false, reason: '理由' }] }))).toBe(
        'NOT_FINDING_DECIDER',
      );
      expect(await updateRefusal(h.executeUpdate(decideFinding, { args: [{ actor: reviewer, confirm: false, reason: '  ' }] }))).toBe(
        'REASON_REQUIRED',
      );
      const decided = await h.executeUpdate(decideFinding, {
        args: [{ actor: reviewer, confirm: false, reason: '经核实为历史数据迁移，不构成重复采集' }],
      });
      expect(decided).toMatchObject({ stage: 'finding_annulled', status: 'annulled' });
      expect(await h.result()).toEqual({ violationId: h.violationId, outcome: 'annulled', byLapse: false });

      const row = await getViolation(database.db, h.violationId);
      expect(row?.status).toBe('annulled');
      expect(row?.detail).toMatchObject({
        facts: '重复采集企业登记信息',
        statementPeriod: { notifiedOn: '2025-09-25', due: '2025-10-09' },
        decision: { confirm: false, reason: '经核实为历史数据迁移，不构成重复采集', decidedBy: reviewer.userId, byLapse: false },
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'finding_annulled', status: 'closed' });
      expect(await kindsOf(h)).toEqual(['finding_notified', 'level_warning', 'statement_filed', 'finding_annulled']);
      // An annulled finding counts nowhere: no confirmed finding against the market department.
      const confirmed = await database.db.select().from(violations).where(eq(violations.status, 'confirmed'));
      expect(confirmed.filter((v) => v.departmentCode === 'market')).toEqual([]);
      expect(await noticesOf(database.db, h.workflowId)).toEqual([
        { key: 'notified', kind: 'finding_notified', departmentCode: 'market', role: null },
        { key: 'to-decide', kind: 'finding_decision_due', departmentCode: null, role: 'authority_reviewer' },
        { key: 'decided', kind: 'finding_annulled', departmentCode: 'market', role: null },
      ]);
      await recordHistory(h, 'finding-registered-statement-annulled');
    });
  });

  it('automatic and uncontested: still notified at 23:00 on 2025-10-09, confirmed by lapse at its end', async () => {
    await withWorker(async (taskQueue) => {
      const h = await automatic(taskQueue);
      expect((await h.query(getFindingState))?.deadline?.due).toBe('2025-10-09');
      await advanceTo(env, '2025-10-09T23:00:00+08:00');
      expect(await statusOf(h)).toBe('notified');
      expect((await getProcess(database.db, h.workflowId))?.stage).toBe('statement_period');

      await advanceTo(env, '2025-10-10T09:00:00+08:00');
      expect(await h.result()).toEqual({ violationId: h.violationId, outcome: 'confirmed', byLapse: true });
      const row = await getViolation(database.db, h.violationId);
      expect(row?.status).toBe('confirmed');
      expect(row?.detail).toMatchObject({ decision: { confirm: true, decidedBy: null, byLapse: true } });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        type: 'finding',
        subjectId: String(h.violationId),
        stage: 'finding_confirmed',
        status: 'closed',
      });
      expect(await kindsOf(h)).toEqual(['finding_notified', 'level_warning', 'finding_confirmed']);
      await recordHistory(h, 'finding-automatic-confirmed-by-lapse');
    });
  });

  it('registered and unanswered: at the end of 2025-10-09 it waits for the authority; a late statement is refused; confirmed', async () => {
    await withWorker(async (taskQueue) => {
      const h = await registered(taskQueue);
      await advanceTo(env, '2025-10-10T09:00:00+08:00');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'awaiting_finding_decision', dueDate: null }),
      );
      expect(await statusOf(h)).toBe('notified');
      expect(await updateRefusal(h.executeUpdate(fileStatement, { args: [{ actor: staff, statement: '迟到的申辩' }] }))).toBe(
        'STATEMENT_AFTER_DEADLINE',
      );
      await h.executeUpdate(decideFinding, { args: [{ actor: reviewer, confirm: true, reason: '事实清楚，证据确凿' }] });
      expect(await h.result()).toEqual({ violationId: h.violationId, outcome: 'confirmed', byLapse: false });
      expect(await statusOf(h)).toBe('confirmed');
      expect(await kindsOf(h)).toEqual(['finding_notified', 'level_warning', 'statement_period_ended', 'finding_confirmed']);
    });
  });

  it('provisional: no period until findingRevised(notified) on Fri 2025-10-10; then due Thu 2025-10-16 (Sat 10-11 worked)', async () => {
    await withWorker(async (taskQueue) => {
      const h = await automatic(taskQueue, { provisional: true });
      expect(await h.query(getFindingState)).toMatchObject({ stage: 'finding_provisional', status: 'provisional' });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'finding_provisional', dueDate: null });
      expect(await updateRefusal(h.executeUpdate(fileStatement, { args: [{ actor: staff, statement: '申辩' }] }))).toBe(
        'STATEMENT_NOT_OPEN',
      );
      expect(await noticesOf(database.db, h.workflowId)).toEqual([]);

      // Well past five working days from the recording: nothing lapses while it is provisional.
      await advanceTo(env, '2025-10-10T10:00:00+08:00');
      expect(await statusOf(h)).toBe('provisional');
      await h.signal(findingRevised, { status: 'notified', reason: '载入年度安排后重新计算，仍已超期' });
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'statement_period', dueDate: '2025-10-16' }),
      );
      expect(await statusOf(h)).toBe('notified');
      // the row is written by the activity; the workflow answers once it has the activity's result
      await eventually(async () => expect((await h.query(getFindingState))?.notifiedOn).toBe('2025-10-10'));
      expect(await noticesOf(database.db, h.workflowId)).toEqual([
        { key: 'notified', kind: 'finding_notified', departmentCode: 'market', role: null },
      ]);
      await h.executeUpdate(fileStatement, { args: [{ actor: staff, statement: '已按期办理，系统记录有误' }] });
      expect(await statusOf(h)).toBe('contested');
      expect(await kindsOf(h)).toEqual(['finding_held_provisional', 'finding_notified', 'statement_filed']);
    });
  });

  it('withdrawn: a recount that finds the deadline met closes the finding, the reason on its timeline', async () => {
    await withWorker(async (taskQueue) => {
      const h = await automatic(taskQueue, { provisional: true });
      await h.signal(findingRevised, { status: 'withdrawn', reason: '重新计算后期限为 2025-10-09，已按期办结' });
      expect(await h.result()).toEqual({ violationId: h.violationId, outcome: 'withdrawn', byLapse: false });
      expect(await statusOf(h)).toBe('withdrawn');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'finding_withdrawn', status: 'closed' });
      const events = await listEvents(database.db, h.workflowId);
      expect(events.map((e) => [e.kind, e.detail.reason])).toEqual([
        ['finding_held_provisional', undefined],
        ['finding_withdrawn', '重新计算后期限为 2025-10-09，已按期办结'],
      ]);
      await recordHistory(h, 'finding-provisional-withdrawn');
    });
  });

  it('against the authority: its own reviewers state its case; it never decides on itself, the county government does', async () => {
    await withWorker(async (taskQueue) => {
      const h = await automatic(taskQueue, { againstAuthority: true });
      expect(await updateRefusal(h.executeUpdate(fileStatement, { args: [{ actor: staff, statement: '代为申辩' }] }))).toBe(
        'NOT_FINDING_PARTY',
      );
      await h.executeUpdate(fileStatement, { args: [{ actor: reviewer, statement: '申请材料不全，已退回补正' }] });
      expect(
        await updateRefusal(h.executeUpdate(decideFinding, { args: [{ actor: reviewer, confirm: false, reason: '本部门无责' }] })),
      ).toBe('NOT_FINDING_DECIDER');
      await h.executeUpdate(decideFinding, { args: [{ actor: county, confirm: true, reason: '补正不中止审核期限' }] });
      expect(await h.result()).toEqual({ violationId: h.violationId, outcome: 'confirmed', byLapse: false });
      expect(await noticesOf(database.db, h.workflowId)).toEqual([
        { key: 'notified', kind: 'finding_notified', departmentCode: 'county-data', role: null },
        { key: 'to-decide', kind: 'finding_decision_due', departmentCode: null, role: 'county_government' },
        { key: 'decided', kind: 'finding_confirmed', departmentCode: 'county-data', role: null },
      ]);
    });
  });
});

describe('recordViolation starts the finding workflow', () => {
  it('once, however often the activity runs: finding-<id> is told and counts from 2025-09-25', async () => {
    await withWorker(async (taskQueue) => {
      const source = await seedProcess(database.db, { departmentCode: 'market', due: '2025-09-24', level: 'overdue' });
      const { recordViolation } = createActivities({ db: database.db, client: env.client, warningWorkingDays: 2 });
      const activity = new MockActivityEnvironment({ taskQueue });
      const finding = {
        workflowId: source,
        departmentCode: 'market',
        kind: 'correction_overdue',
        dueDate: '2025-09-24',
        occurredAt: TOLD_AT,
      };
      const step = { workflowId: source, eventKey: 'violation', kind: 'violation_recorded', detail: {}, occurredAt: TOLD_AT };
      await activity.run(recordViolation, finding, step);
      await activity.run(recordViolation, finding, step); // a retry

      const rows = await database.db.select().from(violations).where(eq(violations.workflowId, source));
      expect(rows.map((r) => [r.kind, r.article, r.status])).toEqual([['correction_overdue', '第四十九条(八)', 'notified']]);
      const h = env.client.workflow.getHandle(findingWorkflowId(rows[0]!.id));
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({
          type: 'finding',
          stage: 'statement_period',
          dueDate: '2025-10-09',
        }),
      );
      const starts = ((await h.fetchHistory()).events ?? []).filter((e) => e.workflowExecutionStartedEventAttributes);
      expect(starts).toHaveLength(1);
    });
  });
});
