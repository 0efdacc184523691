// 第十八条 on the time-skipping server, its clock set to real 2025 days. The change happened on
// Friday 2025-09-26: the department's 10 working days run through the National Day holiday
// (Oct 1–8 off, Sep 28 and Oct 11 worked) to Thursday 2025-10-16. Each review gets 5 working
// days from its receipt: received 2025-10-10 → due 2025-10-16 (Saturday Oct 11 is worked);
// received 2025-09-29 → due 2025-10-13 (across the holiday). A return opens the department's
// resubmission period, the authority's setting (default 5 working days) from the day of the
// return: returned 2025-10-20 → due 2025-10-27; returned 2025-10-14 → due 2025-10-21.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { listApplications, setResubmissionWorkingDays } from '../../db/repositories/catalog-changes.repo';
import { getCatalogEntry, getResponsibilityList } from '../../db/repositories/catalog.repo';
import { getProcess, listEvents } from '../../db/repositories/registry.repo';
import { catalogVersions, violations } from '../../db/schema';
import type { CatalogChange } from '../../domain/catalog';
import type { Actor } from '../../domain/roles';
import { upsertOverride } from '../../db/repositories/calendar.repo';
import { calendarChanged, getCatalogUpdateState, reviewCatalogApplication, submitCatalogApplication } from '../../workflows/messages';
import { actorOf } from '../helpers/actors';
import { addEntry, changeEntry, insertCatalogChange, seededMetadata } from '../helpers/catalog';
import { testDatabase } from '../helpers/db';
import { advanceTo, createTestWorker, timeSkippingEnvAt, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';
import { recordHistory } from '../helpers/history';

const CHANGE_DATE = '2025-09-26';
const REGISTERED_AT = '2025-09-26T10:00:00+08:00';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let reviewer: Actor;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt(REGISTERED_AT), testDatabase()]);
  staff = await actorOf(database.db, 'market-staff');
  reviewer = await actorOf(database.db, 'reviewer');
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

type Handle = Awaited<ReturnType<typeof start>>;

/** Runs `body` while a worker serves the task queue it gets. */
async function withWorker(body: (taskQueue: string) => Promise<void>): Promise<void> {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(() => body(taskQueue));
}

async function start(taskQueue: string) {
  const row = await insertCatalogChange(database.db, staff, CHANGE_DATE);
  const handle = await env.client.workflow.start('catalogUpdateWorkflow', {
    taskQueue,
    workflowId: row.workflowId,
    args: [{ changeId: row.id, departmentCode: 'market', authorityCode: 'county-data', changeDate: CHANGE_DATE, registeredBy: staff }],
  });
  await eventually(async () => expect((await handle.query(getCatalogUpdateState))?.submissionDeadline.due).toBeTruthy());
  return Object.assign(handle, { row });
}

const submit = (h: Handle, changes: CatalogChange[], actor = staff) =>
  h.executeUpdate(submitCatalogApplication, { args: [{ actor, changes }] });
const review = (h: Handle, approve: boolean, reason?: string, actor = reviewer) =>
  h.executeUpdate(reviewCatalogApplication, { args: [{ actor, approve, reason }] });

const withRegisteredCapital = changeEntry('MKT-001', 1, { dataItems: [...seededMetadata('MKT-001').dataItems, '注册资本'] });
const violationsOf = (workflowId: string) => database.db.select().from(violations).where(eq(violations.workflowId, workflowId));

