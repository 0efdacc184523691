// 第十八条: the catalog update process. Ten working days from the change date D for the
// department to apply; five working days from each receipt for the authority to review; a
// return opens a resubmission period the authority sets (default 5 working days from the day
// of the return), never the department's expired 10-day clock. Pure rules the workflow's
// validators ask, and who answers for the deadline in force (SPEC §3.1, §6).
import { type CatalogChange, checkChanges } from './catalog';
import type { Deadline } from './deadline';
import { type PartyKind, responsibilityOf } from './responsibility';
import { RESUBMISSION_PERIOD_DAYS, withinBound } from './bounds';
import { type DomainError, domainError } from './errors';
import { type Actor, canWorkDepartment } from './roles';
import type { IsoDate } from './working-days';
import type { StageOf } from './vocabulary';

export const SUBMISSION_WORKING_DAYS = 10;
export const REVIEW_WORKING_DAYS = 5;
export { VIOLATION_ARTICLE } from './correction';

/**
 * 第十八条 sets no period for resubmitting a returned application: the authority's setting
 * (process_settings), counted in working days from the day of the return.
 */
export const DEFAULT_RESUBMISSION_WORKING_DAYS = 5;
export const RESUBMISSION_WORKING_DAYS_SETTING = 'catalog_resubmission_working_days';

/** The authority's setting, within RESUBMISSION_PERIOD_DAYS; it applies to returns from then on. */
export function checkResubmissionWorkingDays(days: number): DomainError | null {
  return withinBound(RESUBMISSION_PERIOD_DAYS, days) ? null : domainError('RESUBMISSION_PERIOD_RANGE');
}

/** The stored finding kinds (domain/vocabulary.ts FINDING_KINDS), one per missed deadline. */
export const SUBMISSION_OVERDUE = 'catalog_submission_overdue';
/** the authority's late review of the n-th receipt (第十八条第二款) */
export const reviewOverdue = (n: number): string => `catalog_review_overdue_${n}`;
/** the department's late resubmission after the n-th application was returned (the authority's period) */
export const resubmissionOverdue = (n: number): string => `catalog_resubmission_overdue_${n}`;

export const CHANGE_TRIGGERS = ['law_amended', 'functions_changed'] as const;
export type ChangeTrigger = (typeof CHANGE_TRIGGERS)[number];

/** awaiting_application and returned: the department's turn; under_review: the authority's. */
export type CatalogUpdateStage = StageOf<'catalog_update'>;

export interface Submission {
  /** 1 for the first receipt, +1 on each resubmission */
  n: number;
  changes: CatalogChange[];
  submittedBy: string;
  submittedAt: string;
  /** the day of receipt R: the review period counts from it */
  receivedOn: IsoDate;
  /** past the department's deadline in force at receipt: the 10 days from D, or after a return the resubmission period */
  late: boolean;
  reviewDeadline: Deadline;
  /** set when this application was returned (since the resubmission period): the department's deadline to resubmit */
  resubmissionDeadline?: Deadline;
  decision?: { approve: boolean; by: string; at: string; reason?: string; late: boolean; catalogVersion?: number };
}

export interface CatalogUpdateState {
  changeId: string;
  departmentCode: string;
  changeDate: IsoDate;
  stage: CatalogUpdateStage;
  /** 10 working days from D; never reset by a return */
  submissionDeadline: Deadline;
  submissions: Submission[];
  /** the catalog version the approval made */
  catalogVersion?: number;
}

export const currentSubmission = (s: CatalogUpdateState): Submission | undefined => s.submissions.at(-1);

/** The deadline that runs now: the authority's while it reviews, the resubmission period after a return, the 10 days from D otherwise. */
export function deadlineInForce(s: CatalogUpdateState): Deadline {
  return turnOf(s).deadline;
}

/** Whose turn it is, under which deadline, and the finding its passing is (SPEC §6: whoever holds the turn). */
export interface CatalogTurn {
  /** `submission`, `review-<n>` or `resubmission-<n>`: one wait per deadline */
  key: string;
  deadline: Deadline;
  /** the stored finding kind a missed `deadline` records */
  finding: string;
  /** the party charged with it, from the finding's responsibility */
  party: PartyKind;
}

