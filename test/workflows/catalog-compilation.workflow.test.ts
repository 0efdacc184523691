// 第十六条 on the time-skipping server, its clock set to real 2025 days. The market department
// reports its yearly review on Friday 2025-09-26; the authority has 5 working days from receipt
// (read as 第十八条第二款): 9-28 (Sunday, worked), 9-29, 9-30, then the National Day holiday
// (10-1..10-8 off), 10-9, 10-10 → due 2025-10-10. A 第十八条 change of MKT-001 is approved first, so
// the review's approval meets a stale base and is refused. Returned on 10-09 (no period for the
// department: 第十六条 sets none), resubmitted on Monday 10-13: 10-14, 10-15, 10-16, 10-17, 10-20 →
// due 2025-10-20; reviewed on 10-21, a day late: a timeliness finding against the authority.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { listApplications } from '../../db/repositories/catalog-changes.repo';
import { getCatalogEntry, getResponsibilityList } from '../../db/repositories/catalog.repo';
import { insertCompilationOnce } from '../../db/repositories/catalog-compilations.repo';
import { getProcess, listEvents } from '../../db/repositories/registry.repo';
import { catalogCompilations, catalogVersions, violations } from '../../db/schema';
import type { CatalogChange } from '../../domain/catalog';
import type { CompilationKind } from '../../domain/catalog-compilation';
import type { Actor } from '../../domain/roles';
import {
  getCatalogCompilationState,
  reviewCatalogApplication,
  reviewCatalogCompilation,
  submitCatalogApplication,
  submitCatalogCompilation,
} from '../../workflows/messages';
import { catalogCompilationWorkflowId } from '../../workflows/options';
import { actorOf } from '../helpers/actors';
import { addEntry, changeEntry, insertCatalogChange, seededMetadata } from '../helpers/catalog';
import { testDatabase } from '../helpers/db';
import { recordHistory } from '../helpers/history';
import { advanceTo, createTestWorker, timeSkippingEnvAt, updateRefusal } from '../helpers/temporal';
import { eventually } from '../helpers/wait';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let reviewer: Actor;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt('2025-09-26T10:00:00+08:00'), testDatabase()]);
  staff = await actorOf(database.db, 'market-staff');
  reviewer = await actorOf(database.db, 'reviewer');
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

async function withWorker(body: (taskQueue: string) => Promise<void>): Promise<void> {
  const { worker, taskQueue } = await createTestWorker(env, database.db);
  await worker.runUntil(() => body(taskQueue));
}

/** The compilation as the API starts it: the row, then the workflow with the first application. */
async function startCompilation(taskQueue: string, kind: CompilationKind, changes: CatalogChange[]) {
  const requestId = crypto.randomUUID();
  const { row } = await insertCompilationOnce(database.db, {
    id: `MB-${requestId.slice(0, 8)}`,
    requestId,
    workflowId: catalogCompilationWorkflowId(requestId),
    departmentCode: 'market',
    kind,
    description: '2025 年度目录清单复核',
    registeredByUserId: staff.userId,
  });
  const handle = await env.client.workflow.start('catalogCompilationWorkflow', {
    taskQueue,
    workflowId: row.workflowId,
    args: [{ compilationId: row.id, departmentCode: 'market', authorityCode: 'county-data', kind, changes, submittedBy: staff }],
  });
  await eventually(async () => expect((await handle.query(getCatalogCompilationState))?.submissions).toHaveLength(1));
  return Object.assign(handle, { row });
}

/** A 第十八条 change of MKT-001 approved through its own workflow: the entry moves to version 2. */
async function approveCompetingUpdate(taskQueue: string): Promise<void> {
  const change = await insertCatalogChange(database.db, staff, '2025-09-26');
  const h = await env.client.workflow.start('catalogUpdateWorkflow', {
    taskQueue,
    workflowId: change.workflowId,
    args: [{ changeId: change.id, departmentCode: 'market', authorityCode: 'county-data', changeDate: '2025-09-26', registeredBy: staff }],
  });
  const edit = changeEntry('MKT-001', 1, { summary: '本县市场主体登记信息（含分支机构）' });
  await eventually(() => h.executeUpdate(submitCatalogApplication, { args: [{ actor: staff, changes: [edit] }] }));
  await h.executeUpdate(reviewCatalogApplication, { args: [{ actor: reviewer, approve: true }] });
}

type Handle = Awaited<ReturnType<typeof startCompilation>>;
const review = (h: Handle, approve: boolean, reason?: string) =>
  h.executeUpdate(reviewCatalogCompilation, { args: [{ actor: reviewer, approve, reason }] });

