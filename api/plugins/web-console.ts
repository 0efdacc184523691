// The web console (issue 7): the Vite build in web/dist, served by this same server. Files that
// exist are sent as they are (hashed assets cached for a year); any other GET outside the API's
// own prefixes gets index.html, so the console's routes survive a reload (SPA fallback). Unknown
// /v1, /docs and /health paths keep the API's JSON 404.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');
const API_PREFIXES = ['/v1/', '/docs', '/health'];

const plugin: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  // serve: false — only reply.sendFile; the route below declares itself public for the auth hook.
  await app.register(fastifyStatic, { root, serve: false });

  app.get('/*', { config: { public: true, rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
    const pathname = decodeURIComponent(request.url.split('?')[0]!);
    if (pathname === '/v1' || API_PREFIXES.some((p) => pathname.startsWith(p))) return reply.callNotFound();
    const file = path.resolve(root, `.${pathname}`);
    const inside = file.startsWith(`${root}${path.sep}`);
    if (inside && existsSync(file) && statSync(file).isFile()) {
      const hashed = pathname.startsWith('/assets/');
      return reply.sendFile(path.relative(root, file), { maxAge: hashed ? '365d' : 0, immutable: hashed });
    }
    if (!existsSync(path.join(root, 'index.html'))) {
      return reply.status(503).send({
        statusCode: 503,
        code: 'WEB_NOT_BUILT',
        error: 'Service Unavailable',
        message: '网页控制台尚未构建：npm start 或 npm test 会自动构建 web/dist',
      });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
};

export default plugin;
