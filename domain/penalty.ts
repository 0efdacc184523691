// 第五十二条 and 第五十三条: the authority's cases against service units
// (提供政务数据资源管理建设和运行维护服务的单位) and against citizens and organisations. The chain is the articles' own: 责令限期改正 →
// 逾期未改正 警告 → 造成严重后果的 罚款 within the stated range, and 涉嫌犯罪的 移送司法机关. A fine is
// decided only after 告知 and the end of a 陈述申辩 period (SPEC §3.6). The system keeps the
// record and the deadlines; it collects no money. Pure rules the penalty-case workflow's
// validators ask.
import { RECTIFICATION_PERIOD_DAYS, withinBound } from './bounds';
import { type Deadline, isPast } from './deadline';
import { type DomainError, domainError } from './errors';
import { cnDay } from './notice-text';
import type { Actor, Role } from './roles';
import { beijingDate, type IsoDate } from './working-days';
import { labeller, type StageOf } from './vocabulary';

/** 第五十二条, 第五十三条: 由政务数据资源主管部门 — the authority records and decides; auditors read (第四十八条). */
export const PENALTY_WRITERS = ['authority_reviewer'] as const satisfies readonly Role[];
export const PENALTY_READERS = ['authority_reviewer', 'auditor'] as const satisfies readonly Role[];

export const SERVICE_UNIT_ARTICLE = '第五十二条';
export const CITIZEN_ARTICLE = '第五十三条';
/** 第五十四条: crimes go to the judicial organ whatever the party (第五十三条 says so of citizens and organisations). */
export const REFERRAL_ARTICLE_OTHERWISE = '第五十四条';

/** 陈述申辩: 5 working days from the notice (SPEC §3.6), counted like every period (SPEC §2). */
export const STATEMENT_PERIOD_DAYS = 5;

/** 责令限期改正: neither article sets the period; the authority chooses one in the 第五十一条 range (our setting). */
export const PENALTY_RECTIFICATION_DAYS = RECTIFICATION_PERIOD_DAYS;

/** A fine's legal range in whole 元, both ends included (以上…以下 include the number, 刑法第九十九条's reading). */
export interface FineRange {
  readonly min: number;
  readonly max: number;
  readonly article: string;
  readonly label: string;
}

/** 第五十二条: 造成严重后果的，处1万元以上3万元以下罚款. */
export const SERVICE_UNIT_FINE = {
  min: 10_000,
  max: 30_000,
  article: SERVICE_UNIT_ARTICLE,
  label: '服务单位',
} as const satisfies FineRange;
/** 第五十三条: 非经营性行为处500元以上1000元以下罚款. */
export const NON_BUSINESS_FINE = { min: 500, max: 1_000, article: CITIZEN_ARTICLE, label: '非经营性行为' } as const satisfies FineRange;
/** 第五十三条: 经营性行为处1万元以上3万元以下罚款. */
export const BUSINESS_FINE = { min: 10_000, max: 30_000, article: CITIZEN_ARTICLE, label: '经营性行为' } as const satisfies FineRange;

// ---- parties ------------------------------------------------------------------------------

/** Who a case is against: a registered service unit (第五十二条) or a registered citizen or organisation (第五十三条). */
export const PENALTY_PARTY_TYPES = ['service_unit', 'violator'] as const;
export type PenaltyPartyType = (typeof PENALTY_PARTY_TYPES)[number];

/** A citizen (resident ID number) or an organisation (unified social credit code). */
export const VIOLATOR_KINDS = ['natural_person', 'organisation'] as const;
export type ViolatorKind = (typeof VIOLATOR_KINDS)[number];

/** 第五十三条: the conduct the range depends on. */
export const CONDUCTS = ['business', 'non_business'] as const;
export type Conduct = (typeof CONDUCTS)[number];

export const penaltyPartyTypeLabel = labeller(
  { service_unit: '服务单位（第五十二条）', violator: '公民、法人和其他组织（第五十三条）' } satisfies Record<PenaltyPartyType, string>,
  '其他当事人',
);
export const violatorKindLabel = labeller(
  { natural_person: '公民', organisation: '法人和其他组织' } satisfies Record<ViolatorKind, string>,
  '其他当事人',
);
export const conductLabel = labeller({ business: '经营性行为', non_business: '非经营性行为' } satisfies Record<Conduct, string>, '—');

