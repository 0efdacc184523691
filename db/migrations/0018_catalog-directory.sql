CREATE TABLE "city_submissions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"catalog_version" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"catalog_digest" text NOT NULL,
	"catalog_rows" integer NOT NULL,
	"demand_digest" text NOT NULL,
	"demand_rows" integer NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "directory_publications" (
	"catalog_version" integer PRIMARY KEY NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"entry_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demand_items" ADD COLUMN "sharing_request_id" text;--> statement-breakpoint
-- Hand-written (issue 14 item 7): the document-kind columns are added nullable, the existing
-- rows backfilled from what the system accepted until now (a person's resident ID, an
-- organisation's credit code), then made NOT NULL as the schema declares.
ALTER TABLE "corrections" ADD COLUMN "subject_document_kind" text;--> statement-breakpoint
UPDATE "corrections" SET "subject_document_kind" = CASE "subject_kind" WHEN 'person' THEN 'resident_id' ELSE 'credit_code' END;--> statement-breakpoint
ALTER TABLE "corrections" ALTER COLUMN "subject_document_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD COLUMN "ordered_role" text;--> statement-breakpoint
-- Hand-written backfill (SPEC §3.7): a grant a dispute decision made before this column existed
-- was ordered by the dispute's decider, who alone may revoke it.
UPDATE "sharing_grants" SET "ordered_role" = d."decided_role"
FROM "sharing_disputes" d
WHERE d."sharing_request_id" = "sharing_grants"."sharing_request_id" AND "sharing_grants"."source" = 'dispute' AND d."status" = 'overturned';--> statement-breakpoint
-- End of hand-written blocks; the rest is generated.
ALTER TABLE "violators" ADD COLUMN "document_kind" text;--> statement-breakpoint
UPDATE "violators" SET "document_kind" = CASE "kind" WHEN 'natural_person' THEN 'resident_id' ELSE 'credit_code' END;--> statement-breakpoint
ALTER TABLE "violators" ALTER COLUMN "document_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "city_submissions" ADD CONSTRAINT "city_submissions_catalog_version_catalog_versions_version_fk" FOREIGN KEY ("catalog_version") REFERENCES "public"."catalog_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_submissions" ADD CONSTRAINT "city_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_publications" ADD CONSTRAINT "directory_publications_catalog_version_catalog_versions_version_fk" FOREIGN KEY ("catalog_version") REFERENCES "public"."catalog_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_publications" ADD CONSTRAINT "directory_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_entries_code_lower_idx" ON "catalog_entries" USING btree (lower("code"));