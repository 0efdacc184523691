// Dates as officials read them: 2025年10月16日（星期四）, times in Beijing time whatever the
// browser's zone; and the Chinese names of the console's own codes. Process types, stages,
// tasks, findings and events are named by domain/vocabulary.ts.
import { labeller, roleLabel, stageLabel } from '../../domain/vocabulary';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 'YYYY-MM-DD' → 2025年10月16日（星期四） */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${y}年${m}月${d}日（星期${WEEKDAYS[weekday]}）`;
}

/** A due date ends at 24:00 Beijing time of that day. */
/** A deadline as officials read it; （暂定） when it was counted over a year whose schedule is not loaded (SPEC §2). */
export const cnDeadline = (due: string | null | undefined, provisional = false): string =>
  due ? `${cnDate(due)} 24:00${provisional ? '（暂定）' : ''}` : '—';

/** An instant → 2025年10月16日（星期四）14:05（北京时间） */
export function cnDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const b = new Date(t + 8 * 3600_000);
  const date = `${b.getUTCFullYear()}-${String(b.getUTCMonth() + 1).padStart(2, '0')}-${String(b.getUTCDate()).padStart(2, '0')}`;
  return `${cnDate(date)} ${String(b.getUTCHours()).padStart(2, '0')}:${String(b.getUTCMinutes()).padStart(2, '0')}`;
}

/** Temporal's eventTime (ISO or {seconds, nanos}) → Beijing time. */
export function cnEventTime(t: unknown): string {
  if (typeof t === 'string') return cnDateTime(t);
  if (t && typeof t === 'object' && 'seconds' in t)
    return cnDateTime(new Date(Number((t as { seconds: string }).seconds) * 1000).toISOString());
  return '—';
}

export function timeLeft(seconds: number): string {
  const abs = Math.abs(seconds);
  const days = Math.floor(abs / 86400);
  const hours = Math.floor((abs % 86400) / 3600);
  const text = days > 0 ? `${days} 天 ${hours} 小时` : `${hours} 小时 ${Math.floor((abs % 3600) / 60)} 分`;
  return seconds < 0 ? `已超期 ${text}` : `剩余 ${text}`;
}

export const levelName = labeller({ normal: '正常', warning: '黄色预警', overdue: '红色超期' }, '未知等级');
export const levelTag = (level: string): 'success' | 'warning' | 'danger' =>
  level === 'overdue' ? 'danger' : level === 'warning' ? 'warning' : 'success';

/** A role's Chinese name (domain/vocabulary.ts, shared with the API's refusals). */
export const roleName = roleLabel;

export const rectificationStatusName = labeller({ open: '整改中', rectified: '已整改', criticized: '通报批评' }, '未知状态');

export const extensionStatusName = labeller({ pending: '待审批', approved: '已批准', refused: '不同意', lapsed: '已失效' }, '未知状态');
export const outcomeName = labeller({ corrected: '已更正', confirmed: '确认无误', partially_corrected: '部分更正' }, '未知结果');

/** A sharing request's status by the stage it names (a pending one waits for its provider, 第三十一条). */
export const sharingStatusName = (status: string): string => stageLabel(status === 'pending' ? 'awaiting_sharing_decision' : status);
export const grantSourceName = labeller({ unconditional: '无条件共享即时授权', provider: '提供部门同意', dispute: '争议决定共享' }, '其他');

/** A due day as a deadline: it ends at 24:00 Beijing time, the next day's 00:00 (+08:00). */
export const dayDeadline = (due: string, provisional = false) => ({
  due,
  endsAt: new Date(Date.parse(`${due}T00:00:00+08:00`) + 86_400_000).toISOString(),
  provisional,
});

/** The reporting year officials work now (第四十六条): the past one during January, when the county reports are due. */
export function currentReportYear(): number {
  const beijing = new Date(Date.now() + 8 * 3600_000);
  return beijing.getUTCMonth() === 0 ? beijing.getUTCFullYear() - 1 : beijing.getUTCFullYear();
}

/** An audited request's outcome (its HTTP status) in words. */
export const resultName = (status: string): string => (status.startsWith('2') ? '成功' : `未成功（${status}）`);
