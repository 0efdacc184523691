// Who is calling (issue 17). API clients present a personal access token (`Authorization:
// Bearer`), looked up by its SHA-256 and acting only in the roles it was issued for; the
// console presents its session cookie, and then every state-changing request carries the
// session's CSRF token. Every route declares who may call it in `config.roles`; a route without
// roles must say `public: true`. Lookups go through the short-lived AuthCache (issue 18).
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { deputyActs, sessionIdle } from '../../domain/accounts';
import type { Actor, Role } from '../../domain/roles';
import { roleLabel } from '../../domain/vocabulary';
import { beijingDate } from '../../domain/working-days';
import { type Account, findAccount, findTokenGrant, touchSession } from '../../db/repositories/accounts.repo';
import { hashToken } from '../../db/repositories/identity.repo';
import { type AuthCache, sessionKey, tokenKey, userKey } from '../auth-cache';
import { httpError } from '../errors';
import { checkCsrf, sessionIdHash } from './session';

/** The authenticated caller as workflows see it: id, role and department, never the name. */
export const callerOf = (request: FastifyRequest): Actor => {
  const { userId, role, departmentCode } = request.user!;
  return { userId, role, departmentCode };
};

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** SPEC §7: a department's staff member appointed 代理 acts as its 主要负责人 on the days of the appointment. */
export function effectiveRole(account: Account, today: string): Role {
  if (account.role === 'department_staff' && account.deputyTerms.some((t) => deputyActs(t, today))) return 'department_head';
  return account.role;
}

/** Sets the request's caller; its role for today. */
export function signedIn(request: FastifyRequest, found: Account, via: 'token' | 'session', now: number): Role {
  const role = effectiveRole(found, beijingDate(now));
  request.user = {
    userId: found.userId,
    username: found.username,
    displayName: found.displayName,
    role,
    departmentCode: found.departmentCode,
  };
  request.account = found;
  request.authVia = via;
  return role;
}

/**
 * GB/T 22239-2019 8.1.4.1 a): a password set by someone else is changed before anything else is
 * done in a password session; a 统一身份认证 session did not use it.
 */
export const passwordChangeDue = (request: FastifyRequest): boolean =>
  request.authVia === 'session' && !request.session.viaSso && !!request.account?.mustChangePassword;

export default fp<{ cache: AuthCache; idleMinutes: number }>(
  async (app, { cache, idleMinutes }) => {
    app.decorateRequest('user', null);
    const now = () => (app.deps.clock ?? Date.now)();
    const account = (userId: string) => cache.get(userKey(userId), () => findAccount(app.deps.db, userId));

    app.addHook('onRoute', (route) => {
      const config = route.config as { roles?: unknown; public?: boolean } | undefined;
      if (!config?.public && !config?.roles && !route.url.startsWith('/docs')) {
        throw new Error(`route ${route.method} ${route.url} declares neither roles nor public`);
      }
    });

    /** The account behind the request's token or session cookie, or a 401. */
    async function authenticate(request: FastifyRequest): Promise<{ found: Account; via: 'token' | 'session'; scope: Role[] | null }> {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = header.match(/^Bearer ([A-Za-z0-9._~+/=-]{8,200})$/);
        if (!match) throw httpError(401, 'UNAUTHENTICATED', '请先登录：Authorization 头应为 Bearer 令牌');
        const tokenHash = hashToken(match[1]!);
        const grant = await cache.get(tokenKey(tokenHash), () => findTokenGrant(app.deps.db, tokenHash, new Date(now())));
        // an expiry passed while the grant sat in the cache counts as well
        const found = grant && !(grant.expiresAt && grant.expiresAt.getTime() <= now()) ? await account(grant.userId) : null;
        if (!found?.active) throw httpError(401, 'UNAUTHENTICATED', '令牌无效、已过期或已吊销');
        return { found, via: 'token', scope: grant!.roles };
      }
      const session = request.session;
      const found = session?.userId ? await account(session.userId) : null;
      if (!found) throw httpError(401, 'UNAUTHENTICATED', '请先登录（未登录或会话已超时）');
      if (!found.active) {
        await session.destroy();
        throw httpError(401, 'ACCOUNT_DISABLED', '账号已停用，请联系安全管理员');
      }
      // Keep the idle clock current, at most every tenth of the timeout (one write, not one per request).
      const seen = session.lastSeenAt ? Date.parse(session.lastSeenAt) : 0;
      if (now() - seen > (idleMinutes * 60_000) / 10 && !sessionIdle(new Date(seen), idleMinutes, new Date(now()))) {
        const idHash = sessionIdHash(session.sessionId);
        await touchSession(app.deps.db, idHash, new Date(now()));
        cache.forget(sessionKey(idHash));
      }
      return { found, via: 'session', scope: null };
    }

    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      if (config.public || !config.roles) return;
      const { found, via, scope } = await authenticate(request);
      const role = signedIn(request, found, via, now());
      if (via === 'session' && !READ_METHODS.has(request.method)) await checkCsrf(app, request);
      if (scope && !scope.includes(found.role)) throw httpError(403, 'TOKEN_SCOPE', `该令牌不适用于当前角色（${roleLabel(found.role)}）`);
      if (passwordChangeDue(request) && !config.beforePasswordChange)
        throw httpError(403, 'PASSWORD_CHANGE_REQUIRED', '首次登录或密码已被重置，请先修改密码');
      if (!config.roles.includes(role)) throw httpError(403, 'FORBIDDEN_ROLE', `当前角色（${roleLabel(role)}）无权执行此操作`);
    });
  },
  { name: 'auth', dependencies: ['error-handler', 'session'] },
);
