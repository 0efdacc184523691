// 第二十六条: data conflict cases and the positions of the departments concerned. The API
// inserts the case before it starts the workflow; the workflow's activities write the rest.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ConflictPosition } from '../../domain/conflict';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { conflictCases, conflictPositions, processes } from '../schema';

export type ConflictCaseRow = typeof conflictCases.$inferSelect;

export function insertConflictOnce(db: DbOrTx, c: typeof conflictCases.$inferInsert): Promise<Inserted<ConflictCaseRow>> {
  // No conflict target: the request id and the workflow id derived from it are both unique,
  // and a concurrent duplicate may collide on either first.
  return insertOnce(
    db.insert(conflictCases).values(c).onConflictDoNothing().returning(),
    () => getConflictByClientId(db, c.requestId),
    `conflict case ${c.requestId}`,
  );
}

export async function getConflictByClientId(db: DbOrTx, requestId: string): Promise<ConflictCaseRow | null> {
  const [row] = await db.select().from(conflictCases).where(eq(conflictCases.requestId, requestId));
  return row ?? null;
}

const withProcess = (db: DbOrTx) =>
  db
    .select({ conflict: conflictCases, process: processes })
    .from(conflictCases)
    .leftJoin(processes, eq(processes.workflowId, conflictCases.workflowId));

export async function getConflict(db: DbOrTx, id: string) {
  const [row] = await withProcess(db).where(eq(conflictCases.id, id));
  return row ?? null;
}

export const listPositions = (db: DbOrTx, conflictId: string) =>
  db.select().from(conflictPositions).where(eq(conflictPositions.conflictId, conflictId)).orderBy(conflictPositions.departmentCode);

/** A department's cases: those naming it among the departments concerned. */
const naming = (departmentCode: string): SQL => sql`${conflictCases.departments} @> ${JSON.stringify([departmentCode])}::jsonb`;

export function listConflicts(
  db: DbOrTx,
  f: { departmentCode?: string; status?: ConflictCaseRow['status']; limit: number; offset: number },
) {
  const where: SQL[] = [];
  if (f.departmentCode) where.push(naming(f.departmentCode));
  if (f.status) where.push(eq(conflictCases.status, f.status));
  return withProcess(db)
    .where(and(...where))
    .orderBy(desc(conflictCases.openedAt), desc(conflictCases.id))
    .limit(f.limit)
    .offset(f.offset);
}

/** The inbox: open cases in negotiation where this department has not yet agreed. */
export async function conflictIdsAwaitingPosition(db: DbOrTx, departmentCode: string): Promise<string[]> {
  const rows = await db
    .select({ id: conflictCases.id })
    .from(conflictCases)
    .leftJoin(
      conflictPositions,
      and(eq(conflictPositions.conflictId, conflictCases.id), eq(conflictPositions.departmentCode, departmentCode)),
    )
    .where(
      and(
        naming(departmentCode),
        eq(conflictCases.status, 'conflict_negotiating'),
        sql`coalesce(${conflictPositions.agrees}, false) = false`,
      ),
    );
  return rows.map((r) => r.id);
}

/** The latest position replaces the one before. */
export async function savePosition(db: DbOrTx, conflictId: string, p: ConflictPosition): Promise<void> {
  const row = {
    conflictId,
    departmentCode: p.departmentCode,
    position: p.position,
    agrees: p.agrees,
    recordedBy: p.by,
    recordedAt: new Date(p.at),
  };
  await db
    .insert(conflictPositions)
    .values(row)
    .onConflictDoUpdate({ target: [conflictPositions.conflictId, conflictPositions.departmentCode], set: row });
}

export async function setConflictStatus(
  db: DbOrTx,
  id: string,
  c: { status: ConflictCaseRow['status']; decision?: string; decidedBy?: string; closedAt?: string },
): Promise<void> {
  await db
    .update(conflictCases)
    .set({ status: c.status, decision: c.decision, decidedBy: c.decidedBy, closedAt: c.closedAt ? new Date(c.closedAt) : undefined })
    .where(eq(conflictCases.id, id));
}
