// 第四十六条: the yearly reports. Departments report by 31 December of year Y, the authority
// reports to the county government by 15 January Y+1 (“1月中旬前”: the 15th), and the county
// government to the city by 31 January Y+1. These are calendar dates, not working days.
import type { Actor } from './roles';
import { type Deadline, startOfDay } from './deadline';
import { type DomainError, domainError } from './errors';
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

/** What a department reports (structured; the system pre-fills the figures it has). */
export interface DepartmentReportContent {
  catalogEntries: number;
  catalogUpdatesOnTime: number;
  catalogUpdatesLate: number;
  sharingRequestsServed: number;
  correctionsHandled: number;
  correctionsOnTime: number;
  securityWork: string;
  summary: string;
}

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

export const pendingDepartments = (s: AnnualReportState): string[] => s.departments.filter((d) => !s.submitted[d]);

export function checkDepartmentReport(s: AnnualReportState, actor: Actor, content: DepartmentReportContent): DomainError | null {
  if (s.stage === 'completed') return domainError('PROCESS_CLOSED');
  if (
    (actor.role !== 'department_staff' && actor.role !== 'department_head') ||
    !actor.departmentCode ||
    !s.departments.includes(actor.departmentCode)
  ) {
    return domainError('FORBIDDEN_DEPARTMENT');
  }
  if (s.submitted[actor.departmentCode])
    return domainError('REPORT_ALREADY_SUBMITTED', `${s.year} 年度报告已于 ${s.submitted[actor.departmentCode]!.at} 提交`);
  if (!content.summary.trim()) return domainError('REASON_REQUIRED', '请填写年度工作总结');
  return null;
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
