// buildApp(deps): the whole HTTP surface, without reading env and without listening, so tests
// drive it with inject() and api/server.ts gives it a port.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import audit from './plugins/audit';
import auth from './plugins/auth';
import { AuthCache } from './auth-cache';
import session from './plugins/session';
import sessionRoutes from './routes/session.routes';
import oidcRoutes from './routes/oidc.routes';
import accountsAdminRoutes from './routes/accounts-admin.routes';
import tokensAdminRoutes from './routes/tokens-admin.routes';
import operationLogRoutes from './routes/operation-log.routes';
import { randomBytes } from 'node:crypto';
import { DEFAULT_LOCKOUT, DEFAULT_SESSION_IDLE_MINUTES, type LockoutPolicy } from '../domain/accounts';
import { httpError } from './errors';
import errorHandler from './plugins/error-handler';
import startQuota from './plugins/start-quota';
import textGuard from './plugins/text-guard';
import { DOMAIN_ERROR_KEYWORD } from './schemas/common';
import swagger from './plugins/swagger';
import webConsole, { WEB_DIST } from './plugins/web-console';
import annualReportsRoutes from './routes/annual-reports.routes';
import auditRoutes from './routes/audit.routes';
import calendarRoutes from './routes/calendar.routes';
import catalogChangesRoutes from './routes/catalog-changes.routes';
import catalogCompilationsRoutes from './routes/catalog-compilations.routes';
import itProjectsRoutes from './routes/it-projects.routes';
import catalogImportRoutes from './routes/catalog-import.routes';
import catalogRoutes from './routes/catalog.routes';
import correctionsRoutes from './routes/corrections.routes';
import demandsRoutes from './routes/demands.routes';
import departmentsRoutes from './routes/departments.routes';
import healthRoutes from './routes/health.routes';
import incidentsRoutes from './routes/incidents.routes';
import meRoutes from './routes/me.routes';
import notificationsRoutes from './routes/notifications.routes';
import processesRoutes from './routes/processes.routes';
import publicRoutes from './routes/public.routes';
import rectificationsRoutes from './routes/rectifications.routes';
import circularsRoutes from './routes/circulars.routes';
import conflictsRoutes from './routes/conflicts.routes';
import sharingDisputesRoutes from './routes/sharing-disputes.routes';
import sharingRoutes from './routes/sharing.routes';
import supervisionRoutes from './routes/supervision.routes';
import evaluationRoutes from './routes/evaluation.routes';
import securityRecordsRoutes from './routes/security-records.routes';
import violationsRoutes from './routes/violations.routes';
import findingsRoutes from './routes/findings.routes';
import penaltyCasesRoutes from './routes/penalty-cases.routes';
import penaltyRegistersRoutes from './routes/penalty-registers.routes';
import sharedDirectoryRoutes from './routes/shared-directory.routes';
import citySubmissionsRoutes from './routes/city-submissions.routes';
import codecRoutes from './routes/codec.routes';
import { ErrorResponse } from './schemas/common';
import type { AppDeps } from './types';
import type { OidcSettings } from '../env';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** requests per minute and client address */
  rateLimit?: number;
  /** process starts a user may make per minute (issue 16); default 30 */
  startQuotaPerMinute?: number;
  /** ms a socket may sit idle and a request may take to arrive (slow clients); default 30 s */
  connectionTimeout?: number;
  requestTimeout?: number;
  /** the built web console (web/dist) served at `/`; false: the API alone */
  webRoot?: string | false;
  /** Strict-Transport-Security, for a deployment whose browsers arrive over HTTPS */
  hsts?: boolean;
  /** the reverse proxies trusted to name the caller in X-Forwarded-For (env TRUST_PROXY); default none */
  trustProxy?: string[];
  /** SPEC §5: browser origins (the Temporal UI's) allowed to call /v1/codec/decode; default none */
  codecCorsOrigins?: string[];
  /** signs the session cookie (SESSION_SECRET, ≥ 32 characters); default: random per process, so sessions end with it */
  sessionSecret?: string;
  /** GB/T 22239-2019 8.1.4.1 b): minutes after which an unused session ends; default 30 */
  sessionIdleMinutes?: number;
  /** GB/T 22239-2019 8.1.4.1 b): failures that lock an account, and for how long; default 5 and 15 minutes */
  lockout?: LockoutPolicy;
  /** ms a token, session or user lookup is reused by this process (issue 18); default 5 000, 0: none */
  authCacheTtlMs?: number;
  /** single sign-on through the county's 统一身份认证 platform (OIDC_*); default none */
  oidc?: OidcSettings;
}

