import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Actor, Role } from '../../domain/roles';
import type { DbOrTx } from '../client';
import { notifications } from '../schema';

export interface NewNotification {
  workflowId: string;
  /** unique per workflow and department: a retried activity writes nothing twice */
  key: string;
  departmentCode: string | null;
  role: Role | null;
  kind: string;
  message: string;
}

export async function addNotifications(db: DbOrTx, rows: NewNotification[]): Promise<void> {
  if (rows.length > 0) await db.insert(notifications).values(rows).onConflictDoNothing();
}

/** Addressed to this user: its department (any role or its own), or county-wide to its role. */
function addressedTo(actor: Actor) {
  const countyWide = and(isNull(notifications.departmentCode), eq(notifications.role, actor.role));
  if (!actor.departmentCode) return countyWide;
  return or(
    and(eq(notifications.departmentCode, actor.departmentCode), or(isNull(notifications.role), eq(notifications.role, actor.role))),
    countyWide,
  );
}

export const listNotificationsFor = (db: DbOrTx, actor: Actor, limit: number) =>
  db.select().from(notifications).where(addressedTo(actor)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);

/** Marks as read by the user; false when the notification is not addressed to the user. */
export async function markRead(db: DbOrTx, actor: Actor, id: number): Promise<boolean> {
  const reader = JSON.stringify([actor.userId]);
  const updated = await db
    .update(notifications)
    .set({
      readBy: sql`case when ${notifications.readBy} @> ${reader}::jsonb then ${notifications.readBy} else ${notifications.readBy} || ${reader}::jsonb end`,
    })
    .where(and(eq(notifications.id, id), addressedTo(actor)))
    .returning({ id: notifications.id });
  return updated.length > 0;
}
