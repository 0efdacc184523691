// 第五十一条: 责令限期改正. The authority orders a department to rectify a recorded violation
// within a period of working days counted from the day of issue; a report of rectification in
// time closes the order, and a period that passes without one escalates to a circulated
// criticism (通报批评). Pure rules the rectification workflow's validator asks.
import { RECTIFICATION_PERIOD_DAYS, withinBound } from './bounds';
import { type Deadline, isPast } from './deadline';
import { type DomainError, domainError } from './errors';
import { type Actor, canWorkDepartment } from './roles';
import type { IsoDate } from './working-days';
import type { StageOf } from './vocabulary';

export const RECTIFICATION_ARTICLE = '第五十一条';

export const RECTIFICATION_STATUSES = ['open', 'rectified', 'criticized'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** rectifying: the department's turn; rectified and criticized close the process. */
export type RectificationStage = StageOf<'rectification'>;

export interface RectificationReport {
  report: string;
  reportedBy: string;
  reportedAt: string;
}

export interface RectificationState {
  orderId: string;
  violationId: number;
  departmentCode: string;
  issuedOn: IsoDate;
  periodWorkingDays: number;
  stage: RectificationStage;
  deadline: Deadline;
  report?: RectificationReport;
  criticizedAt?: string;
}

/** The order as the authority words it: a stated requirement and a period of 1–30 working days. */
export function checkOrder(o: { requirement: string; periodWorkingDays: number }): DomainError | null {
  if (!o.requirement.trim()) return domainError('RECTIFICATION_REQUIREMENT_REQUIRED');
  const days = o.periodWorkingDays;
  if (!withinBound(RECTIFICATION_PERIOD_DAYS, days)) {
    return domainError('RECTIFICATION_PERIOD_RANGE');
  }
  return null;
}

/** Only the ordered department reports, once, before the period ends. */
export function checkReport(s: RectificationState, actor: Actor, report: string, nowMs: number): DomainError | null {
  if (s.stage !== 'rectifying' || s.report) return domainError('PROCESS_CLOSED');
  if (!canWorkDepartment(actor, s.departmentCode)) return domainError('FORBIDDEN_DEPARTMENT');
  if (isPast(s.deadline, nowMs)) return domainError('RECTIFICATION_AFTER_DEADLINE', `整改期限为 ${s.deadline.due}`);
  if (!report.trim()) return domainError('REASON_REQUIRED', '请填写整改情况');
  return null;
}
