// Accounts, sessions and personal access tokens (SPEC §7). Plain functions over db | tx; the
// API's auth plugin caches what it reads from here (api/auth-cache.ts).
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles';
import type { IsoDate } from '../../domain/working-days';
import type { DbOrTx } from '../client';
import { apiTokens, departmentDeputies, departments, sessions, users } from '../schema';
import { hashToken } from './identity.repo';

/** A user as every request needs it: who, which role and department, may they act now. */
export interface Account {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
  active: boolean;
  mustChangePassword: boolean;
  /** appointments as 代理 of the department's 主要负责人 not revoked (SPEC §7) */
  deputyTerms: { startsOn: IsoDate; endsOn: IsoDate }[];
}

export async function findAccount(db: DbOrTx, userId: string): Promise<Account | null> {
  const [row] = await db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      departmentCode: users.departmentCode,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return null;
  const deputyTerms = await db
    .select({ startsOn: departmentDeputies.startsOn, endsOn: departmentDeputies.endsOn })
    .from(departmentDeputies)
    .where(and(eq(departmentDeputies.userId, userId), isNull(departmentDeputies.revokedAt)));
  return { ...row, deputyTerms };
}

/** A token's grant: whose it is and the roles it acts in; null when unknown, revoked or expired. */
export async function findTokenGrant(
  db: DbOrTx,
  tokenHash: string,
  now: Date,
): Promise<{ userId: string; roles: Role[] | null; expiresAt: Date | null } | null> {
  const [row] = await db
    .select({ userId: apiTokens.userId, roles: apiTokens.roles, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .where(
      and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))),
    );
  return row ?? null;
}

export async function findSignIn(db: DbOrTx, username: string) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      active: users.active,
      passwordHash: users.passwordHash,
      failedSignIns: users.failedSignIns,
      lockedUntil: users.lockedUntil,
      lastSignInAt: users.lastSignInAt,
      lastSignInIp: users.lastSignInIp,
    })
    .from(users)
    .where(eq(users.username, username));
  return row ?? null;
}

export async function recordSignInState(db: DbOrTx, userId: string, state: { failedSignIns: number; lockedUntil: Date | null }) {
  await db.update(users).set(state).where(eq(users.id, userId));
}

export async function recordSignIn(db: DbOrTx, userId: string, at: Date, ip: string) {
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: at, lastSignInIp: ip }).where(eq(users.id, userId));
}

/** A sign-in through 统一身份认证: the password's failure count and lock stay as they were. */
export async function recordSsoSignIn(db: DbOrTx, userId: string, at: Date, ip: string) {
  await db.update(users).set({ lastSignInAt: at, lastSignInIp: ip }).where(eq(users.id, userId));
}

export async function passwordHashOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash ?? null;
}

export async function setPassword(db: DbOrTx, userId: string, passwordHash: string, mustChangePassword: boolean) {
  await db.update(users).set({ passwordHash, mustChangePassword, failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId));
}

// --- sessions (the @fastify/session store) ---

export interface SessionRow {
  userId: string | null;
  data: Record<string, unknown>;
  lastSeenAt: Date;
}

export async function findSession(db: DbOrTx, idHash: string): Promise<SessionRow | null> {
  const [row] = await db
    .select({ userId: sessions.userId, data: sessions.data, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(eq(sessions.idHash, idHash));
  return row ?? null;
}

export async function saveSession(
  db: DbOrTx,
  row: { idHash: string; userId: string | null; data: Record<string, unknown>; at: Date; ip: string; userAgent: string | null },
) {
  const { at, ...values } = row;
  await db
    .insert(sessions)
    .values({ ...values, createdAt: at, lastSeenAt: at })
    .onConflictDoUpdate({ target: sessions.idHash, set: { userId: values.userId, data: values.data, lastSeenAt: at } });
}

export async function touchSession(db: DbOrTx, idHash: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: DbOrTx, idHash: string, userId?: string): Promise<boolean> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.idHash, idHash), userId ? eq(sessions.userId, userId) : undefined))
    .returning({ idHash: sessions.idHash });
  return rows.length > 0;
}

/** Ends every session of a user (deactivation, password reset); the ended ids, for the cache. */
export async function deleteSessionsOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ idHash: sessions.idHash });
  return rows.map((r) => r.idHash);
}

export const sessionsOf = (db: DbOrTx, userId: string) =>
  db
    .select({
      id: sessions.idHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));

// --- personal access tokens ---

export async function issueToken(
  db: DbOrTx,
  t: { token: string; userId: string; label: string; roles: Role[]; expiresAt: Date; issuedBy: string },
): Promise<{ id: string; createdAt: Date }> {
  const { token, ...values } = t;
  const [row] = await db
    .insert(apiTokens)
    .values({ ...values, tokenHash: hashToken(token) })
    .returning({ id: apiTokens.id, createdAt: apiTokens.createdAt });
  return row!;
}

export const tokensOf = (db: DbOrTx, userId?: string) =>
  db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      username: users.username,
      label: apiTokens.label,
      roles: apiTokens.roles,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId ? eq(apiTokens.userId, userId) : undefined)
    .orderBy(desc(apiTokens.createdAt));

/** Revokes a token not yet revoked; its hash (for the cache), or null when there is none to revoke. */
export async function revokeToken(db: DbOrTx, id: string, at: Date, userId?: string): Promise<string | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt), userId ? eq(apiTokens.userId, userId) : undefined))
    .returning({ tokenHash: apiTokens.tokenHash });
  return row?.tokenHash ?? null;
}

export const departmentExists = async (db: DbOrTx, code: string) =>
  (await db.select({ n: sql<number>`1` }).from(departments).where(eq(departments.code, code))).length > 0;
