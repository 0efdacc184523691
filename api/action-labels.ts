// An audit entry's action is `METHOD /v1/route/:param`; officials read the route's own Chinese
// summary instead, taken from the OpenAPI document the routes' schemas make (api/plugins/swagger.ts).
import type { FastifyInstance } from 'fastify';

type OpenApiPaths = Record<string, Record<string, { summary?: string }>>;

/** `METHOD /path/:param` → the route's summary; 其他操作 for a route the document does not describe. */
export function actionLabeller(app: FastifyInstance): (action: string) => string {
  let summaries: Map<string, string> | undefined;
  return (action) => {
    // read once the routes are all registered: the document is complete only then
    summaries ??= summariesOf((app.swagger() as { paths?: OpenApiPaths }).paths ?? {});
    return summaries.get(action) ?? '其他操作';
  };
}

function summariesOf(paths: OpenApiPaths): Map<string, string> {
  const summaries = new Map<string, string>();
  for (const [path, operations] of Object.entries(paths)) {
    const route = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, { summary }] of Object.entries(operations)) if (summary) summaries.set(`${method.toUpperCase()} ${route}`, summary);
  }
  return summaries;
}
