import { bigserial, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { IncidentStatus } from '../../domain/incidents';

// Issue 16: activities that keep failing (domain/incidents.ts). One row per activity execution
// of a workflow run, written by the worker's activity interceptor, closed when the activity
// succeeds or the admin terminates the process. No foreign key to processes: the failing
// activity may be the one that writes the registry row.
export const incidents = pgTable(
  'incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workflowId: text('workflow_id').notNull(),
    runId: text('run_id').notNull(),
    activityId: text('activity_id').notNull(),
    activityType: text('activity_type').notNull(),
    attempt: integer('attempt').notNull(),
    permanent: boolean('permanent').notNull(),
    sqlState: text('sql_state'),
    error: text('error').notNull(),
    status: text('status').$type<IncidentStatus>().notNull().default('open'),
    firstFailedAt: timestamp('first_failed_at', { withTimezone: true }).notNull(),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    closingReason: text('closing_reason'),
  },
  (t) => [
    uniqueIndex('incidents_activity_idx').on(t.workflowId, t.runId, t.activityId),
    index('incidents_open_idx').on(t.status, t.lastFailedAt),
    check('incidents_status_check', sql`status in ('open', 'resolved', 'terminated')`),
  ],
);
