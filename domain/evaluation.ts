// 第四十五条: the yearly evaluation of each department — on-time rate of each process, what is
// overdue now, violations (第四十九条), rectification orders and criticisms (第五十一条), and
// whether its annual report (第四十六条) came in on time. Pure arithmetic over counted rows.
import { toCsv } from './csv';
import { type ProcessType, processTypeLabel } from './vocabulary';
import type { IsoDate } from './working-days';

type ByDepartment = { departmentCode: string; n: number };
type ByDepartmentAndType = ByDepartment & { type: string };

export interface EvaluationInput {
  year: number;
  /** Beijing date of the evaluation, for a report still awaited */
  today: IsoDate;
  /** the process types evaluated, in column order */
  types: readonly ProcessType[];
  departments: { code: string; name: string }[];
  /** processes closed in the year; `late` of them have a violation recorded */
  closed: { departmentCode: string; type: string; closed: number; late: number }[];
  /** open processes past their deadline now */
  overdue: ByDepartmentAndType[];
  violations: ByDepartment[];
  openRectifications: ByDepartment[];
  criticized: ByDepartment[];
  reports: { departmentCode: string; dueDate: IsoDate; submittedOn: IsoDate | null; late: boolean | null }[];
}

export interface ProcessFigures {
  type: ProcessType;
  closed: number;
  onTime: number;
  /** onTime / closed to 4 decimals; null when nothing closed */
  onTimeRate: number | null;
  overdueOpen: number;
}

export interface DepartmentEvaluation {
  departmentCode: string;
  departmentName: string;
  processes: ProcessFigures[];
  violations: number;
  openRectifications: number;
  criticized: number;
  /** null: no annual report row for the year, or one not yet due */
  annualReportOnTime: boolean | null;
}

export const onTimeRate = (onTime: number, closed: number): number | null =>
  closed === 0 ? null : Math.round((onTime / closed) * 10_000) / 10_000;

/** On time when submitted by the due date; a report missing after its due date is late. */
export function reportOnTime(r: EvaluationInput['reports'][number] | undefined, today: IsoDate): boolean | null {
  if (!r) return null;
  if (r.late !== null) return !r.late;
  if (r.submittedOn) return r.submittedOn <= r.dueDate;
  return today > r.dueDate ? false : null;
}

export function evaluate(input: EvaluationInput): DepartmentEvaluation[] {
  const n = (rows: ByDepartment[], code: string, type?: string): number =>
    rows
      .filter((r) => r.departmentCode === code && (type === undefined || (r as ByDepartmentAndType).type === type))
      .reduce((sum, r) => sum + r.n, 0);
  return input.departments.map(({ code, name }) => ({
    departmentCode: code,
    departmentName: name,
    processes: input.types.map((type) => {
      const row = input.closed.find((c) => c.departmentCode === code && c.type === type);
      const closed = row?.closed ?? 0;
      const onTime = closed - (row?.late ?? 0);
      return { type, closed, onTime, onTimeRate: onTimeRate(onTime, closed), overdueOpen: n(input.overdue, code, type) };
    }),
    violations: n(input.violations, code),
    openRectifications: n(input.openRectifications, code),
    criticized: n(input.criticized, code),
    annualReportOnTime: reportOnTime(
      input.reports.find((r) => r.departmentCode === code),
      input.today,
    ),
  }));
}

/** 66.67%; — when nothing closed. */
export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

const yesNo = (v: boolean | null): string => (v === null ? '—' : v ? '是' : '否');

/** One row per department, a header row in Chinese; RFC 4180 quoting. */
export function evaluationCsv(types: readonly ProcessType[], rows: readonly DepartmentEvaluation[]): string {
  const header = [
    '部门代码',
    '部门名称',
    ...types.flatMap((t) => {
      const label = processTypeLabel(t);
      return [`${label}年内办结数`, `${label}按时办结数`, `${label}按时办结率`, `${label}当前超期未办结数`];
    }),
    '年内违规数',
    '未结整改通知数',
    '年内通报批评数',
    '年度报告按时报送',
  ];
  const body = rows.map((d) => [
    d.departmentCode,
    d.departmentName,
    ...types.flatMap((t) => {
      const p = d.processes.find((x) => x.type === t);
      return p ? [p.closed, p.onTime, percent(p.onTimeRate), p.overdueOpen] : [0, 0, percent(null), 0];
    }),
    d.violations,
    d.openRectifications,
    d.criticized,
    yesNo(d.annualReportOnTime),
  ]);
  return toCsv(header, body);
}
