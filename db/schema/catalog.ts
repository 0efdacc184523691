import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { departments } from './identity';

// 第十五条: the catalog entry a correction or a sharing request points at. The full metadata
// and versioning arrive with the catalog update process.
export const catalogEntries = pgTable('catalog_entries', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  departmentCode: text('department_code').notNull().references(() => departments.code),
  dataItems: jsonb('data_items').$type<string[]>().notNull(),
  status: text('status', { enum: ['active', 'withdrawn'] }).notNull().default('active'),
});
