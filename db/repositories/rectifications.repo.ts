// 第五十一条: rectification orders. The API inserts the order before it starts the workflow;
// the workflow's activities write the report or the criticism, each only once.
import { and, asc, desc, eq, inArray, max, type SQL } from 'drizzle-orm';
import type { RectificationDecision, RectificationReport, RectificationStatus } from '../../domain/rectification';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { circulars, processes, rectificationOrders, rectificationReferrals } from '../schema';

export type RectificationOrderRow = typeof rectificationOrders.$inferSelect;
export type NewRectificationOrder = typeof rectificationOrders.$inferInsert;

/** One order per violation: a second finds the first (created: false). */
export function insertOrderOnce(db: DbOrTx, o: NewRectificationOrder): Promise<Inserted<RectificationOrderRow>> {
  return insertOnce(
    db.insert(rectificationOrders).values(o).onConflictDoNothing({ target: rectificationOrders.violationId }).returning(),
    async () => (await db.select().from(rectificationOrders).where(eq(rectificationOrders.violationId, o.violationId)))[0],
    `rectification order of violation ${o.violationId}`,
  );
}

export async function getOrder(db: DbOrTx, id: string): Promise<RectificationOrderRow | null> {
  const [row] = await db.select().from(rectificationOrders).where(eq(rectificationOrders.id, id));
  return row ?? null;
}

/**
 * The order with its registry row (deadline and level in force; null before the workflow
 * registered) and its circular of 通报批评, if one was issued.
 */
const withProcess = (db: DbOrTx) =>
  db
    .select({
      order: rectificationOrders,
      process: processes,
      circular: { id: circulars.id, number: circulars.number, issuedOn: circulars.issuedOn },
    })
    .from(rectificationOrders)
    .leftJoin(processes, eq(processes.workflowId, rectificationOrders.workflowId))
    .leftJoin(circulars, eq(circulars.orderId, rectificationOrders.id));

export async function getOrderWithProcess(db: DbOrTx, id: string) {
  const [row] = await withProcess(db).where(eq(rectificationOrders.id, id));
  return row ?? null;
}

export interface OrderFilter {
  /** restricts to these departments (object-level access); undefined = all */
  departments?: string[];
  departmentCode?: string;
  status?: RectificationStatus;
  limit: number;
  offset: number;
}

/** Open orders first, newest first within a status. */
export function listOrders(db: DbOrTx, f: OrderFilter) {
  const where: SQL[] = [];
  if (f.departments) where.push(inArray(rectificationOrders.departmentCode, f.departments));
  if (f.departmentCode) where.push(eq(rectificationOrders.departmentCode, f.departmentCode));
  if (f.status) where.push(eq(rectificationOrders.status, f.status));
  return withProcess(db)
    .where(and(...where))
    .orderBy(asc(rectificationOrders.status), desc(rectificationOrders.issuedAt), asc(rectificationOrders.id))
    .limit(f.limit)
    .offset(f.offset);
}

/** Idempotent: only an open order takes the report. */
export async function saveReport(db: DbOrTx, id: string, r: RectificationReport): Promise<void> {
  await db
    .update(rectificationOrders)
    .set({ status: 'rectified', report: r.report, reportedBy: r.reportedBy, reportedAt: new Date(r.reportedAt) })
    .where(and(eq(rectificationOrders.id, id), eq(rectificationOrders.status, 'open')));
}

/** Idempotent: only an open order is escalated. */
export async function markCriticized(db: DbOrTx, id: string, at: string): Promise<void> {
  await db
    .update(rectificationOrders)
    .set({ status: 'criticized', criticizedAt: new Date(at) })
    .where(and(eq(rectificationOrders.id, id), eq(rectificationOrders.status, 'open')));
}

// ---- the acceptance path (patched('rectification-acceptance')) ---------------------------

/** The department's latest report; the order stays open until the authority accepts it. Idempotent. */
export async function saveLatestReport(db: DbOrTx, id: string, r: RectificationReport): Promise<void> {
  await db
    .update(rectificationOrders)
    .set({ report: r.report, reportedBy: r.reportedBy, reportedAt: new Date(r.reportedAt) })
    .where(and(eq(rectificationOrders.id, id), eq(rectificationOrders.status, 'open')));
}

/** The authority's decision on the latest report: accepted closes the order as rectified. Idempotent. */
export async function saveDecision(db: DbOrTx, id: string, d: RectificationDecision): Promise<void> {
  await db
    .update(rectificationOrders)
    .set(
      d.accept
        ? { status: 'rectified', acceptedBy: d.decidedBy, acceptedAt: new Date(d.decidedAt) }
        : { rejectionReason: d.reason, rejectedAt: new Date(d.decidedAt) },
    )
    .where(and(eq(rectificationOrders.id, id), eq(rectificationOrders.status, 'open')));
}

export type CircularRow = typeof circulars.$inferSelect;

/**
 * 第五十一条 通报批评: the circular of an order, numbered next in its year; a retry finds the
 * one already issued. `compose` words it once its number is known.
 */
export async function issueCircularOnce(
  db: DbOrTx,
  c: Omit<typeof circulars.$inferInsert, 'seq' | 'number' | 'text'>,
  numberOf: (year: number, seq: number) => string,
  compose: (number: string) => string,
): Promise<CircularRow> {
  const [existing] = await db.select().from(circulars).where(eq(circulars.orderId, c.orderId));
  if (existing) return existing;
  const [last] = await db
    .select({ seq: max(circulars.seq) })
    .from(circulars)
    .where(eq(circulars.year, c.year));
  const seq = (last?.seq ?? 0) + 1;
  const number = numberOf(c.year, seq);
  const [row] = await db
    .insert(circulars)
    .values({ ...c, seq, number, text: compose(number) })
    .returning();
  return row!;
}

export async function getCircular(db: DbOrTx, id: number): Promise<CircularRow | null> {
  const [row] = await db.select().from(circulars).where(eq(circulars.id, id));
  return row ?? null;
}

/** Newest first. */
export function listCirculars(db: DbOrTx, f: { year?: number; departmentCode?: string; limit: number; offset: number }) {
  const where: SQL[] = [];
  if (f.year) where.push(eq(circulars.year, f.year));
  if (f.departmentCode) where.push(eq(circulars.departmentCode, f.departmentCode));
  return db
    .select()
    .from(circulars)
    .where(and(...where))
    .orderBy(desc(circulars.year), desc(circulars.seq))
    .limit(f.limit)
    .offset(f.offset);
}

export type ReferralRow = typeof rectificationReferrals.$inferSelect;

export async function getReferral(db: DbOrTx, orderId: string): Promise<ReferralRow | null> {
  const [row] = await db.select().from(rectificationReferrals).where(eq(rectificationReferrals.orderId, orderId));
  return row ?? null;
}

/** Once per order: a second finds none inserted (null). */
export async function insertReferralOnce(db: DbOrTx, r: typeof rectificationReferrals.$inferInsert): Promise<ReferralRow | null> {
  const [row] = await db.insert(rectificationReferrals).values(r).onConflictDoNothing().returning();
  return row ?? null;
}
