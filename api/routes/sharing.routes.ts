// 第二十九条 to 第三十一条: sharing requests answered by the entry's sharing type, the provider's
// decision on conditional ones (a workflow), the authority's decision period, grants, their
// revocation, and reads of shared data through a grant — each read written to the audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { READ_SHARED_DATA_ACTION } from '../../domain/audit-log';
import { beijingIso } from '../../domain/deadline';
import { DOMAIN_ERRORS, domainError } from '../../domain/errors';
import { canWorkDepartment, departmentScope } from '../../domain/roles';
import { canSeeGrant, canSeeSharing, checkDecisionWorkingDays, checkRevocation } from '../../domain/sharing';
import { appendAudit } from '../../db/repositories/audit.repo';
import { getCatalogEntry } from '../../db/repositories/catalog.repo';
import {
  decisionWorkingDays,
  getGrant,
  getSharingRequest,
  listGrants,
  listSharingRequests,
  revokeGrant,
  setDecisionWorkingDays,
} from '../../db/repositories/sharing.repo';
import { decideSharing } from '../../workflows/messages';
import { callerOf } from '../plugins/auth';
import { domainRefusal, notFound } from '../errors';
import { sharingRequestFor } from '../lookups';
import { grantView, requestView } from '../views/sharing';
import { errors, ProcessIdParams } from '../schemas/common';
import { fileSharingRequest } from '../sharing-start';
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

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

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
      config: { roles: DEPT, startsProcess: true },
      schema: {
        summary: '申请共享目录资源：无条件共享即时授权，有条件共享待提供部门决定，不予共享即时拒绝（第二十九条、第三十一条）',
        tags: ['sharing'],
        body: SharingRequestBody,
        response: { 200: SharingRequestView, 201: SharingRequestView, ...errors(409) },
      },
    },
    async (request, reply) => {
      const { row, created } = await fileSharingRequest(request, request.body);
      return reply.status(created ? 201 : 200).send(requestView((await getSharingRequest(db, row.id))!));
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
      if (!canWorkDepartment(actor, r.providerDepartment)) throw domainRefusal(domainError('NOT_PROVIDER'));
      if (r.status !== 'pending' || !r.workflowId) throw domainRefusal(domainError('PROCESS_CLOSED'));
      await temporal.workflow.getHandle(r.workflowId).executeUpdate(decideSharing, { args: [{ actor, ...request.body }] });
      return requestView((await getSharingRequest(db, r.id))!);
    },
  );

  app.get(
    '/sharing/grants',
    {
      config: { roles: [...READERS, 'county_government'], auditRead: true },
      schema: {
        summary: '共享授权：部门只看本部门获得或提供的；县人民政府只看它在共享争议中决定的',
        tags: ['sharing'],
        querystring: GrantQuery,
        response: { 200: Type.Object({ items: Type.Array(GrantView) }), ...errors() },
      },
    },
    async (request) => {
      const actor = callerOf(request);
      // the county government sees the grants it ordered (第三十二条), to revoke them, and no others
      const scope =
        actor.role === 'county_government' ? { orderedRole: 'county_government' as const } : { departments: departmentScope(actor) };
      return { items: (await listGrants(db, { ...scope, ...request.query })).map(grantView) };
    },
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
          action: READ_SHARED_DATA_ACTION,
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
        throw domainRefusal(domainError('NOT_REQUESTER'));
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
      config: { roles: [...DEPT, 'authority_reviewer', 'county_government'] },
      schema: {
        summary: '提供部门或主管部门撤销共享授权；共享争议决定的授权只能由作出决定的机关撤销（第三十二条）',
        tags: ['sharing'],
        params: ProcessIdParams,
        body: ReasonBody,
        response: { 200: GrantView, ...errors(403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = callerOf(request);
      const grant = await getGrant(db, request.params.id);
      if (!grant || !canSeeGrant(actor, grant)) throw notFound('共享授权');
      request.auditTarget = grant.id;
      const refused = checkRevocation(grant, actor, request.body.reason);
      if (refused) throw domainRefusal(refused);
      const after = await revokeGrant(db, grant.id, { by: actor.userId, role: actor.role, reason: request.body.reason, at: new Date() });
      if (!after) throw domainRefusal(domainError('GRANT_ALREADY_REVOKED'));
      return grantView(after);
    },
  );
};

export default routes;