/** 第三十八条: the service unit's duties, as the checklist the authority records. */
export const SERVICE_UNIT_DUTIES = ['securitySystem', 'securityOrganisation', 'encryptionAuthentication', 'monitoringEmergency'] as const;
export type ServiceUnitDuty = (typeof SERVICE_UNIT_DUTIES)[number];
export type DutyChecklist = Record<ServiceUnitDuty, boolean>;

export const SERVICE_UNIT_DUTY_INFO: Record<ServiceUnitDuty, { label: string }> = {
  securitySystem: { label: '建立安全管理制度' },
  securityOrganisation: { label: '确定专门的安全管理机构和人员' },
  encryptionAuthentication: { label: '采取数据加密、访问认证等安全防护措施' },
  monitoringEmergency: { label: '加强防攻击、防泄露、防窃取的监测、预警、控制和应急技术保障' },
};

// ---- breaches -----------------------------------------------------------------------------

/**
 * The duties a case may cite. A service unit breaches 第三十八条 (each duty of its checklist) or
 * 第五十条; a citizen or organisation 第五十条 only: 第五十三条 cites 第四十九条, whose items bind
 * 政务部门 alone, and the conduct it punishes is 第五十条's (任何单位和个人), so it reads as 第五十条.
 */
export const BREACH_ITEMS = [
  'art38_security_system',
  'art38_security_organisation',
  'art38_encryption_authentication',
  'art38_monitoring_emergency',
  'art50_1',
  'art50_2',
  'art50_3',
  'art50_4',
  'art50_5',
] as const;
export type BreachItem = (typeof BREACH_ITEMS)[number];

export const BREACH_INFO: Record<BreachItem, { article: string; label: string }> = {
  art38_security_system: { article: '第三十八条', label: '未建立安全管理制度' },
  art38_security_organisation: { article: '第三十八条', label: '未确定专门的安全管理机构和人员' },
  art38_encryption_authentication: { article: '第三十八条', label: '未采取数据加密、访问认证等安全防护措施' },
  art38_monitoring_emergency: { article: '第三十八条', label: '未加强监测、预警、控制和应急技术保障' },
  art50_1: { article: '第五十条(一)', label: '侵入电子政务外网、内网，干扰平台正常功能，破坏、窃取政务数据资源' },
  art50_2: { article: '第五十条(二)', label: '以获取的政务数据资源汇聚形成可能涉及国家秘密或者重要敏感内容的信息' },
  art50_3: { article: '第五十条(三)', label: '以获取的政务数据资源实施侵犯商业秘密或者个人隐私等违法犯罪活动' },
  art50_4: { article: '第五十条(四)', label: '未经许可扩散或者非授权使用从共享系统获取的政务数据资源' },
  art50_5: { article: '第五十条(五)', label: '法律法规禁止的其他行为' },
};

/** The article a case is decided under. */
export const penaltyArticle = (party: PenaltyPartyType): string => (party === 'service_unit' ? SERVICE_UNIT_ARTICLE : CITIZEN_ARTICLE);

/** The article a referral to the judicial organ cites. */
export const referralArticle = (party: PenaltyPartyType): string =>
  party === 'service_unit' ? REFERRAL_ARTICLE_OTHERWISE : CITIZEN_ARTICLE;

/** The range a case's fine must fall within; the conduct matters for citizens and organisations only. */
export function fineRangeOf(party: PenaltyPartyType, conduct: Conduct | null): FineRange {
  if (party === 'service_unit') return SERVICE_UNIT_FINE;
  return conduct === 'business' ? BUSINESS_FINE : NON_BUSINESS_FINE;
}

const yuan = (n: number): string => (n >= 10_000 && n % 10_000 === 0 ? `${n / 10_000}万元` : `${n}元`);
/** "1万元以上3万元以下（第五十二条）", as the decision and its refusal read it. */
export const fineRangeText = (r: FineRange): string =>
  `${yuan(r.min)}以上${yuan(r.max)}以下（${r.article}${r.article === CITIZEN_ARTICLE ? `，${r.label}` : ''}）`;

