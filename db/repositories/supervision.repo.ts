// 第四十五条, 第四十九条: the supervision reads — violations with their orders, the open
// deadlines of every process, and the yearly figures of each department. All from the registry
// and its side tables, never from Temporal.
import { and, asc, count, desc, eq, gte, inArray, lt, lte, gt, sql, type SQL } from 'drizzle-orm';
import type { ProcessType } from '../../domain/vocabulary';
import type { DeadlineLevel } from '../../domain/working-days';
import type { DbOrTx } from '../client';
import { annualReports, departments, processes, rectificationOrders, violations } from '../schema';

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

/** [from, to) of a year in Beijing time. */
const yearBounds = (year: number): [Date, Date] => [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)];

/** The raw counts the yearly evaluation (第四十五条) is computed from; domain/evaluation.ts does the arithmetic. */
export async function evaluationFigures(db: DbOrTx, year: number, now: Date) {
  const [from, to] = yearBounds(year);
  const late = sql<boolean>`exists (select 1 from ${violations} where ${violations.workflowId} = ${processes.workflowId})`;
  const [depts, closed, overdue, violated, open, criticized, reports] = await Promise.all([
    db
      .select({ code: departments.code, name: departments.name })
      .from(departments)
      .where(eq(departments.kind, 'department'))
      .orderBy(asc(departments.code)),
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
      .select({ departmentCode: processes.departmentCode, type: processes.type, n: count() })
      .from(processes)
      .where(and(eq(processes.status, 'open'), lte(processes.endsAt, now)))
      .groupBy(processes.departmentCode, processes.type),
    db
      .select({ departmentCode: violations.departmentCode, n: count() })
      .from(violations)
      .where(and(gte(violations.occurredAt, from), lt(violations.occurredAt, to)))
      .groupBy(violations.departmentCode),
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
  ]);
  return { departments: depts, closed, overdue, violations: violated, openRectifications: open, criticized, reports };
}

export type EvaluationFigures = Awaited<ReturnType<typeof evaluationFigures>>;
