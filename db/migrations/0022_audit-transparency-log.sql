CREATE TABLE "audit_head" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tree_size" bigint NOT NULL,
	"root_hash" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"hash_algorithm" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	"purged_below" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_leaf" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"leaf_hash" text NOT NULL,
	CONSTRAINT "audit_leaf_entry_id_unique" UNIQUE("entry_id")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
-- Hand-written (SPEC §5). Entries are now one INSERT each: the locking chain function goes.
-- Backfill: the entries of the old hash chain need no SQL here. They have no leaf yet, and the
-- sequencer (db/repositories/audit.repo.ts sequenceAudit) gives them theirs first, in id order,
-- their chain hash included in what the leaf covers, so the old chain is sealed into the tree.
DROP FUNCTION IF EXISTS append_audit(timestamptz, text, text, text, text, text, text, jsonb, text);
--> statement-breakpoint
-- Leaves and heads are never changed nor removed, not even by the purge (it keeps the leaves).
CREATE OR REPLACE FUNCTION audit_tree_guard() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (%)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_leaf_append_only BEFORE UPDATE OR DELETE ON audit_leaf
  FOR EACH ROW EXECUTE FUNCTION audit_tree_guard();
--> statement-breakpoint
CREATE TRIGGER audit_head_append_only BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_tree_guard();
