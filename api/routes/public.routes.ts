// 第二十三条第三款: an applicant with no account follows a correction with the receipt number
// and query code from the slip. A wrong code and an unknown number answer the same 404, and
// the route is rate-limited hard so that codes cannot be guessed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { getCatalogEntry, getDepartment } from '../../db/repositories/catalog.repo';
import { getCorrection } from '../../db/repositories/corrections.repo';
import { getProcess } from '../../db/repositories/registry.repo';
import { notFound } from '../errors';
import { queryCodeMatches } from '../query-code';
import { errorRef } from '../schemas/common';
import { PublicCorrectionView } from '../schemas/corrections.schema';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, queryCodeSecret } = app.deps;

  app.get(
    '/public/corrections/:id',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        summary: '申请人凭受理编号和查询码查询数据校核的办理状态（无需登录）',
        tags: ['public'],
        security: [],
        params: Type.Object(
          { id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object(
          { queryCode: Type.String({ pattern: '^[0-9]{6}$', description: '回执上的 6 位查询码' }) },
          { additionalProperties: false },
        ),
        response: { 200: PublicCorrectionView, 400: errorRef, 404: errorRef, 429: errorRef },
      },
    },
    async (request) => {
      const row = await getCorrection(db, request.params.id);
      if (!row || !queryCodeMatches(queryCodeSecret, row.id, request.query.queryCode)) throw notFound('受理编号或查询码有误，事项');
      const [process, department, resource] = await Promise.all([
        getProcess(db, row.workflowId),
        getDepartment(db, row.departmentCode),
        getCatalogEntry(db, row.resourceCode),
      ]);
      return {
        id: row.id,
        receivedOn: row.receivedOn,
        departmentName: department?.name ?? row.departmentCode,
        resourceName: resource?.name ?? row.resourceCode,
        stage: process?.stage ?? 'starting',
        level: process?.level ?? 'normal',
        due: process?.dueDate ?? null,
        endsAt: process?.endsAt ? beijingIso(process.endsAt.getTime()) : null,
        outcome: row.outcome,
        finishedAt: row.finishedAt ? beijingIso(row.finishedAt.getTime()) : null,
      };
    },
  );
};

export default routes;
