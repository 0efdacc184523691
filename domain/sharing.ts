// 第二十九条 to 第三十二条: data sharing. A department asks for a catalog resource with its
// purpose and the duty it serves (第四十九条(四)(五)); the entry's sharing type decides the first
// answer — unconditional: granted at once; conditional: the provider decides within a period
// the authority sets; not_shared: refused with the cited basis. A refusal may be disputed
// (第三十二条): the authority coordinates with the provider and decides, or refers the case to
// the county government, whose decision closes it. Pure rules the workflows and the API ask.
import type { CatalogEntry, SharingType } from './catalog';
import { SHARING_DECISION_DAYS, withinBound } from './bounds';
import type { Deadline } from './deadline';
import { type DomainError, domainError } from './errors';
import { type Actor, canReadDepartment, canWorkDepartment } from './roles';
import type { IsoDate } from './working-days';
import { FINDING_INFO, type StageOf } from './vocabulary';

/** Default period for the provider's decision on a conditional request; the authority may change it. */
export const DEFAULT_DECISION_WORKING_DAYS = 5;
/** 第三十二条 sets no period: the office's own, 10 working days for the authority to coordinate, 10 for the county government. */
export const COORDINATION_WORKING_DAYS = 10;
export const COUNTY_DECISION_WORKING_DAYS = 10;
/** A conditional request left undecided past the authority's period is a timeliness finding against the provider (SPEC §6). */
export const SHARING_VIOLATION_ARTICLE = FINDING_INFO.sharing_decision_overdue.article;
export const DECISION_OVERDUE = 'sharing_decision_overdue';
export const DECISION_WORKING_DAYS_SETTING = 'sharing_decision_working_days';

export const SHARING_STATUSES = ['pending', 'granted', 'granted_in_part', 'refused'] as const;
export type SharingStatus = (typeof SHARING_STATUSES)[number];

export const PROVIDER_DECISIONS = ['approve', 'approve_in_part', 'refuse'] as const;
export type ProviderDecisionKind = (typeof PROVIDER_DECISIONS)[number];

export interface SharingRequestDraft {
  requesterDepartment: string;
  dataItems: string[];
  purpose: string;
  duty: string;
}

/** The first answer, decided by the entry's sharing type (第二十九条). */
export type InitialAnswer = { status: 'granted'; dataItems: string[] } | { status: 'pending' } | { status: 'refused'; reason: string };

/** 第三十一条, 第四十九条(四)(五): another department's active entry, items it holds, a stated purpose and duty. */
export function checkSharingRequest(entry: CatalogEntry | null, r: SharingRequestDraft): DomainError | null {
  if (entry?.status !== 'active') return domainError('CATALOG_ENTRY_UNKNOWN');
  if (entry.departmentCode === r.requesterDepartment) return domainError('SHARING_OWN_RESOURCE');
  if (!r.purpose.trim() || !r.duty.trim()) return domainError('SHARING_PURPOSE_REQUIRED');
  if (r.dataItems.length === 0 || new Set(r.dataItems).size !== r.dataItems.length)
    return domainError('DATA_ITEMS_DUPLICATE', '须列明不重复的数据项');
  const unknown = r.dataItems.filter((i) => !entry.dataItems.includes(i));
  if (unknown.length > 0) return domainError('SHARING_ITEMS_UNKNOWN', unknown.join('、'));
  return null;
}

export function initialAnswer(sharingType: SharingType, sharingBasis: string | null, dataItems: string[]): InitialAnswer {
  if (sharingType === 'unconditional') return { status: 'granted', dataItems: [...dataItems] };
  if (sharingType === 'conditional') return { status: 'pending' };
  return { status: 'refused', reason: `该资源不予共享，依据：${sharingBasis ?? '未注明'}` };
}

export function checkDecisionWorkingDays(days: number): DomainError | null {
  return withinBound(SHARING_DECISION_DAYS, days) ? null : domainError('SHARING_DEADLINE_RANGE');
}

// ---- the provider's decision (a conditional request) -------------------------------------

export type SharingRequestStage = StageOf<'sharing_request'>;

