// 第四十五条: the yearly evaluation. Each 政务部门 is scored on four dimensions — 汇聚 (责任清单
// fulfilment), 共享, 应用, 安全 (第四十二条、第四十三条) — from its OWN CONFIRMED findings and its own
// rows, weighted by the authority's indicator set of the year, and ranked. The authority and
// the county government are shown apart, to their supervisors, never inside a 政务部门's
// figures. Pure arithmetic over counted rows.
import { toCsv } from './csv';
import { domainError, type DomainError } from './errors';
import { holderOf, type PartyKind, SUPERVISOR_OF, type Supervisor } from './responsibility';
import { FINDING_INFO, type FindingKind, findingKindOf, type ProcessType, processTypeLabel } from './vocabulary';
import type { IsoDate } from './working-days';

// ---- the indicator set ------------------------------------------------------------------

export const DIMENSIONS = ['gathering', 'sharing', 'application', 'security'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DIMENSION_LABELS: Record<Dimension, string> = { gathering: '汇聚', sharing: '共享', application: '应用', security: '安全' };
export const dimensionLabel = (d: Dimension): string => DIMENSION_LABELS[d];

export type Weights = Record<Dimension, number>;

export interface IndicatorParameters {
  /** points off 汇聚 for each confirmed 第四十九条(八) finding of the year */
  gatheringPenaltyPerFinding: number;
  /** points off 共享 for each refusal overturned in a dispute (第三十二条) */
  sharingPenaltyPerOverturned: number;
  /** sharing requests made through the system (第三十一条) that earn the full request half of 应用 */
  applicationRequestsTarget: number;
  /** risk assessments (第四十二条) a year that earn the full assessment half of 安全 */
  securityAssessmentsRequired: number;
  /** emergency drills (第四十三条) a year that earn the full drill half of 安全 */
  securityDrillsRequired: number;
}

export interface IndicatorSet {
  weights: Weights;
  parameters: IndicatorParameters;
}

/** Bounds of each parameter; the API's limits come from here. */
export const PARAMETER_BOUNDS: Record<keyof IndicatorParameters, { min: number; max: number }> = {
  gatheringPenaltyPerFinding: { min: 0, max: 100 },
  sharingPenaltyPerOverturned: { min: 0, max: 100 },
  applicationRequestsTarget: { min: 0, max: 1000 },
  securityAssessmentsRequired: { min: 0, max: 100 },
  securityDrillsRequired: { min: 0, max: 100 },
};

/** The set a year without its own (or with one not yet edited) is evaluated by. */
export const DEFAULT_INDICATORS: IndicatorSet = {
  weights: { gathering: 30, sharing: 30, application: 20, security: 20 },
  parameters: {
    gatheringPenaltyPerFinding: 10,
    sharingPenaltyPerOverturned: 20,
    applicationRequestsTarget: 2,
    securityAssessmentsRequired: 1,
    securityDrillsRequired: 1,
  },
};

/** The weights are whole points summing to 100. */
export function weightsError(w: Weights): DomainError | null {
  const sum = DIMENSIONS.reduce((s, d) => s + w[d], 0);
  return sum === 100 ? null : domainError('EVALUATION_WEIGHTS_SUM', `当前合计 ${sum}`);
}

// ---- the arithmetic -----------------------------------------------------------------------

/** Two decimals, half away from zero for the positive figures used here. */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

export const onTimeRate = (onTime: number, closed: number): number | null =>
  closed === 0 ? null : Math.round((onTime / closed) * 10_000) / 10_000;

/** min(1, n / required); a requirement of 0 is met by nothing. */
const share = (n: number, required: number): number => (required <= 0 ? 1 : Math.min(1, n / required));

/** 汇聚: 100 × on time / closed (100 when nothing closed), less the penalty per confirmed 第四十九条(八) finding; floor 0. */
export const gatheringScore = (f: { closed: number; onTime: number; findings: number }, p: IndicatorParameters): number =>
  round2(Math.max(0, (f.closed === 0 ? 100 : (100 * f.onTime) / f.closed) - p.gatheringPenaltyPerFinding * f.findings));

/** 共享: 100 × answered on time / answered (100 when nothing was asked of it), less the penalty per overturned refusal; floor 0. */
export const sharingScore = (f: { answered: number; onTime: number; overturned: number }, p: IndicatorParameters): number =>
  round2(Math.max(0, (f.answered === 0 ? 100 : (100 * f.onTime) / f.answered) - p.sharingPenaltyPerOverturned * f.overturned));

/** 应用: 50 × min(1, requests / target) + 50 for an annual report on time (0 late, 50 while none is due). */
export const applicationScore = (f: { requests: number; annualReportOnTime: boolean | null }, p: IndicatorParameters): number =>
  round2(50 * share(f.requests, p.applicationRequestsTarget) + (f.annualReportOnTime === false ? 0 : 50));

/** 安全: 50 × min(1, assessments / required) + 50 × min(1, drills / required). */
export const securityScore = (f: { riskAssessments: number; drills: number }, p: IndicatorParameters): number =>
  round2(50 * share(f.riskAssessments, p.securityAssessmentsRequired) + 50 * share(f.drills, p.securityDrillsRequired));

/** Σ weight × score / 100 over the rounded scores, to two decimals. */
export const totalScore = (scores: Record<Dimension, number>, w: Weights): number =>
  round2(DIMENSIONS.reduce((s, d) => s + (w[d] * scores[d]) / 100, 0));

/** Highest total first, ties by department code; equal totals share a rank (1, 1, 3). */
export function rankByTotal<T extends { departmentCode: string; total: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total || (a.departmentCode < b.departmentCode ? -1 : 1));
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((x) => x.total === r.total) + 1 }));
}

