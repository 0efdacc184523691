// 第四十五条, 第四十九条: the supervision reads — violations with their orders, the open
// deadlines of every process, and the yearly figures of each department. All from the registry
// and its side tables, never from Temporal.
import { and, asc, count, desc, eq, gte, inArray, lt, lte, gt, sql, type SQL } from 'drizzle-orm';
import type { ProcessType } from '../../domain/vocabulary';
import type { DeadlineLevel } from '../../domain/working-days';
import type { DbOrTx } from '../client';
import { sharingAnsweredWithin } from './sharing.repo';
import {
  annualReports,
  departments,
  processes,
  rectificationOrders,
  securityRecords,
  sharingDisputes,
  sharingRequests,
  violations,
} from '../schema';

export interface ViolationFilter {
  departments?: string[];
  departmentCode?: string;
  article?: string;
  /** occurred at or after this instant */
  from?: Date;
  /** occurred before this instant */
  to?: Date;
  limit: number;
  offset: number;
}

/** Newest first, each with its process and its rectification order, if any. */
export function listViolationsWithOrders(db: DbOrTx, f: ViolationFilter) {
  const where: SQL[] = [];
  if (f.departments) where.push(inArray(violations.departmentCode, f.departments));
  if (f.departmentCode) where.push(eq(violations.departmentCode, f.departmentCode));
  if (f.article) where.push(eq(violations.article, f.article));
  if (f.from) where.push(gte(violations.occurredAt, f.from));
  if (f.to) where.push(lt(violations.occurredAt, f.to));
  return db
    .select({ violation: violations, processType: processes.type, order: rectificationOrders })
    .from(violations)
    .innerJoin(processes, eq(processes.workflowId, violations.workflowId))
    .leftJoin(rectificationOrders, eq(rectificationOrders.violationId, violations.id))
    .where(and(...where))
    .orderBy(desc(violations.occurredAt), desc(violations.id))
    .limit(f.limit)
    .offset(f.offset);
}

export async function getViolation(db: DbOrTx, id: number) {
  const [row] = await db.select().from(violations).where(eq(violations.id, id));
  return row ?? null;
}

export interface DeadlineFilter {
  departments?: string[];
  departmentCode?: string;
  type?: ProcessType;
  /** the level at `now`, from the instants the registry holds */
  level?: DeadlineLevel;
  now: Date;
  limit: number;
  offset: number;
}

/**
 * Every open deadline, the least time left first. `status = 'open' order by ends_at` is what
 * processes_open_deadline_idx (status, ends_at) holds, so the first page is an index range scan.
 */
export function listOpenDeadlines(db: DbOrTx, f: DeadlineFilter) {
  const where: SQL[] = [eq(processes.status, 'open'), sql`${processes.endsAt} is not null`];
  if (f.departments) where.push(inArray(processes.departmentCode, f.departments));
  if (f.departmentCode) where.push(eq(processes.departmentCode, f.departmentCode));
  if (f.type) where.push(eq(processes.type, f.type));
  if (f.level === 'overdue') where.push(lte(processes.endsAt, f.now));
  if (f.level === 'warning') where.push(lte(processes.warningAt, f.now), gt(processes.endsAt, f.now));
  if (f.level === 'normal') where.push(gt(processes.warningAt, f.now), gt(processes.endsAt, f.now));
  return db
    .select()
    .from(processes)
    .where(and(...where))
    .orderBy(asc(processes.status), asc(processes.endsAt), asc(processes.workflowId))
    .limit(f.limit)
    .offset(f.offset);
}

/** A confirmed finding against the department on the process: what makes it late (SPEC §3.6, 第四十五条). */
export const confirmedAgainst = (workflowId: SQL | typeof processes.workflowId, departmentCode: SQL | typeof processes.departmentCode) =>
  sql<boolean>`exists (select 1 from ${violations} where ${violations.workflowId} = ${workflowId} and ${violations.departmentCode} = ${departmentCode} and ${violations.partyKind} = 'department' and ${violations.status} = 'confirmed')`;

/** [from, to) of a year in Beijing time. */
export const yearBounds = (year: number): [Date, Date] => [
  new Date(`${year}-01-01T00:00:00+08:00`),
  new Date(`${year + 1}-01-01T00:00:00+08:00`),
];

/**
 * The raw counts the yearly evaluation (第四十五条) is computed from; domain/evaluation.ts does the
 * arithmetic. Only CONFIRMED findings count, and each against its own party: a process is late
 * for its department only when a confirmed finding against that department is recorded on it
 * (the authority's late review is the authority's). Open overdue processes come by stage, so
 * the domain charges them to whoever holds the turn.
 */
