// 第二十三条第三款: an applicant with no account follows a correction with the receipt number
// and query code from the slip. A wrong code and an unknown number answer the same 404; the
// route is rate-limited per address, and each receipt locks after QUERY_CODE_LOCKOUT.failures
// wrong codes whatever address asks (429 with Retry-After), its department told.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { getCatalogEntry, getDepartment } from '../../db/repositories/catalog.repo';
import {
  clearQueryCodeFailures,
  getCorrection,
  queryCodeLockedUntil,
  recordQueryCodeFailure,
} from '../../db/repositories/corrections.repo';
import { addNotifications } from '../../db/repositories/notifications.repo';
import { QUERY_CODE_LOCKOUT } from '../../domain/bounds';
import { getProcess } from '../../db/repositories/registry.repo';
import { httpError, notFound } from '../errors';
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
    async (request, reply) => {
      const row = await getCorrection(db, request.params.id);
      const now = new Date();
      const locked = row && (await queryCodeLockedUntil(db, row.id, now));
      if (locked) {
        reply.header('retry-after', String(Math.ceil((locked.getTime() - now.getTime()) / 1000)));
        throw httpError(429, 'QUERY_CODE_LOCKED', `查询码连续输入错误 ${QUERY_CODE_LOCKOUT.failures} 次，该受理编号已暂时锁定，请稍后再试`);
      }
      if (!row || !queryCodeMatches(queryCodeSecret, row.id, request.query.queryCode)) {
        const lock = row && (await recordQueryCodeFailure(db, row.id, now, QUERY_CODE_LOCKOUT));
        if (lock) {
          await addNotifications(db, [
            {
              workflowId: row.workflowId,
              key: `query-code-locked-${lock.lockouts}`,
              departmentCode: row.departmentCode,
              role: null,
              kind: 'query_code_locked',
              message: `数据校核 ${row.id} 的查询码连续 ${QUERY_CODE_LOCKOUT.failures} 次输入错误，已锁定 ${QUERY_CODE_LOCKOUT.minutes} 分钟；如非申请人本人所为，可能有人在猜测查询码`,
            },
          ]);
        }
        throw notFound('受理编号或查询码有误，事项');
      }
      await clearQueryCodeFailures(db, row.id);
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
        provisional: process?.provisional ?? false,
        endsAt: process?.endsAt ? beijingIso(process.endsAt.getTime()) : null,
        outcome: row.outcome,
        finishedAt: row.finishedAt ? beijingIso(row.finishedAt.getTime()) : null,
      };
    },
  );
};

export default routes;
