import { and, asc, count, eq, gt, gte, ilike, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { ExtensionRequest } from '../../domain/correction';
import { REVISABLE_STATUSES } from '../../domain/finding-revision';
import { type FindingStatus, type PartyKind, responsibilityOf, type Supervisor } from '../../domain/responsibility';
import type { Actor } from '../../domain/roles';
import { beijingIso, type Deadline } from '../../domain/deadline';
import type { ProcessType, Stage } from '../../domain/vocabulary';
import type { DeadlineLevel } from '../../domain/working-days';
import type { DbOrTx } from '../client';
import { corrections, departments, processEvents, processes, users, violations } from '../schema';
import { saveExtension } from './corrections.repo';

export type ProcessRow = typeof processes.$inferSelect;

export interface RegistryChange {
  stage?: Stage;
  level?: DeadlineLevel;
  status?: 'open' | 'closed';
  /** null: the stage has no deadline (a finding awaiting its decision, a penalty case waiting on the authority's own step) */
  deadline?: Deadline | null;
}

/** One step of a process: its timeline event and the registry change it causes, written together. */
export interface ProcessStep {
  workflowId: string;
  /** unique per workflow: a retried activity writes nothing twice */
  eventKey: string;
  kind: string;
  actor?: Actor;
  detail?: Record<string, unknown>;
  occurredAt: string;
  registry?: RegistryChange;
  /** a correction's extension as this step leaves it (第二十三条) */
  extension?: ExtensionRequest;
}

function registryColumns(c: RegistryChange, at: string) {
  return {
    ...(c.stage !== undefined && { stage: c.stage }),
    ...(c.level !== undefined && { level: c.level }),
    ...(c.status !== undefined && { status: c.status, closedAt: c.status === 'closed' ? new Date(at) : null }),
    ...(c.deadline === null && { dueDate: null, endsAt: null, warningAt: null, provisional: false, calendarVersion: null }),
    ...(c.deadline && {
      dueDate: c.deadline.due,
      endsAt: new Date(c.deadline.endsAt),
      warningAt: new Date(c.deadline.warningAt),
      provisional: c.deadline.provisional,
      calendarVersion: c.deadline.calendarVersion,
    }),
    updatedAt: new Date(at),
  };
}

/** A process as its workflow registers it, with its first deadline. */
export interface ProcessRegistration {
  workflowId: string;
  type: ProcessType;
  departmentCode: string;
  subjectId: string;
  stage: Stage;
  /** none or null: no deadline yet (a provisional finding waiting for its recount, SPEC §2; a penalty case waiting on the authority's 告知) */
  deadline?: Deadline | null;
  startedAt: string;
}

export async function registerProcess(db: DbOrTx, p: ProcessRegistration): Promise<void> {
  await db
    .insert(processes)
    .values({
      workflowId: p.workflowId,
      type: p.type,
      departmentCode: p.departmentCode,
      subjectId: p.subjectId,
      stage: p.stage,
      startedAt: new Date(p.startedAt),
      ...registryColumns({ stage: p.stage, deadline: p.deadline, level: 'normal', status: 'open' }, p.startedAt),
    })
    .onConflictDoNothing();
}

/** Returns false when the step was already written (a retry). */
export async function applyStep(db: DbOrTx, s: ProcessStep): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(processEvents)
      .values({
        workflowId: s.workflowId,
        eventKey: s.eventKey,
        kind: s.kind,
        actorUserId: s.actor?.userId,
        actorRole: s.actor?.role,
        actorDepartment: s.actor?.departmentCode,
        detail: s.detail ?? {},
        occurredAt: new Date(s.occurredAt),
      })
      .onConflictDoNothing()
      .returning({ id: processEvents.id });
    if (inserted.length === 0) return false;
    if (s.registry) {
      await tx.update(processes).set(registryColumns(s.registry, s.occurredAt)).where(eq(processes.workflowId, s.workflowId));
    }
    if (s.extension) await saveExtension(tx, s.workflowId, s.extension);
    return true;
  });
}

/** The finding of a missed deadline or a breach; its article, party, supervisor and class come from the domain (SPEC §6). */
export interface FindingRecord {
  workflowId: string;
  /** the charged party's department: the authority's or the county government's own code when it is theirs */
  departmentCode: string;
  kind: string;
  dueDate: string;
  occurredAt: string;
  /** held as provisional while its deadline was counted over an unloaded year (SPEC §2) */
  provisional?: boolean;
  detail?: Record<string, unknown>;
  /**
   * the supervisor when the domain names another than the party kind's own: the authority's own
   * department report (第四十六条第一款) is supervised by the county government (domain/annual-report.ts)
   */
  supervisor?: Supervisor;
}

