ALTER TABLE "sharing_grants" ADD COLUMN "ordered_role" text;--> statement-breakpoint
-- Hand-written backfill (SPEC §3.7): a grant a dispute decision made before this column existed
-- was ordered by the dispute's decider, who alone may revoke it.
UPDATE "sharing_grants" SET "ordered_role" = d."decided_role"
FROM "sharing_disputes" d
WHERE d."sharing_request_id" = "sharing_grants"."sharing_request_id" AND "sharing_grants"."source" = 'dispute' AND d."status" = 'overturned';
