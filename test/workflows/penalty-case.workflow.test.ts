// 第五十二条, 第五十三条 on the time-skipping server, its clock on real 2025 days.
// The notice is given on Friday 2025-09-26. 陈述申辩: 5 working days from the notice, the day
// itself not counted: 09-27 Sat off, 09-28 Sun worked (1), 09-29 (2), 09-30 (3), National Day
// 10-01..10-08 off, 10-09 (4), 10-10 (5) → due Friday 2025-10-10, ending 2025-10-11 00:00 +08:00;
// yellow from 10-09 (two working days left, 10-09 and 10-10).
// 责令限期改正 on Saturday 2025-10-11, a worked day, for 5 working days: 10-12 Sun off, 10-13 (1),
// 10-14 (2), 10-15 (3), 10-16 (4), 10-17 (5) → due Friday 2025-10-17. (Were 10-11 a rest day, the
// order would count as received on 10-13 and end on 10-20.)
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { getCase } from '../../db/repositories/penalties.repo';
import { getProcess, listEvents, listViolations } from '../../db/repositories/registry.repo';
import type { Actor } from '../../domain/roles';
import {
  decidePenaltyFine,
  getPenaltyCaseState,
  orderPenaltyRectification,
  recordPenaltyNotice,
  recordPenaltyStatement,
  referPenaltyCase,
  reportPenaltyRectified,
} from '../../workflows/messages';
import type { PenaltyCaseInput } from '../../workflows/penalty-case.workflow';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';
import { recordHistory, updateEventsOf } from '../helpers/history';
import { seedCase, seedServiceUnit, seedViolator } from '../helpers/penalties';
import { noticesOf } from '../helpers/sharing';
import { advanceTo, createTestWorker, timeSkippingEnvAt, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';

const OPENED_AT = '2025-09-26T09:00:00+08:00';

let env: TestWorkflowEnvironment;
let database: Database;
let reviewer: Actor;
let staff: Actor;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt(OPENED_AT), testDatabase()]);
  reviewer = await actorOf(database.db, 'reviewer');
  staff = await actorOf(database.db, 'market-staff');
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

type Party = { kind: 'service_unit' } | { kind: 'violator'; conduct: 'business' | 'non_business' };

async function withCase(party: Party, body: (h: Awaited<ReturnType<typeof open>>) => Promise<void>): Promise<void> {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(async () => body(await open(taskQueue, party)));
}

async function open(taskQueue: string, party: Party) {
  const row =
    party.kind === 'service_unit'
      ? await seedCase(
          database.db,
          reviewer,
          { serviceUnitId: await seedServiceUnit(database.db, reviewer) },
          ['art38_encryption_authentication'],
          OPENED_AT,
        )
      : await seedCase(
          database.db,
          reviewer,
          { violatorId: await seedViolator(database.db, reviewer), conduct: party.conduct },
          ['art50_4'],
          OPENED_AT,
        );
  const input: PenaltyCaseInput = {
    caseId: row.id,
    partyType: row.partyType,
    conduct: row.conduct,
    breaches: row.breaches,
    departmentCode: 'county-data',
    openedOn: '2025-09-26',
    openedBy: reviewer,
  };
  const handle = await env.client.workflow.start('penaltyCaseWorkflow', { taskQueue, workflowId: row.workflowId, args: [input] });
  await eventually(async () => expect(await getProcess(database.db, row.workflowId)).toBeTruthy());
  return Object.assign(handle, { caseId: row.id });
}

const notice = { notifiedOn: '2025-09-26', content: '拟对你单位未采取数据加密措施的行为责令限期改正，你单位可在五个工作日内陈述申辩' };

