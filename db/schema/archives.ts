import { customType, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { processes } from './processes';

/** PGlite hands back a Uint8Array, postgres.js a Buffer: both are bytes. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

// SPEC §5, 第四十八条: the engine keeps a closed workflow for its namespace's retention only;
// the full history of each closed process is kept here, gzip-compressed, with the digest that
// the audit log also records (activities/history-archive.activities.ts). Written once.
export const processHistoryArchives = pgTable('process_history_archives', {
  workflowId: text('workflow_id')
    .primaryKey()
    .references(() => processes.workflowId),
  runId: text('run_id').notNull(),
  events: integer('events').notNull(),
  /** the digest's algorithm, 'sha256' */
  algorithm: text('algorithm').notNull(),
  /** hex digest of the uncompressed history JSON */
  digest: text('digest').notNull(),
  /** gzip of the history JSON as the engine served it (payloads as stored: encrypted by the codec) */
  history: bytea('history').notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true }).notNull().defaultNow(),
});
