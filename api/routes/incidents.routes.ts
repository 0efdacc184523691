// Issue 16: the incidents of activities that keep failing (domain/incidents.ts), for the admin
// to retry at once (Temporal's ResetActivity: the attempt count starts again, no backoff wait)
// or to end by terminating the process. Auditors read them too.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { INCIDENT_STATUSES, incidentStatusLabel, incidentSummary } from '../../domain/incidents';
import { getIncident, type IncidentRow, listIncidents, terminateIncident } from '../../db/repositories/incidents.repo';
import { callerOf } from '../plugins/auth';
import { httpError, notFound } from '../errors';
import { BigintId, codes, errors, Pagination } from '../schemas/common';

const IncidentView = Type.Object({
  id: Type.Integer(),
  workflowId: Type.String(),
  process: Type.Union([Type.Object({ type: Type.String(), departmentCode: Type.String() }), Type.Null()]),
  activityType: Type.String({ description: '失败的后台步骤（活动）名称' }),
  attempt: Type.Integer(),
  permanent: Type.Boolean({ description: 'true：重试无效的错误（数据格式、完整性约束）' }),
  summary: Type.String({ description: '给管理员的中文说明' }),
  error: Type.String({ description: '数据库或系统的原始错误信息，供技术人员排查' }),
  status: codes(INCIDENT_STATUSES, '事件状态代码'),
  statusLabel: Type.String(),
  firstFailedAt: Type.String(),
  lastFailedAt: Type.String(),
  closingReason: Type.Union([Type.String(), Type.Null()]),
});

const Params = Type.Object({ id: BigintId }, { additionalProperties: false });

const view = (i: IncidentRow, process: { type: string; departmentCode: string } | null) => ({
  id: i.id,
  workflowId: i.workflowId,
  process,
  activityType: i.activityType,
  attempt: i.attempt,
  permanent: i.permanent,
  summary: incidentSummary(i.sqlState, i.attempt),
  error: i.error,
  status: i.status,
  statusLabel: incidentStatusLabel(i.status),
  firstFailedAt: beijingIso(i.firstFailedAt.getTime()),
  lastFailedAt: beijingIso(i.lastFailedAt.getTime()),
  closingReason: i.closingReason,
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  async function openIncident(id: number): Promise<IncidentRow> {
    const row = await getIncident(db, id);
    if (!row) throw notFound('故障事件');
    if (row.status !== 'open') throw httpError(409, 'INCIDENT_CLOSED', `该故障事件${incidentStatusLabel(row.status)}，不能再操作`);
    return row;
  }

  app.get(
    '/incidents',
    {
      config: { roles: ['system_admin', 'auditor'] },
      schema: {
        summary: '故障事件：连续失败或重试无效的后台步骤（最新在前）',
        tags: ['incidents'],
        querystring: Type.Object(
          { status: Type.Optional(codes(INCIDENT_STATUSES, '事件状态代码')), ...Pagination },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(IncidentView) }), ...errors() },
      },
    },
    async (request) => {
      const rows = await listIncidents(db, request.query);
      return {
        items: rows.map((r) =>
          view(r.incident, r.processType && r.departmentCode ? { type: r.processType, departmentCode: r.departmentCode } : null),
        ),
      };
    },
  );

  app.post(
    '/incidents/:id/retry',
    {
      config: { roles: ['system_admin'] },
      schema: {
        summary: '立即重试失败的后台步骤（修正数据或排除故障之后）',
        tags: ['incidents'],
        params: Params,
        response: { 202: Type.Object({ id: Type.Integer(), status: Type.Literal('open') }), ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const row = await openIncident(request.params.id);
      request.auditTarget = row.workflowId;
      try {
        await temporal.workflowService.resetActivity({
          namespace: temporal.options.namespace,
          execution: { workflowId: row.workflowId, runId: row.runId },
          id: row.activityId,
          resetHeartbeat: true,
        });
      } catch (err) {
        // gRPC 12: an engine without the activity API (Temporal's time-skipping test server).
        if ((err as { code?: number }).code !== 12) throw err;
        throw httpError(503, 'RETRY_UNAVAILABLE', '当前 Temporal 服务不支持立即重试；系统仍会按重试间隔（不超过 1 分钟）自动重试');
      }
      // The incident closes by itself when the activity next succeeds.
      return reply.status(202).send({ id: row.id, status: 'open' as const });
    },
  );

  app.post(
    '/incidents/:id/termination',
    {
      config: { roles: ['system_admin'] },
      schema: {
        summary: '终止无法继续的流程（须说明理由）',
        tags: ['incidents'],
        params: Params,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 1000, description: '终止理由' }) },
          { additionalProperties: false },
        ),
        response: { 200: IncidentView, ...errors(404, 409) },
      },
    },
    async (request) => {
      const row = await openIncident(request.params.id);
      request.auditTarget = row.workflowId;
      const actor = callerOf(request);
      const reason = request.body.reason.trim();
      if (!reason) throw httpError(400, 'REASON_REQUIRED', '必须说明终止理由', [{ path: 'body.reason', message: '不能为空' }]);
      await temporal.workflow.getHandle(row.workflowId, row.runId).terminate(`管理员终止：${reason}`);
      await terminateIncident(db, row.id, actor.userId, reason, new Date());
      return view((await getIncident(db, row.id))!, null);
    },
  );
};

export default routes;
