import { and, asc, count, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { DepartmentReportContent } from '../../domain/annual-report';
import type { ProcessType } from '../../domain/vocabulary';
import type { DbOrTx } from '../client';
import { annualReports, catalogEntries, countyReports, departments, processes, violations } from '../schema';

export type AnnualReportRow = typeof annualReports.$inferSelect;

/**
 * Opens year `year`: one pending row per active department. The first workflow to open a year
 * owns it; a second one (a manual start beside the schedule's) is told the owner and stops.
 */
export async function openYear(db: DbOrTx, p: { workflowId: string; year: number; dueDate: string }) {
  return db.transaction(async (tx) => {
    const active = await tx
      .select({ code: departments.code, kind: departments.kind })
      .from(departments)
      .where(eq(departments.active, true));
    const codes = active
      .filter((d) => d.kind === 'department')
      .map((d) => d.code)
      .sort();
    if (codes.length > 0) {
      await tx
        .insert(annualReports)
        .values(codes.map((departmentCode) => ({ year: p.year, departmentCode, workflowId: p.workflowId, dueDate: p.dueDate })))
        .onConflictDoNothing();
    }
    const rows = await tx.select().from(annualReports).where(eq(annualReports.year, p.year)).orderBy(asc(annualReports.departmentCode));
    const role = (kind: string) => active.find((d) => d.kind === kind)?.code;
    const owner = rows[0]?.workflowId ?? p.workflowId;
    return {
      // Decided here, not by the workflow comparing ids: a replay runs under another id.
      duplicateOf: owner === p.workflowId ? null : owner,
      departments: rows.map((r) => r.departmentCode),
      authorityCode: role('authority') ?? null,
      countyCode: role('county_government') ?? null,
    };
  });
}

export const listYear = (db: DbOrTx, year: number) =>
  db.select().from(annualReports).where(eq(annualReports.year, year)).orderBy(asc(annualReports.departmentCode));

export const pendingForYear = async (db: DbOrTx, year: number): Promise<string[]> =>
  (
    await db
      .select({ code: annualReports.departmentCode })
      .from(annualReports)
      .where(and(eq(annualReports.year, year), isNull(annualReports.submittedAt)))
  ).map((r) => r.code);

/** Idempotent: the first submission stays. */
export async function saveDepartmentReport(
  db: DbOrTx,
  r: { year: number; departmentCode: string; content: DepartmentReportContent; submittedBy: string; submittedAt: string; late: boolean },
): Promise<void> {
  await db
    .update(annualReports)
    .set({ content: { ...r.content }, submittedBy: r.submittedBy, submittedAt: new Date(r.submittedAt), late: r.late })
    .where(and(eq(annualReports.year, r.year), eq(annualReports.departmentCode, r.departmentCode), isNull(annualReports.submittedAt)));
}

const yearRange = (year: number) => [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)] as const;

/** The figures the system itself holds for a department's year: the report is pre-filled with them. */
export async function systemFigures(
  db: DbOrTx,
  year: number,
  departmentCode: string,
): Promise<Omit<DepartmentReportContent, 'securityWork' | 'summary'>> {
  const [from, to] = yearRange(year);
  const closed = (type: ProcessType) =>
    db
      .select({
        total: count(),
        late: sql<number>`count(*) filter (where exists (select 1 from ${violations} v where v.workflow_id = ${processes.workflowId}))`.mapWith(
          Number,
        ),
      })
      .from(processes)
      .where(
        and(
          eq(processes.departmentCode, departmentCode),
          eq(processes.type, type),
          eq(processes.status, 'closed'),
          gte(processes.closedAt, from),
          lt(processes.closedAt, to),
        ),
      );
  const [[entries], [corrections], [updates]] = await Promise.all([
    db
      .select({ n: count() })
      .from(catalogEntries)
      .where(and(eq(catalogEntries.departmentCode, departmentCode), eq(catalogEntries.status, 'active'))),
    closed('correction'),
    closed('catalog_update'),
  ]);
  return {
    catalogEntries: entries?.n ?? 0,
    catalogUpdatesOnTime: (updates?.total ?? 0) - (updates?.late ?? 0),
    catalogUpdatesLate: updates?.late ?? 0,
    // Sharing requests arrive with the sharing process (第二十九条 to 第三十二条).
    sharingRequestsServed: 0,
    correctionsHandled: corrections?.total ?? 0,
    correctionsOnTime: (corrections?.total ?? 0) - (corrections?.late ?? 0),
  };
}

/** The county report: every department's report, the sums of their figures and the year's violations. */
export async function compileCountyReport(
  db: DbOrTx,
  r: { workflowId: string; year: number; summary: string; submittedBy: string; submittedAt: string; late: boolean },
) {
  const [from, to] = yearRange(r.year);
  const [reports, byArticle] = await Promise.all([
    listYear(db, r.year),
    db
      .select({ article: violations.article, n: count() })
      .from(violations)
      .where(and(gte(violations.occurredAt, from), lt(violations.occurredAt, to)))
      .groupBy(violations.article),
  ]);
  const numeric = [
    'catalogEntries',
    'catalogUpdatesOnTime',
    'catalogUpdatesLate',
    'sharingRequestsServed',
    'correctionsHandled',
    'correctionsOnTime',
  ] as const;
  const totals = Object.fromEntries(
    numeric.map((k) => [k, reports.reduce((sum, rep) => sum + Number((rep.content as Record<string, unknown> | null)?.[k] ?? 0), 0)]),
  );
  const compiled = {
    year: r.year,
    summary: r.summary,
    departments: reports.map((rep) => ({
      departmentCode: rep.departmentCode,
      submitted: rep.submittedAt !== null,
      late: rep.late,
      content: rep.content,
    })),
    missing: reports.filter((rep) => rep.submittedAt === null).map((rep) => rep.departmentCode),
    totals,
    violationsByArticle: Object.fromEntries(byArticle.map((v) => [v.article, v.n])),
  };
  await db
    .insert(countyReports)
    .values({
      year: r.year,
      workflowId: r.workflowId,
      compiled,
      submittedBy: r.submittedBy,
      submittedAt: new Date(r.submittedAt),
      late: r.late,
    })
    .onConflictDoNothing();
  const [row] = await db.select().from(countyReports).where(eq(countyReports.year, r.year));
  return row!;
}

export async function recordCitySubmission(
  db: DbOrTx,
  r: { year: number; by: string; at: string; late: boolean; note: string },
): Promise<void> {
  await db
    .update(countyReports)
    .set({ citySubmittedBy: r.by, citySubmittedAt: new Date(r.at), cityLate: r.late, cityNote: r.note })
    .where(and(eq(countyReports.year, r.year), isNull(countyReports.citySubmittedAt)));
}

export async function getCountyReport(db: DbOrTx, year: number) {
  const [row] = await db.select().from(countyReports).where(eq(countyReports.year, year));
  return row ?? null;
}
