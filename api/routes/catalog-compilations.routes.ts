// 第十六条: a department's compilation of its full 目录清单 — submitted (first compilation, yearly
// review, addition), resubmitted after a return, reviewed by the authority. Routes check the
// catalog with domain/ and call the workflow; its validators decide who may act and when.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { CatalogChange } from '../../domain/catalog';
import { departmentScope } from '../../domain/roles';
import { listApplications } from '../../db/repositories/catalog-changes.repo';
import { getCompilation, listCompilations, type NamedCompilationRow } from '../../db/repositories/catalog-compilations.repo';
import { getProcess, registryDeadline } from '../../db/repositories/registry.repo';
import { beijingIso } from '../../domain/deadline';
import { reviewCatalogCompilation, submitCatalogCompilation } from '../../workflows/messages';
import { changeRefusal, compilationRefusal, startCompilation } from '../catalog-compilation';
import { callerOf } from '../plugins/auth';
import { departmentCaseFor } from '../lookups';
import { CompilationBody, CompilationList, CompilationView, CreatedCompilation } from '../schemas/catalog-compilation.schema';
import { ReviewBody, ReviewResult, SubmissionView, SubmitApplicationBody } from '../schemas/catalog.schema';
import { errors, ProcessIdParams } from '../schemas/common';
import { applicationViews } from '../views/catalog-change';

const DEPT = ['department_staff', 'department_head'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor'] as const;

const summaryOf = (r: NamedCompilationRow) => ({
  id: r.id,
  workflowId: r.workflowId,
  departmentCode: r.departmentCode,
  departmentName: r.departmentName,
  kind: r.kind,
  description: r.description,
  createdAt: beijingIso(r.createdAt.getTime()),
  catalogVersion: r.catalogVersion,
});

const compilationFor = async (request: FastifyRequest, id: string, mode: 'read' | 'work' | 'review'): Promise<NamedCompilationRow> =>
  departmentCaseFor(request, await getCompilation(request.server.deps.db, id), '目录清单编制事项', mode);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  app.post(
    '/catalog/compilations',
    {
      config: { roles: DEPT, startsProcess: true },
      schema: {
        summary: '报送本部门目录清单（首次编制、年度复核或新增目录），由主管部门审核（第十六条）',
        tags: ['catalog'],
        body: CompilationBody,
        response: { 200: CreatedCompilation, 201: CreatedCompilation, ...errors(409, 422) },
      },
    },
    async (request, reply) => {
      const out = await startCompilation(request, { ...request.body, changes: request.body.changes as CatalogChange[] });
      return reply.status(out.created ? 201 : 200).send(out);
    },
  );

  app.get(
    '/catalog/compilations',
    {
      config: { roles: READERS },
      schema: {
        summary: '目录清单编制事项：部门看本部门的，主管部门与审计看全县的',
        tags: ['catalog'],
        response: { 200: CompilationList },
      },
    },
    async (request) => ({ items: (await listCompilations(db, departmentScope(callerOf(request)))).map(summaryOf) }),
  );

  app.get(
    '/catalog/compilations/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '目录清单编制事项：环节、审核期限与历次报送',
        tags: ['catalog'],
        params: ProcessIdParams,
        response: { 200: CompilationView, ...errors(404) },
      },
    },
    async (request) => {
      const row = await compilationFor(request, request.params.id, 'read');
      const [process, applications] = await Promise.all([getProcess(db, row.workflowId), listApplications(db, row.id)]);
      return {
        ...summaryOf(row),
        stage: process?.stage ?? 'starting',
        level: process?.level ?? 'normal',
        deadline: registryDeadline(process),
        applications: applicationViews(applications),
      };
    },
  );

  app.post(
    '/catalog/compilations/:id/applications',
    {
      config: { roles: DEPT },
      schema: {
        summary: '退回后重新报送目录清单',
        tags: ['catalog'],
        params: ProcessIdParams,
        body: SubmitApplicationBody,
        response: { 201: SubmissionView, ...errors(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await compilationFor(request, request.params.id, 'work');
      const changes = request.body.changes as CatalogChange[];
      const refused = await compilationRefusal(request, row.departmentCode, { kind: row.kind, changes }, false);
      if (refused) throw changeRefusal(refused);
      const s = await temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(submitCatalogCompilation, { args: [{ actor: callerOf(request), changes }] });
      return reply.status(201).send({ n: s.n, receivedOn: s.receivedOn, late: s.late, reviewDeadline: s.reviewDeadline });
    },
  );

  app.post(
    '/catalog/compilations/:id/review',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '主管部门审核目录清单：批准（生成新目录版本并同步更新责任清单）或退回并说明理由',
        tags: ['catalog'],
        params: ProcessIdParams,
        body: ReviewBody,
        response: { 200: ReviewResult, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const row = await compilationFor(request, request.params.id, 'review');
      const out = await temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(reviewCatalogCompilation, { args: [{ actor: callerOf(request), ...request.body }] });
      return { stage: out.stage, n: out.submission.n, catalogVersion: out.catalogVersion ?? null };
    },
  );
};

export default routes;
