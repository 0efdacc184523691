// The departments with their Chinese names: every page shows a department by name and picks one
// from a list, never by its code (issue 15). Names are not confidential: any signed-in user reads them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../domain/roles';
import { listDepartments } from '../../db/repositories/identity.repo';
import { DepartmentKindCode, errors } from '../schemas/common';

const DepartmentView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: DepartmentKindCode,
  active: Type.Boolean(),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/departments',
    {
      config: { roles: ROLES },
      schema: {
        summary: '部门名录：代码、名称、类别（政务部门、主管部门、县政府），供页面显示名称与选择部门',
        tags: ['identity'],
        response: { 200: Type.Object({ items: Type.Array(DepartmentView) }), ...errors() },
      },
    },
    async () => ({ items: await listDepartments(app.deps.db) }),
  );
};

export default routes;
