// 第四十七条: a department's 政务信息化项目 as filed: its 目录清单 and the authority's period
// settings in force at filing. The row makes the start idempotent (request id); the workflow
// holds the decisions, the registry the stage.
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ItProjectPeriods, ProjectCatalogItem } from '../../domain/it-project';
import { departments, users } from './identity';

export const itProjects = pgTable('it_projects', {
  id: text('id').primaryKey(),
  requestId: text('request_id').notNull().unique(),
  workflowId: text('workflow_id').notNull().unique(),
  departmentCode: text('department_code')
    .notNull()
    .references(() => departments.code),
  name: text('name').notNull(),
  catalogList: jsonb('catalog_list').$type<ProjectCatalogItem[]>().notNull(),
  periods: jsonb('periods').$type<ItProjectPeriods>().notNull(),
  registeredByUserId: uuid('registered_by_user_id')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
