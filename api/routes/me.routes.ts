// Who am I: the signed-in user as the token resolves it, so a client (the web console) shows the
// actions of the caller's role. It decides nothing: every other route still checks the role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ROLES } from '../../domain/roles';
import { Me } from '../schemas/accounts.schema';
import { errors } from '../schemas/common';
import { meOf } from '../views/account';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      config: { roles: ROLES, beforePasswordChange: true },
      schema: { summary: '当前登录用户：编号、用户名、姓名、角色与部门', tags: ['identity'], response: { 200: Me, ...errors() } },
    },
    async (request, reply) => meOf(request, reply),
  );
};

export default routes;
