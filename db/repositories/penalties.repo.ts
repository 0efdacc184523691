// 第三十八条, 第五十二条, 第五十三条: the registers of service units and of citizens and
// organisations, and the penalty cases against them. The API inserts registers and cases; the
// workflow's activities write each decision on a case.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { type Inserted, insertOnce } from '../insert-once';
import { penaltyCases, processes, serviceUnits, violators } from '../schema';

export type ServiceUnitRow = typeof serviceUnits.$inferSelect;
export type ViolatorRow = typeof violators.$inferSelect;
export type PenaltyCaseRow = typeof penaltyCases.$inferSelect;

/** null when a unit with that credit code is registered already. */
export async function insertServiceUnit(db: DbOrTx, u: typeof serviceUnits.$inferInsert): Promise<ServiceUnitRow | null> {
  const [row] = await db.insert(serviceUnits).values(u).onConflictDoNothing().returning();
  return row ?? null;
}

export async function getServiceUnit(db: DbOrTx, id: number): Promise<ServiceUnitRow | null> {
  const [row] = await db.select().from(serviceUnits).where(eq(serviceUnits.id, id));
  return row ?? null;
}

export const listServiceUnits = (db: DbOrTx, f: { limit: number; offset: number }) =>
  db.select().from(serviceUnits).orderBy(desc(serviceUnits.recordedAt), desc(serviceUnits.id)).limit(f.limit).offset(f.offset);

/** The checklist as the authority records it again. */
export async function updateServiceUnitDuties(
  db: DbOrTx,
  id: number,
  c: Pick<ServiceUnitRow, 'duties' | 'checkedOn' | 'recordedBy' | 'recordedAt'>,
): Promise<ServiceUnitRow | null> {
  const [row] = await db.update(serviceUnits).set(c).where(eq(serviceUnits.id, id)).returning();
  return row ?? null;
}

/** null when that person or organisation is registered already. */
export async function insertViolator(db: DbOrTx, v: typeof violators.$inferInsert): Promise<ViolatorRow | null> {
  const [row] = await db.insert(violators).values(v).onConflictDoNothing().returning();
  return row ?? null;
}

export async function getViolator(db: DbOrTx, id: number): Promise<ViolatorRow | null> {
  const [row] = await db.select().from(violators).where(eq(violators.id, id));
  return row ?? null;
}

export const listViolators = (db: DbOrTx, f: { kind?: ViolatorRow['kind']; limit: number; offset: number }) =>
  db
    .select()
    .from(violators)
    .where(f.kind ? eq(violators.kind, f.kind) : undefined)
    .orderBy(desc(violators.recordedAt), desc(violators.id))
    .limit(f.limit)
    .offset(f.offset);

export function insertCaseOnce(db: DbOrTx, c: typeof penaltyCases.$inferInsert): Promise<Inserted<PenaltyCaseRow>> {
  return insertOnce(
    db.insert(penaltyCases).values(c).onConflictDoNothing().returning(),
    () => getCaseByRequestId(db, c.requestId),
    `penalty case ${c.requestId}`,
  );
}

export async function getCaseByRequestId(db: DbOrTx, requestId: string): Promise<PenaltyCaseRow | null> {
  const [row] = await db.select().from(penaltyCases).where(eq(penaltyCases.requestId, requestId));
  return row ?? null;
}

const withProcess = (db: DbOrTx) =>
  db
    .select({ penaltyCase: penaltyCases, process: processes, serviceUnit: serviceUnits, violator: violators })
    .from(penaltyCases)
    .leftJoin(processes, eq(processes.workflowId, penaltyCases.workflowId))
    .leftJoin(serviceUnits, eq(serviceUnits.id, penaltyCases.serviceUnitId))
    .leftJoin(violators, eq(violators.id, penaltyCases.violatorId));

export type FoundPenaltyCase = NonNullable<Awaited<ReturnType<typeof getCase>>>;

export async function getCase(db: DbOrTx, id: string) {
  const [row] = await withProcess(db).where(eq(penaltyCases.id, id));
  return row ?? null;
}

export function listCases(
  db: DbOrTx,
  f: { partyType?: PenaltyCaseRow['partyType']; stage?: PenaltyCaseRow['stage']; limit: number; offset: number },
) {
  const where: SQL[] = [];
  if (f.partyType) where.push(eq(penaltyCases.partyType, f.partyType));
  if (f.stage) where.push(eq(penaltyCases.stage, f.stage));
  return withProcess(db)
    .where(and(...where))
    .orderBy(desc(penaltyCases.openedAt), desc(penaltyCases.id))
    .limit(f.limit)
    .offset(f.offset);
}

const INSTANTS = ['rectifiedAt', 'warnedAt', 'finedAt', 'referredAt', 'closedAt'] as const;
type Instant = (typeof INSTANTS)[number];

/** A decision on the case as an activity carries it (instants as ISO strings), written with its step. */
export type CasePatch = Partial<Omit<typeof penaltyCases.$inferInsert, 'id' | 'requestId' | 'workflowId' | 'openedAt' | Instant>> &
  Partial<Record<Instant, string>>;

export async function updateCase(db: DbOrTx, id: string, patch: CasePatch): Promise<void> {
  const set: Partial<typeof penaltyCases.$inferInsert> = { ...patch } as Partial<typeof penaltyCases.$inferInsert>;
  for (const k of INSTANTS) if (patch[k] !== undefined) set[k] = new Date(patch[k]);
  await db.update(penaltyCases).set(set).where(eq(penaltyCases.id, id));
}
