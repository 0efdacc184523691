// 第十八条: registering a change (law amended, functions changed), the department's application
// and the authority's review. Routes check the catalog with domain/ and call the workflow;
// the workflow's validators decide who may act and when.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type CatalogChange, checkAgainstCatalog, checkChanges } from '../../domain/catalog';
import { checkRegistration, checkResubmissionWorkingDays, registeringDepartment } from '../../domain/catalog-update';
import type { DomainError } from '../../domain/errors';
import { beijingDate } from '../../domain/working-days';
import {
  type CatalogChangeRow,
  getChange,
  insertChangeOnce,
  listApplications,
  resubmissionWorkingDays,
  setResubmissionWorkingDays,
} from '../../db/repositories/catalog-changes.repo';
import { entriesByCode, getAuthorityDepartment, getDepartment } from '../../db/repositories/catalog.repo';
import { getProcess } from '../../db/repositories/registry.repo';
import { reviewCatalogApplication, submitCatalogApplication } from '../../workflows/messages';
import { catalogUpdateWorkflowId } from '../../workflows/options';
import { callerOf } from '../plugins/auth';
import { departmentCaseFor } from '../lookups';
import { domainRefusal } from '../errors';
import {
  CatalogSettingsBody,
  CatalogSettingsView,
  ChangeView,
  CreatedChange,
  RegisterChangeBody,
  ReviewBody,
  ReviewResult,
  SubmissionView,
  SubmitApplicationBody,
} from '../schemas/catalog.schema';
import { errors, ProcessIdParams } from '../schemas/common';
import { catalogChangeView } from '../views/catalog-change';
import { mintCaseId, ownedBy, startProcess } from '../start-process';

const DEPT = ['department_staff', 'department_head'] as const;
const REGISTRARS = [...DEPT, 'authority_reviewer'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor'] as const;

/** A domain breach found in the request body, answered with its code's status and the change it names. */
const refused = (err: DomainError & { index: number }) =>
  domainRefusal({ code: err.code, message: err.message, fields: [{ path: `changes.${err.index}`, message: err.message }] });

const changeFor = async (request: FastifyRequest, id: string, mode: 'read' | 'work' | 'review'): Promise<CatalogChangeRow> =>
  departmentCaseFor(request, await getChange(request.server.deps.db, id), '目录更新事项', mode);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  // 第十八条 sets no period for resubmitting a returned application: the authority's setting.
  app.get(
    '/catalog/settings',
    {
      config: { roles: READERS },
      schema: {
        summary: '目录更新申请退回后重新提交的期限（工作日）',
        tags: ['catalog'],
        response: { 200: CatalogSettingsView, ...errors() },
      },
    },
    async () => ({ resubmissionWorkingDays: await resubmissionWorkingDays(db) }),
  );

  app.put(
    '/catalog/settings',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '主管部门设定重新提交期限：此后退回的申请按新期限计算',
        tags: ['catalog'],
        body: CatalogSettingsBody,
        response: { 200: CatalogSettingsView, ...errors() },
      },
    },
    async (request) => {
      const refused = checkResubmissionWorkingDays(request.body.resubmissionWorkingDays);
      if (refused) throw domainRefusal(refused);
      await setResubmissionWorkingDays(db, request.body.resubmissionWorkingDays, callerOf(request).userId);
      return { resubmissionWorkingDays: request.body.resubmissionWorkingDays };
    },
  );

  app.post(
    '/catalog/changes',
    {
      config: { roles: REGISTRARS, startsProcess: true },
      schema: {
        summary: '登记法律法规修改或职能变更，启动目录更新流程（第十八条）',
        tags: ['catalog'],
        body: RegisterChangeBody,
        response: { 200: CreatedChange, 201: CreatedChange, ...errors(409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = callerOf(request);
      const departmentCode = registeringDepartment(actor, body.departmentCode);
      const department = departmentCode ? await getDepartment(db, departmentCode) : null;
      const refused = checkRegistration(
        { registrant: actor, departmentCode, changeDate: body.changeDate },
        { today: beijingDate(Date.now()), department },
      );
      if (refused) throw domainRefusal(refused);
      // 第六条: a late review is recorded against the authority.
      const authority = await getAuthorityDepartment(db);
      if (!authority) throw new Error('no department of kind authority is configured');
      const workflowId = catalogUpdateWorkflowId(body.requestId);
      const { row, created } = await startProcess<CatalogChangeRow>(app.deps, {
        insert: () =>
          insertChangeOnce(db, {
            id: mintCaseId('ML', body.changeDate),
            requestId: body.requestId,
            workflowId,
            departmentCode: departmentCode!,
            trigger: body.trigger,
            changeDate: body.changeDate,
            legalBasis: body.legalBasis,
            description: body.description,
            registeredByUserId: actor.userId,
            registeredByRole: actor.role,
          }),
        onRepeat: ownedBy(request, (r) => r.registeredByUserId),
        workflow: (r) => ({
          workflow: 'catalogUpdateWorkflow',
          workflowId: r.workflowId,
          args: [
            {
              changeId: r.id,
              departmentCode: r.departmentCode,
              authorityCode: authority.code,
              changeDate: r.changeDate,
              registeredBy: actor,
            },
          ],
          process: { type: 'catalog_update', departmentCode: r.departmentCode },
        }),
      });
      request.auditTarget = row.workflowId;
      return reply.status(created ? 201 : 200).send({ id: row.id, workflowId, created });
    },
  );

  app.get(
    '/catalog/changes/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '目录更新事项：环节、期限与历次申请',
        tags: ['catalog'],
        params: ProcessIdParams,
        response: { 200: ChangeView, ...errors(404) },
      },
    },
    async (request) => {
      const row = await changeFor(request, request.params.id, 'read');
      const [process, applications] = await Promise.all([getProcess(db, row.workflowId), listApplications(db, row.id)]);
      return catalogChangeView(row, process, applications);
    },
  );

  app.post(
    '/catalog/changes/:id/applications',
    {
      config: { roles: DEPT },
      schema: {
        summary: '提交（或退回后重新提交）目录更新申请：新增、变更、撤销的目录条目',
        tags: ['catalog'],
        params: ProcessIdParams,
        body: SubmitApplicationBody,
        response: { 201: SubmissionView, ...errors(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await changeFor(request, request.params.id, 'work');
      const changes = request.body.changes as CatalogChange[];
      const own = checkChanges(changes);
      if (own) throw refused(own);
      const stale = checkAgainstCatalog(
        row.departmentCode,
        changes,
        await entriesByCode(
          db,
          changes.map((c) => c.code),
        ),
      );
      if (stale) throw refused(stale);
      const s = await temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(submitCatalogApplication, { args: [{ actor: callerOf(request), changes }] });
      return reply.status(201).send({ n: s.n, receivedOn: s.receivedOn, late: s.late, reviewDeadline: s.reviewDeadline });
    },
  );

  app.post(
    '/catalog/changes/:id/review',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '主管部门审核：批准（生成新目录版本并同步更新责任清单）或退回并说明理由',
        tags: ['catalog'],
        params: ProcessIdParams,
        body: ReviewBody,
        response: { 200: ReviewResult, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const row = await changeFor(request, request.params.id, 'review');
      const out = await temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(reviewCatalogApplication, { args: [{ actor: callerOf(request), ...request.body }] });
      return { stage: out.stage, n: out.submission.n, catalogVersion: out.catalogVersion ?? null };
    },
  );
};

export default routes;