export interface ProviderDecision {
  decision: ProviderDecisionKind;
  /** approve_in_part: the items granted, a proper subset of those requested */
  dataItems?: string[];
  reason?: string;
}

export interface SharingRequestState {
  requestId: string;
  requesterDepartment: string;
  providerDepartment: string;
  resourceCode: string;
  requestedItems: string[];
  receivedOn: IsoDate;
  decisionWorkingDays: number;
  stage: SharingRequestStage;
  deadline: Deadline;
  decided?: ProviderDecision & { by: string; at: string; late: boolean; grantedItems: string[] };
}

/** Only the providing department decides, once; a partial approval names a proper subset; a refusal gives its reason. */
export function checkProviderDecision(s: SharingRequestState, actor: Actor, d: ProviderDecision): DomainError | null {
  if (s.stage !== 'awaiting_sharing_decision' || s.decided) return domainError('PROCESS_CLOSED');
  if (!canWorkDepartment(actor, s.providerDepartment)) return domainError('NOT_PROVIDER');
  if (d.decision === 'refuse' && !d.reason?.trim()) return domainError('REASON_REQUIRED', '不同意共享须说明理由');
  if (d.decision === 'approve_in_part') {
    const items = d.dataItems ?? [];
    const proper = items.length > 0 && items.length < s.requestedItems.length && new Set(items).size === items.length;
    if (!proper || items.some((i) => !s.requestedItems.includes(i))) return domainError('SHARING_PARTIAL_ITEMS');
  }
  return null;
}

/** The items a decision grants: all requested, the named subset, or none. */
export function grantedItems(
  requested: readonly string[],
  d: { decision: ProviderDecisionKind | DisputeOutcome; dataItems?: string[] },
): string[] {
  if (d.decision === 'refuse' || d.decision === 'upheld') return [];
  if (d.decision === 'approve_in_part' || (d.decision === 'overturned' && d.dataItems?.length)) return [...(d.dataItems ?? [])];
  return [...requested];
}

export const stageOfDecision = (d: ProviderDecisionKind): Exclude<SharingRequestStage, 'awaiting_sharing_decision'> =>
  d === 'approve' ? 'granted' : d === 'approve_in_part' ? 'granted_in_part' : 'refused';

// ---- disputes (第三十二条) -----------------------------------------------------------------

/** dispute_coordinating: the authority's turn (with the provider); dispute_referred: the county government's. */
export type DisputeStage = StageOf<'sharing_dispute'>;
export const DISPUTE_OUTCOMES = ['upheld', 'overturned'] as const;
/** upheld: the refusal stands; overturned: the resource is shared (all requested items, or those named). */
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export type DisputeDecider = 'authority_reviewer' | 'county_government';

export interface DisputeDecision {
  outcome: DisputeOutcome;
  dataItems?: string[];
  reason: string;
}

export interface DisputeState {
  disputeId: string;
  requestId: string;
  requesterDepartment: string;
  providerDepartment: string;
  requestedItems: string[];
  /** a disputed partial grant: the items the provider granted (absent for a refusal) */
  grantedBefore?: string[];
  filedOn: IsoDate;
  stage: DisputeStage;
  deadline: Deadline;
  referral?: { by: string; at: string; reason: string };
  decided?: DisputeDecision & { by: string; role: DisputeDecider; at: string; grantedItems: string[] };
}

/** SPEC §3.7: a refusal and a partial grant are disputable alike (第三十二条 reads both as a refusal of what was asked). */
export const DISPUTABLE_STATUSES: readonly SharingStatus[] = ['refused', 'granted_in_part'];

/** Only the requester disputes, only a refusal or a partial grant, once. */
export function checkDispute(
  r: { status: SharingStatus; requesterDepartment: string; disputed: boolean },
  actor: Actor,
  grounds: string,
): DomainError | null {
  if (!canWorkDepartment(actor, r.requesterDepartment)) return domainError('NOT_REQUESTER');
  if (!DISPUTABLE_STATUSES.includes(r.status)) return domainError('DISPUTE_NOT_REFUSED');
  if (r.disputed) return domainError('DISPUTE_EXISTS');
  if (!grounds.trim()) return domainError('REASON_REQUIRED', '请说明异议理由');
  return null;
}