export async function buildApp(deps: AppDeps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? { level: 'error' },
    bodyLimit: 256 * 1024,
    ...(opts.trustProxy?.length && { trustProxy: opts.trustProxy }),
    connectionTimeout: opts.connectionTimeout ?? 30_000,
    requestTimeout: opts.requestTimeout ?? 30_000,
    // Unknown fields are refused, not silently dropped (Fastify's default removes them).
    // verbose: each issue carries its schema, so a bounded value answers with its domain code.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, verbose: true },
      onCreate: (ajv) => {
        ajv.addKeyword({ keyword: DOMAIN_ERROR_KEYWORD, schemaType: 'string' });
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  // Graceful close: requests under way when close() starts get their answers with
  // `Connection: close`, so their keep-alive sockets end with them instead of holding the
  // process open for Fastify's 72 s keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addSchema(ErrorResponse);
  await app.register(errorHandler);
  await app.register(textGuard);
  // Security headers (issue 16). The built console has no inline script; Element Plus sets
  // inline styles, hence style-src 'unsafe-inline'. Nothing may frame the console.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: opts.hsts ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: opts.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(swagger);
  await app.register(startQuota, { perMinute: opts.startQuotaPerMinute ?? 30 });
  await app.register(rateLimit, {
    max: opts.rateLimit ?? 600,
    timeWindow: '1 minute',
    // An HttpError, so the error handler sends this message and code as they are.
    errorResponseBuilder: (_request, context) =>
      httpError(429, 'RATE_LIMITED', `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`),
  });
  const authCache = new AuthCache(opts.authCacheTtlMs ?? 5_000);
  app.decorate('authCache', authCache);
  const idleMinutes = opts.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES;
  await app.register(session, {
    secret: opts.sessionSecret ?? randomBytes(32).toString('hex'),
    secure: !!opts.hsts,
    idleMinutes,
    cache: authCache,
  });
  await app.register(auth, { cache: authCache, idleMinutes });
  await app.register(audit);

  await app.register(healthRoutes);
  if (opts.webRoot !== false) await app.register(webConsole, { root: opts.webRoot ?? WEB_DIST });
  await app.register(
    async (v1) => {
      await v1.register(meRoutes);
      await v1.register(sessionRoutes, { lockout: opts.lockout ?? DEFAULT_LOCKOUT });
      await v1.register(oidcRoutes, { oidc: opts.oidc, secure: !!opts.hsts });
      await v1.register(accountsAdminRoutes);
      await v1.register(tokensAdminRoutes);
      await v1.register(operationLogRoutes);
      await v1.register(correctionsRoutes);
      await v1.register(publicRoutes);
      await v1.register(catalogChangesRoutes);
      await v1.register(catalogRoutes);
      await v1.register(demandsRoutes);
      await v1.register(processesRoutes);
      await v1.register(calendarRoutes);
      await v1.register(auditRoutes);
      await v1.register(annualReportsRoutes);
      await v1.register(notificationsRoutes);
      await v1.register(violationsRoutes);
      await v1.register(findingsRoutes);
      await v1.register(rectificationsRoutes);
      await v1.register(circularsRoutes);
      await v1.register(supervisionRoutes);
      await v1.register(evaluationRoutes);
      await v1.register(securityRecordsRoutes);
      await v1.register(sharingRoutes);
      await v1.register(sharingDisputesRoutes);
      await v1.register(conflictsRoutes);
      await v1.register(incidentsRoutes);
      await v1.register(penaltyRegistersRoutes);
      await v1.register(penaltyCasesRoutes);
      await v1.register(catalogCompilationsRoutes);
      await v1.register(itProjectsRoutes);
      await v1.register(catalogImportRoutes);
      await v1.register(sharedDirectoryRoutes);
      await v1.register(citySubmissionsRoutes);
      await v1.register(departmentsRoutes);
      await v1.register(codecRoutes, { corsOrigins: opts.codecCorsOrigins ?? [] });
    },
    { prefix: '/v1' },
  );
  return app;
}
