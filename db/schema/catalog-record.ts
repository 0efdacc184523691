import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
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
