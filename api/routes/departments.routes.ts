// The departments by name, so that a client (the web console) shows 县市场监督管理局 where the API's
// other views carry the stable code. It decides nothing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../domain/roles';
import { listDepartments } from '../../db/repositories/identity.repo';
import { errors } from '../schemas/common';

const DepartmentView = Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), active: Type.Boolean() });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  app.get(
    '/departments',
    {
      config: { roles: ROLES },
      schema: {
        summary: '部门名称：编码、名称、类别（政务部门、主管部门、县人民政府）',
        tags: ['identity'],
        response: { 200: Type.Object({ items: Type.Array(DepartmentView) }), ...errors() },
      },
    },
    async () => ({ items: await listDepartments(db) }),
  );
};

export default routes;
