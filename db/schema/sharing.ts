import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ConflictResource } from '../../domain/conflict';
import { SHARING_STATUSES } from '../../domain/sharing';
import { SHARING_TYPES } from '../../domain/catalog';
import { roleEnum } from './enums';
import { catalogEntries } from './catalog';
import { departments, users } from './identity';

// Settings the authority changes through the API, e.g. the period for a provider's decision
// on a conditional sharing request (default 5 working days).
export const processSettings = pgTable('process_settings', {
  key: text('key').primaryKey(),
  value: integer('value').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// 第二十九条 to 第三十一条: a department's request for a catalog resource, with its purpose and
// duty (第四十九条(四)(五)). Conditional requests have a workflow; the others are answered at once.
export const sharingRequests = pgTable(
  'sharing_requests',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id').notNull().unique(),
    workflowId: text('workflow_id').unique(),
    requesterDepartment: text('requester_department')
      .notNull()
      .references(() => departments.code),
    providerDepartment: text('provider_department')
      .notNull()
      .references(() => departments.code),
    resourceCode: text('resource_code')
      .notNull()
      .references(() => catalogEntries.code),
    dataItems: jsonb('data_items').$type<string[]>().notNull(),
    purpose: text('purpose').notNull(),
    duty: text('duty').notNull(),
    sharingType: text('sharing_type', { enum: SHARING_TYPES }).notNull(),
    status: text('status', { enum: SHARING_STATUSES }).notNull(),
    decisionWorkingDays: integer('decision_working_days'),
    decisionDue: date('decision_due', { mode: 'string' }),
    reason: text('reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedLate: boolean('decided_late'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sharing_requests_requester_idx').on(t.requesterDepartment, t.createdAt),
    index('sharing_requests_provider_idx').on(t.providerDepartment, t.createdAt),
  ],
);

// What a requester may read, and until when: a grant is revoked, never deleted.
export const sharingGrants = pgTable(
  'sharing_grants',
  {
    id: text('id').primaryKey(),
    sharingRequestId: text('sharing_request_id')
      .notNull()
      .unique()
      .references(() => sharingRequests.id),
    requesterDepartment: text('requester_department')
      .notNull()
      .references(() => departments.code),
    providerDepartment: text('provider_department')
      .notNull()
      .references(() => departments.code),
    resourceCode: text('resource_code')
      .notNull()
      .references(() => catalogEntries.code),
    dataItems: jsonb('data_items').$type<string[]>().notNull(),
    purpose: text('purpose').notNull(),
    /** unconditional, provider, dispute */
    source: text('source', { enum: ['unconditional', 'provider', 'dispute'] }).notNull(),
    grantedBy: text('granted_by'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    /** source dispute: who ordered it (第三十二条), the only one who may revoke it (SPEC §3.7) */
    orderedRole: text('ordered_role', { enum: ['authority_reviewer', 'county_government'] }),
    revokedBy: text('revoked_by'),
    revokedRole: roleEnum('revoked_role'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('sharing_grants_requester_idx').on(t.requesterDepartment), index('sharing_grants_provider_idx').on(t.providerDepartment)],
);

// 第三十二条: a dispute of a refusal, one per request.
export const sharingDisputes = pgTable('sharing_disputes', {
  id: text('id').primaryKey(),
  sharingRequestId: text('sharing_request_id')
    .notNull()
    .unique()
    .references(() => sharingRequests.id),
  workflowId: text('workflow_id').notNull().unique(),
  requesterDepartment: text('requester_department')
    .notNull()
    .references(() => departments.code),
  providerDepartment: text('provider_department')
    .notNull()
    .references(() => departments.code),
  grounds: text('grounds').notNull(),
  filedBy: uuid('filed_by')
    .notNull()
    .references(() => users.id),
  filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
  status: text('status', { enum: ['dispute_coordinating', 'dispute_referred', 'upheld', 'overturned'] })
    .notNull()
    .default('dispute_coordinating'),
  referredBy: text('referred_by'),
  referredAt: timestamp('referred_at', { withTimezone: true }),
  referralReason: text('referral_reason'),
  decidedBy: text('decided_by'),
  decidedRole: roleEnum('decided_role'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decisionReason: text('decision_reason'),
});

// 第二十六条: inconsistent data of the same kind from several departments.
export const conflictCases = pgTable('conflict_cases', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull().unique(),
  workflowId: text('workflow_id').notNull().unique(),
  departments: jsonb('departments').$type<string[]>().notNull(),
  resources: jsonb('resources').$type<ConflictResource[]>().notNull(),
  description: text('description').notNull(),
  openedBy: uuid('opened_by')
    .notNull()
    .references(() => users.id),
  openedRole: roleEnum('opened_role').notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  status: text('status', { enum: ['conflict_negotiating', 'conflict_coordinating', 'agreed', 'decided'] })
    .notNull()
    .default('conflict_negotiating'),
  decision: text('decision'),
  decidedBy: text('decided_by'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

// Each department's latest position on a conflict; a revised position replaces the last.
export const conflictPositions = pgTable(
  'conflict_positions',
  {
    conflictId: text('conflict_id')
      .notNull()
      .references(() => conflictCases.id),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    position: text('position').notNull(),
    agrees: boolean('agrees').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conflictId, t.departmentCode] })],
);
