import { sql } from 'drizzle-orm';
import { bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CatalogChange, CatalogEntry, ResponsibilityItem } from '../../domain/catalog';
import { BASE_DATABASES, SHARING_TYPES } from '../../domain/catalog';
import { CHANGE_TRIGGERS } from '../../domain/catalog-update';
import { COMPILATION_KINDS } from '../../domain/catalog-compilation';
import { roleEnum } from './enums';
import { departments, users } from './identity';

// 第十五条: the catalog as it stands now. Every approved change also writes the entry's new
// version to catalog_entry_versions, so any past catalog version can be rebuilt.
export const catalogEntries = pgTable(
  'catalog_entries',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    dataItems: jsonb('data_items').$type<string[]>().notNull(),
    status: text('status', { enum: ['active', 'withdrawn'] })
      .notNull()
      .default('active'),
    summary: text('summary').notNull().default(''),
    encodingFormat: text('encoding_format').notNull().default(''),
    sharingType: text('sharing_type', { enum: SHARING_TYPES }).notNull().default('unconditional'),
    sharingBasis: text('sharing_basis'),
    sharingMethod: text('sharing_method').notNull().default(''),
    updateFrequency: text('update_frequency').notNull().default(''),
    securityLevel: text('security_level').notNull().default(''),
    usageRequirements: text('usage_requirements').notNull().default(''),
    updateCycle: text('update_cycle').notNull().default(''),
    baseDatabase: text('base_database', { enum: BASE_DATABASES }),
    /** the entry's own version, checked by approvals (optimistic concurrency) */
    version: integer('version').notNull().default(1),
    /** the catalog version that last changed this entry */
    catalogVersion: integer('catalog_version').notNull().default(1),
  },
  // Issue 14 item 7: codes are one namespace without case (mkt-001 beside MKT-001 is refused).
  (t) => [uniqueIndex('catalog_entries_code_lower_idx').on(sql`lower(${t.code})`)],
);

// One row per catalog version: the baseline (1) and then one per approved application.
export const catalogVersions = pgTable('catalog_versions', {
  version: integer('version').primaryKey(),
  departmentCode: text('department_code').references(() => departments.code),
  changeId: text('change_id'),
  approvedBy: uuid('approved_by').references(() => users.id),
  approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  summary: jsonb('summary').$type<{ added: string[]; changed: string[]; withdrawn: string[] }>().notNull(),
});

// Each entry at each of its versions, with the catalog version that made it.
export const catalogEntryVersions = pgTable(
  'catalog_entry_versions',
  {
    code: text('code').notNull(),
    entryVersion: integer('entry_version').notNull(),
    catalogVersion: integer('catalog_version')
      .notNull()
      .references(() => catalogVersions.version),
    action: text('action', { enum: ['baseline', 'add', 'change', 'withdraw'] }).notNull(),
    entry: jsonb('entry').$type<CatalogEntry>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.entryVersion] }), index('catalog_entry_versions_catalog_idx').on(t.catalogVersion)],
);

// 第十七条: each department's responsibility list, regenerated with the catalog version it follows from.
export const responsibilityLists = pgTable(
  'responsibility_lists',
  {
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    catalogVersion: integer('catalog_version')
      .notNull()
      .references(() => catalogVersions.version),
    items: jsonb('items').$type<ResponsibilityItem[]>().notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentCode, t.catalogVersion] })],
);

// 第十八条: a change (law amended, functions changed) that starts a catalog update process.
export const catalogChanges = pgTable('catalog_changes', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull().unique(),
  workflowId: text('workflow_id').notNull().unique(),
  departmentCode: text('department_code')
    .notNull()
    .references(() => departments.code),
  trigger: text('trigger', { enum: CHANGE_TRIGGERS }).notNull(),
  changeDate: date('change_date', { mode: 'string' }).notNull(),
  legalBasis: text('legal_basis').notNull(),
  description: text('description').notNull(),
  registeredByUserId: uuid('registered_by_user_id')
    .notNull()
    .references(() => users.id),
  registeredByRole: roleEnum('registered_by_role').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  catalogVersion: integer('catalog_version').references(() => catalogVersions.version),
});

// 第十六条: a department's compilation of its full 目录清单 (first compilation, yearly review,
// addition), reviewed by the authority into a catalog version like a 第十八条 change.
export const catalogCompilations = pgTable('catalog_compilations', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull().unique(),
  workflowId: text('workflow_id').notNull().unique(),
  departmentCode: text('department_code')
    .notNull()
    .references(() => departments.code),
  kind: text('kind', { enum: COMPILATION_KINDS }).notNull(),
  description: text('description').notNull(),
  registeredByUserId: uuid('registered_by_user_id')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  catalogVersion: integer('catalog_version').references(() => catalogVersions.version),
});

// Every application of a change (第十八条) or a compilation (第十六条) as received, by the
// case's id (ML… or MB…): resubmissions are new rows, nothing is overwritten. The column keeps
// its name; it no longer references catalog_changes since compilations share it.
export const catalogApplications = pgTable(
  'catalog_applications',
  {
    changeId: text('change_id').notNull(),
    n: integer('n').notNull(),
    changes: jsonb('changes').$type<CatalogChange[]>().notNull(),
    submittedByUserId: text('submitted_by_user_id').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    reviewDue: date('review_due', { mode: 'string' }).notNull(),
    decision: text('decision', { enum: ['approved', 'returned'] }),
    decidedByUserId: text('decided_by_user_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.n] })],
);

// 第十六条: what a department needs from others (需求清单), summed up county-wide by the authority.
export const demandItems = pgTable(
  'demand_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    departmentCode: text('department_code')
      .notNull()
      .references(() => departments.code),
    providerDepartmentCode: text('provider_department_code').references(() => departments.code),
    resourceCode: text('resource_code').references(() => catalogEntries.code),
    name: text('name').notNull(),
    dataItems: jsonb('data_items').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    purpose: text('purpose').notNull(),
    duty: text('duty').notNull(),
    /** SPEC §3.7: the sharing request this demand became (one step, once) */
    sharingRequestId: text('sharing_request_id'),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('demand_items_department_idx').on(t.departmentCode)],
);