/** null when the amount lies in the range. */
export function checkFineAmount(party: PenaltyPartyType, conduct: Conduct | null, amountYuan: number): DomainError | null {
  const r = fineRangeOf(party, conduct);
  if (!Number.isInteger(amountYuan) || amountYuan < r.min || amountYuan > r.max) {
    return domainError('FINE_OUT_OF_RANGE', `本案罚款应为 ${fineRangeText(r)}，收到 ${amountYuan} 元`);
  }
  return null;
}

/** A case as the authority records it: items that apply to the party, a conduct for citizens and organisations, the facts. */
export function checkCase(c: {
  partyType: PenaltyPartyType;
  conduct?: Conduct | null;
  breaches: string[];
  facts: string;
}): DomainError | null {
  if (c.breaches.length === 0 || new Set(c.breaches).size !== c.breaches.length) return domainError('PENALTY_BREACH_ITEMS');
  for (const b of c.breaches) {
    if (!(BREACH_ITEMS as readonly string[]).includes(b)) return domainError('PENALTY_BREACH_ITEMS', b);
    if (c.partyType === 'violator' && !b.startsWith('art50_'))
      return domainError('PENALTY_BREACH_ITEMS', `公民、法人和其他组织只适用第五十条（${BREACH_INFO[b as BreachItem].article}不适用）`);
  }
  if (c.partyType === 'violator' && !c.conduct) return domainError('PENALTY_CONDUCT_REQUIRED');
  if (c.partyType === 'service_unit' && c.conduct) return domainError('PENALTY_CONDUCT_NOT_APPLICABLE');
  if (!c.facts.trim()) return domainError('PENALTY_FACTS_REQUIRED');
  return null;
}

// ---- the case's state and its decisions -----------------------------------------------------

export type PenaltyStage = StageOf<'penalty_case'>;

export interface PenaltyRecord {
  by: string;
  at: string;
}
export interface PenaltyNotice extends PenaltyRecord {
  notifiedOn: IsoDate;
  content: string;
}
export interface PenaltyStatement extends PenaltyRecord {
  statement: string;
}
export interface PenaltyOrder extends PenaltyRecord {
  orderedOn: IsoDate;
  requirement: string;
  periodWorkingDays: number;
}
export interface PenaltyFine extends PenaltyRecord {
  amountYuan: number;
  consequences: string;
}
export interface PenaltyReferral extends PenaltyRecord {
  organ: string;
  reason: string;
}

export interface PenaltyCaseState {
  caseId: string;
  partyType: PenaltyPartyType;
  conduct: Conduct | null;
  openedOn: IsoDate;
  stage: PenaltyStage;
  notice?: PenaltyNotice;
  /** the 陈述申辩 period, from the notice */
  statementDeadline?: Deadline;
  statements: PenaltyStatement[];
  order?: PenaltyOrder;
  rectificationDeadline?: Deadline;
  rectified?: PenaltyRecord & { report: string };
  warnedAt?: string;
  fine?: PenaltyFine;
  conclusion?: PenaltyRecord & { reason: string };
  referral?: PenaltyReferral;
}

const CLOSED: readonly PenaltyStage[] = ['penalty_rectified', 'penalty_concluded', 'penalty_fined', 'penalty_referred'];
export const isPenaltyClosed = (s: Pick<PenaltyCaseState, 'stage'>): boolean => CLOSED.includes(s.stage);

/** Every decision is the authority's (第五十二条, 第五十三条: 由政务数据资源主管部门). */
function authorityOpen(s: PenaltyCaseState, actor: Actor): DomainError | null {
  if (actor.role !== 'authority_reviewer') return domainError('FORBIDDEN_ROLE_STEP');
  if (isPenaltyClosed(s)) return domainError('PROCESS_CLOSED');
  return null;
}

const stageIs = (s: PenaltyCaseState, stage: PenaltyStage): DomainError | null =>
  s.stage === stage ? null : domainError('PENALTY_STAGE', `当前环节不能办理此事项`);

/** 告知: once, on a day between the case's opening and today. */
export function checkNotice(
  s: PenaltyCaseState,
  actor: Actor,
  n: { notifiedOn: IsoDate; content: string },
  nowMs: number,
): DomainError | null {
  const err = authorityOpen(s, actor) ?? stageIs(s, 'penalty_filed');
  if (err) return err;
  if (n.notifiedOn > beijingDate(nowMs) || n.notifiedOn < s.openedOn)
    return domainError('NOTICE_DATE_INVALID', `立案日期为 ${cnDay(s.openedOn)}`);
  if (!n.content.trim()) return domainError('REASON_REQUIRED', '请填写告知内容');
  return null;
}

