import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// SPEC §5: append-only (a trigger refuses UPDATE and DELETE) and hash-chained, so an altered
// or removed entry breaks the chain at the first place it was touched.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    userId: text('user_id'),
    role: text('role'),
    departmentCode: text('department_code'),
    action: text('action').notNull(),
    target: text('target').notNull(),
    result: text('result').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_target_idx').on(t.target), index('audit_log_user_idx').on(t.userId, t.at)],
);