describe('penaltyCaseWorkflow', () => {
  it('service unit: 告知 09-26 → 陈述申辩 due 10-10 → order on 10-11 due 10-17 → lapsed: 警告 → fine of 1万元 accepted, 9 999 and 30 001 refused', async () => {
    await withCase({ kind: 'service_unit' }, async (h) => {
      // Registered as the authority's own case, waiting for its notice, without a deadline.
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        type: 'penalty_case',
        departmentCode: 'county-data',
        subjectId: h.caseId,
        stage: 'penalty_filed',
        status: 'open',
        dueDate: null,
      });
      // No fine before 告知.
      expect(
        await updateRefusal(
          h.executeUpdate(decidePenaltyFine, { args: [{ actor: reviewer, amountYuan: 20_000, consequences: '数据泄露' }] }),
        ),
      ).toBe('PENALTY_NOT_NOTIFIED');
      // Only the authority acts on its cases.
      expect(await updateRefusal(h.executeUpdate(recordPenaltyNotice, { args: [{ actor: staff, ...notice }] }))).toBe(
        'FORBIDDEN_ROLE_STEP',
      );

      const notified = await h.executeUpdate(recordPenaltyNotice, { args: [{ actor: reviewer, ...notice }] });
      expect(notified.stage).toBe('penalty_statement');
      expect(notified.statementDeadline).toMatchObject({
        due: '2025-10-10',
        endsAt: '2025-10-11T00:00:00+08:00',
        warningAt: '2025-10-09T00:00:00+08:00',
        provisional: false,
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        stage: 'penalty_statement',
        dueDate: '2025-10-10',
        level: 'normal',
      });

      // Still within the 陈述申辩 period on its last day: no decision yet.
      await advanceTo(env, '2025-10-10T15:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.level).toBe('warning'));
      const heard = await h.executeUpdate(recordPenaltyStatement, {
        args: [{ actor: reviewer, statement: '已着手部署加密网关，请求从轻处理' }],
      });
      expect(heard.statements).toHaveLength(1);
      expect(
        await updateRefusal(
          h.executeUpdate(orderPenaltyRectification, { args: [{ actor: reviewer, requirement: '部署数据加密', periodWorkingDays: 5 }] }),
        ),
      ).toBe('PENALTY_STATEMENT_PERIOD_OPEN');
      expect(
        await updateRefusal(
          h.executeUpdate(decidePenaltyFine, { args: [{ actor: reviewer, amountYuan: 20_000, consequences: '数据泄露' }] }),
        ),
      ).toBe('PENALTY_STATEMENT_PERIOD_OPEN');

      // Saturday 2025-10-11 is a working day: the period ended at its start; the order counts from it.
      await advanceTo(env, '2025-10-11T10:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.stage).toBe('penalty_awaiting_order'));
      const ordered = await h.executeUpdate(orderPenaltyRectification, {
        args: [{ actor: reviewer, requirement: '对存储和传输的政务数据采取加密措施', periodWorkingDays: 5 }],
      });
      expect(ordered.rectificationDeadline).toMatchObject({ due: '2025-10-17', endsAt: '2025-10-18T00:00:00+08:00' });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'penalty_rectifying', dueDate: '2025-10-17' });
      // Not yet warned: no fine.
      expect(
        await updateRefusal(
          h.executeUpdate(decidePenaltyFine, { args: [{ actor: reviewer, amountYuan: 20_000, consequences: '数据泄露' }] }),
        ),
      ).toBe('PENALTY_NOT_WARNED');

      // The period passes unrectified: 警告 at 24:00 of 2025-10-17.
      await advanceTo(env, '2025-10-20T09:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.stage).toBe('penalty_warned'));
      expect((await getCase(database.db, h.caseId))?.penaltyCase.warnedAt?.toISOString().slice(0, 19)).toBe('2025-10-17T16:00:00');
      expect(await updateRefusal(h.executeUpdate(reportPenaltyRectified, { args: [{ actor: reviewer, report: '迟到的改正' }] }))).toBe(
        'PENALTY_STAGE',
      );

      // 第五十二条: 1万元以上3万元以下, both ends included.
      for (const amountYuan of [9_999, 30_001]) {
        expect(
          await updateRefusal(h.executeUpdate(decidePenaltyFine, { args: [{ actor: reviewer, amountYuan, consequences: '数据泄露' }] })),
        ).toBe('FINE_OUT_OF_RANGE');
      }
      const fined = await h.executeUpdate(decidePenaltyFine, {
        args: [{ actor: reviewer, amountYuan: 10_000, consequences: '未加密数据被窃取，影响 3 000 户居民' }],
      });
      expect(fined.stage).toBe('penalty_fined');
      expect(await h.result()).toEqual({ caseId: h.caseId, outcome: 'penalty_fined' });
      await recordHistory(h, 'penalty-case-warned-fined');

      const row = (await getCase(database.db, h.caseId))!.penaltyCase;
      expect(row).toMatchObject({
        stage: 'penalty_fined',
        notifiedOn: '2025-09-26',
        statementDue: '2025-10-10',
        orderedOn: '2025-10-11',
        periodWorkingDays: 5,
        rectificationDue: '2025-10-17',
        rectificationReport: null,
        fineYuan: 10_000,
        decidedBy: reviewer.userId,
      });
      expect(row.statements).toEqual([expect.objectContaining({ statement: '已着手部署加密网关，请求从轻处理', by: reviewer.userId })]);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'penalty_fined', status: 'closed', dueDate: null });
      const events = await listEvents(database.db, h.workflowId);
      expect(events.map((e) => e.kind)).toEqual([
        'penalty_case_filed',
        'penalty_notified',
        'level_warning',
        'penalty_statement_recorded',
        'penalty_statement_period_ended',
        'penalty_rectification_ordered',
        'level_warning',
        'penalty_warned',
        'penalty_fined',
      ]);
      expect(events[0]?.detail).toMatchObject({ article: '第五十二条', breaches: ['第三十八条'] });
      expect(events.find((e) => e.kind === 'penalty_warned')?.detail).toMatchObject({ due: '2025-10-17', article: '第五十二条' });
      expect(events.at(-1)?.detail).toMatchObject({ article: '第五十二条', amountYuan: 10_000 });
      expect(events.at(-1)?.actorUserId).toBe(reviewer.userId);
      // A penalty case is no finding against a county party.
      expect(await listViolations(database.db, h.workflowId)).toEqual([]);
      expect(await noticesOf(database.db, h.workflowId)).toEqual([
        { key: 'warned', kind: 'penalty_warned', departmentCode: null, role: 'authority_reviewer' },
      ]);
    });
  });

  it('citizen, non-business conduct: rectified before 10-17, the case closes without a warning; refusals leave no trace', async () => {
    await withCase({ kind: 'violator', conduct: 'non_business' }, async (h) => {
      // A notice dated before the case was opened, or in the future, is refused.
      expect(
        await updateRefusal(h.executeUpdate(recordPenaltyNotice, { args: [{ actor: reviewer, ...notice, notifiedOn: '2025-09-25' }] })),
      ).toBe('NOTICE_DATE_INVALID');
      expect(
        await updateRefusal(h.executeUpdate(recordPenaltyNotice, { args: [{ actor: reviewer, ...notice, notifiedOn: '2025-09-27' }] })),
      ).toBe('NOTICE_DATE_INVALID');
      // 第五十三条, non-business: 500–1 000 元; checked before anything else.
      expect(
        await updateRefusal(h.executeUpdate(decidePenaltyFine, { args: [{ actor: reviewer, amountYuan: 1_001, consequences: '扩散' }] })),
      ).toBe('FINE_OUT_OF_RANGE');
      expect(await updateEventsOf(h)).toEqual([]);

      await h.executeUpdate(recordPenaltyNotice, { args: [{ actor: reviewer, ...notice }] });
      await advanceTo(env, '2025-10-11T10:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.stage).toBe('penalty_awaiting_order'));
      await h.executeUpdate(orderPenaltyRectification, {
        args: [{ actor: reviewer, requirement: '删除擅自扩散的数据', periodWorkingDays: 5 }],
      });
      await advanceTo(env, '2025-10-16T11:00:00+08:00');
      const done = await h.executeUpdate(reportPenaltyRectified, { args: [{ actor: reviewer, report: '已删除并书面承诺' }] });
      expect(done.stage).toBe('penalty_rectified');
      expect(await h.result()).toEqual({ caseId: h.caseId, outcome: 'penalty_rectified' });
      const row = (await getCase(database.db, h.caseId))!.penaltyCase;
      expect(row).toMatchObject({
        stage: 'penalty_rectified',
        rectificationDue: '2025-10-17',
        rectificationReport: '已删除并书面承诺',
        warnedAt: null,
        fineYuan: null,
      });
      expect(row.rectifiedAt?.toISOString().slice(0, 19)).toBe('2025-10-16T03:00:00');
      const kinds = (await listEvents(database.db, h.workflowId)).map((e) => e.kind);
      expect(kinds).not.toContain('penalty_warned');
      expect(kinds.at(-1)).toBe('penalty_rectified');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'penalty_rectified' });
    });
  });

  it('organisation, business conduct: 涉嫌犯罪 referred to the judicial organ during the 陈述申辩 period (第五十三条)', async () => {
    await withCase({ kind: 'violator', conduct: 'business' }, async (h) => {
      await h.executeUpdate(recordPenaltyNotice, { args: [{ actor: reviewer, ...notice }] });
      const referred = await h.executeUpdate(referPenaltyCase, {
        args: [{ actor: reviewer, organ: '云阳县公安局', reason: '涉嫌非法获取计算机信息系统数据' }],
      });
      expect(referred.stage).toBe('penalty_referred');
      expect(await h.result()).toEqual({ caseId: h.caseId, outcome: 'penalty_referred' });
      expect((await getCase(database.db, h.caseId))!.penaltyCase).toMatchObject({ stage: 'penalty_referred', referredTo: '云阳县公安局' });
      const events = await listEvents(database.db, h.workflowId);
      expect(events.at(-1)).toMatchObject({ kind: 'penalty_referred', detail: { article: '第五十三条', organ: '云阳县公安局' } });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'penalty_referred' });
      expect((await h.query(getPenaltyCaseState))?.stage).toBe('penalty_referred');
    });
  });
});