/** 第三十二条 必要时报请本级政府决定: the authority refers, while it coordinates, with a reason. */
export function checkReferral(s: DisputeState, actor: Actor, reason: string): DomainError | null {
  if (s.decided) return domainError('PROCESS_CLOSED');
  if (actor.role !== 'authority_reviewer') return domainError('FORBIDDEN_ROLE_STEP');
  if (s.stage !== 'dispute_coordinating' || s.referral) return domainError('DISPUTE_STAGE', '争议已报请县人民政府决定');
  if (!reason.trim()) return domainError('REASON_REQUIRED', '报请县人民政府决定须说明理由');
  return null;
}

/** The authority decides while it coordinates; once referred, only the county government. */
export function checkDisputeDecision(s: DisputeState, actor: Actor, d: DisputeDecision): DomainError | null {
  if (s.decided) return domainError('PROCESS_CLOSED');
  const owner = s.referral ? 'county_government' : 'authority_reviewer';
  if (actor.role !== owner) return domainError('FORBIDDEN_ROLE_STEP');
  if (!d.reason.trim()) return domainError('REASON_REQUIRED', '须说明决定理由');
  if (d.outcome === 'overturned' && d.dataItems?.length) {
    if (new Set(d.dataItems).size !== d.dataItems.length || d.dataItems.some((i) => !s.requestedItems.includes(i)))
      return domainError('SHARING_PARTIAL_ITEMS');
    // An overturned partial grant widens what the provider granted; upholding it keeps it as it is.
    const kept = (s.grantedBefore ?? []).filter((i) => !d.dataItems!.includes(i));
    if (kept.length > 0) return domainError('DISPUTE_ITEMS_NARROWER', `须包含 ${kept.join('、')}`);
  }
  return null;
}

// ---- who sees what ------------------------------------------------------------------------

/** A request: its requester and provider, the authority and auditors; nobody else. */
export const canSeeSharing = (actor: Actor, r: { requesterDepartment: string; providerDepartment: string }): boolean =>
  canReadDepartment(actor, r.requesterDepartment) || canReadDepartment(actor, r.providerDepartment);

/** A dispute: as its request, and the county government once it is referred to it. */
export const canSeeDispute = (actor: Actor, d: { requesterDepartment: string; providerDepartment: string; referred: boolean }): boolean =>
  canSeeSharing(actor, d) || (actor.role === 'county_government' && d.referred);

const DECIDER_NAMES: Record<DisputeDecider, string> = { authority_reviewer: '主管部门', county_government: '县人民政府' };

/** The county government sees a grant it ordered (to revoke it), besides who sees the request. */
export const canSeeGrant = (
  actor: Actor,
  g: { requesterDepartment: string; providerDepartment: string; orderedRole: string | null },
): boolean => canSeeSharing(actor, g) || (actor.role === 'county_government' && g.orderedRole === 'county_government');

/**
 * A grant is revoked once, with a reason: by its provider or the authority; but a grant a
 * dispute decision ordered (第三十二条) only by whoever ordered it (SPEC §3.7), else the
 * provider could undo the decision that overruled it.
 */
export function checkRevocation(g: RevocableGrant, actor: Actor, reason: string): DomainError | null {
  return revocationRefusal(g, actor) ?? (reason.trim() ? null : domainError('REASON_REQUIRED', '撤销共享须说明理由'));
}

type RevocableGrant = { providerDepartment: string; revokedAt: unknown; orderedRole: DisputeDecider | null };

/** Whether `actor` may revoke the grant at all (the console offers the action only then). */
export function revocationRefusal(g: RevocableGrant, actor: Actor): DomainError | null {
  if (g.orderedRole && actor.role !== g.orderedRole) {
    const by = DECIDER_NAMES[g.orderedRole];
    return domainError('GRANT_ORDERED_BY_DISPUTE', `该授权由${by}在共享争议中决定，只能由${by}撤销`);
  }
  if (!g.orderedRole && actor.role !== 'authority_reviewer' && !canWorkDepartment(actor, g.providerDepartment))
    return domainError('NOT_PROVIDER');
  if (g.revokedAt) return domainError('GRANT_ALREADY_REVOKED');
  return null;
}
