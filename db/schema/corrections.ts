import { date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DocumentKind } from '../../domain/vocabulary';
import { roleEnum } from './enums';
import { catalogEntries } from './catalog';
import { departments, users } from './identity';

// 第二十三条: an objection to a department's data. Personal data (ID number, name, contact)
// lives only here: Temporal histories carry the correction id, never the person.
export const corrections = pgTable('corrections', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull().unique(),
  workflowId: text('workflow_id').notNull().unique(),
  departmentCode: text('department_code')
    .notNull()
    .references(() => departments.code),
  resourceCode: text('resource_code')
    .notNull()
    .references(() => catalogEntries.code),
  dataItems: jsonb('data_items').$type<string[]>().notNull(),
  description: text('description').notNull(),
  evidence: text('evidence'),
  subjectKind: text('subject_kind', { enum: ['person', 'organisation'] }).notNull(),
  /** 第五十五条: the document the number belongs to (DOCUMENT_KINDS) */
  subjectDocumentKind: text('subject_document_kind').$type<DocumentKind>().notNull(),
  subjectIdNumber: text('subject_id_number').notNull(),
  subjectName: text('subject_name').notNull(),
  contact: text('contact'),
  /** SPEC §7: an applicant filing about someone else states the authorisation (委托书) it acts under */
  agentAuthorisation: text('agent_authorisation'),
  filedByUserId: uuid('filed_by_user_id')
    .notNull()
    .references(() => users.id),
  filedByRole: roleEnum('filed_by_role').notNull(),
  receivedOn: date('received_on', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  outcome: text('outcome', { enum: ['corrected', 'confirmed', 'partially_corrected'] }),
  outcomeDetail: jsonb('outcome_detail').$type<{ summary: string; changes: { item: string; before: string; after: string }[] }>(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

// 第二十三条: each extension of a correction as its steps left it (requested, approved or
// refused, lapsed), written with the step, so a correction reads whole when no worker answers.
export const correctionExtensions = pgTable(
  'correction_extensions',
  {
    workflowId: text('workflow_id')
      .notNull()
      .references(() => corrections.workflowId),
    extensionId: integer('extension_id').notNull(),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'refused', 'lapsed'] }).notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.extensionId] })],
);

/**
 * Wrong query codes per receipt (issue 16): after QUERY_CODE_LOCKOUT.failures in a row the receipt
 * is locked for QUERY_CODE_LOCKOUT.minutes whatever address asks, and its department is told.
 */
export const queryCodeAttempts = pgTable('query_code_attempts', {
  correctionId: text('correction_id')
    .primaryKey()
    .references(() => corrections.id),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lockouts: integer('lockouts').notNull().default(0),
});
