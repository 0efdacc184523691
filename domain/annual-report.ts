// 第四十六条: the yearly reports. Departments report by 31 December of year Y, the authority
// reports to the county government by 15 January Y+1 (“1月中旬前”: the 15th), and the county
// government to the city by 31 January Y+1. These are calendar dates, not working days.
import { REPORT_FIGURE } from './bounds';
import { type Actor, isDepartmentUser } from './roles';
import { type Deadline, startOfDay } from './deadline';
import { type DomainError, domainError } from './errors';
import { responsibilityOf, type Supervisor, supervisorLabel } from './responsibility';
import { addCalendarDays, endOfDay, type IsoDate } from './working-days';
import type { StageOf } from './vocabulary';

export const REPORT_ARTICLE = '第四十六条';

/** Reminders go out this many calendar days before each date. */
export const REMINDER_DAYS_BEFORE = [10, 3] as const;

export type AnnualReportStage = StageOf<'annual_report'>;

export function annualReportDates(year: number): { departmentsDue: IsoDate; authorityDue: IsoDate; countyDue: IsoDate } {
  return { departmentsDue: `${year}-12-31`, authorityDue: `${year + 1}-01-15`, countyDue: `${year + 1}-01-31` };
}

/** A calendar-date deadline in the shape every process records; yellow from the last reminder. */
export function calendarDateDeadline(due: IsoDate): Deadline {
  return {
    due,
    endsAt: endOfDay(due),
    warningAt: startOfDay(addCalendarDays(due, -Math.min(...REMINDER_DAYS_BEFORE))),
    provisional: false,
    calendarVersion: 'calendar-dates',
  };
}

/** The instants (00:00 Beijing time) at which reminders go out before `due`, earliest first. */
export const reminderInstants = (due: IsoDate): string[] => REMINDER_DAYS_BEFORE.map((d) => startOfDay(addCalendarDays(due, -d)));

/**
 * The figures of a department's year the system counts itself (第四十六条). The draft is pre-filled
 * with them; the county report is compiled from them; what a department types is compared with
 * them, never added up.
 */
export const REPORT_FIGURES = [
  'catalogEntries',
  'catalogUpdatesOnTime',
  'catalogUpdatesLate',
  'sharingRequestsServed',
  'sharingRequestsDecided',
  'sharingRequestsMade',
  'correctionsHandled',
  'correctionsOnTime',
] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];
export type ReportFigures = Record<ReportFigure, number>;

export const REPORT_FIGURE_LABELS: Record<ReportFigure, string> = {
  catalogEntries: '目录条目数',
  catalogUpdatesOnTime: '按时完成的目录更新',
  catalogUpdatesLate: '超期的目录更新',
  sharingRequestsServed: '作为提供部门收到的共享申请',
  sharingRequestsDecided: '作为提供部门答复的共享申请',
  sharingRequestsMade: '本部门提出的共享申请',
  correctionsHandled: '办结的数据校核',
  correctionsOnTime: '按时办结的数据校核',
};

/** What a department reports (structured; the system pre-fills the figures it has). */
export interface DepartmentReportContent extends ReportFigures {
  securityWork: string;
  summary: string;
}

/** One figure where a department's report and the system's own count differ, side by side. */
export interface FigureDifference {
  figure: ReportFigure;
  label: string;
  reported: number;
  system: number;
  /** reported − system */
  difference: number;
}

/**
 * The figures a department reported that differ from the system's. A figure the report does not
 * hold (a report filed before the figure existed) is not a difference: nothing was reported.
 */
export function figureDifferences(reported: Record<string, unknown> | null | undefined, system: ReportFigures): FigureDifference[] {
  if (!reported) return [];
  return REPORT_FIGURES.flatMap((figure) => {
    const value = reported[figure];
    if (typeof value !== 'number' || value === system[figure]) return [];
    return [{ figure, label: REPORT_FIGURE_LABELS[figure], reported: value, system: system[figure], difference: value - system[figure] }];
  });
}