describe('catalogCompilationWorkflow', () => {
  it('stale base refused with nothing written, returned, resubmitted on the new version, approved a day late → version 3 and a finding against the authority', async () => {
    await withWorker(async (taskQueue) => {
      const withCapital = changeEntry('MKT-001', 1, { dataItems: [...seededMetadata('MKT-001').dataItems, '注册资本'] });
      const h = await startCompilation(taskQueue, 'yearly_review', [withCapital, addEntry('MKT-010')]);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        type: 'catalog_compilation',
        stage: 'under_review',
        dueDate: '2025-10-10',
        status: 'open',
      });

      await advanceTo(env, '2025-09-29T09:00:00+08:00');
      await approveCompetingUpdate(taskQueue);
      expect(await getCatalogEntry(database.db, 'MKT-001')).toMatchObject({ version: 2, catalogVersion: 2 });

      await advanceTo(env, '2025-10-09T09:00:00+08:00');
      expect(await updateRefusal(h.executeUpdate(reviewCatalogCompilation, { args: [{ actor: staff, approve: true }] }))).toBe(
        'NOT_AUTHORITY_REVIEWER',
      );
      expect(await updateRefusal(review(h, true))).toBe('CATALOG_ENTRY_CONFLICT');
      // Nothing written: still two catalog versions, MKT-010 absent, the application under review.
      expect(await database.db.select().from(catalogVersions)).toHaveLength(2);
      expect(await getCatalogEntry(database.db, 'MKT-010')).toBeNull();
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'under_review', status: 'open' });

      const returned = await review(h, false, 'MKT-001 已由目录更新改为第 2 版，请据此复核');
      expect(returned).toMatchObject({ stage: 'returned', submission: { n: 1, decision: { approve: false } } });
      // 第十六条 sets the department no resubmission period: no deadline shown.
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'returned', dueDate: null, status: 'open' });
      expect(await updateRefusal(review(h, true))).toBe('NO_APPLICATION_UNDER_REVIEW');

      await advanceTo(env, '2025-10-13T09:00:00+08:00');
      const rebased = changeEntry('MKT-001', 2, {
        summary: '本县市场主体登记信息（含分支机构）',
        dataItems: [...seededMetadata('MKT-001').dataItems, '注册资本'],
      });
      expect(
        await updateRefusal(
          h.executeUpdate(submitCatalogCompilation, { args: [{ actor: await actorOf(database.db, 'civil-staff'), changes: [rebased] }] }),
        ),
      ).toBe('FORBIDDEN_DEPARTMENT');
      const again = await h.executeUpdate(submitCatalogCompilation, { args: [{ actor: staff, changes: [rebased, addEntry('MKT-010')] }] });
      expect(again).toMatchObject({
        n: 2,
        receivedOn: '2025-10-13',
        reviewDeadline: { due: '2025-10-20', endsAt: '2025-10-21T00:00:00+08:00' },
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'under_review', dueDate: '2025-10-20' });

      await advanceTo(env, '2025-10-21T10:00:00+08:00');
      await eventually(async () =>
        expect(
          (await database.db.select().from(violations).where(eq(violations.workflowId, h.workflowId))).map((v) => [
            v.kind,
            v.article,
            v.partyKind,
            v.departmentCode,
            v.dueDate,
          ]),
        ).toEqual([['compilation_review_overdue_2', '第十六条（审核期限参照第十八条第二款）', 'authority', 'county-data', '2025-10-20']]),
      );
      expect((await review(h, true)).catalogVersion).toBe(3);
      expect(await h.result()).toEqual({
        compilationId: h.row.id,
        catalogVersion: 3,
        submissions: 2,
        violations: ['compilation_review_overdue_2'],
      });

      expect(await getCatalogEntry(database.db, 'MKT-001')).toMatchObject({
        version: 3,
        catalogVersion: 3,
        summary: '本县市场主体登记信息（含分支机构）',
      });
      expect(await getCatalogEntry(database.db, 'MKT-010')).toMatchObject({ version: 1, departmentCode: 'market' });
      const v3 = (await database.db.select().from(catalogVersions).orderBy(asc(catalogVersions.version)))[2];
      expect(v3).toMatchObject({
        changeId: h.row.id,
        departmentCode: 'market',
        summary: { added: ['MKT-010'], changed: ['MKT-001'], withdrawn: [] },
      });
      expect((await getResponsibilityList(database.db, 'market'))?.items.map((i) => i.code)).toEqual(['MKT-001', 'MKT-002', 'MKT-010']);
      const [stamped] = await database.db.select().from(catalogCompilations).where(eq(catalogCompilations.id, h.row.id));
      expect(stamped?.catalogVersion).toBe(3);
      expect((await listApplications(database.db, h.row.id)).map((a) => [a.n, a.decision, a.receivedOn, a.reviewDue])).toEqual([
        [1, 'returned', '2025-09-26', '2025-10-10'],
        [2, 'approved', '2025-10-13', '2025-10-20'],
      ]);
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual([
        'filed',
        'compilation_submitted',
        'level_warning',
        'approval_refused',
        'compilation_returned',
        'compilation_submitted',
        'level_warning',
        'level_overdue',
        'violation_recorded',
        'compilation_approved',
      ]);
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'approved', status: 'closed' });
      await recordHistory(h, 'catalog-compilation-conflict-returned-late-review');
    });
  });

  it('an addition may only add: a change in the resubmission is refused with COMPILATION_ADDS_ONLY', async () => {
    await withWorker(async (taskQueue) => {
      const h = await startCompilation(taskQueue, 'addition', [addEntry('MKT-011')]);
      await review(h, false, '请补充数据项');
      const change = changeEntry('MKT-001', 1, { summary: '改' });
      expect(await updateRefusal(h.executeUpdate(submitCatalogCompilation, { args: [{ actor: staff, changes: [change] }] }))).toBe(
        'COMPILATION_ADDS_ONLY',
      );
      expect((await listApplications(database.db, h.row.id)).map((a) => a.n)).toEqual([1]);
    });
  });
});
