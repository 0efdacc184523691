// 第五十一条: rectification orders as the department and the authority follow them: the
// department's report, the authority's acceptance or rejection (both decided by the workflow's
// validators), and the authority's referral for 处分 where serious.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { domainError } from '../../domain/errors';
import { checkReferral } from '../../domain/rectification';
import { canReadDepartment, canWorkDepartment, departmentScope } from '../../domain/roles';
import { getOrderWithProcess, getReferral, insertReferralOnce, listOrders } from '../../db/repositories/rectifications.repo';
import { applyStep } from '../../db/repositories/registry.repo';
import { acceptRectification, reportRectification } from '../../workflows/messages';
import { callerOf } from '../plugins/auth';
import { domainRefusal, notFound } from '../errors';
import { referralView, rectificationView } from '../views/rectification';
import { errors, ProcessIdParams } from '../schemas/common';
import {
  AcceptanceBody,
  RectificationQuery,
  RectificationView,
  ReferralBody,
  ReferralView,
  ReportBody,
} from '../schemas/supervision.schema';

const DEPT = ['department_staff', 'department_head'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor'] as const;
const AUTHORITY = ['authority_reviewer'] as const;

/**
 * 404 for what the caller may not see; 403 for what it sees but may not work; 409 once closed.
 * `decide`: the authority's acceptance, on an open order of any department.
 */
async function orderFor(request: FastifyRequest, id: string, mode: 'read' | 'work' | 'decide') {
  const row = await getOrderWithProcess(request.server.deps.db, id);
  const actor = callerOf(request);
  if (!row || !canReadDepartment(actor, row.order.departmentCode)) throw notFound('整改通知');
  request.auditTarget = row.order.workflowId;
  if (mode === 'work' && !canWorkDepartment(actor, row.order.departmentCode)) throw domainRefusal(domainError('FORBIDDEN_DEPARTMENT'));
  if (mode !== 'read' && row.order.status !== 'open') throw domainRefusal(domainError('PROCESS_CLOSED'));
  return row;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  app.get(
    '/rectifications',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '整改通知列表：未结的在前（第五十一条）',
        tags: ['supervision'],
        querystring: RectificationQuery,
        response: { 200: Type.Object({ items: Type.Array(RectificationView) }), ...errors() },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listOrders(db, {
        departments: departmentScope(callerOf(request)),
        departmentCode: q.departmentCode,
        status: q.status,
        limit: q.limit,
        offset: q.offset,
      });
      return { items: rows.map((r) => rectificationView(r.order, r.process, r.circular)) };
    },
  );

  app.get(
    '/rectifications/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '整改通知：要求、期限、整改情况或通报批评',
        tags: ['supervision'],
        params: ProcessIdParams,
        response: { 200: RectificationView, ...errors(404) },
      },
    },
    async (request) => {
      const { order, process, circular } = await orderFor(request, request.params.id, 'read');
      return rectificationView(order, process, circular);
    },
  );

  app.post(
    '/rectifications/:id/report',
    {
      config: { roles: DEPT },
      schema: {
        summary: '被责令整改的部门在期限内报送整改情况，待主管部门验收；未通过验收的可在期限内重新报送',
        tags: ['supervision'],
        params: ProcessIdParams,
        body: ReportBody,
        response: { 200: RectificationView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const { order } = await orderFor(request, request.params.id, 'work');
      await temporal.workflow
        .getHandle(order.workflowId)
        .executeUpdate(reportRectification, { args: [{ actor: callerOf(request), ...request.body }] });
      const { order: after, process } = (await getOrderWithProcess(db, order.id))!;
      return rectificationView(after, process);
    },
  );

  app.post(
    '/rectifications/:id/acceptance',
    {
      config: { roles: AUTHORITY },
      schema: {
        summary: '主管部门验收整改情况：通过则整改完成；不予验收须说明理由，整改通知继续有效',
        tags: ['supervision'],
        params: ProcessIdParams,
        body: AcceptanceBody,
        response: { 200: RectificationView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const { order } = await orderFor(request, request.params.id, 'decide');
      await temporal.workflow
        .getHandle(order.workflowId)
        .executeUpdate(acceptRectification, { args: [{ actor: callerOf(request), ...request.body }] });
      const { order: after, process } = (await getOrderWithProcess(db, order.id))!;
      return rectificationView(after, process);
    },
  );

  app.get(
    '/rectifications/:id/referral',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '移送有权机关处分的记录（第五十一条）',
        tags: ['supervision'],
        params: ProcessIdParams,
        response: { 200: ReferralView, ...errors(404) },
      },
    },
    async (request) => {
      const { order } = await orderFor(request, request.params.id, 'read');
      const referral = await getReferral(db, order.id);
      if (!referral) throw notFound('移送记录');
      return referralView(referral);
    },
  );

  app.post(
    '/rectifications/:id/referral',
    {
      config: { roles: AUTHORITY },
      schema: {
        summary: '情节严重的，主管部门记录移送有权机关对责任人员给予处分（第五十一条）：通报批评后或情节严重时，仅一次',
        tags: ['supervision'],
        params: ProcessIdParams,
        body: ReferralBody,
        response: { 201: ReferralView, ...errors(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { order, process } = await orderFor(request, request.params.id, 'read');
      // The timeline belongs to the registry row the workflow writes first: not there yet, try again.
      if (!process) throw domainRefusal(domainError('PROCESS_BUSY'));
      const body = { ...request.body, serious: request.body.serious ?? false };
      const refused = checkReferral(order, (await getReferral(db, order.id)) !== null, body);
      if (refused) throw domainRefusal(refused);
      const actor = callerOf(request);
      const referral = await db.transaction(async (tx) => {
        const row = await insertReferralOnce(tx, { orderId: order.id, ...body, recordedBy: actor.userId });
        if (!row) return null;
        await applyStep(tx, {
          workflowId: order.workflowId,
          eventKey: 'referral',
          kind: 'referred_for_sanction',
          actor,
          detail: { organ: row.organ, persons: row.persons, referredOn: row.referredOn, reason: row.reason, serious: row.serious },
          occurredAt: row.recordedAt.toISOString(),
        });
        return row;
      });
      if (!referral) throw domainRefusal(domainError('REFERRAL_EXISTS'));
      return reply.status(201).send(referralView(referral));
    },
  );
};

export default routes;
