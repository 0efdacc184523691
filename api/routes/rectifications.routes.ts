// 第五十一条: rectification orders as the department and the authority follow them, and the
// department's report of rectification, decided by the workflow's validator.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { domainError } from '../../domain/errors';
import { canReadDepartment, canWorkDepartment, departmentScope } from '../../domain/roles';
import { getOrderWithProcess, listOrders } from '../../db/repositories/rectifications.repo';
import { reportRectification } from '../../workflows/messages';
import { callerOf } from '../plugins/auth';
import { domainRefusal, notFound } from '../errors';
import { rectificationView } from '../views/rectification';
import { errors, ProcessIdParams } from '../schemas/common';
import { RectificationQuery, RectificationView, ReportBody } from '../schemas/supervision.schema';

const DEPT = ['department_staff', 'department_head'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor'] as const;

/** 404 for what the caller may not see; 403 for what it sees but may not work; 409 once closed. */
async function orderFor(request: FastifyRequest, id: string, mode: 'read' | 'work') {
  const row = await getOrderWithProcess(request.server.deps.db, id);
  const actor = callerOf(request);
  if (!row || !canReadDepartment(actor, row.order.departmentCode)) throw notFound('整改通知');
  request.auditTarget = row.order.workflowId;
  if (mode === 'work') {
    if (!canWorkDepartment(actor, row.order.departmentCode)) throw domainRefusal(domainError('FORBIDDEN_DEPARTMENT'));
    if (row.order.status !== 'open') throw domainRefusal(domainError('PROCESS_CLOSED'));
  }
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
      return { items: rows.map((r) => rectificationView(r.order, r.process)) };
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
      const { order, process } = await orderFor(request, request.params.id, 'read');
      return rectificationView(order, process);
    },
  );

  app.post(
    '/rectifications/:id/report',
    {
      config: { roles: DEPT },
      schema: {
        summary: '被责令整改的部门在期限内报送整改情况',
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
};

export default routes;
