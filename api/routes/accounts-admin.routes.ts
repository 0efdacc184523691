// The security administrator (三权分立, issue 17): departments and users, the one 主要负责人 of
// each department, password resets. Nobody changes their own role or account here. Every call
// is an audit-log entry (api/plugins/audit.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { passwordProblem } from '../../domain/accounts';
import type { Role } from '../../domain/roles';
import { departmentExists, deleteSessionsOf, setPassword } from '../../db/repositories/accounts.repo';
import { activeHeadOf, findUser, listDepartments, listUsers } from '../../db/repositories/admin.repo';
import { hashPassword } from '../../db/passwords';
import { departments, users } from '../../db/schema';
import { violatedUniqueIndex } from '../../db/unique-violation';
import { sessionKey, userKey } from '../auth-cache';
import { httpError, notFound } from '../errors';
import { Done } from '../schemas/accounts.schema';
import { Department, DepartmentChange, NewDepartment, NewUser, PasswordReset, UserChange, UserView } from '../schemas/admin.schema';
import { errors } from '../schemas/common';

const SECURITY = { roles: ['security_admin'] as const };
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const userView = (u: NonNullable<Awaited<ReturnType<typeof findUser>>>) => ({
  ...u,
  lockedUntil: iso(u.lockedUntil),
  lastSignInAt: iso(u.lastSignInAt),
});
const UserId = Type.Object({ id: Type.String({ format: 'uuid' }) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  const weak = (password: string, username: string) => {
    const problem = passwordProblem(password, username);
    if (problem) throw httpError(422, 'PASSWORD_WEAK', `密码不符合要求：${problem}`);
  };

  /** SPEC §7: a second active 主要负责人 for one department is refused, naming the one in office. */
  async function oneHead(role: string, departmentCode: string | null, userId?: string) {
    if (role !== 'department_head' || !departmentCode) return;
    const head = await activeHeadOf(db, departmentCode, userId);
    if (head)
      throw httpError(409, 'HEAD_EXISTS', `该部门已有主要负责人：${head.displayName}（${head.username}），须先调整其角色或停用其账号`);
  }

  /**
   * The write, with the answer oneHead gives: two requests that both passed oneHead race to the
   * index `users_one_head_idx`, and the loser is told of the winner, not a 500.
   */
  async function keepingOneHead<T>(write: PromiseLike<T>, role: string, departmentCode: string | null, userId?: string): Promise<T> {
    try {
      return await write;
    } catch (err) {
      if (violatedUniqueIndex(err) !== 'users_one_head_idx') throw err;
      await oneHead(role, departmentCode, userId);
      throw err;
    }
  }

  async function endSessions(userId: string) {
    for (const idHash of await deleteSessionsOf(db, userId)) app.authCache.forget(sessionKey(idHash));
  }

  async function knownDepartment(code: string | null | undefined) {
    if (code && !(await departmentExists(db, code))) throw httpError(400, 'UNKNOWN_DEPARTMENT', '部门不存在');
  }

  app.get(
    '/admin/departments',
    {
      config: SECURITY,
      schema: { summary: '部门列表', tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(Department) }), ...errors() } },
    },
    async () => ({ items: await listDepartments(db) }),
  );

  app.post(
    '/admin/departments',
    {
      config: SECURITY,
      schema: { summary: '新建部门', tags: ['admin'], body: NewDepartment, response: { 201: Department, ...errors(409) } },
    },
    async (request, reply) => {
      const [row] = await db.insert(departments).values(request.body).onConflictDoNothing().returning();
      if (!row) throw httpError(409, 'DEPARTMENT_EXISTS', `部门代码 ${request.body.code} 已存在`);
      request.auditTarget = `/v1/admin/departments/${row.code}`;
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/admin/departments/:code',
    {
      config: SECURITY,
      schema: {
        summary: '更名、调整类别或停用部门',
        tags: ['admin'],
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        body: DepartmentChange,
        response: { 200: Department, ...errors(404) },
      },
    },
    async (request) => {
      const [row] = await db.update(departments).set(request.body).where(eq(departments.code, request.params.code)).returning();
      if (!row) throw notFound('部门');
      return row;
    },
  );

  app.get(
    '/admin/users',
    {
      config: SECURITY,
      schema: { summary: '用户列表', tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(UserView) }), ...errors() } },
    },
    async () => ({ items: (await listUsers(db)).map(userView) }),
  );

  app.post(
    '/admin/users',
    {
      config: SECURITY,
      schema: {
        summary: '新建用户（首次登录须修改密码）',
        tags: ['admin'],
        body: NewUser,
        response: { 201: UserView, ...errors(409, 422) },
      },
    },
    async (request, reply) => {
      // the schema admits only ROLES; the type provider reads an Unsafe schema as unknown
      const { password, ...fields } = request.body;
      const profile = { ...fields, role: fields.role as Role };
      weak(password, profile.username);
      await knownDepartment(profile.departmentCode);
      await oneHead(profile.role, profile.departmentCode);
      const passwordHash = await hashPassword(password);
      const [row] = await keepingOneHead(
        db
          .insert(users)
          .values({ ...profile, passwordHash, mustChangePassword: true })
          // the user name only: the one-head index answers HEAD_EXISTS
          .onConflictDoNothing({ target: users.username })
          .returning({ id: users.id }),
        profile.role,
        profile.departmentCode,
      );
      if (!row) throw httpError(409, 'USERNAME_TAKEN', `用户名 ${profile.username} 已被使用`);
      request.auditTarget = `/v1/admin/users/${row.id}`;
      return reply.status(201).send(userView((await findUser(db, row.id))!));
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      config: SECURITY,
      schema: {
        summary: '调整用户的姓名、部门、角色，或停用、启用',
        tags: ['admin'],
        params: UserId,
        body: UserChange,
        response: { 200: UserView, ...errors(404, 409) },
      },
    },
    async (request) => {
      const { id } = request.params;
      // 三权分立: nobody grants themselves a role, or switches their own account off or on.
      if (id === request.user!.userId) throw httpError(403, 'SELF_ADMINISTRATION', '不能调整本人的账号或角色，须由另一名安全管理员办理');
      const current = await findUser(db, id);
      if (!current) throw notFound('用户');
      const change = { ...request.body, role: request.body.role as Role | undefined };
      const next = { ...current, ...change, role: change.role ?? current.role };
      await knownDepartment(request.body.departmentCode);
      if (next.active) await oneHead(next.role, next.departmentCode, id);
      await keepingOneHead(db.update(users).set(change).where(eq(users.id, id)), next.role, next.departmentCode, id);
      // the next request of this user, by session or token, sees the change
      app.authCache.forget(userKey(id));
      if (request.body.active === false) await endSessions(id);
      return userView((await findUser(db, id))!);
    },
  );

  app.post(
    '/admin/users/:id/password-reset',
    {
      config: SECURITY,
      schema: {
        summary: '重置密码（用户下次登录须修改）',
        tags: ['admin'],
        params: UserId,
        body: PasswordReset,
        response: { 200: Done, ...errors(404, 422) },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (id === request.user!.userId) throw httpError(403, 'SELF_ADMINISTRATION', '本人的密码请在“我的账号”中修改');
      const user = await findUser(db, id);
      if (!user) throw notFound('用户');
      weak(request.body.password, user.username);
      await setPassword(db, id, await hashPassword(request.body.password), true);
      await endSessions(id);
      app.authCache.forget(userKey(id));
      return { ok: true as const };
    },
  );
};

export default routes;
