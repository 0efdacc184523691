import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Actor } from '../../domain/roles';
import type { DbOrTx } from '../client';
import { apiTokens, departments, users } from '../schema';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface AuthenticatedUser extends Actor {
  username: string;
  displayName: string;
}

/** An applicant's verified identity number (SPEC §7); null when none is on record. */
export async function identityNumberOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db.select({ identityNumber: users.identityNumber }).from(users).where(eq(users.id, userId));
  return row?.identityNumber ?? null;
}

/** The active user a bearer token belongs to, or null (unknown, revoked, expired, user disabled). */
export async function findUserByToken(db: DbOrTx, token: string): Promise<AuthenticatedUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      departmentCode: users.departmentCode,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())),
        eq(users.active, true),
      ),
    );
  return row
    ? { userId: row.id, username: row.username, displayName: row.displayName, role: row.role, departmentCode: row.departmentCode }
    : null;
}

/** Every department by code, name and kind, for clients that show names where views carry codes. */
export const listDepartments = (db: DbOrTx) =>
  db
    .select({ code: departments.code, name: departments.name, kind: departments.kind, active: departments.active })
    .from(departments)
    .orderBy(asc(departments.code));
