// 第五十一条: 责令限期改正. The authority orders a 政务部门 to rectify a confirmed 第四十九条
// violation within a period of working days counted from the day of issue; the department
// reports, the authority accepts the rectification or rejects the report with reasons (the order
// stays open); a period that ends without an accepted rectification escalates to a circulated
// criticism (通报批评), and where serious the authority records a referral to the competent organ
// for 处分. Pure rules the rectification workflow's validators and the API ask.
// 第五十一条 cites 第四十八条 (the audit organ's supervision, which binds no department to any
// conduct): it is read as 第四十九条, the conduct it describes (README).
import { RECTIFICATION_PERIOD_DAYS, withinBound } from './bounds';
import { type Deadline, isPast } from './deadline';
import { type DomainError, domainError } from './errors';
import { cnDay } from './notice-text';
import { type FindingClass, type FindingStatus, type PartyKind, responsibilityOf } from './responsibility';
import { type Actor, canWorkDepartment } from './roles';
import type { StageOf } from './vocabulary';
import type { IsoDate } from './working-days';

export const RECTIFICATION_ARTICLE = '第五十一条';

export const RECTIFICATION_STATUSES = ['open', 'rectified', 'criticized'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** rectifying: the department's turn; awaiting_acceptance: the authority's; rectified and criticized close the process. */
export type RectificationStage = StageOf<'rectification'>;

export interface RectificationReport {
  report: string;
  reportedBy: string;
  reportedAt: string;
}

/** The authority's decision on a report: accepted (rectified) or rejected with its reasons. */
export interface RectificationDecision {
  accept: boolean;
  reason: string | null;
  decidedBy: string;
  decidedAt: string;
}

export interface RectificationState {
  orderId: string;
  violationId: number;
  departmentCode: string;
  issuedOn: IsoDate;
  periodWorkingDays: number;
  stage: RectificationStage;
  deadline: Deadline;
  /** the latest report; before patched('rectification-acceptance') the only one, and it closed the order */
  report?: RectificationReport;
  /** every report and decision in turn (the acceptance path) */
  reports?: RectificationReport[];
  decisions?: RectificationDecision[];
  criticizedAt?: string;
}

/** The finding an order is asked for, as the registry holds it. */
export interface OrderableFinding {
  kind: string;
  partyKind: PartyKind;
  findingClass: FindingClass;
  status: FindingStatus;
}

/**
 * SPEC §6: only a 政务部门's 第四十九条 violation enters the 第五十一条 chain, and only once it is
 * confirmed. Findings against the authority or the county government, and the timeliness
 * findings, go to their supervisors instead; the authority never orders itself.
 */
export function checkOrderable(f: OrderableFinding): DomainError | null {
  const r = responsibilityOf(f.kind);
  if (!r?.rectifiable || f.partyKind !== 'department' || f.findingClass !== 'violation') {
    return domainError('RECTIFICATION_NOT_APPLICABLE');
  }
  if (f.status !== 'confirmed') return domainError('FINDING_NOT_CONFIRMED');
  return null;
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

/**
 * A report must say what was done: at least this many letters or digits once blanks,
 * punctuation and symbols are left out ("。", "……", "ok" are not reports). Our setting; the real
 * guard is the authority's acceptance.
 */
export const REPORT_MIN_SUBSTANCE = 4;

/** The letters and digits of a text, without blanks, punctuation or symbols. */
const substanceOf = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, '');

export const isSubstantive = (text: string, min = REPORT_MIN_SUBSTANCE): boolean => [...substanceOf(text)].length >= min;

/**
 * Only the ordered department reports, before the period ends, while no report awaits the
 * authority; on the acceptance path again after a rejection.
 */
export function checkReport(s: RectificationState, actor: Actor, report: string, nowMs: number): DomainError | null {
  if (s.stage === 'awaiting_acceptance') return domainError('RECTIFICATION_AWAITING_ACCEPTANCE');
  if (s.stage !== 'rectifying' || (s.report && !s.reports)) return domainError('PROCESS_CLOSED');
  if (!canWorkDepartment(actor, s.departmentCode)) return domainError('FORBIDDEN_DEPARTMENT');
  if (isPast(s.deadline, nowMs)) return domainError('RECTIFICATION_AFTER_DEADLINE', `整改期限为 ${s.deadline.due}`);
  if (!isSubstantive(report)) return domainError('RECTIFICATION_REPORT_NOT_SUBSTANTIVE');
  return null;
}

/**
 * The authority decides the report awaiting it: a rejection states its reasons. A report filed
 * within the period may be decided after the period ends (rule "report in time awaits
 * acceptance", README): the department is not criticised for the authority's time.
 */
export function checkAcceptance(s: RectificationState, actor: Actor, d: { accept: boolean; reason?: string | null }): DomainError | null {
  if (actor.role !== 'authority_reviewer') return domainError('NOT_RECTIFICATION_AUTHORITY');
  if (s.stage === 'rectified' || s.stage === 'criticized') return domainError('PROCESS_CLOSED');
  if (s.stage !== 'awaiting_acceptance') return domainError('NO_RECTIFICATION_REPORT');
  if (!d.accept && !isSubstantive(d.reason ?? '', 2)) return domainError('REASON_REQUIRED', '不予验收的，须写明未通过验收的原因');
  return null;
}

/** Whether the period has ended without a rectification the authority accepted: 通报批评 follows. */
export const unrectifiedAtEnd = (s: RectificationState, nowMs: number): boolean => s.stage === 'rectifying' && isPast(s.deadline, nowMs);

// ---- 通报批评: the circular --------------------------------------------------------------

/** The authority's document prefix (云阳县 数据 通报): `云数通〔2025〕3号`. Our setting. */
export const CIRCULAR_PREFIX = '云数通';

export const circularNumber = (year: number, seq: number): string => `${CIRCULAR_PREFIX}〔${year}〕${seq}号`;

export interface CircularFacts {
  number: string;
  issuedOn: IsoDate;
  departmentName: string;
  orderId: string;
  requirement: string;
  due: IsoDate;
  violationArticle: string;
  violationLabel: string;
}

/** The circular's text, as it is sent to every department and the county government. */
export function circularText(f: CircularFacts): string {
  return [
    `关于对${f.departmentName}未按期完成整改的通报（${f.number}）`,
    '各政务部门、县人民政府：',
    `${f.departmentName}存在“${f.violationLabel}”的情形，违反《云阳县政务数据资源管理暂行办法》${f.violationArticle}的规定。` +
      `县政务数据资源主管部门依照第五十一条下达整改通知（${f.orderId}），要求“${f.requirement}”，整改期限至 ${cnDay(f.due)}。` +
      '该部门在期限内未完成整改，现依照第五十一条予以通报批评。',
    '请各部门引以为戒，依法履行政务数据资源管理职责。',
    `县政务数据资源主管部门　${cnDay(f.issuedOn)}`,
  ].join('\n');
}

// ---- 情节严重: referral to the competent organ --------------------------------------------

export interface ReferralInput {
  organ: string;
  persons: string;
  referredOn: IsoDate;
  reason: string;
  /** 情节严重: a referral before, or without, a criticism */
  serious: boolean;
}

/** Once per order; after 通报批评, or at any time for a case the authority finds serious. */
export function checkReferral(
  order: { status: RectificationStatus },
  exists: boolean,
  r: Pick<ReferralInput, 'serious' | 'reason' | 'organ' | 'persons'>,
): DomainError | null {
  if (exists) return domainError('REFERRAL_EXISTS');
  if (order.status !== 'criticized' && !r.serious) return domainError('REFERRAL_NOT_ALLOWED');
  if (![r.organ, r.persons, r.reason].every((t) => isSubstantive(t, 2))) return domainError('REFERRAL_DETAILS_REQUIRED');
  return null;
}
