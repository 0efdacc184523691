// 第二十三条: filing a correction and working it. Routes validate, authorise and call the
// workflow; the workflow's validators decide what the regulation allows.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type CorrectionState, canSeeCorrection, checkFiling } from '../../domain/correction';
import { domainError } from '../../domain/errors';
import { partyDocumentKind } from '../../domain/identifiers';
import { canWorkDepartment } from '../../domain/roles';
import { beijingDate } from '../../domain/working-days';
import { getCatalogEntry, getDepartment } from '../../db/repositories/catalog.repo';
import { type CorrectionRow, getCorrection, insertCorrectionOnce, listExtensions } from '../../db/repositories/corrections.repo';
import { identityNumberOf } from '../../db/repositories/identity.repo';
import { getProcess } from '../../db/repositories/registry.repo';
import { decideExtension, getCorrectionState, recordVerification, requestExtension } from '../../workflows/messages';
import { correctionWorkflowId } from '../../workflows/options';
import { callerOf } from '../plugins/auth';
import { queryCodeFor } from '../query-code';
import { domainRefusal, notFound } from '../errors';
import { errors, ProcessIdParams } from '../schemas/common';
import { applicantView, correctionView } from '../views/correction';
import { mintCaseId, ownedBy, startProcess } from '../start-process';
import {
  CorrectionView,
  CreateCorrectionBody,
  CreatedCorrection,
  DecisionBody,
  DecisionResult,
  Extension,
  ExtensionBody,
  VerificationBody,
} from '../schemas/corrections.schema';

const FILERS = ['applicant', 'department_staff', 'department_head'] as const;
const WORKERS = ['department_staff', 'department_head'] as const;
const READERS = ['applicant', 'department_staff', 'department_head', 'authority_reviewer', 'auditor'] as const;

const QUERY_DEADLINE_MS = 3000;

