// Bearer tokens: opaque, looked up by their SHA-256 (api_tokens). Every route declares who may
// call it in `config.roles`; a route without roles must say `public: true`.
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../domain/roles';
import { roleLabel } from '../../domain/vocabulary';
import { findUserByToken } from '../../db/repositories/identity.repo';
import { httpError } from '../errors';

/** The authenticated caller as workflows see it: id, role and department, never the name. */
export const callerOf = (request: FastifyRequest): Actor => {
  const { userId, role, departmentCode } = request.user!;
  return { userId, role, departmentCode };
};

export default fp(
  async (app) => {
    app.decorateRequest('user', null);

    app.addHook('onRoute', (route) => {
      const config = route.config as { roles?: unknown; public?: boolean } | undefined;
      if (!config?.public && !config?.roles && !route.url.startsWith('/docs')) {
        throw new Error(`route ${route.method} ${route.url} declares neither roles nor public`);
      }
    });

    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      if (config.public || !config.roles) return;
      const header = request.headers.authorization;
      const match = header?.match(/^Bearer ([A-Za-z0-9._~+/=-]{8,200})$/);
      if (!match) throw httpError(401, 'UNAUTHENTICATED', '请先登录：缺少或无效的 Authorization: Bearer 令牌');
      const user = await findUserByToken(app.deps.db, match[1]!);
      if (!user) throw httpError(401, 'UNAUTHENTICATED', '令牌无效、已过期或已吊销');
      request.user = user;
      if (!config.roles.includes(user.role)) throw httpError(403, 'FORBIDDEN_ROLE', `当前角色（${roleLabel(user.role)}）无权执行此操作`);
    });
  },
  { name: 'auth', dependencies: ['error-handler'] },
);
