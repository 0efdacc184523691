// 第三十二条: a requester disputes a refusal or a partial grant (SPEC §3.7); the authority coordinates with the provider and
// decides, or refers the case to the county government, which sees only what is referred to it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { domainError } from '../../domain/errors';
import { departmentScope } from '../../domain/roles';
import { canSeeDispute, checkDispute } from '../../domain/sharing';
import { beijingDate } from '../../domain/working-days';
import { getDispute, insertDisputeOnce, listDisputes, type SharingDisputeRow } from '../../db/repositories/sharing.repo';
import { decideDispute, referDispute } from '../../workflows/messages';
import { sharingDisputeWorkflowId } from '../../workflows/options';
import { callerOf } from '../plugins/auth';
import { disputeView, type FoundDispute } from '../views/dispute';
import { domainRefusal, notFound } from '../errors';
import { errors, ProcessIdParams } from '../schemas/common';
import { mintCaseId, startProcess } from '../start-process';
import { DisputeBody, DisputeDecisionBody, DisputeView, PageQuery, ReasonBody } from '../schemas/sharing.schema';
import { sharingRequestFor } from '../lookups';

const DEPT = ['department_staff', 'department_head'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor', 'county_government'] as const;

/** 404 unless a party, county-wide, or the county government once referred; 409 once decided. */
async function disputeFor(request: FastifyRequest, id: string, mode: 'read' | 'work'): Promise<FoundDispute> {
  const found = await getDispute(request.server.deps.db, id);
  if (!found || !canSeeDispute(callerOf(request), { ...found.dispute, referred: found.dispute.referredAt !== null }))
    throw notFound('共享争议');
  request.auditTarget = found.dispute.workflowId;
  if (mode === 'work' && (found.dispute.status === 'upheld' || found.dispute.status === 'overturned')) {
    throw domainRefusal(domainError('PROCESS_CLOSED'));
  }
  return found;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  app.post(
    '/sharing/requests/:id/dispute',
    {
      config: { roles: DEPT, startsProcess: true },
      schema: {
        summary: '申请部门对不予共享或部分同意提出异议（第三十二条）',
        tags: ['sharing'],
        params: ProcessIdParams,
        body: DisputeBody,
        response: { 201: DisputeView, ...errors(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { request: r, dispute, grant } = await sharingRequestFor(request, request.params.id);
      const actor = callerOf(request);
      const refused = checkDispute({ ...r, disputed: dispute !== null }, actor, request.body.grounds);
      if (refused) throw domainRefusal(refused);
      const filedAt = new Date();
      const id = mintCaseId('YY', beijingDate(filedAt.getTime()));
      request.auditTarget = sharingDisputeWorkflowId(id);
      const { row } = await startProcess<SharingDisputeRow>(app.deps, {
        insert: () =>
          insertDisputeOnce(db, {
            id,
            sharingRequestId: r.id,
            workflowId: sharingDisputeWorkflowId(id),
            requesterDepartment: r.requesterDepartment,
            providerDepartment: r.providerDepartment,
            grounds: request.body.grounds,
            filedBy: actor.userId,
            filedAt,
          }),
        onRepeat: () => {
          throw domainRefusal(domainError('DISPUTE_EXISTS'));
        },
        workflow: (d) => ({
          workflow: 'sharingDisputeWorkflow',
          workflowId: d.workflowId,
          args: [
            {
              disputeId: d.id,
              requestId: r.id,
              requesterDepartment: d.requesterDepartment,
              providerDepartment: d.providerDepartment,
              requestedItems: r.dataItems,
              ...(r.status === 'granted_in_part' && { grantedBefore: grant?.dataItems ?? [] }),
              filedOn: beijingDate(d.filedAt.getTime()),
              filedBy: actor,
            },
          ],
          process: { type: 'sharing_dispute', departmentCode: d.providerDepartment },
        }),
      });
      return reply.status(201).send(disputeView((await getDispute(db, row.id))!));
    },
  );

  app.get(
    '/sharing/disputes',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '共享争议：部门看本部门为一方的，县人民政府只看报请其决定的',
        tags: ['sharing'],
        querystring: PageQuery,
        response: { 200: Type.Object({ items: Type.Array(DisputeView) }), ...errors() },
      },
    },
    async (request) => {
      const actor = callerOf(request);
      const county = actor.role === 'county_government';
      const rows = await listDisputes(db, {
        departments: county ? undefined : departmentScope(actor),
        referredOnly: county,
        ...request.query,
      });
      return { items: rows.map(disputeView) };
    },
  );

  app.get(
    '/sharing/disputes/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '共享争议：当前环节、办理方和期限',
        tags: ['sharing'],
        params: ProcessIdParams,
        response: { 200: DisputeView, ...errors(404) },
      },
    },
    async (request) => disputeView(await disputeFor(request, request.params.id, 'read')),
  );

  app.post(
    '/sharing/disputes/:id/referral',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '主管部门报请县人民政府决定（第三十二条）',
        tags: ['sharing'],
        params: ProcessIdParams,
        body: ReasonBody,
        response: { 200: DisputeView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const found = await disputeFor(request, request.params.id, 'work');
      await temporal.workflow
        .getHandle(found.dispute.workflowId)
        .executeUpdate(referDispute, { args: [{ actor: callerOf(request), ...request.body }] });
      return disputeView((await getDispute(db, found.dispute.id))!);
    },
  );

  app.post(
    '/sharing/disputes/:id/decision',
    {
      config: { roles: ['authority_reviewer', 'county_government'] },
      schema: {
        summary: '主管部门协调后决定，或县人民政府对报请的争议作出决定：维持或同意共享',
        tags: ['sharing'],
        params: ProcessIdParams,
        body: DisputeDecisionBody,
        response: { 200: DisputeView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const found = await disputeFor(request, request.params.id, 'work');
      await temporal.workflow
        .getHandle(found.dispute.workflowId)
        .executeUpdate(decideDispute, { args: [{ actor: callerOf(request), ...request.body }] });
      return disputeView((await getDispute(db, found.dispute.id))!);
    },
  );
};

export default routes;
