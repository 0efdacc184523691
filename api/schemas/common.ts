import { type Static, type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';
import { DEPARTMENT_KINDS } from '../../domain/roles';
import { PROCESS_TYPES, STAGES, TASK_KINDS } from '../../domain/vocabulary';
import { DATE_RANGE, MAX_BIGINT_ID, MAX_INTEGER_ID, type WorkingDaysBound } from '../../domain/bounds';
import { RECEIPT_POLICIES } from '../../domain/working-days';

/**
 * Schema annotation naming the domain error of a bounded value: the error handler answers a value
 * outside the bound with that code, as the workflow validator would (app.ts registers the keyword).
 */
export const DOMAIN_ERROR_KEYWORD = 'x-domain-error';

/** A number of working days within a domain bound: the limits and the code both come from domain/. */
export const workingDaysIn = (bound: WorkingDaysBound, description: string) =>
  Type.Integer({
    minimum: bound.min,
    maximum: bound.max,
    description: `${description}（${bound.min}–${bound.max}）`,
    [DOMAIN_ERROR_KEYWORD]: bound.code,
  });

/** Every error the API returns: a stable English code beside the Chinese text an official reads. */
export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'stable English code, e.g. VALIDATION_FAILED' }),
    error: Type.String(),
    message: Type.String({ description: '中文说明' }),
    details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

export const errorRef = Type.Ref(ErrorResponse);

/** The error responses every authenticated route may give. */
export const errors = (...codes: number[]): Record<number, TSchema> =>
  Object.fromEntries([400, 401, 403, 429, 503, ...codes].map((c) => [c, errorRef]));

export const IsoDate = Type.String({
  format: 'date',
  // The whole shape, not only the year: a fuzzer draws from the pattern and keeps what the format
  // admits, and a pattern of the year alone admits 1 draw in 30 (1 in 1000 for two dates in a body).
  pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: `YYYY-MM-DD（北京时间的日期，${DATE_RANGE.min} 至 ${DATE_RANGE.max}）`,
  examples: ['2025-09-26'],
  [DOMAIN_ERROR_KEYWORD]: DATE_RANGE.code,
});

/** A year of DATE_RANGE, whole. */
export const CalendarYear = Type.Integer({ minimum: Number(DATE_RANGE.min.slice(0, 4)), maximum: Number(DATE_RANGE.max.slice(0, 4)) });

/** A row id or version held in a PostgreSQL integer column: larger numbers are refused, not sent to the database. */
export const IntegerId = (description?: string) =>
  Type.Integer({ minimum: 1, maximum: MAX_INTEGER_ID, ...(description && { description }) });
/** A row id held in a bigint (bigserial) column. */
export const BigintId = Type.Integer({ minimum: 1, maximum: MAX_BIGINT_ID });

export const Deadline = Type.Object({
  due: IsoDate,
  endsAt: Type.String({ description: '期限届满时刻（当日 24:00 北京时间），ISO 8601 +08:00' }),
  warningAt: Type.String({ description: '转为黄色预警的时刻' }),
  provisional: Type.Boolean({ description: '期间内有尚未载入官方安排的年份，仅按周末计算' }),
  calendarVersion: Type.String(),
  receiptPolicy: Type.Optional(
    Type.Union(RECEIPT_POLICIES.map((p) => Type.Literal(p)) as Literals<typeof RECEIPT_POLICIES>, {
      description: '受理日规则：next_working_day 休息日受理顺延至下一工作日 / calendar_day 按日历日起算',
    }) as TUnion<Literals<typeof RECEIPT_POLICIES>>,
  ),
  countedFrom: Type.Optional(IsoDate),
});

// The vocabulary's codes: an unknown one in a query is a 400. Their Chinese names are in
// domain/vocabulary.ts. The cast keeps the tuple, so that the union types as its members.
type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K] & string> };
export const codes = <const T extends readonly string[]>(values: T, description: string): TUnion<Literals<T>> =>
  Type.Union(values.map((v) => Type.Literal(v)) as Literals<T>, { description }) as TUnion<Literals<T>>;
export const ProcessTypeCode = codes(PROCESS_TYPES, '流程类型代码');
export const StageCode = codes(STAGES, '环节代码');
export const TaskKindCode = codes(TASK_KINDS, '待办事项代码');
export const DepartmentKindCode = codes(DEPARTMENT_KINDS, '部门类别代码');

export const Level = Type.Union([Type.Literal('normal'), Type.Literal('warning'), Type.Literal('overdue')]);

export const Pagination = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};

/** One page of a list: its rows, how many match in all (no silent truncation), and the page asked for. */
export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: '符合条件的总数' }),
    limit: Type.Integer({ description: '每页条数（最多 500）' }),
    offset: Type.Integer(),
  });

export const ProcessIdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.:-]+$' }) },
  { additionalProperties: false },
);
