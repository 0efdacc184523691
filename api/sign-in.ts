// A console session begins the same way whoever vouched for the person (their password, or the
// county's 统一身份认证 platform): the sign-in recorded, a new session id, who and from where kept
// in the session row, and the request signed in for its own answer and audit entry.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findAccount, recordSignIn, recordSsoSignIn } from '../db/repositories/accounts.repo';
import { userKey } from './auth-cache';
import { signedIn } from './plugins/auth';

export interface SigningIn {
  id: string;
  lastSignInAt: Date | null;
  lastSignInIp: string | null;
}

export async function startSession(
  app: FastifyInstance,
  request: FastifyRequest,
  account: SigningIn,
  at: Date,
  via: 'password' | 'sso',
): Promise<void> {
  const { db } = app.deps;
  await (via === 'password' ? recordSignIn : recordSsoSignIn)(db, account.id, at, request.ip);
  app.authCache.forget(userKey(account.id));
  // a new session id at every sign-in: an id planted before it signs no one in (session fixation)
  await request.session.regenerate();
  Object.assign(request.session, {
    userId: account.id,
    ip: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    previousSignIn: account.lastSignInAt ? { at: account.lastSignInAt.toISOString(), ip: account.lastSignInIp } : null,
    ...(via === 'sso' && { viaSso: true }),
  });
  signedIn(request, (await findAccount(db, account.id))!, 'session', at.getTime());
}
