import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// SPEC §5: an entry is one INSERT (no lock, no link to the one before): the request path never
// waits for another writer. The sequencer (db/repositories/audit.repo.ts sequenceAudit) later
// gives it its leaf in audit_leaf. Append-only (a trigger refuses UPDATE, and DELETE outside the
// lawful purge of entries older than 6 months). prev_hash/hash: the hash chain of the entries
// written before the transparency log (migration audit-transparency-log), kept as they were.
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
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [index('audit_log_target_idx').on(t.target), index('audit_log_user_idx').on(t.userId, t.at), index('audit_log_at_idx').on(t.at)],
);

// RFC 6962: leaf `seq` of the Merkle tree is H(0x00 ‖ entry) of audit_log row `entry_id`. The
// purge removes an entry's body from audit_log and keeps its leaf, so every later head still
// verifies. Never updated, never deleted (trigger).
export const auditLeaf = pgTable('audit_leaf', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  entryId: bigint('entry_id', { mode: 'number' }).notNull().unique(),
  leafHash: text('leaf_hash').notNull(),
});

// Signed tree heads, made at a fixed interval by auditSealWorkflow, which also keeps each one in
// its Temporal history: this table is a copy for reading, the workflow is what the database cannot
// rewrite. The signing key never enters the database (env AUDIT_SIGNING_KEY_FILE).
export const auditHead = pgTable('audit_head', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
  rootHash: text('root_hash').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  hashAlgorithm: text('hash_algorithm').notNull(),
  keyId: text('key_id').notNull(),
  signature: text('signature').notNull(),
  /** the leaves whose bodies the purges had removed when the head was made (seq < purgedBelow) */
  purgedBelow: integer('purged_below').notNull().default(0),
});
