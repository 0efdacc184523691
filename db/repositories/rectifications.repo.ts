// 第五十一条: rectification orders. The API inserts the order before it starts the workflow;
// the workflow's activities write the report or the criticism, each only once.
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { RectificationReport, RectificationStatus } from '../../domain/rectification';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { processes, rectificationOrders } from '../schema';

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

/** The order with its registry row (deadline and level in force); null process before the workflow registered. */
const withProcess = (db: DbOrTx) =>
  db
    .select({ order: rectificationOrders, process: processes })
    .from(rectificationOrders)
    .leftJoin(processes, eq(processes.workflowId, rectificationOrders.workflowId));

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
