// SPEC §6: who answers for what. Every deadline has one responsible party at a time (whoever
// holds the turn), and every finding names that party, the duty it breached (article, clause,
// item), its class and its supervisor. Workflows, activities and reads ask this module; nothing
// else decides who is charged. Pure and import-free but for the vocabulary: the console
// compiles it too.
import { FINDING_INFO, type FindingKind, findingKindOf, type Stage } from './vocabulary';

/**
 * The parties a finding can name. The authority and the county government are departments in
 * the registry (departments.kind) but answer to different supervisors.
 */
export const PARTY_KINDS = ['department', 'authority', 'county_government'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Whoever supervises a party: the authority the 政务部门 (第六条), the county government the authority, the city the county government. */
export const SUPERVISORS = ['authority', 'county_government', 'city'] as const;
export type Supervisor = (typeof SUPERVISORS)[number];

export const SUPERVISOR_OF: Record<PartyKind, Supervisor> = {
  department: 'authority',
  authority: 'county_government',
  county_government: 'city',
};

/**
 * `violation`: conduct the regulation forbids (第四十九条, 第五十条); `timeliness`: a period the
 * regulation or the authority set was missed, a duty other than 第四十九条 (第十八条第二款, 第四十六条,
 * the authority's sharing-decision period). Only 第四十九条 violations of 政务部门 enter the
 * 第五十一条 chain.
 */
export const FINDING_CLASSES = ['violation', 'timeliness'] as const;
export type FindingClass = (typeof FINDING_CLASSES)[number];

/**
 * A finding's life (SPEC §3.6): `provisional` while its deadline was counted over a year whose
 * schedule is not loaded (SPEC §2); `notified` while the party's statement period runs;
 * `contested` once it filed a statement; `confirmed` or `annulled` by the authority (or the
 * statement period passing); `withdrawn` when a recount showed the deadline was met. Only
 * `confirmed` findings count anywhere.
 */
export const FINDING_STATUSES = ['provisional', 'notified', 'contested', 'confirmed', 'annulled', 'withdrawn'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

const PARTY_LABELS: Record<PartyKind, string> = {
  department: '政务部门',
  authority: '县政务数据资源主管部门',
  county_government: '县人民政府',
};
const SUPERVISOR_LABELS: Record<Supervisor, string> = {
  authority: '县政务数据资源主管部门',
  county_government: '县人民政府',
  city: '市人民政府',
};
const CLASS_LABELS: Record<FindingClass, string> = { violation: '违规行为', timeliness: '时限未履行' };
const STATUS_LABELS: Record<FindingStatus, string> = {
  provisional: '暂定',
  notified: '已告知，陈述申辩期内',
  contested: '已陈述申辩，待认定',
  confirmed: '已认定',
  annulled: '已撤销',
  withdrawn: '已撤回（重新计算后未超期）',
};

const label =
  <K extends string>(names: Record<K, string>, unknown: string) =>
  (code: string | null | undefined): string =>
    !code ? '—' : Object.hasOwn(names, code) ? names[code as K] : unknown;

export const partyKindLabel = label(PARTY_LABELS, '未知责任主体');
export const supervisorLabel = label(SUPERVISOR_LABELS, '未知监督主体');
export const findingClassLabel = label(CLASS_LABELS, '未知类别');
export const findingStatusLabel = label(STATUS_LABELS, '未知状态');

/** The duty a finding breached, and who answers for it, as the regulation assigns it. */
export interface Responsibility {
  kind: FindingKind;
  /** the article, clause and item cited, e.g. 第四十九条(八), 第十八条第二款 */
  article: string;
  findingClass: FindingClass;
  partyKind: PartyKind;
  supervisor: Supervisor;
  /** the 第五十一条 chain (责令限期改正 → 通报批评) applies */
  rectifiable: boolean;
}

/** The responsibility of a stored finding kind (`catalog_review_overdue_2` is `catalog_review_overdue`); null for an unknown one. */
export function responsibilityOf(stored: string): Responsibility | null {
  const kind = findingKindOf(stored);
  if (kind === null) return null;
  const { article, findingClass, party } = FINDING_INFO[kind];
  return {
    kind,
    article,
    findingClass,
    partyKind: party,
    supervisor: SUPERVISOR_OF[party],
    rectifiable: party === 'department' && findingClass === 'violation' && article.startsWith('第四十九条'),
  };
}

/** Who holds the turn at each open stage: the party an overdue deadline at that stage is charged to. */
const HOLDER_OF_STAGE: Partial<Record<Stage, PartyKind>> = {
  verifying: 'department',
  extension_pending: 'department',
  overdue: 'department',
  awaiting_application: 'department',
  returned: 'department',
  under_review: 'authority',
  rectifying: 'department',
  // 第五十一条: the department has reported; the authority accepts or rejects it.
  awaiting_acceptance: 'authority',
  departments_reporting: 'department',
  authority_compiling: 'authority',
  county_submitting: 'county_government',
  awaiting_sharing_decision: 'department',
  dispute_coordinating: 'authority',
  dispute_referred: 'county_government',
  conflict_negotiating: 'department',
  conflict_coordinating: 'authority',
  // SPEC §3.6: the charged party's statement, then its supervisor's decision. The usual case is
  // shown (a 政务部门, decided by the authority); domain/finding.ts names the actual party and
  // decider of each finding. Neither period is charged: the statement period ends the stage by
  // itself, and the decision has no regulated period.
  statement_period: 'department',
  awaiting_finding_decision: 'authority',
  // 第五十二条, 第五十三条: the authority's own steps of a penalty case. At penalty_statement and
  // penalty_rectifying the turn is the penalised party's, outside the county's parties: a period
  // passing there charges no one (it ends the hearing, or leads to 警告).
  penalty_filed: 'authority',
  penalty_awaiting_order: 'authority',
  penalty_warned: 'authority',
};

/** The party holding the turn at `stage`; null at a closing stage. */
export const holderOf = (stage: string): PartyKind | null => HOLDER_OF_STAGE[stage as Stage] ?? null;

/** The open stages held by `party`, for queries that charge an overdue deadline to its holder. */
export const stagesHeldBy = (party: PartyKind): Stage[] =>
  (Object.entries(HOLDER_OF_STAGE) as [Stage, PartyKind][]).filter(([, p]) => p === party).map(([s]) => s);
