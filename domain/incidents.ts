// Issue 16: an activity that keeps failing is an incident the admin sees and acts on (retry it
// now, or terminate the process), never a silent loop. Database activities keep retrying with a
// capped backoff (workflows/options.ts dbActivity), so a database outage loses nothing; an
// activity becomes an incident once it has failed INCIDENT_AFTER_ATTEMPTS times, or at once when
// its error is one no retry can fix.

/** The retry budget before a failing activity is shown to the admin: at the 1 s … 1 min backoff, about 15 seconds. */
export const INCIDENT_AFTER_ATTEMPTS = 5;

export const INCIDENT_STATUSES = ['open', 'resolved', 'terminated'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * PostgreSQL SQLSTATE classes that the same write will meet again however often it is retried:
 * 22 data exception (a NUL byte, a value out of range), 23 integrity constraint violation.
 */
export const isPermanentSqlState = (sqlState: string | null): boolean => sqlState !== null && /^(22|23)[0-9A-Z]{3}$/.test(sqlState);

/** Shown from the first failure when permanent, from the budget's end otherwise. */
export const isIncident = (attempt: number, permanent: boolean): boolean => permanent || attempt >= INCIDENT_AFTER_ATTEMPTS;

/** What the admin reads; the database's own message is kept beside it for the technician. */
export function incidentSummary(sqlState: string | null, attempt: number): string {
  if (sqlState?.startsWith('22')) return `数据格式错误，重试无效（已尝试 ${attempt} 次）：请修正数据后重试，或终止该流程`;
  if (sqlState?.startsWith('23')) return `违反数据完整性约束，重试无效（已尝试 ${attempt} 次）：请修正数据后重试，或终止该流程`;
  return `后台步骤连续失败 ${attempt} 次，系统仍在按间隔自动重试：请排查数据库或网络后立即重试`;
}

const STATUS_LABELS: Record<IncidentStatus, string> = { open: '待处理', resolved: '已恢复', terminated: '已终止流程' };
export const incidentStatusLabel = (s: string): string =>
  Object.hasOwn(STATUS_LABELS, s) ? STATUS_LABELS[s as IncidentStatus] : '未知状态';
