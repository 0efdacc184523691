import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { type IndicatorParameters, SECURITY_RECORD_KINDS, type SecurityRecordKind, type Weights } from '../../domain/evaluation';
import { departments, users } from './identity';

// 第四十五条: the authority's indicator set of a year — the weight of each dimension (summing to
// 100) and the parameters of its formulas. Edited until published; a published year is frozen.
export const evaluationIndicatorSets = pgTable('evaluation_indicator_sets', {
  year: integer('year').primaryKey(),
  weights: jsonb('weights').$type<Weights>().notNull(),
  parameters: jsonb('parameters').$type<IndicatorParameters>().notNull(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  publishedBy: uuid('published_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});

// 第四十五条: the result of a year as sent to the county government for 目标考核: who, when, the
// result as the JSON text sent (text, not jsonb, so its bytes stay as digested) and its SHA-256.
export const evaluationSubmissions = pgTable(
  'evaluation_submissions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    year: integer('year').notNull(),
    digest: text('digest').notNull(),
    result: text('result').notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_submissions_year_idx').on(t.year, t.submittedAt)],
);

// 第四十二条、第四十三条: a department's register of its security risk assessments and emergency
// drills, each with its date and summary (the 安全 dimension).
export const securityRecords = pgTable(
  'security_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    kind: text('kind').$type<SecurityRecordKind>().notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    summary: text('summary').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('security_records_department_idx').on(t.departmentCode, t.heldOn),
    check('security_records_kind_check', sql`kind in (${sql.raw(SECURITY_RECORD_KINDS.map((k) => `'${k}'`).join(', '))})`),
  ],
);
