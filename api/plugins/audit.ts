// SPEC §5: every state-changing request, refused or not, and every read of personal or shared
// data (routes marked `auditRead`), by any role, is written to the audit log. Fail closed:
// - a state-changing request writes an entry before its handler acts (write-ahead); when that
//   entry cannot be written the caller gets 503 AUDIT_UNAVAILABLE and nothing has been done;
//   its outcome is a second entry, written before the response leaves;
// - an audited read writes its entry before the response leaves, and when it cannot, the caller
//   gets 503 instead of the data.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUDIT_ATTEMPT, AUDIT_SYSTEM_ACTIONS, auditActionLabel } from '../../domain/audit-log';
import { type AuditEntry, appendAudit } from '../../db/repositories/audit.repo';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const UNAVAILABLE = {
  statusCode: 503,
  code: 'AUDIT_UNAVAILABLE',
  error: 'Service Unavailable',
  message: '审计日志暂时无法写入，本次操作未完成，请稍后重试',
};

declare module 'fastify' {
  interface FastifyRequest {
    /** the write-ahead entry of a state-changing request is in the log */
    auditAttempted?: boolean;
  }
  interface FastifyInstance {
    /** an audit entry's action in words: the route's summary, or the system action's name */
    auditActionLabel(action: string): string;
    /** every action the log can hold (audited routes and the system's own), with its words */
    auditActions(): { action: string; label: string }[];
  }
}

export default fp(
  async (app) => {
    // The action of a request's entry is `METHOD /route`; the route's own summary says it in words.
    const summaries = new Map<string, string>();
    const audited = new Set<string>();
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        const action = `${method} ${route.url}`;
        if (route.schema?.summary) summaries.set(action, route.schema.summary);
        // Fastify's own HEAD twin of each GET route reads the same, but is no action of its own to pick from.
        if (method !== 'HEAD' && (!READ_METHODS.has(method) || route.config?.auditRead)) audited.add(action);
      }
    });
    const label = (action: string) => auditActionLabel(action, (a) => summaries.get(a));
    app.decorate('auditActionLabel', label);
    app.decorate('auditActions', () =>
      [...audited, ...Object.keys(AUDIT_SYSTEM_ACTIONS)]
        .map((action) => ({ action, label: label(action) }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN')),
    );

    const entryOf = (request: FastifyRequest, result: string): AuditEntry => ({
      userId: request.user?.userId ?? null,
      role: request.user?.role ?? null,
      departmentCode: request.user?.departmentCode ?? null,
      action: `${request.method} ${request.routeOptions.url}`,
      target: request.auditTarget ?? request.url.split('?')[0]!,
      result,
      detail: { requestId: request.id, ip: request.ip },
    });
    const refuse = (reply: FastifyReply) =>
      reply.code(503).header('retry-after', '5').removeHeader('content-disposition').type('application/json; charset=utf-8');

    // After authentication and validation, before the handler: a request refused earlier did nothing.
    app.addHook('preHandler', async (request, reply) => {
      if (READ_METHODS.has(request.method) || !request.routeOptions.url) return;
      try {
        await appendAudit(app.deps.db, entryOf(request, AUDIT_ATTEMPT));
        request.auditAttempted = true;
      } catch (err) {
        request.log.error({ err }, '审计日志写入失败，请求未执行 (AUDIT_UNAVAILABLE)');
        return refuse(reply).send(UNAVAILABLE);
      }
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const route = request.routeOptions;
      const audited = !READ_METHODS.has(request.method) || route.config.auditRead;
      if (!audited || !route.url) return payload;
      try {
        await appendAudit(app.deps.db, entryOf(request, String(reply.statusCode)));
      } catch (err) {
        request.log.error({ err }, '审计日志写入失败 (AUDIT_UNAVAILABLE)');
        // A server error carries no data and names its own cause (the database down, say): it stays.
        // A write whose attempt is logged has acted: its answer says what was done, not that nothing was.
        if (reply.statusCode >= 500 || request.auditAttempted) return payload;
        refuse(reply);
        return JSON.stringify(UNAVAILABLE);
      }
      return payload;
    });
  },
  { name: 'audit', dependencies: ['auth'] },
);
