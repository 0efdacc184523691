// The console's sign-in (issue 17): server-side sessions through @fastify/cookie and
// @fastify/session, kept in the database (the `sessions` table) so every API process shares
// them, and CSRF tokens through @fastify/csrf-protection, whose secret lives in the session.
// The cookie is httpOnly and SameSite=Strict, Secure when browsers arrive over HTTPS; it has no
// expiry of its own: the server ends a session left idle (GB/T 22239-2019 8.1.4.1 b).
import { createHash } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import type { FastifyReply, FastifyRequest, Session } from 'fastify';
import fp from 'fastify-plugin';
import { sessionIdle } from '../../domain/accounts';
import { deleteSession, findSession, saveSession } from '../../db/repositories/accounts.repo';
import { type AuthCache, sessionKey } from '../auth-cache';
import { httpError } from '../errors';

declare module 'fastify' {
  interface Session {
    userId?: string;
    /** the sign-in before this one, shown to the user (上次登录) */
    previousSignIn?: { at: string; ip: string | null } | null;
    ip?: string;
    userAgent?: string | null;
    /** signed in through 统一身份认证: the platform holds the password, no forced change here */
    viaSso?: boolean;
    _csrf?: string;
    /** read from the store's row, never written back */
    lastSeenAt?: string;
  }
}

export const SESSION_COOKIE = 'county_session';

export interface SessionOptions {
  secret: string;
  secure: boolean;
  idleMinutes: number;
  cache: AuthCache;
}

export const sessionIdHash = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

export default fp<SessionOptions>(
  async (app, opts) => {
    const now = () => new Date((app.deps.clock ?? Date.now)());
    const { db } = app.deps;
    const forget = (sid: string) => opts.cache.forget(sessionKey(sessionIdHash(sid)));

    // the secret also signs the 统一身份认证 transaction cookie (api/routes/oidc.routes.ts)
    await app.register(cookie, { secret: opts.secret });
    await app.register(fastifySession, {
      secret: opts.secret,
      cookieName: SESSION_COOKIE,
      cookie: { httpOnly: true, sameSite: 'strict', secure: opts.secure, path: '/' },
      saveUninitialized: false,
      rolling: false,
      store: {
        get(sid, callback) {
          const idHash = sessionIdHash(sid);
          opts.cache
            .get(sessionKey(idHash), () => findSession(db, idHash))
            .then(async (row) => {
              if (!row) return callback(null, null);
              if (sessionIdle(row.lastSeenAt, opts.idleMinutes, now())) {
                await deleteSession(db, idHash);
                forget(sid);
                return callback(null, null);
              }
              callback(null, { ...row.data, lastSeenAt: row.lastSeenAt.toISOString() } as unknown as Session);
            }, callback);
        },
        set(sid, session, callback) {
          const { lastSeenAt: _seen, ...data } = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
          saveSession(db, {
            idHash: sessionIdHash(sid),
            userId: session.userId ?? null,
            data,
            at: now(),
            ip: session.ip ?? '',
            userAgent: session.userAgent ?? null,
          }).then(() => {
            forget(sid);
            callback();
          }, callback);
        },
        destroy(sid, callback) {
          deleteSession(db, sessionIdHash(sid)).then(() => {
            forget(sid);
            callback();
          }, callback);
        },
      },
    });
    await app.register(csrf, { sessionPlugin: '@fastify/session' });
  },
  { name: 'session', dependencies: ['error-handler'] },
);

/** Refuses a state-changing request of a cookie session without its CSRF token (header `x-csrf-token`). */
export function checkCsrf(
  app: { csrfProtection: (req: FastifyRequest, reply: FastifyReply, done: () => void) => void },
  request: FastifyRequest,
) {
  return new Promise<void>((resolve, reject) => {
    // csrfProtection answers a bad token through reply.send(error): catch it as our own refusal.
    const refuse = {
      send: () => reject(httpError(403, 'CSRF_INVALID', '页面已过期或请求来源不明（缺少或无效的 CSRF 令牌），请刷新页面后重试')),
    };
    app.csrfProtection(request, refuse as unknown as FastifyReply, resolve);
  });
}