export async function evaluationFigures(db: DbOrTx, year: number, now: Date) {
  const [from, to] = yearBounds(year);
  const late = confirmedAgainst(processes.workflowId, processes.departmentCode);
  const sharingLate = confirmedAgainst(sql`${sharingRequests.workflowId}`, sql`${sharingRequests.providerDepartment}`);
  const [depts, closed, overdue, findings, open, criticized, reports, answered, overturned, requestsMade, security] = await Promise.all([
    db.select({ code: departments.code, name: departments.name, kind: departments.kind }).from(departments).orderBy(asc(departments.code)),
    db
      .select({
        departmentCode: processes.departmentCode,
        type: processes.type,
        closed: count(),
        late: sql<number>`count(*) filter (where ${late})`.mapWith(Number),
      })
      .from(processes)
      .where(and(eq(processes.status, 'closed'), gte(processes.closedAt, from), lt(processes.closedAt, to)))
      .groupBy(processes.departmentCode, processes.type),
    db
      .select({ departmentCode: processes.departmentCode, type: processes.type, stage: processes.stage, n: count() })
      .from(processes)
      .where(and(eq(processes.status, 'open'), lte(processes.endsAt, now)))
      .groupBy(processes.departmentCode, processes.type, processes.stage),
    db
      .select({
        departmentCode: violations.departmentCode,
        partyKind: violations.partyKind,
        kind: violations.kind,
        article: violations.article,
        n: count(),
      })
      .from(violations)
      .where(and(eq(violations.status, 'confirmed'), gte(violations.occurredAt, from), lt(violations.occurredAt, to)))
      .groupBy(violations.departmentCode, violations.partyKind, violations.kind, violations.article),
    db
      .select({ departmentCode: rectificationOrders.departmentCode, n: count() })
      .from(rectificationOrders)
      .where(eq(rectificationOrders.status, 'open'))
      .groupBy(rectificationOrders.departmentCode),
    db
      .select({ departmentCode: rectificationOrders.departmentCode, n: count() })
      .from(rectificationOrders)
      .where(
        and(
          eq(rectificationOrders.status, 'criticized'),
          gte(rectificationOrders.criticizedAt, from),
          lt(rectificationOrders.criticizedAt, to),
        ),
      )
      .groupBy(rectificationOrders.departmentCode),
    db
      .select({
        departmentCode: annualReports.departmentCode,
        dueDate: annualReports.dueDate,
        submittedAt: annualReports.submittedAt,
        late: annualReports.late,
      })
      .from(annualReports)
      .where(eq(annualReports.year, year)),
    db
      .select({
        departmentCode: sharingRequests.providerDepartment,
        answered: count(),
        onTime: sql<number>`count(*) filter (where not ${sharingLate})`.mapWith(Number),
      })
      .from(sharingRequests)
      .where(sharingAnsweredWithin(from, to))
      .groupBy(sharingRequests.providerDepartment),
    db
      .select({ departmentCode: sharingDisputes.providerDepartment, n: count() })
      .from(sharingDisputes)
      .where(and(eq(sharingDisputes.status, 'overturned'), gte(sharingDisputes.decidedAt, from), lt(sharingDisputes.decidedAt, to)))
      .groupBy(sharingDisputes.providerDepartment),
    db
      .select({ departmentCode: sharingRequests.requesterDepartment, n: count() })
      .from(sharingRequests)
      .where(and(gte(sharingRequests.createdAt, from), lt(sharingRequests.createdAt, to)))
      .groupBy(sharingRequests.requesterDepartment),
    db
      .select({ departmentCode: securityRecords.departmentCode, kind: securityRecords.kind, n: count() })
      .from(securityRecords)
      .where(and(gte(securityRecords.heldOn, `${year}-01-01`), lte(securityRecords.heldOn, `${year}-12-31`)))
      .groupBy(securityRecords.departmentCode, securityRecords.kind),
  ]);
  const party = (kind: string) => depts.find((d) => d.kind === kind) ?? null;
  const named = (d: { code: string; name: string } | null) => (d ? { code: d.code, name: d.name } : null);
  return {
    departments: depts.filter((d) => d.kind === 'department').map(({ code, name }) => ({ code, name })),
    authority: named(party('authority')),
    countyGovernment: named(party('county_government')),
    closed,
    overdue,
    findings,
    openRectifications: open,
    criticized,
    reports,
    sharingAnswered: answered,
    overturned,
    requestsMade,
    security,
  };
}

export type EvaluationFigures = Awaited<ReturnType<typeof evaluationFigures>>;
