// 第四十五条: the evaluation of a year as the API shows it — the year's indicator set (or the
// default), the departments' figures ranked, and the sections of the authority and the county
// government — and what each role may see of it.
import { beijingIso } from '../../domain/deadline';
import { DEFAULT_INDICATORS, evaluate, type EvaluationResult, type IndicatorSet, rankByTotal } from '../../domain/evaluation';
import { type Actor, isDepartmentUser } from '../../domain/roles';
import { PROCESS_TYPES } from '../../domain/vocabulary';
import { beijingDate } from '../../domain/working-days';
import type { DbOrTx } from '../../db/client';
import { getIndicatorSet, type IndicatorSetRow } from '../../db/repositories/evaluation.repo';
import { evaluationFigures } from '../../db/repositories/supervision.repo';

/**
 * Rectification is itself the supervision measure, counted as open orders and criticisms; a
 * finding's own process (SPEC §3.6) is the finding's lifecycle, not a duty done on time; penalty
 * cases (第五十二条, 第五十三条) are the authority's measures against parties outside the county's
 * departments. None is a duty a department is evaluated on. An IT project (第四十七条) has no
 * period the regulation sets: its periods are the authority's settings, not duties.
 */
const NOT_EVALUATED: readonly string[] = ['rectification', 'finding', 'penalty_case', 'it_project'];
export const EVALUATED_TYPES = PROCESS_TYPES.filter((t) => !NOT_EVALUATED.includes(t));

const iso = (d: Date | null): string | null => (d ? beijingIso(d.getTime()) : null);

export const indicatorSetOf = (row: IndicatorSetRow | null): IndicatorSet =>
  row ? { weights: row.weights, parameters: { ...DEFAULT_INDICATORS.parameters, ...row.parameters } } : DEFAULT_INDICATORS;

export const indicatorSetView = (year: number, row: IndicatorSetRow | null) => ({
  year,
  ...indicatorSetOf(row),
  isDefault: row === null,
  updatedBy: row?.updatedBy ?? null,
  updatedAt: iso(row?.updatedAt ?? null),
  publishedBy: row?.publishedBy ?? null,
  publishedAt: iso(row?.publishedAt ?? null),
});

/** The whole result of `year` at `now`, by the year's indicator set (the default where it has none). */
export async function loadEvaluation(db: DbOrTx, year: number, now: Date) {
  const [row, f] = await Promise.all([getIndicatorSet(db, year), evaluationFigures(db, year, now)]);
  const result = evaluate({
    year,
    today: beijingDate(now.getTime()),
    types: EVALUATED_TYPES,
    indicators: indicatorSetOf(row),
    ...f,
    reports: f.reports.map((r) => ({ ...r, submittedOn: r.submittedAt ? beijingDate(r.submittedAt.getTime()) : null })),
  });
  return { indicators: indicatorSetView(year, row), ...result, ranking: rankingOf(result) };
}

const rankingOf = (r: EvaluationResult) =>
  rankByTotal(r.departments).map(({ rank, departmentCode, departmentName, total }) => ({ rank, departmentCode, departmentName, total }));

/**
 * A department user sees its own row (and its place in the ranking) only; the authority's
 * section is for its supervisor the county government, the auditors and itself; the county
 * government's section (a figure for the city) for the county government and the auditors.
 */
export function visibleTo(actor: Actor, e: Awaited<ReturnType<typeof loadEvaluation>>) {
  if (isDepartmentUser(actor)) {
    const own = (r: { departmentCode: string }) => r.departmentCode === actor.departmentCode;
    return { ...e, departments: e.departments.filter(own), ranking: e.ranking.filter(own), authority: null, countyGovernment: null };
  }
  return {
    ...e,
    authority: ['authority_reviewer', 'county_government', 'auditor'].includes(actor.role) ? e.authority : null,
    countyGovernment: ['county_government', 'auditor'].includes(actor.role) ? e.countyGovernment : null,
  };
}
