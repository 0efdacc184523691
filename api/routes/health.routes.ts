import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';

const Check = Type.Object({ ok: Type.Boolean() });

/** Readiness (/health: Temporal and the database answer) and liveness (/health/live: the process runs). */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporalReady } = app.deps;
  const within = <T>(p: Promise<T>, ms: number) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        summary: '就绪检查：流程引擎与数据库均可用时返回 200',
        tags: ['health'],
        security: [],
        response: {
          200: Type.Object({ status: Type.String(), temporal: Check, database: Check }),
          503: Type.Object({ status: Type.String(), temporal: Check, database: Check }),
        },
      },
    },
    async (_request, reply) => {
      const [temporal, database] = await Promise.all([
        within(temporalReady(), 2000).catch(() => false),
        within(db.execute(sql`select 1`), 2000).then(
          () => true,
          () => false,
        ),
      ]);
      const ok = temporal && database;
      if (!ok) reply.header('retry-after', '5');
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? 'ok' : 'unavailable', temporal: { ok: temporal }, database: { ok: database } });
    },
  );

  app.get(
    '/health/live',
    {
      config: { public: true },
      schema: { summary: '存活检查', tags: ['health'], security: [], response: { 200: Type.Object({ status: Type.String() }) } },
    },
    async () => ({ status: 'ok' }),
  );
};

export default routes;
