// The security administrator's reads and writes over departments, users and deputies (issue 17).
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { IsoDate } from '../../domain/working-days';
import type { DbOrTx } from '../client';
import { departmentDeputies, departments, users } from '../schema';

export const listDepartments = (db: DbOrTx) => db.select().from(departments).orderBy(asc(departments.code));

export const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  departmentCode: users.departmentCode,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lockedUntil: users.lockedUntil,
  lastSignInAt: users.lastSignInAt,
};

export const listUsers = (db: DbOrTx) => db.select(userColumns).from(users).orderBy(asc(users.username));

export async function findUser(db: DbOrTx, id: string) {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

/** The department's active 主要负责人 other than `except`, if any (SPEC §7: exactly one). */
export async function activeHeadOf(db: DbOrTx, departmentCode: string, except?: string) {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, username: users.username })
    .from(users)
    .where(
      and(
        eq(users.departmentCode, departmentCode),
        eq(users.role, 'department_head'),
        eq(users.active, true),
        except ? ne(users.id, except) : undefined,
      ),
    );
  return row ?? null;
}

export const listDeputies = (db: DbOrTx, departmentCode?: string) =>
  db
    .select({
      id: departmentDeputies.id,
      departmentCode: departmentDeputies.departmentCode,
      userId: departmentDeputies.userId,
      displayName: users.displayName,
      startsOn: departmentDeputies.startsOn,
      endsOn: departmentDeputies.endsOn,
    })
    .from(departmentDeputies)
    .innerJoin(users, eq(users.id, departmentDeputies.userId))
    .where(and(isNull(departmentDeputies.revokedAt), departmentCode ? eq(departmentDeputies.departmentCode, departmentCode) : undefined))
    .orderBy(asc(departmentDeputies.startsOn));

export async function appointDeputy(
  db: DbOrTx,
  d: { departmentCode: string; userId: string; startsOn: IsoDate; endsOn: IsoDate; appointedBy: string },
): Promise<number> {
  const [row] = await db.insert(departmentDeputies).values(d).returning({ id: departmentDeputies.id });
  return row!.id;
}

/** Ends an appointment early; the deputy's user id, or null when there is none to end. */
export async function revokeDeputy(db: DbOrTx, id: number, at: Date): Promise<string | null> {
  const [row] = await db
    .update(departmentDeputies)
    .set({ revokedAt: at })
    .where(and(eq(departmentDeputies.id, id), isNull(departmentDeputies.revokedAt)))
    .returning({ userId: departmentDeputies.userId });
  return row?.userId ?? null;
}
