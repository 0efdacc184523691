// 第二十九条 to 第三十一条: sharing requests answered by the entry's sharing type, the provider's
// decision on conditional ones (a workflow), the authority's decision period, grants, their
// revocation, and reads of shared data through a grant — each read written to the audit log.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { beijingIso } from '../../domain/deadline';
import { DOMAIN_ERRORS, type DomainError } from '../../domain/errors';
import { canWorkDepartment, departmentScope } from '../../domain/roles';
import { canSeeSharing, checkDecisionWorkingDays, checkRevocation, checkSharingRequest, initialAnswer } from '../../domain/sharing';
import { beijingDate } from '../../domain/working-days';
import { appendAudit } from '../../db/repositories/audit.repo';
import { getCatalogEntry, toEntry } from '../../db/repositories/catalog.repo';
import { registryDeadline } from '../../db/repositories/registry.repo';
import {
  decisionWorkingDays,
  getGrant,
  getRequestByClientId,
  getSharingRequest,
  grantFor,
  insertGrant,
  insertRequestOnce,
  listGrants,
  listSharingRequests,
  revokeGrant,
  setDecisionWorkingDays,
  type SharingGrantRow,
} from '../../db/repositories/sharing.repo';
import { decideSharing } from '../../workflows/messages';
import { SA_DEPARTMENT, SA_PROCESS_TYPE, sharingRequestWorkflowId } from '../../workflows/options';
import type { SharingRequestInput } from '../../workflows/sharing-request.workflow';
import { callerOf } from '../plugins/auth';
import { httpError, notFound } from '../plugins/error-handler';
import { errors, ProcessIdParams } from '../schemas/common';
import {
  DecisionBody,
  GrantQuery,
  GrantView,
  ReasonBody,
  SettingsBody,
  SettingsView,
  SharedDataView,
  SharingQuery,
  SharingRequestBody,
  SharingRequestView,
} from '../schemas/sharing.schema';

