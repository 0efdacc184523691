// Who am I: the signed-in user as the token resolves it, so a client (the web console) shows the
// actions of the caller's role. It decides nothing: every other route still checks the role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { type Role, ROLES } from '../../domain/roles';
import { errors } from '../schemas/common';

const Me = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Unsafe<Role>(Type.String({ enum: [...ROLES] })),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      config: { roles: ROLES },
      schema: { summary: '当前登录用户：编号、用户名、姓名、角色与部门', tags: ['identity'], response: { 200: Me, ...errors() } },
    },
    async (request) => {
      const { userId, username, displayName, role, departmentCode } = request.user!;
      return { userId, username, displayName, role, departmentCode };
    },
  );
};

export default routes;
