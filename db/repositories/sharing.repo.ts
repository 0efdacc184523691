// 第二十九条 to 第三十二条: sharing requests, grants and disputes. The API inserts a request (and,
// for an unconditional resource, its grant) before any workflow runs; the workflows' activities
// write decisions, each only once.
import { and, desc, eq, inArray, isNotNull, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { DEFAULT_DECISION_WORKING_DAYS, DECISION_WORKING_DAYS_SETTING, type DisputeDecider } from '../../domain/sharing';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { processes, sharingDisputes, sharingGrants, sharingRequests } from '../schema';
import { readSettings, writeSetting } from './settings.repo';

export type SharingRequestRow = typeof sharingRequests.$inferSelect;
export type SharingGrantRow = typeof sharingGrants.$inferSelect;
export type SharingDisputeRow = typeof sharingDisputes.$inferSelect;

// ---- settings -------------------------------------------------------------------------------

export async function decisionWorkingDays(db: DbOrTx): Promise<number> {
  return (await readSettings(db, [DECISION_WORKING_DAYS_SETTING])).get(DECISION_WORKING_DAYS_SETTING) ?? DEFAULT_DECISION_WORKING_DAYS;
}

export const setDecisionWorkingDays = (db: DbOrTx, value: number, userId: string): Promise<void> =>
  writeSetting(db, DECISION_WORKING_DAYS_SETTING, value, userId);

// ---- requests -------------------------------------------------------------------------------

/** null when a request with this client requestId exists already. */
export function insertRequestOnce(db: DbOrTx, r: typeof sharingRequests.$inferInsert): Promise<Inserted<SharingRequestRow>> {
  // No conflict target: the request id and the workflow id derived from it are both unique,
  // and a concurrent duplicate may collide on either first.
  return insertOnce(
    db.insert(sharingRequests).values(r).onConflictDoNothing().returning(),
    () => getRequestByClientId(db, r.requestId),
    `sharing request ${r.requestId}`,
  );
}

export async function getRequestByClientId(db: DbOrTx, requestId: string): Promise<SharingRequestRow | null> {
  const [row] = await db.select().from(sharingRequests).where(eq(sharingRequests.requestId, requestId));
  return row ?? null;
}

export async function getSharingRequest(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ request: sharingRequests, process: processes, grant: sharingGrants, dispute: sharingDisputes })
    .from(sharingRequests)
    .leftJoin(processes, eq(processes.workflowId, sharingRequests.workflowId))
    .leftJoin(sharingGrants, eq(sharingGrants.sharingRequestId, sharingRequests.id))
    .leftJoin(sharingDisputes, eq(sharingDisputes.sharingRequestId, sharingRequests.id))
    .where(eq(sharingRequests.id, id));
  return row ?? null;
}

export interface SharingFilter {
  /** requests where one of these departments is requester or provider; undefined = all */
  departments?: string[];
  status?: SharingRequestRow['status'];
  limit: number;
  offset: number;
}

const partyOf = (departments: string[] | undefined, requester: PgColumn, provider: PgColumn): SQL | undefined =>
  departments ? or(inArray(requester, departments), inArray(provider, departments)) : undefined;

export function listSharingRequests(db: DbOrTx, f: SharingFilter) {
  const where: (SQL | undefined)[] = [partyOf(f.departments, sharingRequests.requesterDepartment, sharingRequests.providerDepartment)];
  if (f.status) where.push(eq(sharingRequests.status, f.status));
  return db
    .select({ request: sharingRequests, process: processes })
    .from(sharingRequests)
    .leftJoin(processes, eq(processes.workflowId, sharingRequests.workflowId))
    .where(and(...where))
    .orderBy(desc(sharingRequests.createdAt), desc(sharingRequests.id))
    .limit(f.limit)
    .offset(f.offset);
}

/** The provider's decision, once: only a pending request takes it; a grant follows unless refused. */
export async function decideRequest(
  db: DbOrTx,
  d: {
    id: string;
    status: 'granted' | 'granted_in_part' | 'refused';
    reason: string | null;
    decidedBy: string;
    decidedAt: string;
    late: boolean;
    grant?: NewGrant;
  },
): Promise<void> {
  const updated = await db
    .update(sharingRequests)
    .set({ status: d.status, reason: d.reason, decidedBy: d.decidedBy, decidedAt: new Date(d.decidedAt), decidedLate: d.late })
    .where(and(eq(sharingRequests.id, d.id), eq(sharingRequests.status, 'pending')))
    .returning({ id: sharingRequests.id });
  if (updated.length > 0 && d.grant) await insertGrant(db, d.grant);
}

// ---- grants ---------------------------------------------------------------------------------

export type NewGrant = typeof sharingGrants.$inferInsert;

/** One grant per request: a retried activity writes nothing twice. */
export async function insertGrant(db: DbOrTx, g: NewGrant): Promise<void> {
  await db.insert(sharingGrants).values(g).onConflictDoNothing({ target: sharingGrants.sharingRequestId });
}

/** The grant a request's approval makes, with an id derived from the request: idempotent. */
export const grantFor = (
  r: SharingRequestRow,
  dataItems: string[],
  source: NewGrant['source'],
  grantedBy: string | null,
  grantedAt: string,
): NewGrant => ({
  id: `GR-${r.id}`,
  sharingRequestId: r.id,
  requesterDepartment: r.requesterDepartment,
  providerDepartment: r.providerDepartment,
  resourceCode: r.resourceCode,
  dataItems,
  purpose: r.purpose,
  source,
  grantedBy,
  grantedAt: new Date(grantedAt),
});

export async function getGrant(db: DbOrTx, id: string): Promise<SharingGrantRow | null> {
  const [row] = await db.select().from(sharingGrants).where(eq(sharingGrants.id, id));
  return row ?? null;
}

