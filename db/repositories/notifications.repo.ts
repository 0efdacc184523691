import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type NoticeNames, noticeCodes, renderNotice } from '../../domain/notice-text';
import type { Actor, Role } from '../../domain/roles';
import type { DbOrTx } from '../client';
import { catalogEntries, departments, notifications } from '../schema';

export interface NewNotification {
  workflowId: string;
  /** unique per workflow and department: a retried activity writes nothing twice */
  key: string;
  departmentCode: string | null;
  role: Role | null;
  kind: string;
  /** as written, with codes and ISO days: stored as people read it (domain/notice-text.ts) */
  message: string;
}

/** The registry's names of the codes these notices' texts hold. */
async function namesIn(db: DbOrTx, rows: readonly { message: string }[]): Promise<NoticeNames> {
  const codes = noticeCodes(rows.map((r) => r.message));
  if (codes.length === 0) return { departments: new Map(), resources: new Map() };
  const [depts, entries] = await Promise.all([
    db.select({ code: departments.code, name: departments.name }).from(departments).where(inArray(departments.code, codes)),
    db.select({ code: catalogEntries.code, name: catalogEntries.name }).from(catalogEntries).where(inArray(catalogEntries.code, codes)),
  ]);
  return { departments: new Map(depts.map((d) => [d.code, d.name])), resources: new Map(entries.map((e) => [e.code, e.name])) };
}

/** Every notice is written here, its text rendered for people (issue 15: no codes, no ISO dates). */
export async function addNotifications(db: DbOrTx, rows: NewNotification[]): Promise<void> {
  if (rows.length === 0) return;
  const names = await namesIn(db, rows);
  await db
    .insert(notifications)
    .values(rows.map((r) => ({ ...r, message: renderNotice(r.message, names) })))
    .onConflictDoNothing();
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

/** Newest first, each text as people read it: rows written before the outbox rendered them are rendered here. */
export async function listNotificationsFor(db: DbOrTx, actor: Actor, limit: number) {
  const rows = await db
    .select()
    .from(notifications)
    .where(addressedTo(actor))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  const names = await namesIn(db, rows);
  return rows.map((r) => ({ ...r, message: renderNotice(r.message, names) }));
}

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