/** The party's 陈述申辩, recorded by the authority while the period runs. */
export function checkStatement(s: PenaltyCaseState, actor: Actor, statement: string, nowMs: number): DomainError | null {
  const err = authorityOpen(s, actor) ?? stageIs(s, 'penalty_statement');
  if (err) return err;
  if (s.statementDeadline && isPast(s.statementDeadline, nowMs))
    return domainError('PENALTY_STATEMENT_PERIOD_OVER', `陈述申辩期限为 ${cnDay(s.statementDeadline.due)}`);
  if (!statement.trim()) return domainError('REASON_REQUIRED', '请填写陈述申辩内容');
  return null;
}

/** Only after 告知 and the 陈述申辩 period: 422 with what is missing. */
function heard(s: PenaltyCaseState, nowMs: number): DomainError | null {
  if (!s.notice) return domainError('PENALTY_NOT_NOTIFIED');
  if (s.stage === 'penalty_statement' || (s.statementDeadline && !isPast(s.statementDeadline, nowMs)))
    return domainError(
      'PENALTY_STATEMENT_PERIOD_OPEN',
      `陈述申辩期限至 ${s.statementDeadline ? cnDay(s.statementDeadline.due) : '—'} 届满`,
    );
  return null;
}

/** 责令限期改正: a stated requirement and a period of working days, after the party was heard. */
export function checkOrder(
  s: PenaltyCaseState,
  actor: Actor,
  o: { requirement: string; periodWorkingDays: number },
  nowMs: number,
): DomainError | null {
  if (!withinBound(PENALTY_RECTIFICATION_DAYS, o.periodWorkingDays)) return domainError('RECTIFICATION_PERIOD_RANGE');
  const err = authorityOpen(s, actor) ?? heard(s, nowMs) ?? stageIs(s, 'penalty_awaiting_order');
  if (err) return err;
  if (!o.requirement.trim()) return domainError('RECTIFICATION_REQUIREMENT_REQUIRED');
  return null;
}

/** The authority reports the party's rectification, before the period ends. */
export function checkRectified(s: PenaltyCaseState, actor: Actor, report: string, nowMs: number): DomainError | null {
  const err = authorityOpen(s, actor) ?? stageIs(s, 'penalty_rectifying');
  if (err) return err;
  if (s.rectificationDeadline && isPast(s.rectificationDeadline, nowMs))
    return domainError('RECTIFICATION_AFTER_DEADLINE', `改正期限为 ${cnDay(s.rectificationDeadline.due)}`);
  if (!report.trim()) return domainError('REASON_REQUIRED', '请填写改正情况');
  return null;
}

/**
 * 罚款: the amount in the case's range (400 naming it), then only after 告知 and the 陈述申辩
 * period (422), and only once warned for a period passed unrectified (422), with the serious
 * consequences stated.
 */
export function checkFine(
  s: PenaltyCaseState,
  actor: Actor,
  f: { amountYuan: number; consequences: string },
  nowMs: number,
): DomainError | null {
  const err =
    checkFineAmount(s.partyType, s.conduct, f.amountYuan) ??
    authorityOpen(s, actor) ??
    heard(s, nowMs) ??
    (s.stage === 'penalty_warned' ? null : domainError('PENALTY_NOT_WARNED'));
  if (err) return err;
  if (!f.consequences.trim()) return domainError('PENALTY_CONSEQUENCES_REQUIRED');
  return null;
}

/** Warned, and the consequences not serious: the case closes at the warning. */
export function checkConclusion(s: PenaltyCaseState, actor: Actor, reason: string): DomainError | null {
  const err = authorityOpen(s, actor) ?? stageIs(s, 'penalty_warned');
  if (err) return err;
  if (!reason.trim()) return domainError('REASON_REQUIRED');
  return null;
}

/** 移送司法机关: at any open stage, naming the organ and the reason. */
export function checkReferral(s: PenaltyCaseState, actor: Actor, r: { organ: string; reason: string }): DomainError | null {
  const err = authorityOpen(s, actor);
  if (err) return err;
  if (!r.organ.trim() || !r.reason.trim()) return domainError('REASON_REQUIRED', '请写明移送的司法机关和理由');
  return null;
}