/** The county's totals: the sum of the system's own figures over every tracked department. */
export const systemTotals = (figures: readonly ReportFigures[]): ReportFigures =>
  Object.fromEntries(REPORT_FIGURES.map((f) => [f, figures.reduce((sum, x) => sum + x[f], 0)])) as ReportFigures;

/**
 * A figure's bound and the one relation between figures a report must keep. A figure a report
 * does not hold (filed before the figure existed; the API requires every one) is not checked.
 */
export function checkReportFigures(content: Partial<ReportFigures>): DomainError | null {
  for (const f of REPORT_FIGURES) {
    const v = content[f];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < REPORT_FIGURE.min || v > REPORT_FIGURE.max)
      return domainError('REPORT_FIGURE_RANGE', REPORT_FIGURE_LABELS[f]);
  }
  if ((content.correctionsOnTime ?? 0) > (content.correctionsHandled ?? Number.POSITIVE_INFINITY))
    return domainError('REPORT_FIGURES_INCONSISTENT', '按时办结的数据校核不能多于办结的数据校核');
  return null;
}

/**
 * The year whose reports are under way on `today` (Beijing date) in the months a system must
 * not wait for a schedule: December → that year (departments report by 31 December), January →
 * the previous year (the authority and the county government report by 15 and 31 January).
 * Any other month: null, the 1 December schedule opens the year.
 */
export function reportingYearOn(today: IsoDate): number | null {
  const year = Number(today.slice(0, 4));
  const month = today.slice(5, 7);
  if (month === '12') return year;
  if (month === '01') return year - 1;
  return null;
}

/** No report for a year after the current Beijing year can be filed (第四十六条 reports a year that has come). */
export function checkYearFileable(year: number, today: IsoDate): DomainError | null {
  if (year > Number(today.slice(0, 4))) return domainError('REPORT_YEAR_IN_FUTURE', `${year} 年尚未到来（今天是 ${today}）`);
  return null;
}

/**
 * A year may be opened from 1 January of that year until its last date (31 January of the next
 * year) has passed; a future year is refused, and so is a past year whose every date is over:
 * opening it would only charge every department for a period that ran before the system did.
 */
export function checkYearOpenable(year: number, today: IsoDate): DomainError | null {
  const future = checkYearFileable(year, today);
  if (future) return future;
  const { countyDue } = annualReportDates(year);
  if (today > countyDue) return domainError('REPORT_YEAR_OVER', `${year} 年度的最后期限为 ${countyDue}`);
  return null;
}

/**
 * The authority files its own department report (it is itself a 政务部门): the duty and the
 * finding's party kind stay those of 第四十六条第一款 ('department', charged to the authority's
 * department code), but its supervisor is the county government: the authority does not
 * supervise itself (第六条; SPEC §6). Other departments: the model's own supervisor.
 */
export const missedReportSupervisor = (departmentCode: string, authorityCode: string | null): Supervisor | undefined =>
  departmentCode === authorityCode ? 'county_government' : undefined;

export interface SubmissionRecord {
  by: string;
  at: string;
  late: boolean;
}

export interface AnnualReportState {
  year: number;
  stage: AnnualReportStage;
  deadline: Deadline;
  /** the authority's department, which owns the process */
  authorityCode: string;
  departments: string[];
  submitted: Record<string, SubmissionRecord>;
  countyReport?: SubmissionRecord;
  citySubmission?: SubmissionRecord;
}

/**
 * Who files a department's report: its own staff or head, and for the authority's own report
 * (the authority is itself a 政务部门) its reviewers, who are the authority's officials.
 */
export const filesFor = (actor: Pick<Actor, 'role' | 'departmentCode'>, authorityCode: string | null): boolean =>
  isDepartmentUser(actor) ||
  (actor.role === 'authority_reviewer' && actor.departmentCode !== null && actor.departmentCode === authorityCode);

export const pendingDepartments = (s: AnnualReportState): string[] => s.departments.filter((d) => !s.submitted[d]);