/** `orderedRole`: only the grants a dispute decision by that role ordered (SPEC §3.7). */
export function listGrants(
  db: DbOrTx,
  f: { departments?: string[]; orderedRole?: SharingGrantRow['orderedRole']; active?: boolean; limit: number; offset: number },
) {
  const where: (SQL | undefined)[] = [partyOf(f.departments, sharingGrants.requesterDepartment, sharingGrants.providerDepartment)];
  if (f.orderedRole) where.push(eq(sharingGrants.orderedRole, f.orderedRole));
  if (f.active) where.push(isNull(sharingGrants.revokedAt));
  return db
    .select()
    .from(sharingGrants)
    .where(and(...where))
    .orderBy(desc(sharingGrants.grantedAt), desc(sharingGrants.id))
    .limit(f.limit)
    .offset(f.offset);
}

/** Only a grant still in force is revoked; returns the row after, or null if it was revoked already. */
export async function revokeGrant(
  db: DbOrTx,
  id: string,
  r: { by: string; role: SharingGrantRow['revokedRole']; reason: string; at: Date },
): Promise<SharingGrantRow | null> {
  const [row] = await db
    .update(sharingGrants)
    .set({ revokedBy: r.by, revokedRole: r.role, revokeReason: r.reason, revokedAt: r.at })
    .where(and(eq(sharingGrants.id, id), isNull(sharingGrants.revokedAt)))
    .returning();
  return row ?? null;
}

// ---- disputes -------------------------------------------------------------------------------

/** One dispute per sharing request: a second finds the first (created: false). */
export function insertDisputeOnce(db: DbOrTx, d: typeof sharingDisputes.$inferInsert): Promise<Inserted<SharingDisputeRow>> {
  return insertOnce(
    db.insert(sharingDisputes).values(d).onConflictDoNothing({ target: sharingDisputes.sharingRequestId }).returning(),
    async () => (await db.select().from(sharingDisputes).where(eq(sharingDisputes.sharingRequestId, d.sharingRequestId)))[0],
    `dispute of sharing request ${d.sharingRequestId}`,
  );
}

const disputeWithProcess = (db: DbOrTx) =>
  db
    .select({ dispute: sharingDisputes, process: processes, request: sharingRequests })
    .from(sharingDisputes)
    .innerJoin(sharingRequests, eq(sharingRequests.id, sharingDisputes.sharingRequestId))
    .leftJoin(processes, eq(processes.workflowId, sharingDisputes.workflowId));

export async function getDispute(db: DbOrTx, id: string) {
  const [row] = await disputeWithProcess(db).where(eq(sharingDisputes.id, id));
  return row ?? null;
}

/** departments: disputes where one of them is a party; referredOnly: what the county government sees. */
export function listDisputes(db: DbOrTx, f: { departments?: string[]; referredOnly?: boolean; limit: number; offset: number }) {
  const where: (SQL | undefined)[] = [partyOf(f.departments, sharingDisputes.requesterDepartment, sharingDisputes.providerDepartment)];
  if (f.referredOnly) where.push(isNotNull(sharingDisputes.referredAt));
  return disputeWithProcess(db)
    .where(and(...where))
    .orderBy(desc(sharingDisputes.filedAt), desc(sharingDisputes.id))
    .limit(f.limit)
    .offset(f.offset);
}

export async function referDispute(db: DbOrTx, id: string, r: { by: string; at: string; reason: string }): Promise<void> {
  await db
    .update(sharingDisputes)
    .set({ status: 'dispute_referred', referredBy: r.by, referredAt: new Date(r.at), referralReason: r.reason })
    .where(and(eq(sharingDisputes.id, id), eq(sharingDisputes.status, 'dispute_coordinating')));
}

/** The closing decision, once; an overturned refusal (or partial grant) grants the resource, as ordered by `role`. */
export async function decideDispute(
  db: DbOrTx,
  d: {
    id: string;
    outcome: 'upheld' | 'overturned';
    by: string;
    role: DisputeDecider;
    at: string;
    reason: string;
    grant?: NewGrant;
  },
): Promise<void> {
  const updated = await db
    .update(sharingDisputes)
    .set({ status: d.outcome, decidedBy: d.by, decidedRole: d.role, decidedAt: new Date(d.at), decisionReason: d.reason })
    .where(and(eq(sharingDisputes.id, d.id), inArray(sharingDisputes.status, ['dispute_coordinating', 'dispute_referred'])))
    .returning({ id: sharingDisputes.id });
  if (updated.length > 0 && d.grant) await orderGrant(db, { ...d.grant, orderedRole: d.role });
}

/**
 * A dispute's grant: new for a refusal; for a disputed partial grant, the provider's grant
 * becomes the ordered one (its items widened), so one grant per request still holds.
 */
async function orderGrant(db: DbOrTx, g: NewGrant): Promise<void> {
  const { dataItems, source, grantedBy, grantedAt, orderedRole } = g;
  await db
    .insert(sharingGrants)
    .values(g)
    .onConflictDoUpdate({ target: sharingGrants.sharingRequestId, set: { dataItems, source, grantedBy, grantedAt, orderedRole } });
}

/**
 * Requests answered in [from, to): decided then, or granted at once when filed (no decision).
 * The instants go as typed text: a raw expression has no column encoder, and postgres.js takes
 * no Date there.
 */
export function sharingAnsweredWithin(from: Date, to: Date): SQL {
  const answeredAt = sql`coalesce(${sharingRequests.decidedAt}, ${sharingRequests.createdAt})`;
  return and(
    ne(sharingRequests.status, 'pending'),
    sql`${answeredAt} >= ${from.toISOString()}::timestamptz and ${answeredAt} < ${to.toISOString()}::timestamptz`,
  )!;
}