/** On time when submitted by the due date; a report missing after its due date is late. */
export function reportOnTime(r: EvaluationInput['reports'][number] | undefined, today: IsoDate): boolean | null {
  if (!r) return null;
  if (r.late !== null) return !r.late;
  if (r.submittedOn) return r.submittedOn <= r.dueDate;
  return today > r.dueDate ? false : null;
}

// ---- the evaluation -----------------------------------------------------------------------

type ByDepartment = { departmentCode: string; n: number };

/** The 责任清单 processes whose timeliness is 汇聚: catalog updates (第十八条) and corrections (第二十三条). */
export const GATHERING_TYPES: readonly ProcessType[] = ['catalog_update', 'correction'];
/** The article of the 汇聚 findings. */
export const GATHERING_ARTICLE = '第四十九条(八)';

export interface EvaluationInput {
  year: number;
  /** Beijing date of the evaluation, for a report still awaited */
  today: IsoDate;
  /** the process types evaluated, in column order */
  types: readonly ProcessType[];
  indicators: IndicatorSet;
  departments: { code: string; name: string }[];
  /** the authority's and the county government's own departments, when registered */
  authority: { code: string; name: string } | null;
  countyGovernment: { code: string; name: string } | null;
  /** processes closed in the year by their registered department; `late` of them carry a confirmed finding against it */
  closed: { departmentCode: string; type: string; closed: number; late: number }[];
  /** open processes past their deadline now, by registered department and stage: charged to whoever holds the stage */
  overdue: { departmentCode: string; type: string; stage: string; n: number }[];
  /** CONFIRMED findings that occurred in the year, by the party charged */
  findings: { departmentCode: string; partyKind: PartyKind; kind: string; article: string; n: number }[];
  openRectifications: ByDepartment[];
  criticized: ByDepartment[];
  reports: { departmentCode: string; dueDate: IsoDate; submittedOn: IsoDate | null; late: boolean | null }[];
  /** sharing requests the department provides that were answered in the year; `onTime` without a confirmed finding against it */
  sharingAnswered: { departmentCode: string; answered: number; onTime: number }[];
  /** its refusals overturned in a dispute decided in the year */
  overturned: ByDepartment[];
  /** sharing requests it made through the system in the year */
  requestsMade: ByDepartment[];
  /** its security register of the year */
  security: { departmentCode: string; kind: SecurityRecordKind; n: number }[];
}

