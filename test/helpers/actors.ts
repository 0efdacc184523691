import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles';
import type { Db } from '../../db/client';
import { DEMO_USERS } from '../../db/seed';
import { users } from '../../db/schema';

/** The seeded demo user as the actor the API would pass to a workflow. */
export async function actorOf(db: Db, username: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no demo user ${username}`);
  return { userId: u.id, role: u.role, departmentCode: u.departmentCode };
}

export const tokenOf = (username: string): string => {
  const u = DEMO_USERS.find((d) => d.username === username);
  if (!u) throw new Error(`no demo user ${username}`);
  return u.token;
};
