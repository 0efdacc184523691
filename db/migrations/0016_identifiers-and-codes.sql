-- Hand-written (issue 14 item 7): the document-kind columns are added nullable, the existing
-- rows backfilled from what the system accepted until now (a person's resident ID, an
-- organisation's credit code), then made NOT NULL as the schema declares.
ALTER TABLE "corrections" ADD COLUMN "subject_document_kind" text;--> statement-breakpoint
UPDATE "corrections" SET "subject_document_kind" = CASE "subject_kind" WHEN 'person' THEN 'resident_id' ELSE 'credit_code' END;--> statement-breakpoint
ALTER TABLE "corrections" ALTER COLUMN "subject_document_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "violators" ADD COLUMN "document_kind" text;--> statement-breakpoint
UPDATE "violators" SET "document_kind" = CASE "kind" WHEN 'natural_person' THEN 'resident_id' ELSE 'credit_code' END;--> statement-breakpoint
ALTER TABLE "violators" ALTER COLUMN "document_kind" SET NOT NULL;--> statement-breakpoint
-- End of hand-written block. Generated:
CREATE UNIQUE INDEX "catalog_entries_code_lower_idx" ON "catalog_entries" USING btree (lower("code"));
