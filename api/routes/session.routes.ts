// Signing in and out of the console, and what a signed-in person does with their own account:
// change the password, see and end their sessions, see and revoke their tokens (issue 17).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { afterFailure, isLocked, type LockoutPolicy, passwordProblem } from '../../domain/accounts';
import { beijingIso } from '../../domain/deadline';
import { ROLES } from '../../domain/roles';
import {
  deleteSession,
  findSignIn,
  passwordHashOf,
  recordSignInState,
  sessionsOf,
  setPassword,
  revokeToken,
  tokensOf,
} from '../../db/repositories/accounts.repo';
import { sessionKey, tokenKey, userKey } from '../auth-cache';
import { startSession } from '../sign-in';
import { httpError, notFound } from '../errors';
import { hashPassword, passwordMatches } from '../../db/passwords';
import { meOf, tokenView } from '../views/account';
import { sessionIdHash } from '../plugins/session';
import { Done, IdParam, Me, PasswordChange, SessionView, SignIn, TokenIdParam, TokenView } from '../schemas/accounts.schema';
import { errors } from '../schemas/common';
import { Type } from '@sinclair/typebox';

const routes: FastifyPluginAsyncTypebox<{ lockout: LockoutPolicy }> = async (app, { lockout }) => {
  const { db } = app.deps;
  const now = () => new Date((app.deps.clock ?? Date.now)());
  const self = { roles: ROLES, beforePasswordChange: true };
  const failed = () => httpError(401, 'SIGN_IN_FAILED', '用户名或密码错误');
  const locked = (until: Date) =>
    httpError(
      423,
      'ACCOUNT_LOCKED',
      `连续登录失败次数过多，账号已锁定至 ${beijingIso(until.getTime()).slice(0, 16).replace('T', ' ')}（北京时间）`,
    );

  app.post(
    '/session',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { summary: '用户名和密码登录控制台（会话 Cookie）', tags: ['identity'], body: SignIn, response: { 200: Me, ...errors(423) } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const at = now();
      const account = await findSignIn(db, username);
      if (account && isLocked(account, at)) throw locked(account.lockedUntil!);
      const ok = await passwordMatches(account?.active ? account.passwordHash : null, password);
      request.auditTarget = `/v1/session/${username}`;
      if (!account?.active) throw failed();
      if (!ok) {
        const next = afterFailure(account, lockout, at);
        await recordSignInState(db, account.id, next);
        if (next.lockedUntil) throw locked(next.lockedUntil);
        throw httpError(401, 'SIGN_IN_FAILED', `用户名或密码错误（再失败 ${lockout.maxFailures - next.failedSignIns} 次将锁定账号）`);
      }
      await startSession(app, request, account, at, 'password');
      return meOf(request, reply);
    },
  );

  app.delete(
    '/session',
    { config: self, schema: { summary: '退出登录', tags: ['identity'], response: { 200: Done, ...errors() } } },
    async (request) => {
      if (request.authVia === 'session') await request.session.destroy();
      return { ok: true as const };
    },
  );

  app.put(
    '/me/password',
    {
      config: self,
      schema: { summary: '修改本人密码', tags: ['identity'], body: PasswordChange, response: { 200: Done, ...errors(422) } },
    },
    async (request) => {
      const { userId, username } = request.user!;
      const { currentPassword, newPassword } = request.body;
      if (!(await passwordMatches(await passwordHashOf(db, userId), currentPassword)))
        throw httpError(403, 'CURRENT_PASSWORD_WRONG', '当前密码不正确');
      const problem = passwordProblem(newPassword, username);
      if (problem) throw httpError(422, 'PASSWORD_WEAK', `新密码不符合要求：${problem}`);
      if (newPassword === currentPassword) throw httpError(422, 'PASSWORD_UNCHANGED', '新密码不能与当前密码相同');
      await setPassword(db, userId, await hashPassword(newPassword), false);
      app.authCache.forget(userKey(userId));
      return { ok: true as const };
    },
  );

  app.get(
    '/me/sessions',
    {
      config: self,
      schema: {
        summary: '本人的登录会话',
        tags: ['identity'],
        response: { 200: Type.Object({ items: Type.Array(SessionView) }), ...errors() },
      },
    },
    async (request) => {
      const current = request.authVia === 'session' ? sessionIdHash(request.session.sessionId) : null;
      const rows = await sessionsOf(db, request.user!.userId);
      return {
        items: rows.map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          lastSeenAt: r.lastSeenAt.toISOString(),
          current: r.id === current,
        })),
      };
    },
  );

  app.delete(
    '/me/sessions/:id',
    {
      config: self,
      schema: { summary: '结束本人的一个会话', tags: ['identity'], params: IdParam, response: { 200: Done, ...errors(404) } },
    },
    async (request) => {
      if (!(await deleteSession(db, request.params.id, request.user!.userId))) throw notFound('会话');
      app.authCache.forget(sessionKey(request.params.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/me/tokens',
    {
      config: { roles: ROLES },
      schema: {
        summary: '本人的访问令牌（不含令牌本身）',
        tags: ['identity'],
        response: { 200: Type.Object({ items: Type.Array(TokenView) }), ...errors() },
      },
    },
    async (request) => ({ items: (await tokensOf(db, request.user!.userId)).map(tokenView) }),
  );

  app.delete(
    '/me/tokens/:id',
    {
      config: { roles: ROLES },
      schema: { summary: '吊销本人的访问令牌', tags: ['identity'], params: TokenIdParam, response: { 200: Done, ...errors(404) } },
    },
    async (request) => {
      const hash = await revokeToken(db, request.params.id, now(), request.user!.userId);
      if (!hash) throw notFound('令牌');
      app.authCache.forget(tokenKey(hash));
      return { ok: true as const };
    },
  );
};

export default routes;
