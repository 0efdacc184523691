// 第十八条: the catalog update process. Ten working days from the change date D for the
// department to apply; five working days from each receipt for the authority to review; a
// return does not reset the department's clock. Pure rules the workflow's validators ask.
import { type CatalogChange, checkChanges } from './catalog';
import type { Deadline } from './deadline';
import { type DomainError, domainError } from './errors';
import { type Actor, canWorkDepartment } from './roles';
import type { IsoDate } from './working-days';
import type { StageOf } from './vocabulary';

export const SUBMISSION_WORKING_DAYS = 10;
export const REVIEW_WORKING_DAYS = 5;
export { VIOLATION_ARTICLE } from './correction';

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
  late: boolean;
  reviewDeadline: Deadline;
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

/** The deadline that runs now: the authority's while it reviews, the department's otherwise. */
export function deadlineInForce(s: CatalogUpdateState): Deadline {
  const current = currentSubmission(s);
  return s.stage === 'under_review' && current ? current.reviewDeadline : s.submissionDeadline;
}

/** 第十八条: only the owning department applies, while it is its turn, with changes that pass 第十五条/第三十条. */
export function checkSubmission(s: CatalogUpdateState, actor: Actor, changes: readonly CatalogChange[]): DomainError | null {
  if (s.stage === 'approved') return domainError('PROCESS_CLOSED');
  if (!canWorkDepartment(actor, s.departmentCode)) return domainError('FORBIDDEN_DEPARTMENT');
  if (s.stage === 'under_review') return domainError('APPLICATION_UNDER_REVIEW');
  return checkChanges(changes);
}

/** 第六条, 第十八条: only the authority reviews, an application under review; a return gives its reasons. */
export function checkReview(s: CatalogUpdateState, actor: Actor, decision: { approve: boolean; reason?: string }): DomainError | null {
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