export interface ProcessFigures {
  type: ProcessType;
  closed: number;
  onTime: number;
  /** onTime / closed to 4 decimals; null when nothing closed */
  onTimeRate: number | null;
  overdueOpen: number;
}

export interface DepartmentEvaluation {
  departmentCode: string;
  departmentName: string;
  processes: ProcessFigures[];
  /** its confirmed findings of the year */
  violations: number;
  openRectifications: number;
  criticized: number;
  /** null: no annual report row for the year, or one not yet due */
  annualReportOnTime: boolean | null;
  gathering: { closed: number; onTime: number; findings: number; score: number };
  sharing: { answered: number; onTime: number; overturned: number; score: number };
  application: { requests: number; annualReportOnTime: boolean | null; score: number };
  security: { riskAssessments: number; drills: number; score: number };
  total: number;
  rank: number;
}

/** The authority's or the county government's own section, for its supervisor. */
export interface PartySection {
  partyKind: Exclude<PartyKind, 'department'>;
  supervisor: Exclude<Supervisor, 'authority'>;
  departmentCode: string;
  departmentName: string;
  /** its confirmed findings of the year, by kind */
  findings: { kind: FindingKind; label: string; article: string; n: number }[];
  confirmedFindings: number;
  /** open processes past their deadline while it holds the turn */
  overdueOpen: { type: ProcessType; n: number }[];
}

export interface EvaluationResult {
  departments: DepartmentEvaluation[];
  authority: PartySection | null;
  countyGovernment: PartySection | null;
}

const sum = (rows: readonly { n: number }[]): number => rows.reduce((s, r) => s + r.n, 0);

export function evaluate(input: EvaluationInput): EvaluationResult {
  const { parameters: p, weights } = input.indicators;
  const of = <T extends { departmentCode: string }>(rows: readonly T[], code: string) => rows.filter((r) => r.departmentCode === code);
  const own = input.findings.filter((f) => f.partyKind === 'department');
  // An overdue deadline is charged to whoever holds its stage (SPEC §6), not to the registered department.
  const overdueHeldBy = (party: PartyKind) => input.overdue.filter((o) => (holderOf(o.stage) ?? 'department') === party);
  const departmentOverdue = overdueHeldBy('department');

  const rows = input.departments.map(({ code, name }) => {
    const processes = input.types.map((type) => {
      const row = input.closed.find((c) => c.departmentCode === code && c.type === type);
      const closed = row?.closed ?? 0;
      const onTime = closed - (row?.late ?? 0);
      const overdueOpen = sum(of(departmentOverdue, code).filter((o) => o.type === type));
      return { type, closed, onTime, onTimeRate: onTimeRate(onTime, closed), overdueOpen };
    });
    const closedGathering = input.closed.filter((c) => c.departmentCode === code && GATHERING_TYPES.includes(c.type as ProcessType));
    const gatheringClosed = closedGathering.reduce((s, c) => s + c.closed, 0);
    const gathering = {
      closed: gatheringClosed,
      onTime: gatheringClosed - closedGathering.reduce((s, c) => s + c.late, 0),
      findings: sum(of(own, code).filter((f) => f.article === GATHERING_ARTICLE)),
    };
    const answered = of(input.sharingAnswered, code)[0];
    const sharing = { answered: answered?.answered ?? 0, onTime: answered?.onTime ?? 0, overturned: sum(of(input.overturned, code)) };
    const annualReportOnTime = reportOnTime(of(input.reports, code)[0], input.today);
    const application = { requests: sum(of(input.requestsMade, code)), annualReportOnTime };
    const register = of(input.security, code);
    const security = {
      riskAssessments: sum(register.filter((r) => r.kind === 'risk_assessment')),
      drills: sum(register.filter((r) => r.kind === 'emergency_drill')),
    };
    const scores = {
      gathering: gatheringScore(gathering, p),
      sharing: sharingScore(sharing, p),
      application: applicationScore(application, p),
      security: securityScore(security, p),
    };
    return {
      departmentCode: code,
      departmentName: name,
      processes,
      violations: sum(of(own, code)),
      openRectifications: sum(of(input.openRectifications, code)),
      criticized: sum(of(input.criticized, code)),
      annualReportOnTime,
      gathering: { ...gathering, score: scores.gathering },
      sharing: { ...sharing, score: scores.sharing },
      application: { ...application, score: scores.application },
      security: { ...security, score: scores.security },
      total: totalScore(scores, weights),
    };
  });
  const ranks = new Map(rankByTotal(rows).map((r) => [r.departmentCode, r.rank]));

  const section = (partyKind: PartySection['partyKind'], dept: { code: string; name: string } | null): PartySection | null => {
    if (!dept) return null;
    const byKind = new Map<FindingKind, number>();
    for (const f of input.findings.filter((x) => x.partyKind === partyKind)) {
      const kind = findingKindOf(f.kind);
      if (kind) byKind.set(kind, (byKind.get(kind) ?? 0) + f.n);
    }
    const findings = [...byKind].map(([kind, n]) => ({ kind, label: FINDING_INFO[kind].label, article: FINDING_INFO[kind].article, n }));
    const held = overdueHeldBy(partyKind);
    return {
      partyKind,
      supervisor: SUPERVISOR_OF[partyKind] as PartySection['supervisor'],
      departmentCode: dept.code,
      departmentName: dept.name,
      findings,
      confirmedFindings: sum(findings),
      overdueOpen: input.types.map((type) => ({ type, n: sum(held.filter((o) => o.type === type)) })).filter((o) => o.n > 0),
    };
  };

  return {
    departments: rows.map((r) => ({ ...r, rank: ranks.get(r.departmentCode)! })),
    authority: section('authority', input.authority),
    countyGovernment: section('county_government', input.countyGovernment),
  };
}

