// SPEC §5 (第二十七条, 第四十八条): the rules of the audit log. Pure and import-free: the
// console compiles it too, for the Chinese labels of what verification finds.

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
  HEAD_SIGNATURE_INVALID: '树头签名无效',
  HEAD_NOT_IN_DATABASE: '封存的树头在数据库中被删除或改写',
} as const;

export type AuditFinding = keyof typeof AUDIT_FINDINGS;

/** The purge's own entry (the purge is itself logged). */
export const AUDIT_PURGE_ACTION = 'AUDIT_PURGE';

/** The roles' Chinese names, as the log's pages and exports show them (SPEC §1). */
export const AUDIT_ROLE_LABELS: Readonly<Record<string, string>> = {
  department_staff: '部门工作人员',
  department_head: '部门主要负责人',
  authority_reviewer: '主管部门审核人员',
  county_government: '县人民政府',
  auditor: '审计人员',
  applicant: '申请人',
  admin: '系统管理员',
};

/** A role's Chinese name; 系统 for the system's own entries (no role), 未知角色 for a code it does not know. */
export const auditRoleLabel = (role: string | null): string => (!role ? '系统' : (AUDIT_ROLE_LABELS[role] ?? '未知角色'));

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
