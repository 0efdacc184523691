import { and, asc, count, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import {
  type DepartmentReportContent,
  type FigureDifference,
  figureDifferences,
  type ReportFigures,
  systemTotals,
} from '../../domain/annual-report';
import type { ProcessType } from '../../domain/vocabulary';
import type { DbOrTx } from '../client';
import { sharingAnsweredWithin } from './sharing.repo';
import { annualReports, catalogEntries, countyReports, departments, processes, sharingRequests, violations } from '../schema';

export type AnnualReportRow = typeof annualReports.$inferSelect;

/**
 * The registry kinds that file a department report (第四十六条第一款): every 政务部门, the authority
 * included, as it is itself one. The county government files none: it reports to the city.
 */
const FILING_KINDS = ['department', 'authority'] as const;

/**
 * Opens year `year`: one pending row per active department, the authority's own included. The first workflow to open a year
 * owns it; a second one (a manual start beside the schedule's) is told the owner and stops.
 */
export async function openYear(db: DbOrTx, p: { workflowId: string; year: number; dueDate: string }) {
  return db.transaction(async (tx) => {
    const active = await tx
      .select({ code: departments.code, kind: departments.kind })
      .from(departments)
      .where(eq(departments.active, true));
    const codes = active
      .filter((d) => (FILING_KINDS as readonly string[]).includes(d.kind))
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

/**
 * The figures the system itself holds for a department's year (Beijing calendar year): the draft
 * is pre-filled with them and the county report is compiled from them. A case is late when a
 * confirmed finding against the department stands on it (only confirmed findings count);
 * catalog entries are the department's active entries when counted (the catalog keeps no dates).
 */
export async function systemFigures(db: DbOrTx, year: number, departmentCode: string): Promise<ReportFigures> {
  const [from, to] = yearRange(year);
  const closed = (type: ProcessType) =>
    db
      .select({
        total: count(),
        late: sql<number>`count(*) filter (where exists (select 1 from ${violations} v where v.workflow_id = ${processes.workflowId} and v.department_code = ${processes.departmentCode} and v.status = 'confirmed'))`.mapWith(
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
  const [[entries], [corrections], [updates], [served], [decided], [made]] = await Promise.all([
    db
      .select({ n: count() })
      .from(catalogEntries)
      .where(and(eq(catalogEntries.departmentCode, departmentCode), eq(catalogEntries.status, 'active'))),
    closed('correction'),
    closed('catalog_update'),
    // 第二十九条 to 第三十一条: requests it received as provider in the year, and answered in the year
    db
      .select({ n: count() })
      .from(sharingRequests)
      .where(
        and(
          eq(sharingRequests.providerDepartment, departmentCode),
          gte(sharingRequests.createdAt, from),
          lt(sharingRequests.createdAt, to),
        ),
      ),
    db
      .select({ n: count() })
      .from(sharingRequests)
      .where(and(eq(sharingRequests.providerDepartment, departmentCode), sharingAnsweredWithin(from, to))),
    db
      .select({ n: count() })
      .from(sharingRequests)
      .where(
        and(
          eq(sharingRequests.requesterDepartment, departmentCode),
          gte(sharingRequests.createdAt, from),
          lt(sharingRequests.createdAt, to),
        ),
      ),
  ]);
  return {
    catalogEntries: entries?.n ?? 0,
    catalogUpdatesOnTime: (updates?.total ?? 0) - (updates?.late ?? 0),
    catalogUpdatesLate: updates?.late ?? 0,
    sharingRequestsServed: served?.n ?? 0,
    sharingRequestsDecided: decided?.n ?? 0,
    sharingRequestsMade: made?.n ?? 0,
    correctionsHandled: corrections?.total ?? 0,
    correctionsOnTime: (corrections?.total ?? 0) - (corrections?.late ?? 0),
  };
}

export interface DepartmentFigures {
  departmentCode: string;
  submitted: boolean;
  late: boolean | null;
  /** the figures the department typed, null before it reports */
  reported: Record<string, unknown> | null;
  system: ReportFigures;
  /** reported vs system, each figure that differs */
  differences: FigureDifference[];
}

/** Every tracked department's figures for `year`: what it reported beside what the system counts. */
export async function yearFigures(db: DbOrTx, year: number): Promise<DepartmentFigures[]> {
  const rows = await listYear(db, year);
  const out: DepartmentFigures[] = [];
  for (const r of rows) {
    const system = await systemFigures(db, year, r.departmentCode);
    const reported = r.submittedAt ? (r.content ?? null) : null;
    out.push({
      departmentCode: r.departmentCode,
      submitted: r.submittedAt !== null,
      late: r.late,
      reported,
      system,
      differences: figureDifferences(reported, system),
    });
  }
  return out;
}

/**
 * The county report: the county's totals are the system's own counts, summed over every tracked
 * department (whether it reported or not); each department's report stands beside its system
 * figures, and every figure that differs is listed (reported vs system), never added in.
 */
export async function compileCountyReport(
  db: DbOrTx,
  r: { workflowId: string; year: number; summary: string; submittedBy: string; submittedAt: string; late: boolean },
) {
  const [from, to] = yearRange(r.year);
  const [figures, byArticle] = await Promise.all([
    yearFigures(db, r.year),
    db
      .select({ article: violations.article, n: count() })
      .from(violations)
      .where(and(gte(violations.occurredAt, from), lt(violations.occurredAt, to), eq(violations.status, 'confirmed')))
      .groupBy(violations.article),
  ]);
  const compiled = {
    year: r.year,
    summary: r.summary,
    departments: figures.map((f) => ({
      departmentCode: f.departmentCode,
      submitted: f.submitted,
      late: f.late,
      content: f.reported,
      system: f.system,
      differences: f.differences,
    })),
    missing: figures.filter((f) => !f.submitted).map((f) => f.departmentCode),
    totals: systemTotals(figures.map((f) => f.system)),
    differences: figures.flatMap((f) => f.differences.map((d) => ({ departmentCode: f.departmentCode, ...d }))),
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