const DEPT = ['department_staff', 'department_head'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor'] as const;

const iso = (d: Date | null): string | null => (d ? beijingIso(d.getTime()) : null);
export const domainRefusal = (err: DomainError) => httpError(DOMAIN_ERRORS[err.code].status, err.code, err.message);

export const grantView = (g: SharingGrantRow) => ({
  id: g.id,
  sharingRequestId: g.sharingRequestId,
  requesterDepartment: g.requesterDepartment,
  providerDepartment: g.providerDepartment,
  resourceCode: g.resourceCode,
  dataItems: g.dataItems,
  purpose: g.purpose,
  source: g.source,
  grantedAt: beijingIso(g.grantedAt.getTime()),
  revokedAt: iso(g.revokedAt),
  revokeReason: g.revokeReason,
});

type Found = NonNullable<Awaited<ReturnType<typeof getSharingRequest>>>;
const requestView = ({
  request: r,
  process,
  grant,
  dispute,
}: Pick<Found, 'request' | 'process'> & Partial<Pick<Found, 'grant' | 'dispute'>>) => ({
  id: r.id,
  workflowId: r.workflowId,
  requesterDepartment: r.requesterDepartment,
  providerDepartment: r.providerDepartment,
  resourceCode: r.resourceCode,
  dataItems: r.dataItems,
  purpose: r.purpose,
  duty: r.duty,
  sharingType: r.sharingType,
  status: r.status,
  reason: r.reason,
  deadline: registryDeadline(process),
  level: process?.level ?? 'normal',
  decidedLate: r.decidedLate,
  createdAt: beijingIso(r.createdAt.getTime()),
  grant: grant ? grantView(grant) : null,
  disputeId: dispute?.id ?? null,
});

/** 404 for a request the caller is neither requester nor provider of (nor county-wide reader). */
export async function sharingRequestFor(request: FastifyRequest, id: string): Promise<Found> {
  const found = await getSharingRequest(request.server.deps.db, id);
  if (!found || !canSeeSharing(callerOf(request), found.request)) throw notFound('共享申请');
  request.auditTarget = found.request.workflowId ?? found.request.id;
  return found;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal, taskQueue } = app.deps;

  app.get(
    '/sharing/settings',
    {
      config: { roles: READERS },
      schema: { summary: '有条件共享申请的答复期限（工作日）', tags: ['sharing'], response: { 200: SettingsView, ...errors() } },
    },
    async () => ({ decisionWorkingDays: await decisionWorkingDays(db) }),
  );

  app.put(
    '/sharing/settings',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '主管部门设定答复期限：此后提出的申请按新期限计算',
        tags: ['sharing'],
        body: SettingsBody,
        response: { 200: SettingsView, ...errors() },
      },
    },
    async (request) => {
      const refused = checkDecisionWorkingDays(request.body.decisionWorkingDays);
      if (refused) throw domainRefusal(refused);
      await setDecisionWorkingDays(db, request.body.decisionWorkingDays, callerOf(request).userId);
      return { decisionWorkingDays: request.body.decisionWorkingDays };
    },
  );

  app.post(
    '/sharing/requests',
    {
      config: { roles: DEPT },
      schema: {
        summary: '申请共享目录资源：无条件共享即时授权，有条件共享待提供部门决定，不予共享即时拒绝（第二十九条、第三十一条）',
        tags: ['sharing'],
        body: SharingRequestBody,
        response: { 200: SharingRequestView, 201: SharingRequestView, ...errors(409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = callerOf(request);
      const again = await getRequestByClientId(db, body.requestId);
      if (again) {
        if (again.requesterDepartment !== actor.departmentCode) throw httpError(409, 'REQUEST_ID_TAKEN', '该请求编号已被使用');
        return reply.status(200).send(requestView((await getSharingRequest(db, again.id))!));
      }
      const row = await getCatalogEntry(db, body.resourceCode);
      const entry = row ? toEntry(row) : null;
      const refused = checkSharingRequest(entry, { requesterDepartment: actor.departmentCode!, ...body });
      if (refused) throw domainRefusal(refused);
      const answer = initialAnswer(entry!.sharingType, entry!.sharingBasis, body.dataItems);
      const now = new Date();
      const id = `GX${beijingDate(now.getTime()).replaceAll('-', '')}${randomBytes(4).toString('hex').toUpperCase()}`;
      const workflowId = answer.status === 'pending' ? sharingRequestWorkflowId(id) : null;
      const days = answer.status === 'pending' ? await decisionWorkingDays(db) : null;
      request.auditTarget = workflowId ?? id;
      await db.transaction(async (tx) => {
        const inserted = await insertRequestOnce(tx, {
          id,
          requestId: body.requestId,
          workflowId,
          requesterDepartment: actor.departmentCode!,
          providerDepartment: entry!.departmentCode,
          resourceCode: entry!.code,
          dataItems: body.dataItems,
          purpose: body.purpose,
          duty: body.duty,
          sharingType: entry!.sharingType,
          status: answer.status,
          reason: answer.status === 'refused' ? answer.reason : null,
          decisionWorkingDays: days,
          decidedAt: answer.status === 'pending' ? null : now,
          createdBy: actor.userId,
          createdAt: now,
        });
        if (!inserted) throw httpError(409, 'REQUEST_ID_TAKEN', '该请求编号已被使用');
        if (answer.status === 'granted')
          await insertGrant(tx, grantFor(inserted, answer.dataItems, 'unconditional', null, now.toISOString()));
        if (answer.status !== 'pending') return;
        const input: SharingRequestInput = {
          requestId: id,
          requesterDepartment: inserted.requesterDepartment,
          providerDepartment: inserted.providerDepartment,
          resourceCode: inserted.resourceCode,
          dataItems: inserted.dataItems,
          receivedOn: beijingDate(now.getTime()),
          decisionWorkingDays: days!,
          requestedBy: actor,
        };
        await temporal.workflow.start('sharingRequestWorkflow', {
          taskQueue,
          workflowId: workflowId!,
          args: [input],
          typedSearchAttributes: [
            { key: SA_PROCESS_TYPE, value: 'sharing_request' },
            { key: SA_DEPARTMENT, value: inserted.providerDepartment },
          ],
        });
      });
      return reply.status(201).send(requestView((await getSharingRequest(db, id))!));
    },
  );

  app.get(
    '/sharing/requests',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '共享申请：部门只看本部门提出或提供的',
        tags: ['sharing'],
        querystring: SharingQuery,
        response: { 200: Type.Object({ items: Type.Array(SharingRequestView) }), ...errors() },
      },
    },
    async (request) => {
      const rows = await listSharingRequests(db, { departments: departmentScope(callerOf(request)), ...request.query });
      return { items: rows.map(requestView) };
    },
  );

  app.get(
    '/sharing/requests/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '共享申请：状态、期限、授权与异议',
        tags: ['sharing'],
        params: ProcessIdParams,
        response: { 200: SharingRequestView, ...errors(404) },
      },
    },
    async (request) => requestView(await sharingRequestFor(request, request.params.id)),
  );

  app.post(
    '/sharing/requests/:id/decision',
    {
      config: { roles: DEPT },
      schema: {
        summary: '提供部门决定：同意、部分同意（列明数据项）或不同意（说明理由）',
        tags: ['sharing'],
        params: ProcessIdParams,
        body: DecisionBody,
        response: { 200: SharingRequestView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const { request: r } = await sharingRequestFor(request, request.params.id);
      const actor = callerOf(request);
      if (!canWorkDepartment(actor, r.providerDepartment))
        throw domainRefusal({ code: 'NOT_PROVIDER', message: DOMAIN_ERRORS.NOT_PROVIDER.message });
      if (r.status !== 'pending' || !r.workflowId) throw httpError(409, 'PROCESS_CLOSED', DOMAIN_ERRORS.PROCESS_CLOSED.message);
      await temporal.workflow.getHandle(r.workflowId).executeUpdate(decideSharing, { args: [{ actor, ...request.body }] });
      return requestView((await getSharingRequest(db, r.id))!);
    },
  );

  app.get(
    '/sharing/grants',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '共享授权：部门只看本部门获得或提供的',
        tags: ['sharing'],
        querystring: GrantQuery,
        response: { 200: Type.Object({ items: Type.Array(GrantView) }), ...errors() },
      },
    },
    async (request) => ({
      items: (await listGrants(db, { departments: departmentScope(callerOf(request)), ...request.query })).map(grantView),
    }),
  );

  app.get(
    '/sharing/grants/:id/data',
    {
      config: { roles: DEPT },
      schema: {
        summary: '通过授权读取共享数据（本系统保存目录元数据：返回授权的数据项和目录信息）；每次读取、包括被拒绝的读取都记入审计日志',
        tags: ['sharing'],
        params: ProcessIdParams,
        response: { 200: SharedDataView, ...errors(404) },
      },
    },
    async (request) => {
      const actor = callerOf(request);
      const grant = await getGrant(db, request.params.id);
      if (!grant || !canSeeSharing(actor, grant)) throw notFound('共享授权');
      request.auditTarget = grant.id;
      const read = async (result: string, code?: string) =>
        appendAudit(db, {
          userId: actor.userId,
          role: actor.role,
          departmentCode: actor.departmentCode,
          action: 'READ_SHARED_DATA',
          target: grant.id,
          result,
          detail: {
            grantId: grant.id,
            sharingRequestId: grant.sharingRequestId,
            requesterDepartment: grant.requesterDepartment,
            purpose: grant.purpose,
            resourceCode: grant.resourceCode,
            dataItems: grant.dataItems,
            code,
          },
        });
      if (!canWorkDepartment(actor, grant.requesterDepartment)) {
        await read('403', 'NOT_REQUESTER');
        throw domainRefusal({ code: 'NOT_REQUESTER', message: DOMAIN_ERRORS.NOT_REQUESTER.message });
      }
      if (grant.revokedAt) {
        await read('403', 'GRANT_REVOKED');
        throw domainRefusal({
          code: 'GRANT_REVOKED',
          message: `${DOMAIN_ERRORS.GRANT_REVOKED.message}（${beijingIso(grant.revokedAt.getTime())}）`,
        });
      }
      const entry = (await getCatalogEntry(db, grant.resourceCode))!;
      await read('200');
      return {
        grant: grantView(grant),
        entry: {
          code: entry.code,
          name: entry.name,
          departmentCode: entry.departmentCode,
          summary: entry.summary,
          encodingFormat: entry.encodingFormat,
          sharingType: entry.sharingType,
          sharingMethod: entry.sharingMethod,
          updateFrequency: entry.updateFrequency,
          securityLevel: entry.securityLevel,
          usageRequirements: entry.usageRequirements,
        },
        dataItems: grant.dataItems,
      };
    },
  );

  app.post(
    '/sharing/grants/:id/revocation',
    {
      config: { roles: [...DEPT, 'authority_reviewer'] },
      schema: {
        summary: '提供部门或主管部门撤销共享授权',
        tags: ['sharing'],
        params: ProcessIdParams,
        body: ReasonBody,
        response: { 200: GrantView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const actor = callerOf(request);
      const grant = await getGrant(db, request.params.id);
      if (!grant || !canSeeSharing(actor, grant)) throw notFound('共享授权');
      request.auditTarget = grant.id;
      const refused = checkRevocation(grant, actor, request.body.reason);
      if (refused) throw domainRefusal(refused);
      const after = await revokeGrant(db, grant.id, { by: actor.userId, role: actor.role, reason: request.body.reason, at: new Date() });
      if (!after) throw domainRefusal({ code: 'GRANT_ALREADY_REVOKED', message: DOMAIN_ERRORS.GRANT_ALREADY_REVOKED.message });
      return grantView(after);
    },
  );
};

export default routes;
