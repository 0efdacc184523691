import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { verifyAuditChain } from '../../db/repositories/audit.repo';
import { errors } from '../schemas/common';

/** SPEC §5: auditors check that no past audit entry was altered or removed. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit/verify',
    {
      config: { roles: ['auditor'], auditRead: true },
      schema: {
        summary: '校验审计日志哈希链；如被篡改，指出第一条断开的记录',
        tags: ['audit'],
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer(),
            firstBrokenId: Type.Optional(Type.Integer()),
            reason: Type.Optional(Type.String()),
          }),
          ...errors(),
        },
      },
    },
    async () => verifyAuditChain(app.deps.db),
  );
};

export default routes;
