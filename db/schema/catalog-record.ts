import { bigserial, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { catalogVersions } from './catalog';
import { users } from './identity';

// 第三十一条: each publication of the 共享目录, one per catalog version, in order.
export const directoryPublications = pgTable('directory_publications', {
  catalogVersion: integer('catalog_version')
    .primaryKey()
    .references(() => catalogVersions.version),
  publishedBy: uuid('published_by')
    .notNull()
    .references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  entryCount: integer('entry_count').notNull(),
});

// 第十六条: each report of the county 目录清单 and 需求清单 to the city, as sent: the catalog
// version, the day, who, and the SHA-256 of each file, so the files the city holds can be proven.
export const citySubmissions = pgTable('city_submissions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  catalogVersion: integer('catalog_version')
    .notNull()
    .references(() => catalogVersions.version),
  submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
  submittedBy: uuid('submitted_by')
    .notNull()
    .references(() => users.id),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  catalogDigest: text('catalog_digest').notNull(),
  catalogRows: integer('catalog_rows').notNull(),
  demandDigest: text('demand_digest').notNull(),
  demandRows: integer('demand_rows').notNull(),
  note: text('note'),
});