export function checkDepartmentReport(s: AnnualReportState, actor: Actor, content: DepartmentReportContent): DomainError | null {
  if (s.stage === 'completed') return domainError('PROCESS_CLOSED');
  if (!filesFor(actor, s.authorityCode) || !actor.departmentCode || !s.departments.includes(actor.departmentCode)) {
    return domainError('FORBIDDEN_DEPARTMENT');
  }
  if (s.submitted[actor.departmentCode])
    return domainError('REPORT_ALREADY_SUBMITTED', `${s.year} 年度报告已于 ${s.submitted[actor.departmentCode]!.at} 提交`);
  if (!content.summary.trim()) return domainError('REASON_REQUIRED', '请填写年度工作总结');
  return checkReportFigures(content);
}

/** The authority compiles once the departments' period is over (or all have reported). */
export function checkCountyReport(s: AnnualReportState, actor: Actor): DomainError | null {
  if (actor.role !== 'authority_reviewer') return domainError('FORBIDDEN_ROLE_STEP', '只有县政务数据资源主管部门可以报送县级年度报告');
  if (s.countyReport) return domainError('REPORT_ALREADY_SUBMITTED', `${s.year} 年度县级报告已提交`);
  if (s.stage !== 'authority_compiling') return domainError('REPORT_NOT_YET', '各部门报送期尚未结束');
  return null;
}

export function checkCitySubmission(s: AnnualReportState, actor: Actor): DomainError | null {
  if (actor.role !== 'county_government') return domainError('FORBIDDEN_ROLE_STEP', '只有县人民政府可以向市人民政府报送');
  if (s.citySubmission) return domainError('REPORT_ALREADY_SUBMITTED', `${s.year} 年度报告已报送市人民政府`);
  if (s.stage !== 'county_submitting') return domainError('REPORT_NOT_YET', '县级年度报告尚未报送县人民政府');
  return null;
}

// ---- notices (第四十六条): who is told what when a date passes -------------------------------

/** A notice to a department (departmentCode) or, county-wide, to a role. */
export interface PartyNotice {
  departmentCode: string | null;
  role: 'authority_reviewer' | 'county_government' | null;
  kind: string;
  message: string;
}

/** To a department that missed 31 December; names its supervisor when it is not the authority. */
export const missedReportNotice = (year: number, due: IsoDate, supervisor?: Supervisor): string =>
  `未在 ${due} 前报送 ${year} 年度报告，已记录（第四十六条第一款）${supervisor ? `，报${supervisorLabel(supervisor)}监督` : ''}；请尽快补报`;

/** To the county government, the supervisor of the authority's own missed department report. */
export const authorityMissedNotice = (year: number, due: IsoDate): string =>
  `县政务数据资源主管部门未在 ${due} 前报送本部门 ${year} 年度政务数据资源管理情况，已记录（第四十六条第一款），由县人民政府监督`;

/**
 * A late county report (the authority's, supervised by the county government) or a late city
 * submission (the county government's, supervised by the city): the party charged and the other
 * county party are told, each notice naming the supervisor the finding is reported to (SPEC §6).
 */
export function lateNotices(kind: 'county_report_late' | 'city_submission_late', year: number, due: IsoDate): PartyNotice[] {
  const r = responsibilityOf(kind)!;
  const supervisor = supervisorLabel(r.supervisor);
  if (kind === 'county_report_late')
    return [
      {
        departmentCode: null,
        role: 'authority_reviewer',
        kind,
        message: `${year} 年度县级报告未在 ${due} 前提交县人民政府，已记录（${r.article}），报${supervisor}监督`,
      },
      {
        departmentCode: null,
        role: 'county_government',
        kind,
        message: `县政务数据资源主管部门未在 ${due} 前提交 ${year} 年度县级报告，已记录（${r.article}），由${supervisor}监督`,
      },
    ];
  return [
    {
      departmentCode: null,
      role: 'county_government',
      kind,
      message: `${year} 年度报告未在 ${due} 前报送市人民政府，已记录（${r.article}），报${supervisor}监督`,
    },
    {
      departmentCode: null,
      role: 'authority_reviewer',
      kind,
      message: `县人民政府未在 ${due} 前向市人民政府报送 ${year} 年度报告，已记录（${r.article}），由${supervisor}监督`,
    },
  ];
}
