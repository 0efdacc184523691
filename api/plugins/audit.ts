// SPEC §5: every state-changing request, refused or not, and every read of personal or shared
// data (routes marked `auditRead`), by any role, is written to the audit log before the response
// leaves. Fail closed: when the entry cannot be written the caller gets 503 AUDIT_UNAVAILABLE
// instead of the response, so no data is read without its entry.
import fp from 'fastify-plugin';
import { appendAudit } from '../../db/repositories/audit.repo';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const UNAVAILABLE = {
  statusCode: 503,
  code: 'AUDIT_UNAVAILABLE',
  error: 'Service Unavailable',
  message: '审计日志暂时无法写入，本次操作未完成，请稍后重试',
};

export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const route = request.routeOptions;
      const audited = !READ_METHODS.has(request.method) || route.config.auditRead;
      if (!audited || !route.url) return payload;
      try {
        await appendAudit(app.deps.db, {
          userId: request.user?.userId ?? null,
          role: request.user?.role ?? null,
          departmentCode: request.user?.departmentCode ?? null,
          action: `${request.method} ${route.url}`,
          target: request.auditTarget ?? request.url.split('?')[0]!,
          result: String(reply.statusCode),
          detail: { requestId: request.id, ip: request.ip },
        });
      } catch (err) {
        request.log.error({ err }, '审计日志写入失败 (AUDIT_UNAVAILABLE)');
        // A server error carries no data and names its own cause (the database down, say): it stays.
        if (reply.statusCode >= 500) return payload;
        reply.code(503).header('retry-after', '5').removeHeader('content-disposition').type('application/json; charset=utf-8');
        return JSON.stringify(UNAVAILABLE);
      }
      return payload;
    });
  },
  { name: 'audit', dependencies: ['auth'] },
);
