// 第四十七条 (SPEC §3.8): IT projects. The department files with its 目录清单, checked against the
// catalog; the authority reviews (评审评估) and later accepts (验收); 发展改革部门 approves 立项;
// 财政部门 budgets. Routes check roles and the catalog with domain/; the workflow's validators
// decide who may act and when. Periods are the authority's settings, not the regulation's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { beijingIso } from '../../domain/deadline';
import { domainError } from '../../domain/errors';
import {
  checkApproval,
  checkCatalogListAtFiling,
  type ItProjectPeriods,
  type ItProjectState,
  type ProjectCatalogItem,
  readsEveryProject,
} from '../../domain/it-project';
import { canReadDepartment, departmentScope } from '../../domain/roles';
import { beijingDate } from '../../domain/working-days';
import { entriesByCode } from '../../db/repositories/catalog.repo';
import {
  getItProject,
  insertItProjectOnce,
  itProjectPeriods,
  setItProjectPeriods,
  type ItProjectRow,
  listItProjects,
  type NamedItProjectRow,
} from '../../db/repositories/it-projects.repo';
import { getProcess, registryDeadline } from '../../db/repositories/registry.repo';
import { acceptItProject, approveItProject, fundItProject, getItProjectState, reviewItProject } from '../../workflows/messages';
import { itProjectWorkflowId } from '../../workflows/options';
import { domainRefusal, notFound } from '../errors';
import { callerOf } from '../plugins/auth';
import { errors, ProcessIdParams } from '../schemas/common';
import {
  ApproveItProjectBody,
  CreatedItProject,
  EmptyBody,
  FundItProjectBody,
  ItProjectBody,
  ItProjectList,
  ItProjectPeriods as PeriodsSchema,
  ItProjectPeriodsBody,
  ItProjectStageResult,
  ItProjectView,
  ReviewItProjectBody,
} from '../schemas/it-project.schema';
import { mintCaseId, ownedBy, startProcess } from '../start-process';

