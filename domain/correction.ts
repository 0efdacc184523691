// 第二十三条: data correction (校核). Pure rules the correction workflow asks before it acts;
// the same rules run in its update validators, so a refused request never enters history.
import { EXTENSION_DAYS, withinBound } from './bounds';
import type { IsoDate } from './working-days';
import { type Deadline, isPast } from './deadline';
import { type Actor, canReadDepartment, canWorkDepartment } from './roles';
import { checkPartyDocument } from './identifiers';
import { type DomainError, domainError } from './errors';
import type { DocumentKind, StageOf } from './vocabulary';

export const VERIFICATION_WORKING_DAYS = 10;
export const MAX_EXTENSION_WORKING_DAYS = EXTENSION_DAYS.max;
export const VIOLATION_ARTICLE = '第四十九条(八)';

export const OUTCOMES = ['corrected', 'confirmed', 'partially_corrected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type CorrectionStage = StageOf<'correction'>;

export interface ExtensionRequest {
  id: number;
  days: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'refused' | 'lapsed';
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
}

export interface Change {
  item: string;
  before: string;
  after: string;
}

export interface VerificationResult {
  outcome: Outcome;
  summary: string;
  changes: Change[];
}

export interface CorrectionState {
  correctionId: string;
  departmentCode: string;
  receivedOn: IsoDate;
  stage: CorrectionStage;
  /** the 10-working-day deadline; extensions count from its due date */
  originalDeadline: Deadline;
  /** the deadline in force now */
  deadline: Deadline;
  extensions: ExtensionRequest[];
  result?: VerificationResult & { recordedBy: string; recordedAt: string; late: boolean };
}

export const approvedExtensionDays = (s: CorrectionState): number =>
  s.extensions.filter((e) => e.status === 'approved').reduce((sum, e) => sum + e.days, 0);

export const pendingExtension = (s: CorrectionState): ExtensionRequest | undefined => s.extensions.find((e) => e.status === 'pending');

function checkOpenAndOwned(s: CorrectionState, actor: Actor): DomainError | null {
  if (s.stage === 'completed') return domainError('PROCESS_CLOSED');
  if (!canWorkDepartment(actor, s.departmentCode)) return domainError('FORBIDDEN_DEPARTMENT');
  return null;
}

/** 第二十三条: staff ask before the deadline, 1–10 working days, at most 10 in total. */
export function checkExtensionRequest(
  s: CorrectionState,
  actor: Actor,
  req: { days: number; reason: string },
  nowMs: number,
): DomainError | null {
  const denied = checkOpenAndOwned(s, actor);
  if (denied) return denied;
  if (isPast(s.deadline, nowMs)) return domainError('EXTENSION_AFTER_DEADLINE', `期限为 ${s.deadline.due}`);
  if (pendingExtension(s)) return domainError('EXTENSION_PENDING');
  if (!withinBound(EXTENSION_DAYS, req.days)) {
    return domainError('EXTENSION_DAYS_RANGE');
  }
  const used = approvedExtensionDays(s);
  if (used + req.days > MAX_EXTENSION_WORKING_DAYS) {
    return domainError('EXTENSION_TOTAL_EXCEEDED', `已延期 ${used} 个工作日，最多还可申请 ${MAX_EXTENSION_WORKING_DAYS - used} 个`);
  }
  if (!req.reason.trim()) return domainError('REASON_REQUIRED');
  return null;
}

/**
 * Only the head of the providing department decides, never on a request of his own, and only
 * before the deadline (issue 12): an approval that arrives with the 24:00 timer in one workflow
 * task must not move a deadline already passed. `nowMs` undefined: histories recorded before
 * those two rules, replayed as they ran.
 */
export function checkExtensionDecision(
  s: CorrectionState,
  actor: Actor,
  decision: { approve: boolean; reason?: string },
  nowMs: number | undefined,
): DomainError | null {
  if (s.stage === 'completed') return domainError('PROCESS_CLOSED');
  if (actor.role !== 'department_head' || actor.departmentCode !== s.departmentCode) {
    return domainError('NOT_DEPARTMENT_HEAD');
  }
  const pending = pendingExtension(s);
  if (!pending) return domainError('NO_PENDING_EXTENSION');
  if (nowMs !== undefined && pending.requestedBy === actor.userId) return domainError('SELF_APPROVAL');
  if (nowMs !== undefined && isPast(s.deadline, nowMs)) return domainError('DECISION_AFTER_DEADLINE', `期限为 ${s.deadline.due}`);
  if (!decision.approve && !decision.reason?.trim()) return domainError('REASON_REQUIRED', '不同意延期须说明理由');
  return null;
}

export function checkVerification(s: CorrectionState, actor: Actor, r: VerificationResult): DomainError | null {
  const denied = checkOpenAndOwned(s, actor);
  if (denied) return denied;
  if (!r.summary.trim()) return domainError('REASON_REQUIRED', '请填写核查结论');
  if (r.outcome === 'confirmed' && r.changes.length > 0) return domainError('OUTCOME_NO_CHANGES');
  if (r.outcome !== 'confirmed' && r.changes.length === 0) return domainError('OUTCOME_CHANGES_REQUIRED');
  return null;
}

/** The stage shown while the process is open. */
export function openStage(s: CorrectionState, nowMs: number): CorrectionStage {
  if (pendingExtension(s)) return 'extension_pending';
  return isPast(s.deadline, nowMs) ? 'overdue' : 'verifying';
}

/** What the department (and, when overdue, the authority) is told when a deadline turns yellow or red. */
export function levelNotice(correctionId: string, level: 'warning' | 'overdue', due: IsoDate): { kind: string; message: string } {
  return level === 'warning'
    ? { kind: 'correction_deadline_warning', message: `数据校核 ${correctionId} 将于 ${due} 届满，请抓紧核查（第二十三条）` }
    : { kind: 'correction_overdue', message: `数据校核 ${correctionId} 已超过 ${due} 的核查期限，已记录违规（第四十九条(八)）` };
}

export function decisionNotice(correctionId: string, e: ExtensionRequest, due: IsoDate): { kind: string; message: string } {
  return e.status === 'approved'
    ? { kind: 'extension_approved', message: `数据校核 ${correctionId} 的延期申请已获同意，核查期限延至 ${due}` }
    : { kind: 'extension_refused', message: `数据校核 ${correctionId} 的延期申请未获同意（${e.decisionReason ?? ''}），期限仍为 ${due}` };
}

// ---- filing (第二十三条) and who sees a correction ----------------------------------------

/** The department and catalog entry a filing names, as the registry holds them (null: none). */
export interface FilingContext {
  today: IsoDate;
  department: { code: string; active: boolean; kind: string } | null;
  resource: { code: string; status: string; departmentCode: string; dataItems: string[] } | null;
}

export interface Filing {
  filer: Pick<Actor, 'role' | 'departmentCode'>;
  /** an applicant's verified identity number, null when none is on record; officials: undefined */
  filerIdentity?: string | null;
  /** the authorisation an applicant filing about someone else acts under */
  agent?: { authorisation: string };
  subject: { kind: 'person' | 'organisation'; documentKind?: DocumentKind; idNumber: string };
  departmentCode: string;
  resourceCode: string;
  dataItems: string[];
  /** the day the counter received it; an applicant's filing is received today */
  receivedOn: IsoDate;
}

const refusal = (code: DomainError['code'], message: string, path: string, fieldMessage: string): DomainError => ({
  code,
  message,
  fields: [{ path, message: fieldMessage }],
});

/** ID numbers compare without case: the check character X is written either way. */
const sameIdentity = (own: string | null | undefined, subject: string): boolean => !!own && own.toUpperCase() === subject.toUpperCase();

/** A filing's own rules, in the order an official fixes them: the subject's number, the date, then what it names. */
export function checkFiling(f: Filing, c: FilingContext): DomainError | null {
  const id = checkPartyDocument(f.subject.kind === 'person', f.subject.documentKind, f.subject.idNumber);
  if (!id.ok) {
    const path = id.code === 'DOCUMENT_KIND_MISMATCH' ? 'subject.documentKind' : 'subject.idNumber';
    return refusal(id.code, id.message, path, id.message);
  }
  if (f.receivedOn > c.today) return refusal('RECEIVED_IN_FUTURE', `收到日期不得晚于今天（${c.today}）`, 'receivedOn', '不得晚于今天');
  if (f.filer.role === 'applicant' && f.receivedOn !== c.today)
    return refusal('RECEIVED_ON_NOT_ALLOWED', domainError('RECEIVED_ON_NOT_ALLOWED').message, 'receivedOn', '申请人不可指定');
  // SPEC §7: an applicant acts on its own matters, or as an agent under a stated authorisation.
  if (f.filer.role === 'applicant' && !sameIdentity(f.filerIdentity, f.subject.idNumber) && !f.agent?.authorisation.trim())
    return refusal(
      'APPLICANT_NOT_SUBJECT',
      domainError('APPLICANT_NOT_SUBJECT').message,
      'agent.authorisation',
      '代他人提出须提供授权委托材料',
    );
  const { department, resource } = c;
  if (!department?.active || department.kind !== 'department')
    return refusal('UNKNOWN_DEPARTMENT', `数据提供部门不存在：${f.departmentCode}`, 'departmentCode', '部门不存在');
  if (resource?.status !== 'active' || resource.departmentCode !== department.code)
    return refusal('UNKNOWN_RESOURCE', `该部门的目录中没有资源 ${f.resourceCode}`, 'resourceCode', '资源不存在或不属于该部门');
  const unknown = f.dataItems.filter((i) => !resource.dataItems.includes(i));
  // The resource's full list of items is for the department's own people, not an applicant (issue 16).
  if (unknown.length > 0)
    return refusal(
      'UNKNOWN_DATA_ITEM',
      `资源 ${resource.code} 没有数据项：${unknown.join('、')}`,
      'dataItems',
      canReadDepartment(f.filer, department.code) ? `可选：${resource.dataItems.join('、')}` : '数据项不在该资源中',
    );
  return null;
}

/** The department's own staff and county-wide readers see a correction; an applicant only the ones it filed. */
export const canSeeCorrection = (actor: Actor, c: { departmentCode: string; filedByUserId: string }): boolean =>
  canReadDepartment(actor, c.departmentCode) || c.filedByUserId === actor.userId;
