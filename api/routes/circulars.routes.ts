// 第五十一条 通报批评: the authority's circulars, addressed to every department and the county
// government, so every official role reads every one of them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getCircular, listCirculars } from '../../db/repositories/rectifications.repo';
import { notFound } from '../errors';
import { errors } from '../schemas/common';
import { CircularIdParams, CircularQuery, CircularView } from '../schemas/supervision.schema';
import { circularView } from '../views/rectification';

/** Every official: the circular is sent to every department and the county government; the auditor reads everything. */
export const CIRCULAR_READERS = ['department_staff', 'department_head', 'authority_reviewer', 'county_government', 'auditor'] as const;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/circulars',
    {
      config: { roles: CIRCULAR_READERS },
      schema: {
        summary: '通报批评（第五十一条）：按年度、文号倒序',
        tags: ['supervision'],
        querystring: CircularQuery,
        response: { 200: Type.Object({ items: Type.Array(CircularView) }), ...errors() },
      },
    },
    async (request) => {
      const rows = await listCirculars(db, request.query);
      return { items: rows.map(circularView) };
    },
  );

  app.get(
    '/circulars/:id',
    {
      config: { roles: CIRCULAR_READERS },
      schema: {
        summary: '通报批评全文',
        tags: ['supervision'],
        params: CircularIdParams,
        response: { 200: CircularView, ...errors(404) },
      },
    },
    async (request) => {
      const row = await getCircular(db, Number(request.params.id));
      if (!row) throw notFound('通报');
      return circularView(row);
    },
  );
};

export default routes;
