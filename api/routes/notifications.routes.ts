// The reminder and notice outbox, read per user: what is addressed to its department or, county-wide, to its role.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { ROLES } from '../../domain/roles';
import { listNotificationsFor, markRead } from '../../db/repositories/notifications.repo';
import { callerOf } from '../plugins/auth';
import { notFound } from '../errors';
import { NotificationView } from '../schemas/annual-reports.schema';
import { BigintId, errors } from '../schemas/common';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/notifications',
    {
      config: { roles: ROLES },
      schema: {
        summary: '我的提醒与通知（最新在前）',
        tags: ['notifications'],
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(NotificationView) }), ...errors() },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const rows = await listNotificationsFor(db, caller, request.query.limit);
      return {
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          message: n.message,
          workflowId: n.workflowId,
          departmentCode: n.departmentCode,
          createdAt: beijingIso(n.createdAt.getTime()),
          read: n.readBy.includes(caller.userId),
        })),
      };
    },
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { roles: ROLES },
      schema: {
        summary: '标记为已读',
        tags: ['notifications'],
        params: Type.Object({ id: BigintId }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errors(404) },
      },
    },
    async (request, reply) => {
      if (!(await markRead(db, callerOf(request), request.params.id))) throw notFound('通知');
      return reply.status(204).send(null);
    },
  );
};

export default routes;