/**
 * 第十八条第一款 is met by a first application within 10 working days of D; a returned
 * application's resubmission answers to the period the authority set at the return
 * (catalog_resubmission_overdue, a timeliness finding), never again to 第四十九条(八). A return
 * recorded before the resubmission period (no resubmissionDeadline) falls back, as it did, to
 * the 10 days from D.
 */
export function turnOf(s: CatalogUpdateState): CatalogTurn {
  const current = currentSubmission(s);
  const charged = (key: string, deadline: Deadline, finding: string): CatalogTurn => ({
    key,
    deadline,
    finding,
    party: responsibilityOf(finding)!.partyKind,
  });
  if (s.stage === 'under_review' && current) return charged(`review-${current.n}`, current.reviewDeadline, reviewOverdue(current.n));
  if (s.stage === 'returned' && current?.resubmissionDeadline)
    return charged(`resubmission-${current.n}`, current.resubmissionDeadline, resubmissionOverdue(current.n));
  return charged('submission', s.submissionDeadline, SUBMISSION_OVERDUE);
}

/** 第十八条: only the owning department applies, while it is its turn, with changes that pass 第十五条/第三十条. */
export function checkSubmission(
  s: Pick<CatalogUpdateState, 'stage' | 'departmentCode'>,
  actor: Actor,
  changes: readonly CatalogChange[],
): DomainError | null {
  if (s.stage === 'approved') return domainError('PROCESS_CLOSED');
  if (!canWorkDepartment(actor, s.departmentCode)) return domainError('FORBIDDEN_DEPARTMENT');
  if (s.stage === 'under_review') return domainError('APPLICATION_UNDER_REVIEW');
  return checkChanges(changes);
}

/** 第六条, 第十八条: only the authority reviews, an application under review; a return gives its reasons. */
export function checkReview(
  s: Pick<CatalogUpdateState, 'stage'>,
  actor: Actor,
  decision: { approve: boolean; reason?: string },
): DomainError | null {
  if (s.stage === 'approved') return domainError('PROCESS_CLOSED');
  if (actor.role !== 'authority_reviewer') return domainError('NOT_AUTHORITY_REVIEWER');
  if (s.stage !== 'under_review') return domainError('NO_APPLICATION_UNDER_REVIEW');
  if (!decision.approve && !decision.reason?.trim()) return domainError('REASON_REQUIRED', '退回申请须说明理由');
  return null;
}

// ---- registering a change -------------------------------------------------------------------

/** A department registers its own changes; the authority registers for the department it names. */
export const registeringDepartment = (registrant: Actor, named: string | undefined): string | undefined =>
  named ?? (registrant.role === 'authority_reviewer' ? undefined : (registrant.departmentCode ?? undefined));

/** 第十八条: who may register a change for which department, and a change date no later than today. */
export function checkRegistration(
  r: { registrant: Actor; departmentCode: string | undefined; changeDate: IsoDate },
  c: { today: IsoDate; department: { active: boolean; kind: string } | null },
): DomainError | null {
  if (!r.departmentCode) return { ...domainError('DEPARTMENT_REQUIRED'), fields: [{ path: 'departmentCode', message: '缺少部门' }] };
  if (r.registrant.role !== 'authority_reviewer' && r.departmentCode !== r.registrant.departmentCode)
    return { code: 'FORBIDDEN_DEPARTMENT', message: '部门只能登记本部门的变更，或由主管部门代为登记' };
  if (!c.department?.active || c.department.kind !== 'department')
    return {
      code: 'UNKNOWN_DEPARTMENT',
      message: `部门不存在：${r.departmentCode}`,
      fields: [{ path: 'departmentCode', message: '部门不存在' }],
    };
  if (r.changeDate > c.today)
    return {
      code: 'CHANGE_DATE_IN_FUTURE',
      message: `变更日期不得晚于今天（${c.today}）`,
      fields: [{ path: 'changeDate', message: '不得晚于今天' }],
    };
  return null;
}