// ---- the security register (第四十二条、第四十三条) ----------------------------------------------

export const SECURITY_RECORD_KINDS = ['risk_assessment', 'emergency_drill'] as const;
export type SecurityRecordKind = (typeof SECURITY_RECORD_KINDS)[number];
const SECURITY_LABELS: Record<SecurityRecordKind, string> = {
  risk_assessment: '安全风险评估（第四十二条）',
  emergency_drill: '应急演练（第四十三条）',
};
export const securityRecordLabel = (k: SecurityRecordKind): string => SECURITY_LABELS[k];

// ---- CSV ----------------------------------------------------------------------------------

/** 66.67%; — when nothing closed. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

const yesNo = (v: boolean | null): string => (v === null ? '—' : v ? '是' : '否');

/** One row per department, a header row in Chinese; RFC 4180 quoting. */
export function evaluationCsv(types: readonly ProcessType[], rows: readonly DepartmentEvaluation[]): string {
  const header = [
    '部门代码',
    '部门名称',
    ...types.flatMap((t) => {
      const label = processTypeLabel(t);
      return [`${label}年内办结数`, `${label}按时办结数`, `${label}按时办结率`, `${label}当前超期未办结数`];
    }),
    '年内违规数',
    '未结整改通知数',
    '年内通报批评数',
    '年度报告按时报送',
    ...DIMENSIONS.map((d) => `${dimensionLabel(d)}得分`),
    '总分',
    '排名',
  ];
  const body = rows.map((d) => [
    d.departmentCode,
    d.departmentName,
    ...types.flatMap((t) => {
      const p = d.processes.find((x) => x.type === t);
      return p ? [p.closed, p.onTime, percent(p.onTimeRate), p.overdueOpen] : [0, 0, percent(null), 0];
    }),
    d.violations,
    d.openRectifications,
    d.criticized,
    yesNo(d.annualReportOnTime),
    ...DIMENSIONS.map((dim) => d[dim].score.toFixed(2)),
    d.total.toFixed(2),
    d.rank,
  ]);
  return toCsv(header, body);
}