const DEPT = ['department_staff', 'department_head'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor', 'development_reform', 'finance'] as const;

/** Shown beside every period: 第四十七条 sets none. */
const PERIODS_BASIS = '本系统设置，非条例规定';
const periodsView = (p: ItProjectPeriods) => ({ ...p, basis: PERIODS_BASIS });

const summaryOf = (r: NamedItProjectRow) => ({
  id: r.id,
  workflowId: r.workflowId,
  departmentCode: r.departmentCode,
  departmentName: r.departmentName,
  name: r.name,
  createdAt: beijingIso(r.createdAt.getTime()),
});

const decisionOf = (d: { positive: boolean; text?: string; at: string; late: boolean } | undefined) =>
  d ? { positive: d.positive, text: d.text ?? null, at: beijingIso(Date.parse(d.at)), late: d.late } : null;

/** 404 for what the caller may not see, 409 once closed. */
async function projectFor(request: FastifyRequest, id: string, mode: 'read' | 'work'): Promise<NamedItProjectRow> {
  const { db } = request.server.deps;
  const row = await getItProject(db, id);
  const actor = callerOf(request);
  if (!row || !(readsEveryProject(actor) || canReadDepartment(actor, row.departmentCode))) throw notFound('政务信息化项目');
  request.auditTarget = row.workflowId;
  if (mode === 'work' && (await getProcess(db, row.workflowId))?.status === 'closed') throw domainRefusal(domainError('PROCESS_CLOSED'));
  return row;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;
  const handleOf = (row: ItProjectRow) => temporal.workflow.getHandle(row.workflowId);
  const stateOf = (row: ItProjectRow): Promise<ItProjectState | null> => handleOf(row).query(getItProjectState);

  app.get(
    '/it-projects/settings',
    {
      config: { roles: READERS },
      schema: {
        summary: '政务信息化项目各环节办理期限（工作日；本系统设置，非条例规定）',
        tags: ['it-projects'],
        response: { 200: PeriodsSchema, ...errors() },
      },
    },
    async () => periodsView(await itProjectPeriods(db)),
  );

  app.put(
    '/it-projects/settings',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '主管部门设定政务信息化项目各环节办理期限：此后申报的项目按新期限计算，已申报的不变',
        tags: ['it-projects'],
        body: ItProjectPeriodsBody,
        response: { 200: PeriodsSchema, ...errors() },
      },
    },
    async (request) => {
      await setItProjectPeriods(db, request.body, callerOf(request).userId);
      request.auditTarget = 'it-project-settings';
      return periodsView(request.body);
    },
  );

  app.post(
    '/it-projects',
    {
      config: { roles: DEPT, startsProcess: true },
      schema: {
        summary: '申报政务信息化项目，附本项目政务数据资源目录清单（第四十七条第三款）',
        tags: ['it-projects'],
        body: ItProjectBody,
        response: { 200: CreatedItProject, 201: CreatedItProject, ...errors(400, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = callerOf(request);
      const departmentCode = actor.departmentCode!;
      const list = request.body.catalogList as ProjectCatalogItem[];
      const found = await entriesByCode(
        db,
        list.map((i) => i.code),
      );
      const active = new Set([...found.values()].filter((e) => e.status === 'active').map((e) => e.code));
      const refused = checkCatalogListAtFiling(list, active);
      if (refused) throw domainRefusal({ ...refused, fields: [{ path: 'catalogList', message: refused.message }] });
      const periods = await itProjectPeriods(db);
      const { row, created } = await startProcess<ItProjectRow>(request.server.deps, {
        insert: () =>
          insertItProjectOnce(db, {
            id: mintCaseId('XM', beijingDate(Date.now())),
            requestId: request.body.requestId,
            workflowId: itProjectWorkflowId(request.body.requestId),
            departmentCode,
            name: request.body.name,
            catalogList: list,
            periods,
            registeredByUserId: actor.userId,
          }),
        onRepeat: ownedBy(request, (r) => r.registeredByUserId),
        workflow: (r) => ({
          workflow: 'itProjectWorkflow',
          workflowId: r.workflowId,
          args: [{ projectId: r.id, departmentCode, name: r.name, catalogList: r.catalogList, periods: r.periods, filedBy: actor }],
          process: { type: 'it_project', departmentCode },
        }),
      });
      request.auditTarget = row.workflowId;
      return reply.status(created ? 201 : 200).send({ id: row.id, workflowId: row.workflowId, created });
    },
  );

  app.get(
    '/it-projects',
    {
      config: { roles: READERS },
      schema: {
        summary: '政务信息化项目：部门看本部门的，主管部门、发展改革、财政与审计看全县的',
        tags: ['it-projects'],
        response: { 200: ItProjectList },
      },
    },
    async (request) => {
      const actor = callerOf(request);
      return { items: (await listItProjects(db, readsEveryProject(actor) ? undefined : departmentScope(actor))).map(summaryOf) };
    },
  );

  app.get(
    '/it-projects/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '政务信息化项目：环节、期限、目录清单与各部门意见',
        tags: ['it-projects'],
        params: ProcessIdParams,
        response: { 200: ItProjectView, ...errors(404) },
      },
    },
    async (request) => {
      const row = await projectFor(request, request.params.id, 'read');
      const [process, s] = await Promise.all([getProcess(db, row.workflowId), stateOf(row).catch(() => null)]);
      return {
        ...summaryOf(row),
        stage: process?.stage ?? 'starting',
        level: process?.level ?? 'normal',
        deadline: registryDeadline(process),
        catalogList: row.catalogList,
        periods: periodsView(row.periods),
        review: decisionOf(s?.review && { ...s.review, positive: s.review.passed, text: s.review.opinion }),
        approval: decisionOf(s?.approval && { ...s.approval, positive: s.approval.approved, text: s.approval.reason }),
        funding: decisionOf(s?.funding && { ...s.funding, positive: s.funding.budgeted, text: s.funding.reason }),
        refusedAcceptances: (s?.refusedAcceptances ?? []).map((r) => ({ at: beijingIso(Date.parse(r.at)), missing: r.missing })),
      };
    },
  );

  const step = { tags: ['it-projects'], params: ProcessIdParams, response: { 200: ItProjectStageResult, ...errors(403, 404, 409, 422) } };

  app.post(
    '/it-projects/:id/review',
    {
      config: { roles: ['authority_reviewer'] },
      schema: { ...step, summary: '主管部门评审评估（第四十七条第二款）', body: ReviewItProjectBody },
    },
    async (request) => {
      const row = await projectFor(request, request.params.id, 'work');
      const s = await handleOf(row).executeUpdate(reviewItProject, { args: [{ actor: callerOf(request), ...request.body }] });
      return { stage: s.stage };
    },
  );

  app.post(
    '/it-projects/:id/approval',
    {
      config: { roles: ['development_reform'] },
      schema: { ...step, summary: '发展改革部门审批立项：须已通过主管部门评审评估（第四十七条第二款）', body: ApproveItProjectBody },
    },
    async (request) => {
      const row = await projectFor(request, request.params.id, 'read');
      // A missing or negative review answers as such, also once a negative review has closed the project.
      const current = await stateOf(row);
      const refused = current && checkApproval(current, callerOf(request));
      if (refused && refused.code !== 'PROJECT_NOT_IN_STAGE') throw domainRefusal(refused);
      await projectFor(request, request.params.id, 'work');
      const s = await handleOf(row).executeUpdate(approveItProject, { args: [{ actor: callerOf(request), ...request.body }] });
      return { stage: s.stage };
    },
  );

  app.post(
    '/it-projects/:id/funding',
    {
      config: { roles: ['finance'] },
      schema: { ...step, summary: '财政部门纳入本级财政预算统筹安排（第四十七条第二款）', body: FundItProjectBody },
    },
    async (request) => {
      const row = await projectFor(request, request.params.id, 'work');
      const s = await handleOf(row).executeUpdate(fundItProject, { args: [{ actor: callerOf(request), ...request.body }] });
      return { stage: s.stage };
    },
  );

  app.post(
    '/it-projects/:id/acceptance',
    {
      config: { roles: ['authority_reviewer'] },
      schema: { ...step, summary: '项目验收：目录清单须已全部纳入县政务数据资源目录（第四十七条第三款）', body: EmptyBody },
    },
    async (request) => {
      const row = await projectFor(request, request.params.id, 'work');
      const s = await handleOf(row).executeUpdate(acceptItProject, { args: [{ actor: callerOf(request) }] });
      return { stage: s.stage };
    },
  );
};

export default routes;