/** 404 for what the caller may not see (existence is not disclosed), 403 for what it sees but may not work. */
async function correctionFor(request: FastifyRequest, id: string, mode: 'read' | 'work'): Promise<CorrectionRow> {
  const row = await getCorrection(request.server.deps.db, id);
  const actor = callerOf(request);
  if (!row || !canSeeCorrection(actor, row)) throw notFound('异议事项');
  request.auditTarget = row.workflowId;
  if (mode === 'work' && !canWorkDepartment(actor, row.departmentCode)) {
    throw domainRefusal(domainError('FORBIDDEN_DEPARTMENT'));
  }
  return row;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  /**
   * The workflow's own state, answered by a worker. 第二十三条第三款: the counter must always be
   * able to show a status, so when no worker answers in time the registry's view is shown alone.
   */
  async function liveState(workflowId: string): Promise<CorrectionState | null> {
    try {
      return await temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        temporal.workflow.getHandle(workflowId).query(getCorrectionState),
      );
    } catch (err) {
      app.log.warn({ err, workflowId }, '流程状态查询未及时返回，改用登记表 (QUERY_FALLBACK)');
      return null;
    }
  }

  app.post(
    '/corrections',
    {
      config: { roles: FILERS, startsProcess: true },
      schema: {
        summary: '提出数据校核异议（第二十三条）',
        tags: ['corrections'],
        body: CreateCorrectionBody,
        response: { 200: CreatedCorrection, 201: CreatedCorrection, ...errors(409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = callerOf(request);
      const today = beijingDate(Date.now());
      const receivedOn = body.receivedOn ?? today;
      const [department, resource, filerIdentity] = await Promise.all([
        getDepartment(db, body.departmentCode),
        getCatalogEntry(db, body.resourceCode),
        actor.role === 'applicant' ? identityNumberOf(db, actor.userId) : undefined,
      ]);
      const refused = checkFiling({ ...body, filer: actor, filerIdentity, receivedOn }, { today, department, resource });
      if (refused) throw domainRefusal(refused);
      const workflowId = correctionWorkflowId(body.requestId);
      const { row, created } = await startProcess<CorrectionRow>(app.deps, {
        insert: () =>
          insertCorrectionOnce(db, {
            id: mintCaseId('JZ', receivedOn),
            requestId: body.requestId,
            workflowId,
            departmentCode: department!.code,
            resourceCode: resource!.code,
            dataItems: body.dataItems,
            description: body.description,
            evidence: body.evidence,
            subjectKind: body.subject.kind,
            subjectDocumentKind: partyDocumentKind(body.subject.kind === 'person', body.subject.documentKind),
            subjectIdNumber: body.subject.idNumber,
            subjectName: body.subject.name,
            contact: body.contact,
            agentAuthorisation: body.agent?.authorisation ?? null,
            filedByUserId: actor.userId,
            filedByRole: actor.role,
            receivedOn,
          }),
        onRepeat: ownedBy(request, (r) => r.filedByUserId),
        workflow: (r) => ({
          workflow: 'correctionWorkflow',
          workflowId: r.workflowId,
          args: [{ correctionId: r.id, departmentCode: r.departmentCode, receivedOn: r.receivedOn, filedBy: actor }],
          process: { type: 'correction', departmentCode: r.departmentCode },
        }),
      });
      request.auditTarget = row.workflowId;
      const queryCode = queryCodeFor(app.deps.queryCodeSecret, row.id);
      return reply.status(created ? 201 : 200).send({ id: row.id, workflowId, receivedOn: row.receivedOn, created, queryCode });
    },
  );

  app.get(
    '/corrections/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '查看异议事项的状态与期限',
        tags: ['corrections'],
        params: ProcessIdParams,
        response: { 200: CorrectionView, ...errors(404) },
      },
    },
    async (request) => {
      const row = await correctionFor(request, request.params.id, 'read');
      // Extensions come from their table, written with each step: whole even when no worker answers.
      const [process, state, extensions] = await Promise.all([
        getProcess(db, row.workflowId),
        liveState(row.workflowId),
        listExtensions(db, row.workflowId),
      ]);
      const view = correctionView(row, process, state, extensions);
      return callerOf(request).role === 'applicant' ? applicantView(view) : view;
    },
  );

  app.post(
    '/corrections/:id/extensions',
    {
      config: { roles: WORKERS },
      schema: {
        summary: '申请延长核查期限（须在期限届满前，1–10 个工作日，累计不超过 10 个）',
        tags: ['corrections'],
        params: ProcessIdParams,
        body: ExtensionBody,
        response: { 201: Extension, ...errors(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await correctionFor(request, request.params.id, 'work');
      const extension = await temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(requestExtension, { args: [{ actor: callerOf(request), ...request.body }] });
      return reply.status(201).send(extension);
    },
  );

  app.post(
    '/corrections/:id/extensions/decision',
    {
      config: { roles: ['department_head'] },
      schema: {
        summary: '部门主要负责人审批延期申请',
        tags: ['corrections'],
        params: ProcessIdParams,
        body: DecisionBody,
        response: { 200: DecisionResult, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const row = await correctionFor(request, request.params.id, 'work');
      return temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(decideExtension, { args: [{ actor: callerOf(request), ...request.body }] });
    },
  );

  app.post(
    '/corrections/:id/verification',
    {
      config: { roles: WORKERS },
      schema: {
        summary: '登记核查结果（已更正 / 确认无误 / 部分更正）',
        tags: ['corrections'],
        params: ProcessIdParams,
        body: VerificationBody,
        response: {
          200: Type.Object({ id: Type.String(), stage: Type.String(), late: Type.Boolean(), due: Type.String() }),
          ...errors(404, 409, 422),
        },
      },
    },
    async (request) => {
      const row = await correctionFor(request, request.params.id, 'work');
      const state = await temporal.workflow
        .getHandle(row.workflowId)
        .executeUpdate(recordVerification, { args: [{ actor: callerOf(request), ...request.body }] });
      return { id: row.id, stage: state.stage, late: state.result?.late ?? false, due: state.deadline.due };
    },
  );
};

export default routes;
