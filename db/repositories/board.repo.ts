// The supervision board (电子监察, issue 15): red/yellow/green totals, each department's on-time
// rate, a month trend and the due dates of a month, all from the registry; and 督办, the
// supervisor's urging, recorded with its notice and timeline event in one transaction.
import { and, count, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/roles';
import type { ProcessType } from '../../domain/vocabulary';
import type { DeadlineLevel } from '../../domain/working-days';
import type { DbOrTx } from '../client';
import { departments, processEvents, processes, supervisionUrges } from '../schema';
import { addNotifications } from './notifications.repo';
import { confirmedAgainst, yearBounds } from './supervision.repo';

export interface BoardFilter {
  departments?: string[];
  departmentCode?: string;
  type?: ProcessType;
  now: Date;
  /** the year whose closed processes give the on-time rates */
  year: number;
  /** 'YYYY-MM' months of the trend, oldest first, and the month of the due-date calendar */
  trendMonths: string[];
  month: string;
}

/** A month's first instant in Beijing time. */
const monthStart = (month: string) => new Date(`${month}-01T00:00:00+08:00`);
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
/** The Beijing month of an instant column, as 'YYYY-MM'. */
const beijingMonth = (column: SQL | typeof processes.closedAt) =>
  sql<string>`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;

/**
 * Group by the first `n` selected columns by position: the level's CASE carries `now` as a
 * parameter, and PostgreSQL does not match a GROUP BY expression with other parameter numbers.
 */
const byColumns = (n: number) => Array.from({ length: n }, (_, i) => sql.raw(String(i + 1)));

export async function boardFigures(db: DbOrTx, f: BoardFilter) {
  const scope: SQL[] = [];
  if (f.departments) scope.push(inArray(processes.departmentCode, f.departments));
  if (f.departmentCode) scope.push(eq(processes.departmentCode, f.departmentCode));
  if (f.type) scope.push(eq(processes.type, f.type));
  const now = sql`${f.now.toISOString()}::timestamptz`;
  // the level at `now` from the instants the registry holds, as GET /v1/deadlines reads it
  const level = sql<DeadlineLevel>`case when ${processes.endsAt} <= ${now} then 'overdue' when ${processes.warningAt} <= ${now} then 'warning' else 'normal' end`;
  const openDeadline = and(eq(processes.status, 'open'), sql`${processes.endsAt} is not null`, ...scope);
  const late = sql<number>`count(*) filter (where ${confirmedAgainst(processes.workflowId, processes.departmentCode)})`.mapWith(Number);
  const [yearFrom, yearTo] = yearBounds(f.year);
  const trendFrom = monthStart(f.trendMonths[0]!);
  const trendTo = monthStart(nextMonth(f.trendMonths.at(-1)!));
  const [depts, open, closed, trend, due] = await Promise.all([
    db
      .select({ code: departments.code, name: departments.name })
      .from(departments)
      .where(and(eq(departments.kind, 'department'), ...(f.departments ? [inArray(departments.code, f.departments)] : [])))
      .orderBy(departments.code),
    db
      .select({ departmentCode: processes.departmentCode, level, n: count() })
      .from(processes)
      .where(openDeadline)
      .groupBy(...byColumns(2)),
    db
      .select({ departmentCode: processes.departmentCode, closed: count(), late })
      .from(processes)
      .where(and(eq(processes.status, 'closed'), gte(processes.closedAt, yearFrom), lt(processes.closedAt, yearTo), ...scope))
      .groupBy(processes.departmentCode),
    db
      .select({ month: beijingMonth(processes.closedAt), closed: count(), late })
      .from(processes)
      .where(and(eq(processes.status, 'closed'), gte(processes.closedAt, trendFrom), lt(processes.closedAt, trendTo), ...scope))
      .groupBy(beijingMonth(processes.closedAt)),
    db
      .select({ date: processes.dueDate, level, n: count() })
      .from(processes)
      .where(and(openDeadline, gte(processes.dueDate, `${f.month}-01`), lt(processes.dueDate, `${nextMonth(f.month)}-01`)))
      .groupBy(...byColumns(2))
      .orderBy(processes.dueDate),
  ]);
  return { departments: depts, open, closed, trend, due };
}

export interface NewUrge {
  requestId: string;
  workflowId: string;
  stage: string;
  holderKind: string;
  departmentCode: string;
  note: string;
  actor: Actor;
  /** the notice the holder's department reads */
  message: string;
}

/**
 * Records 督办 once per request id: the urge, the notice to the holder's department and the
 * process timeline event, together. A repeated request returns the first record and writes nothing.
 */
export async function recordUrge(db: DbOrTx, u: NewUrge): Promise<{ id: number; urgedAt: Date }> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(supervisionUrges)
      .values({
        requestId: u.requestId,
        workflowId: u.workflowId,
        stage: u.stage,
        holderKind: u.holderKind,
        departmentCode: u.departmentCode,
        note: u.note,
        urgedBy: u.actor.userId,
        urgedByRole: u.actor.role,
      })
      .onConflictDoNothing({ target: supervisionUrges.requestId })
      .returning({ id: supervisionUrges.id, urgedAt: supervisionUrges.urgedAt });
    if (!created) {
      const [first] = await tx
        .select({ id: supervisionUrges.id, urgedAt: supervisionUrges.urgedAt })
        .from(supervisionUrges)
        .where(eq(supervisionUrges.requestId, u.requestId));
      return first!;
    }
    const key = `urge-${created.id}`;
    await addNotifications(tx, [
      { workflowId: u.workflowId, key, departmentCode: u.departmentCode, role: null, kind: 'supervision_urged', message: u.message },
    ]);
    await tx.insert(processEvents).values({
      workflowId: u.workflowId,
      eventKey: key,
      kind: 'supervision_urged',
      actorUserId: u.actor.userId,
      actorRole: u.actor.role,
      actorDepartment: u.actor.departmentCode,
      detail: { note: u.note, holderKind: u.holderKind, departmentCode: u.departmentCode },
      occurredAt: created.urgedAt,
    });
    return created;
  });
}

/** How often, and when last, each of these processes was urged. */
export async function urgesOf(db: DbOrTx, workflowIds: string[]): Promise<Map<string, { count: number; lastAt: Date }>> {
  if (workflowIds.length === 0) return new Map();
  const rows = await db
    .select({ workflowId: supervisionUrges.workflowId, n: count(), lastAt: sql<string>`max(${supervisionUrges.urgedAt})` })
    .from(supervisionUrges)
    .where(inArray(supervisionUrges.workflowId, workflowIds))
    .groupBy(supervisionUrges.workflowId);
  return new Map(rows.map((r) => [r.workflowId, { count: r.n, lastAt: new Date(r.lastAt) }]));
}
