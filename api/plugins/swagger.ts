import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** OpenAPI 3 generated from the routes' TypeBox schemas, served at /docs (assets from npm, no CDN). */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: '云阳县政务数据资源管理 API',
          description:
            '以 Temporal 工作流承载《云阳县政务数据资源管理暂行办法》规定时限的各项流程。错误响应均含稳定的英文 code 与中文 message。',
          version: '0.1.0',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger' },
);