/** Returns the finding's id, whether this call wrote it or an earlier one did. */
/**
 * The finding's id, and its round when this call wrote it (1 the first time, more when a
 * withdrawn finding is recorded again); null when it was already recorded.
 */
export async function recordViolation(db: DbOrTx, v: FindingRecord): Promise<{ id: number; round: number | null }> {
  const r = responsibilityOf(v.kind);
  if (!r) throw new Error(`not a finding kind: ${v.kind}`);
  const inserted = await db
    .insert(violations)
    .values({
      workflowId: v.workflowId,
      departmentCode: v.departmentCode,
      kind: v.kind,
      article: r.article,
      partyKind: r.partyKind,
      supervisor: v.supervisor ?? r.supervisor,
      findingClass: r.findingClass,
      status: v.provisional ? 'provisional' : 'notified',
      dueDate: v.dueDate,
      detail: v.detail ?? {},
      occurredAt: new Date(v.occurredAt),
    })
    // Once per process and kind; but a finding a recount withdrew (SPEC §2) whose process then
    // misses its new deadline is recorded again, with the new due date and its round counted
    // (its review runs again under the same workflow id), not silently skipped.
    .onConflictDoUpdate({
      target: [violations.workflowId, violations.kind],
      set: {
        status: sql`excluded.status`,
        dueDate: sql`excluded.due_date`,
        detail: sql`excluded.detail || jsonb_build_object('round', coalesce((${violations.detail}->>'round')::int, 1) + 1)`,
        occurredAt: sql`excluded.occurred_at`,
      },
      setWhere: sql`${violations.status} = 'withdrawn'`,
    })
    .returning({ id: violations.id, round: sql<number>`coalesce((${violations.detail}->>'round')::int, 1)`.mapWith(Number) });
  if (inserted[0]) return inserted[0];
  const [stored] = await db
    .select({ id: violations.id })
    .from(violations)
    .where(and(eq(violations.workflowId, v.workflowId), eq(violations.kind, v.kind)));
  if (!stored) throw new Error(`finding vanished after a conflicting insert: ${v.workflowId} ${v.kind}`);
  return { id: stored.id, round: null };
}

