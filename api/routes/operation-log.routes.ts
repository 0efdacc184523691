// The audit administrator reads the system's own operation log: what the three administrators
// did (三权分立, GB/T 22239-2019 8.1.10.1, issue 17), each operation named in Chinese.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditResultLabel } from '../../domain/audit-log';
import { ADMIN_ROLES } from '../../domain/roles';
import { listAuditEntries } from '../../db/repositories/audit.repo';
import { OperationEntry, OperationLogQuery } from '../schemas/admin.schema';
import { errors } from '../schemas/common';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/admin/operation-log',
    {
      config: { roles: ['audit_admin'] },
      schema: {
        summary: '管理员操作日志（系统管理员、安全管理员、审计管理员的操作；按角色、时间筛选，游标分页）',
        tags: ['admin'],
        querystring: OperationLogQuery,
        response: {
          200: Type.Object({ items: Type.Array(OperationEntry), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }),
          ...errors(),
        },
      },
    },
    async (request) => {
      const { cursor, limit = 100, ...filters } = request.query;
      const rows = await listAuditEntries(db, filters, { roles: ADMIN_ROLES, outcomes: true, before: cursor, limit: limit + 1 });
      const items = rows.slice(0, limit).map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        userId: r.userId,
        userName: r.userName,
        role: r.role,
        action: r.action,
        actionLabel: app.auditActionLabel(r.action),
        target: r.target,
        result: r.result,
        resultLabel: auditResultLabel(r.result),
      }));
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );
};

export default routes;
