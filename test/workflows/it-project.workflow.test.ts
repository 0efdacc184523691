// 第四十七条 on the time-skipping server, its clock set to real 2025 days. The market department
// files on Monday 2025-03-03 with its 目录清单: MKT-001 (in the catalog) and MKT-020 (new).
// Periods are the authority's default settings (第四十七条 sets none): review 15, 立项 20, budget 20
// working days, counted from the day after the stage opened.
// - review from 03-03: 03-04..07 (4), 10..14 (9), 17..21 (14), 24 (15) → due 2025-03-24;
// - 立项 from 03-10: 11..14 (4), 17..21 (9), 24..28 (14), 31 (15), 04-01..03 (18), 04-04 清明 off,
//   04-07 (19), 04-08 (20) → due 2025-04-08;
// - budget from 03-12: 13, 14 (2), 17..21 (7), 24..28 (12), 31 (13), 04-01..03 (16), 04-07..10 (20)
//   → due 2025-04-10; decided on 04-11, late: the registry turned red, and no finding is recorded.
// 验收 on 04-14 is refused while MKT-020 is missing from the catalog, accepted once it is there.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { getProcess, listEvents } from '../../db/repositories/registry.repo';
import { catalogEntries, violations } from '../../db/schema';
import { IT_PROJECT_PERIODS, type ProjectCatalogItem } from '../../domain/it-project';
import type { Actor } from '../../domain/roles';
import { acceptItProject, approveItProject, fundItProject, getItProjectState, reviewItProject } from '../../workflows/messages';
import { itProjectWorkflowId } from '../../workflows/options';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';
import { recordHistory } from '../helpers/history';
import { advanceTo, createTestWorker, timeSkippingEnvAt } from '../helpers/temporal';
import { eventually } from '../helpers/wait';

let env: TestWorkflowEnvironment;
let database: Database;
let staff: Actor;
let reviewer: Actor;
let devReform: Actor;
let finance: Actor;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt('2025-03-03T10:00:00+08:00'), testDatabase()]);
  const as = (username: string) => actorOf(database.db, username);
  [staff, reviewer, devReform, finance] = await Promise.all([
    as('market-staff'),
    as('reviewer'),
    as('dev-reform-staff'),
    as('finance-staff'),
  ]);
});

afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

const LIST: ProjectCatalogItem[] = [
  { code: 'MKT-001', name: '市场主体登记信息', isNew: false },
  { code: 'MKT-020', name: '智慧监管平台检查记录', isNew: true },
];

/** The refusal a failed update carries: its code and the message the API answers with. */
async function refusalOf(p: Promise<unknown>): Promise<{ type?: string; message?: string }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e as { cause?: { type?: string; message?: string } },
  );
  return { type: err?.cause?.type, message: err?.cause?.message };
}

describe('itProjectWorkflow', () => {
  it('立项 refused before the review; budgeted a day late with no finding; 验收 refused for a missing entry, then accepted', async () => {
    const { worker, taskQueue } = await createTestWorker(env, database.db);
    await worker.runUntil(async () => {
      const h = await env.client.workflow.start('itProjectWorkflow', {
        taskQueue,
        workflowId: itProjectWorkflowId(crypto.randomUUID()),
        args: [
          {
            projectId: 'XM-1',
            departmentCode: 'market',
            name: '市场监管智慧监管平台',
            catalogList: LIST,
            periods: IT_PROJECT_PERIODS,
            filedBy: staff,
          },
        ],
      });
      await eventually(async () => expect(await h.query(getItProjectState)).not.toBeNull());
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({
        type: 'it_project',
        stage: 'under_review',
        dueDate: '2025-03-24',
      });

      expect(await refusalOf(h.executeUpdate(approveItProject, { args: [{ actor: devReform, approved: true }] }))).toMatchObject({
        type: 'PROJECT_REVIEW_MISSING',
      });
      expect((await refusalOf(h.executeUpdate(reviewItProject, { args: [{ actor: finance, passed: true, opinion: '同意' }] }))).type).toBe(
        'PROJECT_ROLE_REQUIRED',
      );

      await advanceTo(env, '2025-03-10T09:00:00+08:00');
      await h.executeUpdate(reviewItProject, { args: [{ actor: reviewer, passed: true, opinion: '符合集约建设要求，目录清单完整' }] });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'project_approving', dueDate: '2025-04-08' });

      await advanceTo(env, '2025-03-12T09:00:00+08:00');
      await h.executeUpdate(approveItProject, { args: [{ actor: devReform, approved: true }] });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'project_funding', dueDate: '2025-04-10' });

      await advanceTo(env, '2025-04-11T09:00:00+08:00');
      await eventually(async () => expect(await getProcess(database.db, h.workflowId)).toMatchObject({ level: 'overdue' }));
      const funded = await h.executeUpdate(fundItProject, { args: [{ actor: finance, budgeted: true }] });
      expect(funded.funding).toMatchObject({ budgeted: true, late: true });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'project_building', dueDate: null, level: 'normal' });

      await advanceTo(env, '2025-04-14T09:00:00+08:00');
      expect(await refusalOf(h.executeUpdate(acceptItProject, { args: [{ actor: reviewer }] }))).toEqual({
        type: 'PROJECT_CATALOG_INCOMPLETE',
        message: '项目目录清单尚未完成，以下目录条目仍未纳入县政务数据资源目录，验收不予通过：MKT-020',
      });
      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'project_building', status: 'open' });

      // MKT-020 enters the catalog (as an approved compilation would write it).
      const [base] = await database.db.select().from(catalogEntries).where(eq(catalogEntries.code, 'MKT-001'));
      await database.db.insert(catalogEntries).values({ ...base!, code: 'MKT-020', name: '智慧监管平台检查记录' });
      const accepted = await h.executeUpdate(acceptItProject, { args: [{ actor: reviewer }] });
      expect(accepted.stage).toBe('completed');
      expect(await h.result()).toEqual({ projectId: 'XM-1', stage: 'completed', refusedAcceptances: 1 });

      expect(await getProcess(database.db, h.workflowId)).toMatchObject({ stage: 'completed', status: 'closed' });
      expect(await database.db.select().from(violations).where(eq(violations.workflowId, h.workflowId))).toEqual([]);
      expect((await listEvents(database.db, h.workflowId)).map((e) => e.kind)).toEqual([
        'project_filed',
        'project_reviewed',
        'project_approved',
        'level_warning',
        'level_overdue',
        'project_funded',
        'project_acceptance_refused',
        'project_accepted',
      ]);
      await recordHistory(h, 'it-project-late-budget-acceptance-refused-accepted');
    });
  });
});