/** SPEC §3.6: a finding's status as its workflow moves it, and what it adds to its detail (statement, decision). */
export async function updateFinding(
  db: DbOrTx,
  violationId: number,
  change: { status: FindingStatus; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .update(violations)
    .set({
      status: change.status,
      ...(change.detail && { detail: sql`${violations.detail} || ${JSON.stringify(change.detail)}::jsonb` }),
    })
    .where(eq(violations.id, violationId));
}

export type ViolationRow = typeof violations.$inferSelect;

/** A process's findings recorded on the deadline due `due` that a recount may still revise (SPEC §2). */
export const listRevisableFindings = (db: DbOrTx, workflowId: string, due: string) =>
  db
    .select()
    .from(violations)
    .where(and(eq(violations.workflowId, workflowId), eq(violations.dueDate, due), inArray(violations.status, [...REVISABLE_STATUSES])))
    .orderBy(asc(violations.id));

/** A recount's revision of one finding: its new status, and the due date it now stands on. */
export async function reviseFindingStatus(db: DbOrTx, id: number, status: 'withdrawn' | 'notified', dueDate: string): Promise<void> {
  await db.update(violations).set({ status, dueDate }).where(eq(violations.id, id));
}

export interface ProcessFilter {
  type?: ProcessType;
  departmentCode?: string;
  /** restricts to these departments (object-level access); undefined = all */
  departments?: string[];
  stages?: Stage[];
  level?: DeadlineLevel;
  status?: 'open' | 'closed';
  subjectIds?: string[];
  /** only departments of these kinds (departments.kind) */
  departmentKinds?: PartyKind[];
  /** part of the receipt or subject number (受理编号), any case */
  number?: string;
  /** part of a correction's applicant (subject) name */
  applicant?: string;
  /** started on or after this instant, and before `startedBefore` */
  startedFrom?: Date;
  startedBefore?: Date;
  /** the order asked for; by default open deadlines first, soonest first */
  sort?: { by: 'dueDate' | 'startedAt'; order: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

/** `%text%` for ILIKE, with the pattern characters of the text itself escaped. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function processWhere(db: DbOrTx, f: ProcessFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.type) where.push(eq(processes.type, f.type));
  if (f.departmentCode) where.push(eq(processes.departmentCode, f.departmentCode));
  if (f.departments) where.push(inArray(processes.departmentCode, f.departments));
  if (f.stages) where.push(inArray(processes.stage, f.stages));
  if (f.level) where.push(eq(processes.level, f.level));
  if (f.status) where.push(eq(processes.status, f.status));
  if (f.subjectIds) where.push(inArray(processes.subjectId, f.subjectIds));
  if (f.departmentKinds) {
    where.push(
      inArray(
        processes.departmentCode,
        db.select({ code: departments.code }).from(departments).where(inArray(departments.kind, f.departmentKinds)),
      ),
    );
  }
  if (f.number) where.push(ilike(processes.subjectId, containing(f.number)));
  if (f.applicant) {
    where.push(
      inArray(
        processes.workflowId,
        db
          .select({ id: corrections.workflowId })
          .from(corrections)
          .where(ilike(corrections.subjectName, containing(f.applicant))),
      ),
    );
  }
  if (f.startedFrom) where.push(gte(processes.startedAt, f.startedFrom));
  if (f.startedBefore) where.push(lt(processes.startedAt, f.startedBefore));
  return and(...where);
}

/** Open deadlines first, soonest first; closed ones last (served by processes_open_deadline_idx), or the order asked for. */
export function listProcesses(db: DbOrTx, f: ProcessFilter): Promise<ProcessRow[]> {
  const column = f.sort?.by === 'startedAt' ? processes.startedAt : processes.dueDate;
  const order = f.sort
    ? [sql`${column} ${sql.raw(f.sort.order)} nulls last`, asc(processes.workflowId)]
    : [asc(processes.status), sql`${processes.endsAt} asc nulls last`, asc(processes.workflowId)];
  return db
    .select()
    .from(processes)
    .where(processWhere(db, f))
    .orderBy(...order)
    .limit(f.limit)
    .offset(f.offset);
}

/** How many processes the filter matches, whatever the page. */
export async function countProcesses(db: DbOrTx, f: ProcessFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(processes).where(processWhere(db, f));
  return row?.n ?? 0;
}

export async function getProcess(db: DbOrTx, workflowId: string): Promise<ProcessRow | null> {
  const [row] = await db.select().from(processes).where(eq(processes.workflowId, workflowId));
  return row ?? null;
}

export const listEvents = (db: DbOrTx, workflowId: string) =>
  db
    .select()
    .from(processEvents)
    .where(eq(processEvents.workflowId, workflowId))
    .orderBy(asc(processEvents.occurredAt), asc(processEvents.id));

/** The timeline of a process with each actor's display name (null for the system and unknown ids). */
export const listTimeline = (db: DbOrTx, workflowId: string) =>
  db
    .select({ event: processEvents, actorName: users.displayName })
    .from(processEvents)
    .leftJoin(users, sql`${users.id}::text = ${processEvents.actorUserId}`)
    .where(eq(processEvents.workflowId, workflowId))
    .orderBy(asc(processEvents.occurredAt), asc(processEvents.id));

export const listViolations = (db: DbOrTx, workflowId: string) =>
  db.select().from(violations).where(eq(violations.workflowId, workflowId)).orderBy(asc(violations.occurredAt));

/** Open processes that counted their deadline with another calendar: they must recount. */
/**
 * One page of the open processes counted with another calendar version, after the cursor `after`
 * (keyset on the primary key, served by processes_open_idx): a page costs the same at the
 * 1 000th process and the 100 000th, and a process that recounts meanwhile only drops out.
 */
export const pageOpenWithOtherCalendar = (db: DbOrTx, version: string, after: string | null, limit: number) =>
  db
    .select({ workflowId: processes.workflowId })
    .from(processes)
    .where(
      and(
        eq(processes.status, 'open'),
        sql`${processes.calendarVersion} is distinct from ${version}`,
        after === null ? undefined : gt(processes.workflowId, after),
      ),
    )
    .orderBy(asc(processes.workflowId))
    .limit(limit);

/** The deadline in force as the registry last recorded it. */
export function registryDeadline(row: ProcessRow | null): Deadline | null {
  if (!row?.dueDate || !row.endsAt || !row.warningAt || !row.calendarVersion) return null;
  return {
    due: row.dueDate,
    endsAt: beijingIso(row.endsAt.getTime()),
    warningAt: beijingIso(row.warningAt.getTime()),
    provisional: row.provisional,
    calendarVersion: row.calendarVersion,
  };
}
