import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  bigserial,
} from 'drizzle-orm/pg-core';
import { roleEnum } from './enums';
import { departments } from './identity';
import { violations } from './processes';

// 第四十六条: each department's yearly report to the authority, due 31 December.
export const annualReports = pgTable(
  'annual_reports',
  {
    year: integer('year').notNull(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    workflowId: text('workflow_id').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    content: jsonb('content').$type<Record<string, unknown>>(),
    submittedBy: text('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    late: boolean('late'),
  },
  (t) => [primaryKey({ columns: [t.year, t.departmentCode] })],
);

// 第四十六条: the authority's county report (due 15 January) and the county government's
// submission to the city (due 31 January).
export const countyReports = pgTable('county_reports', {
  year: integer('year').primaryKey(),
  workflowId: text('workflow_id').notNull(),
  compiled: jsonb('compiled').$type<Record<string, unknown>>().notNull(),
  submittedBy: text('submitted_by').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  late: boolean('late').notNull(),
  cityNote: text('city_note'),
  citySubmittedBy: text('city_submitted_by'),
  citySubmittedAt: timestamp('city_submitted_at', { withTimezone: true }),
  cityLate: boolean('city_late'),
});

// 第五十一条: 责令限期改正, escalated to 通报批评 when the period passes unrectified.
export const rectificationOrders = pgTable(
  'rectification_orders',
  {
    id: text('id').primaryKey(),
    violationId: bigint('violation_id', { mode: 'number' })
      .notNull()
      .references(() => violations.id),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    workflowId: text('workflow_id').notNull().unique(),
    requirement: text('requirement').notNull(),
    periodWorkingDays: integer('period_working_days').notNull(),
    status: text('status', { enum: ['open', 'rectified', 'criticized'] })
      .notNull()
      .default('open'),
    issuedBy: text('issued_by').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    report: text('report'),
    reportedBy: text('reported_by'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    criticizedAt: timestamp('criticized_at', { withTimezone: true }),
    // 第五十一条: the authority's acceptance of the rectification, or its latest rejection of a report.
    acceptedBy: text('accepted_by'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('rectification_orders_violation_idx').on(t.violationId),
    index('rectification_orders_department_idx').on(t.departmentCode, t.status),
  ],
);

// 第五十一条: 通报批评, issued by the authority as a circular to every department and the county
// government; numbered per year (云数通〔2025〕1号), one per order.
export const circulars = pgTable(
  'circulars',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    orderId: text('order_id')
      .notNull()
      .references(() => rectificationOrders.id),
    violationId: bigint('violation_id', { mode: 'number' })
      .notNull()
      .references(() => violations.id),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    issuedBy: text('issued_by').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('circulars_order_idx').on(t.orderId),
    uniqueIndex('circulars_number_idx').on(t.year, t.seq),
    index('circulars_department_idx').on(t.departmentCode),
  ],
);

// 第五十一条 情节严重: the authority's referral to the competent organ (有权机关) for 处分 of the
// responsible persons; once per order.
export const rectificationReferrals = pgTable('rectification_referrals', {
  orderId: text('order_id')
    .primaryKey()
    .references(() => rectificationOrders.id),
  organ: text('organ').notNull(),
  persons: text('persons').notNull(),
  referredOn: date('referred_on', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
  serious: boolean('serious').notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
});

// The reminder and notice outbox: activities write, people read; delivery channels later.
// (workflow_id, key, department_code) keeps a retried activity from writing twice.
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflowId: text('workflow_id').notNull(),
    key: text('key').notNull(),
    /** null: addressed county-wide to the role */
    departmentCode: text('department_code').references(() => departments.code),
    /** null: every user of the department */
    role: roleEnum('role'),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readBy: jsonb('read_by').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    uniqueIndex('notifications_once_idx').on(t.workflowId, t.key, sql`coalesce(${t.departmentCode}, '')`),
    index('notifications_department_idx').on(t.departmentCode, t.createdAt),
  ],
);

// 督办 (SPEC §6): a supervisor's urging of the party holding an open process's turn. The
// request id makes a repeated click one record; the notice and the timeline event follow it.
export const supervisionUrges = pgTable(
  'supervision_urges',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: text('request_id').notNull().unique(),
    workflowId: text('workflow_id').notNull(),
    stage: text('stage').notNull(),
    /** the party holding the turn (domain/responsibility.ts holderOf) and its department, notified */
    holderKind: text('holder_kind').notNull(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    note: text('note').notNull(),
    urgedBy: text('urged_by').notNull(),
    urgedByRole: roleEnum('urged_by_role').notNull(),
    urgedAt: timestamp('urged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supervision_urges_workflow_idx').on(t.workflowId, t.urgedAt)],
);