describe('catalogUpdateWorkflow', () => {
  it('on time: applied 2025-10-10, approved 2025-10-14 → catalog version 2 and the responsibility list together, no violation', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      expect((await h.query(getCatalogUpdateState))?.submissionDeadline).toMatchObject({
        due: '2025-10-16',
        endsAt: '2025-10-17T00:00:00+08:00',
        provisional: false,
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        type: 'catalog_update',
        stage: 'awaiting_application',
        dueDate: '2025-10-16',
        status: 'open',
      });

      await advanceTo(env, '2025-10-10T09:00:00+08:00');
      const submitted = await submit(h, [withRegisteredCapital, addEntry('MKT-003')]);
      expect(submitted).toMatchObject({ n: 1, receivedOn: '2025-10-10', late: false, reviewDeadline: { due: '2025-10-16' } });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'under_review', dueDate: '2025-10-16', level: 'normal' });

      await advanceTo(env, '2025-10-14T10:00:00+08:00');
      const decided = await review(h, true);
      expect(decided).toMatchObject({ stage: 'approved', catalogVersion: 2, submission: { decision: { approve: true, late: false } } });
      expect(await h.result()).toEqual({
        changeId: h.row.id,
        catalogVersion: 2,
        submissionDue: '2025-10-16',
        submissions: 1,
        violations: [],
      });

      expect(await getCatalogEntry(database.db, 'MKT-001')).toMatchObject({
        version: 2,
        catalogVersion: 2,
        dataItems: expect.arrayContaining(['注册资本']),
      });
      expect(await getCatalogEntry(database.db, 'MKT-003')).toMatchObject({
        version: 1,
        catalogVersion: 2,
        departmentCode: 'market',
        name: '食品经营许可信息',
      });
      const [, v2] = await database.db.select().from(catalogVersions).orderBy(asc(catalogVersions.version));
      expect(v2).toMatchObject({
        version: 2,
        departmentCode: 'market',
        changeId: h.row.id,
        approvedBy: reviewer.userId,
        summary: { added: ['MKT-003'], changed: ['MKT-001'], withdrawn: [] },
      });
      const list = await getResponsibilityList(database.db, 'market');
      expect(list?.catalogVersion).toBe(2);
      expect(list?.items.map((i) => i.code)).toEqual(['MKT-001', 'MKT-002', 'MKT-003']);
      expect(list?.items[0]?.dataItems).toContain('注册资本');
      expect((await getResponsibilityList(database.db, 'market', 1))?.items.map((i) => i.code)).toEqual(['MKT-001', 'MKT-002']);

      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'approved', level: 'normal' });
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual([
        'change_registered',
        'application_submitted',
        'application_approved',
      ]);
      expect(await database.db.select().from(violations)).toHaveLength(0);
    });
  });

  it('returned with reasons, resubmitted: a new 5-day review on each receipt, the department under the resubmission period', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      await advanceTo(env, '2025-09-29T09:00:00+08:00');
      expect((await submit(h, [withRegisteredCapital])).reviewDeadline.due).toBe('2025-10-13');

      await advanceTo(env, '2025-10-09T09:00:00+08:00');
      expect(await updateRefusal(review(h, false))).toBe('REASON_REQUIRED');
      expect(await updateRefusal(review(h, false, '不能退回', staff))).toBe('NOT_AUTHORITY_REVIEWER');
      const returned = await review(h, false, '数据项“注册资本”应注明计量单位');
      expect(returned).toMatchObject({
        stage: 'returned',
        submission: { n: 1, decision: { approve: false, reason: '数据项“注册资本”应注明计量单位' } },
      });
      // Back to the department under the resubmission period, 5 working days from the return on
      // Thursday 2025-10-09: 10-10, 10-11 (Saturday, worked), 10-13, 10-14, 10-15. (Before the
      // resubmission period this test expected the expired 10 days from D, 2025-10-16.)
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', dueDate: '2025-10-15' });
      expect((await h.query(getCatalogUpdateState))?.submissions[0]?.resubmissionDeadline?.due).toBe('2025-10-15');
      expect(await updateRefusal(review(h, true))).toBe('NO_APPLICATION_UNDER_REVIEW');

      await advanceTo(env, '2025-10-14T09:00:00+08:00');
      const again = await submit(h, [
        changeEntry('MKT-001', 1, { dataItems: [...seededMetadata('MKT-001').dataItems, '注册资本（万元）'] }),
      ]);
      expect(again).toMatchObject({ n: 2, receivedOn: '2025-10-14', late: false, reviewDeadline: { due: '2025-10-21' } });
      expect((await h.query(getCatalogUpdateState))?.submissionDeadline.due).toBe('2025-10-16');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'under_review', dueDate: '2025-10-21' });

      await advanceTo(env, '2025-10-20T09:00:00+08:00');
      expect((await review(h, true)).catalogVersion).toBe(2);
      // It recorded catalog-update-returned-resubmitted-shared-clock before the resubmission
      // period; that history is kept as it was (replay.test.ts), so this test records nothing.
      expect(await h.result()).toMatchObject({ submissions: 2, violations: [] });
      expect((await listApplications(database.db, h.row.id)).map((a) => [a.n, a.decision, a.reviewDue])).toEqual([
        [1, 'returned', '2025-10-13'],
        [2, 'approved', '2025-10-21'],
      ]);
      expect((await getCatalogEntry(database.db, 'MKT-001'))?.dataItems).toContain('注册资本（万元）');
      expect(await database.db.select().from(violations)).toHaveLength(0);
    });
  });

  it('a calendar change during a review counts it again, and one during the resubmission period counts that again', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      await advanceTo(env, '2025-09-29T09:00:00+08:00');
      expect((await submit(h, [withRegisteredCapital])).reviewDeadline.due).toBe('2025-10-13');

      // Friday 2025-10-10 declared a rest day: the review from 2025-09-29 (9-30, 10-9, 10-11, 10-13, 10-14) ends on 2025-10-14.
      await upsertOverride(database.db, { date: '2025-10-10', kind: 'holiday', reason: '测试：调整放假', createdBy: reviewer.userId });
      await h.signal(calendarChanged, { calendarVersion: 'changed' });
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'under_review', dueDate: '2025-10-14' }),
      );
      expect((await h.query(getCatalogUpdateState))?.submissions[0]?.reviewDeadline.due).toBe('2025-10-14');

      // Returned on 2025-10-09: the resubmission period is counted on the changed calendar, 10-11 (worked),
      // 10-13, 10-14, 10-15, 10-16. (Before the resubmission period, the 10 days from D, 2025-10-17.)
      await advanceTo(env, '2025-10-09T09:00:00+08:00');
      await review(h, false, '数据项“注册资本”应注明计量单位');
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', dueDate: '2025-10-16' });

      // Monday 2025-10-13 declared a rest day as well: 10-11, 10-14, 10-15, 10-16, 10-17.
      await upsertOverride(database.db, { date: '2025-10-13', kind: 'holiday', reason: '测试：调整放假', createdBy: reviewer.userId });
      await h.signal(calendarChanged, { calendarVersion: 'changed-again' });
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', dueDate: '2025-10-17' }),
      );
      expect((await h.query(getCatalogUpdateState))?.submissions[0]?.resubmissionDeadline?.due).toBe('2025-10-17');
    });
  });

  it('late submission: yellow on 2025-10-15, red after 2025-10-16, a violation against the department, still approved', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      await advanceTo(env, '2025-10-15T09:00:00+08:00');
      await eventually(async () => expect((await getProcess(database.db, h.workflowId))?.level).toBe('warning'));

      await advanceTo(env, '2025-10-17T09:00:00+08:00');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ level: 'overdue', stage: 'awaiting_application' }),
      );
      expect(await violationsOf(h.workflowId)).toEqual([
        expect.objectContaining({
          article: '第四十九条(八)',
          partyKind: 'department',
          supervisor: 'authority',
          findingClass: 'violation',
          kind: 'catalog_submission_overdue',
          departmentCode: 'market',
          dueDate: '2025-10-16',
        }),
      ]);

      await advanceTo(env, '2025-10-20T09:00:00+08:00');
      expect(await submit(h, [withRegisteredCapital])).toMatchObject({ late: true, reviewDeadline: { due: '2025-10-27' } });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'under_review', dueDate: '2025-10-27', level: 'normal' });
      await advanceTo(env, '2025-10-21T09:00:00+08:00');
      await review(h, true);
      expect(await h.result()).toMatchObject({ catalogVersion: 2, violations: ['catalog_submission_overdue'] });
      expect(await violationsOf(h.workflowId)).toHaveLength(1);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'approved' });
    });
  });

  it('late review: received 2025-10-10, still unreviewed after 2025-10-16 → a violation against the authority, then approved', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      await advanceTo(env, '2025-10-10T09:00:00+08:00');
      await submit(h, [withRegisteredCapital]);

      await advanceTo(env, '2025-10-17T09:00:00+08:00');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({
          level: 'overdue',
          stage: 'under_review',
          dueDate: '2025-10-16',
        }),
      );
      expect(await violationsOf(h.workflowId)).toEqual([
        expect.objectContaining({
          // the authority's own duty to review within 5 working days, not 第四十九条(八)
          article: '第十八条第二款',
          partyKind: 'authority',
          supervisor: 'county_government',
          findingClass: 'timeliness',
          kind: 'catalog_review_overdue_1',
          departmentCode: 'county-data',
          dueDate: '2025-10-16',
        }),
      ]);

      await advanceTo(env, '2025-10-20T09:00:00+08:00');
      expect(await review(h, true)).toMatchObject({ stage: 'approved', submission: { decision: { late: true } } });
      expect(await h.result()).toMatchObject({ catalogVersion: 2, violations: ['catalog_review_overdue_1'] });
      expect(await violationsOf(h.workflowId)).toHaveLength(1);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'approved' });
    });
  });

  it('late submission withdrawn by a recount, then missed again: a second round on 2025-10-20 (SPEC §2)', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      await advanceTo(env, '2025-10-17T09:00:00+08:00');
      await eventually(async () => expect(await violationsOf(h.workflowId)).toHaveLength(1));
      expect((await violationsOf(h.workflowId))[0]).toMatchObject({ dueDate: '2025-10-16', status: 'notified' });

      // Wednesday 10-15 and Thursday 10-16 made rest days: 10-13 (7), 10-14 (8), Fri 10-17 (9),
      // Mon 10-20 (10). Today is 10-17: the new deadline has not passed, the finding is withdrawn.
      for (const date of ['2025-10-15', '2025-10-16']) {
        await upsertOverride(database.db, { date, kind: 'holiday', reason: '测试：调整放假', createdBy: reviewer.userId });
      }
      await h.signal(calendarChanged, { calendarVersion: 'changed' });
      await eventually(async () => expect((await violationsOf(h.workflowId))[0]).toMatchObject({ status: 'withdrawn' }));
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ dueDate: '2025-10-20', stage: 'awaiting_application' });

      // Tuesday 10-21: the recounted deadline has passed as well: recorded again, its round 2.
      await advanceTo(env, '2025-10-21T09:00:00+08:00');
      await eventually(async () => expect((await violationsOf(h.workflowId))[0]).toMatchObject({ status: 'notified' }));
      const [again] = await violationsOf(h.workflowId);
      expect(again).toMatchObject({
        kind: 'catalog_submission_overdue',
        article: '第四十九条(八)',
        departmentCode: 'market',
        dueDate: '2025-10-20',
        detail: expect.objectContaining({ round: 2 }),
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ level: 'overdue', dueDate: '2025-10-20' });

      // Applied late the same day: no third finding. Review from 10-21: 10-22, 10-23, 10-24, 10-27, 10-28.
      expect(await submit(h, [withRegisteredCapital])).toMatchObject({ late: true, reviewDeadline: { due: '2025-10-28' } });
      await review(h, true);
      expect(await h.result()).toMatchObject({ catalogVersion: 2, violations: ['catalog_submission_overdue'] });
      expect(await violationsOf(h.workflowId)).toHaveLength(1);
      expect((await violationsOf(h.workflowId))[0]).toMatchObject({ status: 'notified', dueDate: '2025-10-20' });
      await recordHistory(h, 'catalog-update-finding-withdrawn-missed-again');
    });
  });

  it('timely application 2025-10-10, returned late on 2025-10-20: only the authority is charged (第十八条第二款); resubmission due 2025-10-27', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      await advanceTo(env, '2025-10-10T09:00:00+08:00');
      expect(await submit(h, [withRegisteredCapital])).toMatchObject({ n: 1, late: false, reviewDeadline: { due: '2025-10-16' } });

      // Review due 2025-10-16 (10-11 Saturday worked: 11, 13, 14, 15, 16); still open on Monday 2025-10-20.
      await advanceTo(env, '2025-10-20T09:00:00+08:00');
      await eventually(async () => expect(await violationsOf(h.workflowId)).toHaveLength(1));
      expect(await review(h, false, '数据项“注册资本”应注明计量单位')).toMatchObject({
        stage: 'returned',
        submission: { n: 1, decision: { approve: false, late: true } },
      });
      // The department met 第十八条第一款 on 2025-10-10: 5 working days from the return, 10-21 … 10-24, 10-27.
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', dueDate: '2025-10-27', level: 'normal' });
      const [returned] = (await listEvents(database.db, h.workflowId)).filter((e) => e.kind === 'application_returned');
      expect(returned?.detail).toMatchObject({ resubmissionWorkingDays: 5, resubmissionDeadline: { due: '2025-10-27' } });

      await advanceTo(env, '2025-10-24T09:00:00+08:00');
      // Received Friday 2025-10-24 → review due 10-27, 10-28, 10-29, 10-30, 10-31.
      expect(await submit(h, [withRegisteredCapital])).toMatchObject({ n: 2, late: false, reviewDeadline: { due: '2025-10-31' } });
      await advanceTo(env, '2025-10-27T09:00:00+08:00');
      expect((await review(h, true)).catalogVersion).toBe(2);
      expect(await h.result()).toMatchObject({ catalogVersion: 2, submissions: 2, violations: ['catalog_review_overdue_1'] });
      await recordHistory(h, 'catalog-update-late-return-resubmission-period');

      expect(await violationsOf(h.workflowId)).toEqual([
        expect.objectContaining({
          kind: 'catalog_review_overdue_1',
          article: '第十八条第二款',
          partyKind: 'authority',
          supervisor: 'county_government',
          findingClass: 'timeliness',
          departmentCode: 'county-data',
          dueDate: '2025-10-16',
        }),
      ]);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ status: 'closed', stage: 'approved' });
    });
  });

  it('timely application, returned 2025-10-14, resubmitted late on 2025-10-23: one timeliness finding against the department, no 第四十九条(八)', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      await advanceTo(env, '2025-10-10T09:00:00+08:00');
      await submit(h, [withRegisteredCapital]);
      await advanceTo(env, '2025-10-14T09:00:00+08:00');
      await review(h, false, '数据项“注册资本”应注明计量单位');
      // 5 working days from Tuesday 2025-10-14: 10-15, 10-16, 10-17, 10-20, 10-21.
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', dueDate: '2025-10-21' });

      await advanceTo(env, '2025-10-22T09:00:00+08:00');
      await eventually(async () =>
        expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', level: 'overdue', dueDate: '2025-10-21' }),
      );
      const finding = expect.objectContaining({
        kind: 'catalog_resubmission_overdue_1',
        article: '第十八条第一款（主管部门设定的重新提交期限）',
        partyKind: 'department',
        supervisor: 'authority',
        findingClass: 'timeliness',
        departmentCode: 'market',
        dueDate: '2025-10-21',
      });
      expect(await violationsOf(h.workflowId)).toEqual([finding]);

      await advanceTo(env, '2025-10-23T09:00:00+08:00');
      // Received Thursday 2025-10-23 → review due 10-24, 10-27, 10-28, 10-29, 10-30.
      expect(await submit(h, [withRegisteredCapital])).toMatchObject({ n: 2, late: true, reviewDeadline: { due: '2025-10-30' } });
      await advanceTo(env, '2025-10-24T09:00:00+08:00');
      await review(h, true);
      expect(await h.result()).toMatchObject({ catalogVersion: 2, violations: ['catalog_resubmission_overdue_1'] });
      expect(await violationsOf(h.workflowId)).toEqual([finding]);
    });
  });

  it("the authority's resubmission setting: 3 working days from a return on 2025-10-09 → due 2025-10-13", async () => {
    await withWorker(async (taskQueue) => {
      await setResubmissionWorkingDays(database.db, 3, reviewer.userId);
      const h = await start(taskQueue);
      await advanceTo(env, '2025-10-09T09:00:00+08:00');
      await submit(h, [withRegisteredCapital]);
      await review(h, false, '数据项“注册资本”应注明计量单位');
      // 10-10, 10-11 (Saturday, worked), 10-13.
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', dueDate: '2025-10-13' });
      const [returned] = (await listEvents(database.db, h.workflowId)).filter((e) => e.kind === 'application_returned');
      expect(returned?.detail).toMatchObject({ resubmissionWorkingDays: 3, resubmissionDeadline: { due: '2025-10-13' } });
    });
  });

  it('late first application 2025-10-20, returned, resubmitted late: 第四十九条(八) once, then the resubmission period', async () => {
    await withWorker(async (taskQueue) => {
      const h = await start(taskQueue);
      await advanceTo(env, '2025-10-20T09:00:00+08:00');
      await eventually(async () => expect(await violationsOf(h.workflowId)).toHaveLength(1));
      expect(await submit(h, [withRegisteredCapital])).toMatchObject({ n: 1, late: true });
      await advanceTo(env, '2025-10-21T09:00:00+08:00');
      await review(h, false, '数据项“注册资本”应注明计量单位');
      // From Tuesday 2025-10-21: 10-22, 10-23, 10-24, 10-27, 10-28.
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', dueDate: '2025-10-28', level: 'normal' });
      await advanceTo(env, '2025-10-29T09:00:00+08:00');
      await eventually(async () => expect(await violationsOf(h.workflowId)).toHaveLength(2));
      expect((await violationsOf(h.workflowId)).map((v) => [v.kind, v.article, v.partyKind, v.departmentCode, v.dueDate]).sort()).toEqual([
        ['catalog_resubmission_overdue_1', '第十八条第一款（主管部门设定的重新提交期限）', 'department', 'market', '2025-10-28'],
        ['catalog_submission_overdue', '第四十九条(八)', 'department', 'market', '2025-10-16'],
      ]);
    });
  });

  it('two changes of one department at once: a conflicting edit is refused with 409 CATALOG_ENTRY_CONFLICT, nothing lost, rebased and approved', async () => {
    await withWorker(async (taskQueue) => {
      const [a, b] = [await start(taskQueue), await start(taskQueue)];
      await advanceTo(env, '2025-10-09T09:00:00+08:00');
      const civilStaff = await actorOf(database.db, 'civil-staff');
      expect(await updateRefusal(submit(a, [withRegisteredCapital], civilStaff))).toBe('FORBIDDEN_DEPARTMENT');
      expect(await updateRefusal(submit(a, [changeEntry('MKT-002', 1, { sharingBasis: null })]))).toBe('SHARING_BASIS_REQUIRED');

      await submit(a, [withRegisteredCapital]);
      expect(await updateRefusal(submit(a, [withRegisteredCapital]))).toBe('APPLICATION_UNDER_REVIEW');
      // B edits the same entry from the same version 1, and adds one of its own.
      const bEdit = changeEntry('MKT-001', 1, { summary: '本县市场主体登记信息（含分支机构）' });
      await submit(b, [bEdit, addEntry('MKT-004')]);

      expect((await review(a, true)).catalogVersion).toBe(2);
      expect(await updateRefusal(review(b, true))).toBe('CATALOG_ENTRY_CONFLICT');
      // Refused as a whole: A's edit stands, B's addition is not half-applied, B waits under review.
      expect(await getCatalogEntry(database.db, 'MKT-001')).toMatchObject({
        version: 2,
        dataItems: expect.arrayContaining(['注册资本']),
        summary: seededMetadata('MKT-001').summary,
      });
      expect(await getCatalogEntry(database.db, 'MKT-004')).toBeNull();
      expect(await database.db.select().from(catalogVersions)).toHaveLength(2);
      expect((await b.query(getCatalogUpdateState))?.stage).toBe('under_review');
      expect((await listEvents(database.db, b.workflowId)).map((e) => e.kind)).toContain('approval_refused');

      await review(b, false, 'MKT-001 已被另一申请更新为第 2 版，请合并后重新提交');
      const merged = changeEntry('MKT-001', 2, {
        dataItems: [...seededMetadata('MKT-001').dataItems, '注册资本'],
        summary: bEdit.action === 'change' ? bEdit.entry.summary : '',
      });
      await submit(b, [merged, addEntry('MKT-004')]);
      expect((await review(b, true)).catalogVersion).toBe(3);
      expect(await b.result()).toMatchObject({ catalogVersion: 3, submissions: 2, violations: [] });

      expect(await getCatalogEntry(database.db, 'MKT-001')).toMatchObject({
        version: 3,
        catalogVersion: 3,
        summary: '本县市场主体登记信息（含分支机构）',
        dataItems: expect.arrayContaining(['注册资本']),
      });
      expect(await getCatalogEntry(database.db, 'MKT-004')).toMatchObject({ version: 1, catalogVersion: 3 });
      expect((await getResponsibilityList(database.db, 'market'))?.items.map((i) => i.code)).toEqual(['MKT-001', 'MKT-002', 'MKT-004']);
    });
  });
});
