// SPEC §5: every state-changing request, refused or not, and every audited read is written
// to the hash-chained audit log before the response leaves.
import fp from 'fastify-plugin';
import { appendAudit } from '../../db/repositories/audit.repo';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const route = request.routeOptions;
      const audited = !READ_METHODS.has(request.method) || (route.config.auditRead && request.user?.role === 'auditor');
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
        request.log.error({ err }, '审计日志写入失败 (AUDIT_WRITE_FAILED)');
      }
      return payload;
    });
  },
  { name: 'audit', dependencies: ['auth'] },
);
