// Per-user quota on process starts (issue 16): the per-address limit is shared by everyone behind
// one address and does not stop one account from starting workflows by the dozen. A route with
// `config.startsProcess` gets a @fastify/rate-limit configuration of its own instead of the
// per-address one, counted per signed-in user after authentication (an unauthenticated request
// never gets that far: 401). Registered before @fastify/rate-limit, whose onRoute hook reads it.
import fp from 'fastify-plugin';
import { httpError } from '../errors';

export default fp(
  async (app, opts: { perMinute: number }) => {
    app.addHook('onRoute', (route) => {
      if (!route.config?.startsProcess) return;
      route.config = {
        ...route.config,
        rateLimit: {
          hook: 'preHandler',
          max: opts.perMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => `start:${request.user?.userId}`,
          errorResponseBuilder: (_request, context) =>
            httpError(
              429,
              'START_QUOTA_EXCEEDED',
              `发起办理事项过于频繁：每人每分钟最多 ${opts.perMinute} 件，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
            ),
        },
      };
    });
  },
  { name: 'start-quota' },
);
