// Dates as officials read them: 2025年10月16日（星期四）, times in Beijing time whatever the
// browser's zone; and the Chinese names of the API's stable codes.
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 'YYYY-MM-DD' → 2025年10月16日（星期四） */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${y}年${m}月${d}日（星期${WEEKDAYS[weekday]}）`;
}

/** A due date ends at 24:00 Beijing time of that day. */
export const cnDeadline = (due: string | null | undefined): string => (due ? `${cnDate(due)} 24:00` : '—');

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

const label =
  (names: Record<string, string>) =>
  (code: string | null | undefined): string =>
    code ? (names[code] ?? code) : '—';

export const levelName = label({ normal: '正常', warning: '黄色预警', overdue: '红色超期' });
export const levelTag = (level: string): 'success' | 'warning' | 'danger' =>
  level === 'overdue' ? 'danger' : level === 'warning' ? 'warning' : 'success';

export const roleName = label({
  department_staff: '部门工作人员',
  department_head: '部门主要负责人',
  authority_reviewer: '主管部门审核人员',
  county_government: '县人民政府',
  auditor: '审计人员',
  applicant: '申请人',
  admin: '系统管理员',
});

export const typeName = label({
  correction: '数据校核',
  catalog_update: '目录更新',
  annual_report: '年度报告',
  rectification: '限期整改',
  sharing: '共享申请',
});

export const stageName = label({
  starting: '受理中',
  verifying: '核查中',
  extension_pending: '延期待审批',
  overdue: '已超期',
  completed: '已办结',
  awaiting_application: '待提交申请',
  returned: '已退回',
  under_review: '审核中',
  approved: '已批准',
  rectifying: '整改中',
  rectified: '已整改',
  criticized: '通报批评',
  departments_reporting: '部门报送中',
  authority_compiling: '主管部门汇编中',
  county_submitting: '县政府报送中',
});

export const actionName = label({
  verify: '核查并登记结果',
  decide_extension: '审批延期申请',
  supervise_overdue: '督办超期事项',
  submit_catalog_application: '提交目录更新申请',
  review_catalog_application: '审核目录更新申请',
  report_rectification: '报送整改情况',
  submit_county_report: '报送县级年度报告',
  submit_annual_report_to_city: '向市政府报送年度报告',
  follow: '查看办理进度',
});

export const eventName = label({
  filed: '受理登记',
  deadline_set: '确定期限',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_refused: '不同意延期',
  verified: '登记核查结果',
  violation_recorded: '记录违规',
  correction_overdue: '超期',
  change_registered: '登记目录变更',
  application_submitted: '提交目录更新申请',
  application_approved: '批准目录更新',
  application_returned: '退回目录更新申请',
  approval_refused: '批准被拒绝',
  rectification_ordered: '下达整改通知',
  rectification_reported: '报送整改情况',
  criticized: '通报批评',
  reminder: '提醒',
  annual_report_opened: '开始年度报告',
  department_report_submitted: '部门报送年度报告',
  annual_reports_missed: '部门未按时报送',
  county_report_submitted: '报送县级报告',
  county_report_late: '县级报告逾期',
  city_submission: '报送市政府',
  city_submission_late: '报送市政府逾期',
  annual_report_completed: '年度报告办结',
  level_warning: '转为黄色预警',
  level_overdue: '转为红色超期',
});

/** 第四十九条 and the rest: the kind of breach a violation records. */
export const violationKindName = (kind: string): string =>
  /^catalog_review_overdue_(\d+)$/.test(kind)
    ? `目录更新第 ${kind.split('_').pop()} 次申请超期审核`
    : label({
        correction_overdue: '数据校核超期',
        catalog_submission_overdue: '目录更新申请超期',
        county_report_late: '县级年度报告逾期',
        city_submission_late: '报送市政府逾期',
        sharing_decision_overdue: '共享申请超期未答复',
        dispute_overdue: '共享争议超期',
        annual_report_missed: '年度报告未按时报送',
      })(kind.split(':')[0]);

export const rectificationStatusName = label({ open: '整改中', rectified: '已整改', criticized: '通报批评' });

export const extensionStatusName = label({ pending: '待审批', approved: '已批准', refused: '不同意', lapsed: '已失效' });
export const outcomeName = label({ corrected: '已更正', confirmed: '确认无误', partially_corrected: '部分更正' });
