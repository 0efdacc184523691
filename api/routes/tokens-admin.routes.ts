// The security administrator issues and revokes personal access tokens and appoints dated
// deputies (代理) of a department's 主要负责人 (三权分立, issue 17).
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { deputyState } from '../../domain/accounts';
import type { Role } from '../../domain/roles';
import { beijingDate } from '../../domain/working-days';
import { issueToken, revokeToken, tokensOf } from '../../db/repositories/accounts.repo';
import { appointDeputy, findUser, listDeputies, revokeDeputy } from '../../db/repositories/admin.repo';
import { tokenKey, userKey } from '../auth-cache';
import { httpError, notFound } from '../errors';
import { Done, TokenIdParam, TokenView } from '../schemas/accounts.schema';
import { Deputy, IssuedToken, NewDeputy, NewToken } from '../schemas/admin.schema';
import { errors, IntegerId } from '../schemas/common';
import { tokenView } from '../views/account';

const SECURITY = { roles: ['security_admin'] as const };
const UserId = Type.Object({ id: Type.String({ format: 'uuid' }) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const now = () => new Date((app.deps.clock ?? Date.now)());

  app.get(
    '/admin/tokens',
    {
      config: SECURITY,
      schema: {
        summary: '全部访问令牌（不含令牌本身）',
        tags: ['admin'],
        response: { 200: Type.Object({ items: Type.Array(TokenView) }), ...errors() },
      },
    },
    async () => ({ items: (await tokensOf(db)).map(tokenView) }),
  );

  app.post(
    '/admin/users/:id/tokens',
    {
      config: SECURITY,
      schema: {
        summary: '为用户签发访问令牌（仅此一次显示）',
        tags: ['admin'],
        params: UserId,
        body: NewToken,
        response: { 201: IssuedToken, ...errors(404, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (id === request.user!.userId) throw httpError(403, 'SELF_ADMINISTRATION', '不能为本人签发令牌，须由另一名安全管理员办理');
      const user = await findUser(db, id);
      if (!user?.active) throw notFound('用户');
      const roles = request.body.roles as Role[];
      if (!roles.includes(user.role)) throw httpError(422, 'TOKEN_ROLE_NOT_HELD', '令牌的适用角色须包含该用户当前的角色');
      const token = `pat_${randomBytes(32).toString('base64url')}`;
      const expiresAt = new Date(now().getTime() + request.body.expiresInDays * 86_400_000);
      const issued = await issueToken(db, {
        token,
        userId: id,
        label: request.body.label,
        roles,
        expiresAt,
        issuedBy: request.user!.userId,
      });
      request.auditTarget = `/v1/admin/tokens/${issued.id}`;
      return reply.status(201).send({ id: issued.id, token, expiresAt: expiresAt.toISOString() });
    },
  );

  app.delete(
    '/admin/tokens/:id',
    {
      config: SECURITY,
      schema: { summary: '吊销访问令牌', tags: ['admin'], params: TokenIdParam, response: { 200: Done, ...errors(404) } },
    },
    async (request) => {
      const hash = await revokeToken(db, request.params.id, now());
      if (!hash) throw notFound('令牌');
      app.authCache.forget(tokenKey(hash));
      return { ok: true as const };
    },
  );

  app.get(
    '/admin/deputies',
    {
      config: SECURITY,
      schema: {
        summary: '各部门主要负责人的代理',
        tags: ['admin'],
        response: { 200: Type.Object({ items: Type.Array(Deputy) }), ...errors() },
      },
    },
    async () => {
      const today = beijingDate(now().getTime());
      return { items: (await listDeputies(db)).map((d) => ({ ...d, state: deputyState(d, today) })) };
    },
  );

  app.post(
    '/admin/departments/:code/deputies',
    {
      config: SECURITY,
      schema: {
        summary: '指定主要负责人的代理（起止日期）',
        tags: ['admin'],
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        body: NewDeputy,
        response: { 201: Type.Object({ id: Type.Integer() }), ...errors(404, 422) },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const { userId, startsOn, endsOn } = request.body;
      if (endsOn < startsOn) throw httpError(422, 'DEPUTY_DATES', '代理的结束日期不能早于开始日期');
      const user = await findUser(db, userId);
      if (!user?.active) throw notFound('用户');
      // 第七条: the deputy stands in for the head of its own department, from among its staff.
      if (user.role !== 'department_staff' || user.departmentCode !== code)
        throw httpError(422, 'DEPUTY_NOT_STAFF', '代理须为本部门在岗的工作人员');
      const id = await appointDeputy(db, { departmentCode: code, userId, startsOn, endsOn, appointedBy: request.user!.userId });
      app.authCache.forget(userKey(userId));
      request.auditTarget = `/v1/admin/deputies/${id}`;
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    '/admin/deputies/:id',
    {
      config: SECURITY,
      schema: {
        summary: '提前结束代理',
        tags: ['admin'],
        params: Type.Object({ id: IntegerId() }),
        response: { 200: Done, ...errors(404) },
      },
    },
    async (request) => {
      const userId = await revokeDeputy(db, request.params.id, now());
      if (!userId) throw notFound('代理');
      app.authCache.forget(userKey(userId));
      return { ok: true as const };
    },
  );
};

export default routes;
