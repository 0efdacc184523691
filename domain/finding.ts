// SPEC §3.6, §6: a finding's life. The charged party is told (告知) and may file one statement
// (陈述申辩) within 5 working days; its supervisor then confirms or annuls it with a reason. Pure
// rules the finding workflow's validators and the API ask; who is charged comes from
// responsibility.ts.
import { type Deadline, isPast } from './deadline';
import { type DomainError, domainError } from './errors';
import type { FindingStatus, PartyKind } from './responsibility';
import { type Actor, canWorkDepartment, type Role } from './roles';
import type { IsoDate } from './working-days';
import type { StageOf } from './vocabulary';

/** SPEC §3.6: the party may state its case within 5 working days of the notification (之日起, the day itself not counted). */
export const STATEMENT_PERIOD_DAYS = 5;

/** Text bounds of a registration, a statement and a decision's reason (our setting). */
export const FINDING_TEXT_MAX = 4000;
export const FINDING_EVIDENCE_MAX_ITEMS = 20;
export const FINDING_EVIDENCE_ITEM_MAX = 500;

export type FindingStage = StageOf<'finding'>;

/** `registered`: conduct the authority registered (第四十九条(一)–(七), 第五十条); `automatic`: a missed deadline a process recorded. */
export type FindingOrigin = 'registered' | 'automatic';

export interface FindingStatement {
  statement: string;
  filedBy: string;
  filedAt: string;
}

export interface FindingDecision {
  confirm: boolean;
  reason: string;
  /** null when the period lapsed (LAPSE rules below) */
  decidedBy: string | null;
  decidedByRole: Role | null;
  decidedAt: string;
  byLapse: boolean;
}

export interface FindingState {
  violationId: number;
  kind: string;
  article: string;
  partyKind: PartyKind;
  /** the charged party's department code (the authority and the county government are departments too) */
  departmentCode: string;
  origin: FindingOrigin;
  stage: FindingStage;
  status: FindingStatus;
  /** the day the party was told: the statement period counts from it */
  notifiedOn?: IsoDate;
  /** the end of the statement period */
  deadline?: Deadline;
  statement?: FindingStatement;
  decision?: FindingDecision;
  withdrawal?: { reason: string; at: string };
}

const CLOSED: readonly FindingStage[] = ['finding_confirmed', 'finding_annulled', 'finding_withdrawn'];
export const isFindingClosed = (s: Pick<FindingState, 'stage'>): boolean => CLOSED.includes(s.stage);

/**
 * Who decides a contested or registered finding: its supervisor (SPEC §6). The authority
 * decides on 政务部门 and never on itself: the county government decides on the authority. The
 * city supervises the county government and is outside the system: null, see COUNTY_GOVERNMENT_LAPSE.
 */
export function deciderOf(party: PartyKind): Role | null {
  if (party === 'department') return 'authority_reviewer';
  if (party === 'authority') return 'county_government';
  return null;
}

/**
 * Who files the party's statement: a 政务部门's own staff or head; for the authority (a 政务部门
 * too) its own reviewers; for the county government its office. Each only for its own department.
 */
export function canStateFor(actor: Actor, s: Pick<FindingState, 'partyKind' | 'departmentCode'>): boolean {
  if (s.partyKind === 'department') return canWorkDepartment(actor, s.departmentCode);
  const role: Role = s.partyKind === 'authority' ? 'authority_reviewer' : 'county_government';
  return actor.role === role && actor.departmentCode === s.departmentCode;
}

/** One statement, by the party, while the period runs. */
export function checkStatement(s: FindingState, actor: Actor, statement: string, nowMs: number): DomainError | null {
  if (!canStateFor(actor, s)) return domainError('NOT_FINDING_PARTY');
  if (s.statement) return domainError('STATEMENT_ALREADY_FILED');
  if (isFindingClosed(s)) return domainError('FINDING_ALREADY_DECIDED');
  if (s.stage === 'finding_provisional') return domainError('STATEMENT_NOT_OPEN');
  if (s.stage !== 'statement_period' || !s.deadline || isPast(s.deadline, nowMs)) {
    return domainError('STATEMENT_AFTER_DEADLINE', s.deadline ? `陈述申辩期至 ${s.deadline.due} 届满` : undefined);
  }
  if (!statement.trim()) return domainError('STATEMENT_REQUIRED');
  return null;
}

/** The supervisor decides, with a reason, once the statement is in or the period has passed. */
export function checkDecision(s: FindingState, actor: Actor, reason: string): DomainError | null {
  const decider = deciderOf(s.partyKind);
  if (decider === null) return domainError('NOT_FINDING_DECIDER', '针对县人民政府的违规由市人民政府在系统外认定');
  if (actor.role !== decider) {
    return domainError(
      'NOT_FINDING_DECIDER',
      s.partyKind === 'authority' ? '主管部门不认定针对本部门的违规，由县人民政府认定' : '由县政务数据资源主管部门认定',
    );
  }
  if (isFindingClosed(s) || s.decision) return domainError('FINDING_ALREADY_DECIDED');
  if (s.stage !== 'awaiting_finding_decision') return domainError('FINDING_DECISION_NOT_YET');
  if (!reason.trim()) return domainError('REASON_REQUIRED', '请写明认定或撤销的理由');
  return null;
}

/**
 * What a statement leads to. CONTESTED_AWAITS_DECISION: the supervisor decides at once, without
 * waiting for the period's end. COUNTY_GOVERNMENT_LAPSE: no one in the system decides on the
 * county government; its statement is kept and goes with the report to the city.
 */
export const afterStatement = (s: Pick<FindingState, 'partyKind'>): 'await_decision' | 'keep_period' =>
  deciderOf(s.partyKind) === null ? 'keep_period' : 'await_decision';

/**
 * The statement period passed. UNCONTESTED_CONFIRMED_BY_LAPSE: an automatic finding no one
 * contested is confirmed. REGISTERED_NEEDS_DECISION: registered conduct always waits for the
 * authority's decision. COUNTY_GOVERNMENT_LAPSE: a finding against the county government is
 * confirmed by lapse and reported to the city, contested or not.
 */
export function afterStatementPeriod(s: Pick<FindingState, 'partyKind' | 'origin' | 'statement'>): 'confirm' | 'await_decision' {
  if (deciderOf(s.partyKind) === null) return 'confirm';
  if (s.origin === 'registered' || s.statement) return 'await_decision';
  return 'confirm';
}

/** The registration's own text: facts, at least one piece of evidence and the basis, none blank. */
export function checkRegistration(r: { facts: string; evidence: string[]; basis: string }): DomainError | null {
  if (!r.facts.trim() || !r.basis.trim() || r.evidence.length === 0 || r.evidence.some((e) => !e.trim())) {
    return domainError('FINDING_FACTS_REQUIRED');
  }
  return null;
}

/** Only the authority registers, and only against an active department of kind 'department'. */
export function checkRegistrationTarget(target: { kind: string; active: boolean } | null): DomainError | null {
  if (!target) return domainError('UNKNOWN_DEPARTMENT');
  if (target.kind !== 'department' || !target.active) return domainError('FINDING_TARGET_NOT_DEPARTMENT');
  return null;
}
