// 第四十九条, 第五十一条: the recorded violations, and the authority's order to rectify one
// within a period — a workflow of its own, one order per violation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { domainError } from '../../domain/errors';
import { checkOrder, checkOrderable } from '../../domain/rectification';
import { departmentScope } from '../../domain/roles';
import { beijingDate } from '../../domain/working-days';
import { insertOrderOnce, type RectificationOrderRow } from '../../db/repositories/rectifications.repo';
import { getViolation, listViolationsWithOrders } from '../../db/repositories/supervision.repo';
import { rectificationWorkflowId } from '../../workflows/options';
import { callerOf } from '../plugins/auth';
import { domainRefusal, httpError, notFound } from '../errors';
import { errors } from '../schemas/common';
import { mintCaseId, startProcess } from '../start-process';
import { OrderBody, RectificationView, ViolationIdParams, ViolationQuery, ViolationView } from '../schemas/supervision.schema';
import { rectificationView } from '../views/rectification';

const READERS = ['department_staff', 'department_head', 'authority_reviewer', 'auditor'] as const;

const dayStart = (d: string): Date => new Date(`${d}T00:00:00+08:00`);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/violations',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '违规记录：条款、流程、部门、期限、时间及整改通知（第四十九条）',
        tags: ['supervision'],
        querystring: ViolationQuery,
        response: { 200: Type.Object({ items: Type.Array(ViolationView) }), ...errors() },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from && q.to && q.from > q.to)
        throw httpError(400, 'DATE_RANGE', '起始日期不得晚于截止日期', [{ path: 'querystring.from', message: '晚于 to' }]);
      const rows = await listViolationsWithOrders(db, {
        departments: departmentScope(callerOf(request)),
        departmentCode: q.departmentCode,
        article: q.article,
        from: q.from ? dayStart(q.from) : undefined,
        // `to` is inclusive: up to 24:00 of that day.
        to: q.to ? new Date(Date.parse(dayStart(q.to).toISOString()) + 86_400_000) : undefined,
        limit: q.limit,
        offset: q.offset,
      });
      return {
        items: rows.map(({ violation: v, processType, order }) => ({
          id: v.id,
          article: v.article,
          kind: v.kind,
          process: { workflowId: v.workflowId, type: processType },
          departmentCode: v.departmentCode,
          partyKind: v.partyKind,
          supervisor: v.supervisor,
          findingClass: v.findingClass,
          status: v.status,
          // the domain's answer to an order on it, so that the console offers only what would be accepted
          rectifiable: checkOrderable(v)?.code !== 'RECTIFICATION_NOT_APPLICABLE',
          orderable: !order && checkOrderable(v) === null,
          dueDate: v.dueDate,
          occurredAt: beijingIso(v.occurredAt.getTime()),
          rectificationOrder: order
            ? {
                id: order.id,
                status: order.status,
                periodWorkingDays: order.periodWorkingDays,
                issuedAt: beijingIso(order.issuedAt.getTime()),
              }
            : null,
        })),
      };
    },
  );

  app.post(
    '/violations/:id/rectification-orders',
    {
      config: { roles: ['authority_reviewer'], startsProcess: true },
      schema: {
        summary: '责令限期整改（第五十一条）：只对政务部门已认定的第四十九条违规，每条只能下达一次',
        tags: ['supervision'],
        params: ViolationIdParams,
        body: OrderBody,
        response: { 201: RectificationView, ...errors(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const violation = await getViolation(db, Number(request.params.id));
      if (!violation) throw notFound('违规记录');
      // SPEC §6: only a 政务部门's confirmed 第四十九条 violation enters the 第五十一条 chain.
      const refused = checkOrderable(violation) ?? checkOrder(request.body);
      if (refused) throw domainRefusal(refused);
      const actor = callerOf(request);
      const issuedAt = new Date();
      const id = mintCaseId('ZG', beijingDate(issuedAt.getTime()));
      request.auditTarget = rectificationWorkflowId(id);
      // 第五十一条: one order per violation. A second finds the first and starts its workflow if a
      // failed start left it without one, then is refused.
      const { row: order, created } = await startProcess<RectificationOrderRow>(app.deps, {
        insert: () =>
          insertOrderOnce(db, {
            id,
            violationId: violation.id,
            departmentCode: violation.departmentCode,
            workflowId: rectificationWorkflowId(id),
            requirement: request.body.requirement,
            periodWorkingDays: request.body.periodWorkingDays,
            issuedBy: actor.userId,
            issuedAt,
          }),
        workflow: (o) => ({
          workflow: 'rectificationWorkflow',
          workflowId: o.workflowId,
          args: [
            {
              orderId: o.id,
              violationId: o.violationId,
              departmentCode: o.departmentCode,
              issuedOn: beijingDate(o.issuedAt.getTime()),
              periodWorkingDays: o.periodWorkingDays,
              issuedBy: actor,
            },
          ],
          process: { type: 'rectification', departmentCode: o.departmentCode },
        }),
      });
      if (!created) throw domainRefusal(domainError('RECTIFICATION_ORDER_EXISTS'));
      return reply.status(201).send(rectificationView(order, null));
    },
  );
};

export default routes;
