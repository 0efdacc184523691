// What the API shows of an account: the signed-in person, their tokens (never the token itself).
import type { FastifyRequest } from 'fastify';
import type { tokensOf } from '../../db/repositories/accounts.repo';
import { passwordChangeDue } from '../plugins/auth';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The signed-in person as the console needs them; the CSRF token only for a session. */
export async function meOf(request: FastifyRequest, reply: { generateCsrf(): string }) {
  const { userId, username, displayName, role, departmentCode } = request.user!;
  const session = request.authVia === 'session';
  return {
    userId,
    username,
    displayName,
    role,
    departmentCode,
    mustChangePassword: passwordChangeDue(request),
    previousSignIn: (session && request.session.previousSignIn) || null,
    csrfToken: session ? reply.generateCsrf() : null,
  };
}

export const tokenView = (t: Awaited<ReturnType<typeof tokensOf>>[number]) => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
  expiresAt: iso(t.expiresAt),
  revokedAt: iso(t.revokedAt),
});
