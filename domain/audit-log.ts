// SPEC §5 (第二十七条, 第四十八条): the rules of the audit log. Pure: the console compiles it
// too, for the Chinese labels of what verification finds and of the log's results.
import { roleLabel } from './vocabulary';

/** 第二十七条: logs are kept at least 6 months; the system refuses a shorter retention. */
export const MIN_AUDIT_RETENTION_MONTHS = 6;

/**
 * The instant before which entries may be purged: `months` calendar months before `now`, in UTC
 * (a month back from the 31st lands on the last day of the shorter month, never in the next one).
 * Refuses a retention under 6 months, whoever asks.
 */
export function auditPurgeCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < MIN_AUDIT_RETENTION_MONTHS) {
    throw new RangeError(`审计日志保存期不得少于 ${MIN_AUDIT_RETENTION_MONTHS} 个月（第二十七条），配置为 ${months}`);
  }
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(y, m, Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}

/** What verification can find, each named, against the signed heads (SPEC §5). */
export const AUDIT_FINDINGS = {
  TRUNCATED: '审计日志被整表清空（签名树头记载的记录已全部不在）',
  TAIL_DELETED: '最新的若干条审计记录被删除',
  ENTRY_DELETED: '中间的审计记录被删除',
  ENTRY_EDITED: '审计记录内容被修改',
  LEAF_MISSING: '默克尔树叶子缺失',
  TREE_REWRITTEN: '默克尔树被改写，与签名树头不符',
  HEAD_SIGNATURE_INVALID: '树头签名无效，或所用密钥既不是当前的也不是已轮换的审计签名密钥',
  HEAD_NOT_IN_DATABASE: '封存的树头在数据库中被删除或改写',
} as const;

export type AuditFinding = keyof typeof AUDIT_FINDINGS;

/** The purge's own entry (the purge is itself logged). */
export const AUDIT_PURGE_ACTION = 'AUDIT_PURGE';
/** A closed process's history archived in the database (SPEC §5). */
export const HISTORY_ARCHIVED_ACTION = 'ARCHIVE process-history';
/** A read of shared data through a grant (第二十七条: the provider reads who obtained what). */
export const READ_SHARED_DATA_ACTION = 'READ_SHARED_DATA';

/** The actions the system and its activities write; a request's action is its route's summary. */
export const AUDIT_SYSTEM_ACTIONS: Readonly<Record<string, string>> = {
  [AUDIT_PURGE_ACTION]: '依保存期清除审计日志',
  [HISTORY_ARCHIVED_ACTION]: '归档已结束流程的历史',
  [READ_SHARED_DATA_ACTION]: '读取共享数据',
};

/**
 * An entry's action in words: the system's own by name, a request's by what its route does
 * (`routeSummary`, from the route table); the raw action when neither knows it.
 */
export const auditActionLabel = (action: string, routeSummary: (action: string) => string | undefined): string =>
  AUDIT_SYSTEM_ACTIONS[action] ?? routeSummary(action) ?? action;

/** Roles that entries written before 三权分立 still carry: the log is never rewritten. */
const LEGACY_ROLE_LABELS: Readonly<Record<string, string>> = { admin: '管理员（三权分立前的角色）' };

/** A role's Chinese name; 系统 for the system's own entries (no role). */
export const auditRoleLabel = (role: string | null): string => (role ? (LEGACY_ROLE_LABELS[role] ?? roleLabel(role)) : '系统');

/**
 * The result of the entry a state-changing request writes before it acts (write-ahead, SPEC §5:
 * "if the log cannot be written the action fails"); the entry with its outcome follows it.
 */
export const AUDIT_ATTEMPT = 'attempt';

/** What an HTTP answer means to the person reading the log. */
const STATUS_LABELS: Readonly<Record<string, string>> = {
  '200': '成功',
  '201': '已创建',
  '202': '已受理',
  '204': '成功',
  '400': '输入有误',
  '401': '未登录或登录已失效',
  '403': '无权办理',
  '404': '不存在',
  '409': '状态冲突',
  '413': '内容过大',
  '415': '格式不支持',
  '422': '不符合规定',
  '423': '账号已锁定',
  '429': '请求过于频繁',
};
/** The results the system's own entries carry. */
const SYSTEM_RESULT_LABELS: Readonly<Record<string, string>> = {
  [AUDIT_ATTEMPT]: '已受理，结果见随后一条',
  archived: '已归档',
  ok: '已完成',
};

/** An entry's result in words: 成功（200）, 无权办理（403）, 系统故障（503）, 已归档 … */
export function auditResultLabel(result: string): string {
  const system = SYSTEM_RESULT_LABELS[result];
  if (system) return system;
  if (!/^[1-5][0-9]{2}$/.test(result)) return result;
  const word = STATUS_LABELS[result] ?? (result >= '500' ? '系统故障' : result >= '400' ? '被拒绝' : '成功');
  return `${word}（${result}）`;
}

/** The results the log's filter offers, in words. */
export const AUDIT_RESULT_OPTIONS = [...Object.keys(STATUS_LABELS), '500', '503', ...Object.keys(SYSTEM_RESULT_LABELS)].map((value) => ({
  value,
  label: auditResultLabel(value),
}));

/** The tree's hash: 国密 SM3 (what a 密评 asks for) or SHA-256, by configuration (env AUDIT_HASH). */
export const AUDIT_HASHES = ['sm3', 'sha256'] as const;
export type AuditHashAlgorithm = (typeof AUDIT_HASHES)[number];
export const DEFAULT_AUDIT_HASH: AuditHashAlgorithm = 'sm3';

/** A signed tree head (RFC 6962 §3.5), as the database, the seal workflow's history and the API carry it. */
export interface SignedHead {
  treeSize: number;
  /** hex */
  rootHash: string;
  /** ISO instant the head was signed */
  at: string;
  hashAlgorithm: AuditHashAlgorithm;
  keyId: string;
  /** Ed25519 over headMessage(), base64 */
  signature: string;
  /** leaves below this index have had their bodies purged (lawfully, 第二十七条) */
  purgedBelow: number;
}
