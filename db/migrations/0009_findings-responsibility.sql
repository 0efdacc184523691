ALTER TABLE "violations" DROP CONSTRAINT "violations_kind_check";--> statement-breakpoint
ALTER TABLE "violations" ADD COLUMN "party_kind" text;--> statement-breakpoint
ALTER TABLE "violations" ADD COLUMN "supervisor" text;--> statement-breakpoint
ALTER TABLE "violations" ADD COLUMN "finding_class" text;--> statement-breakpoint
ALTER TABLE "violations" ADD COLUMN "status" text;--> statement-breakpoint
-- Backfill (hand-written): the rows recorded before SPEC §6 get the duty, party and class the
-- regulation assigns their kind (domain/vocabulary.ts FINDING_INFO), and count as confirmed.
UPDATE "violations" SET
  "article" = CASE
    WHEN kind ~ '^catalog_review_overdue_' THEN '第十八条第二款'
    WHEN kind = 'sharing_decision_overdue' THEN '第三十条（主管部门设定的答复期限）'
    WHEN kind ~ '^annual_report_missed:' THEN '第四十六条第一款'
    WHEN kind IN ('county_report_late', 'city_submission_late') THEN '第四十六条第二款'
    ELSE article END,
  "party_kind" = CASE
    WHEN kind ~ '^catalog_review_overdue_' OR kind = 'county_report_late' THEN 'authority'
    WHEN kind = 'city_submission_late' THEN 'county_government'
    ELSE 'department' END,
  "finding_class" = CASE WHEN kind IN ('correction_overdue', 'catalog_submission_overdue') THEN 'violation' ELSE 'timeliness' END,
  "status" = 'confirmed';--> statement-breakpoint
UPDATE "violations" SET "supervisor" = CASE party_kind WHEN 'authority' THEN 'county_government' WHEN 'county_government' THEN 'city' ELSE 'authority' END;--> statement-breakpoint
ALTER TABLE "violations" ALTER COLUMN "party_kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "violations" ALTER COLUMN "supervisor" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "violations" ALTER COLUMN "finding_class" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "violations" ALTER COLUMN "status" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_party_kind_check" CHECK (party_kind in ('department', 'authority', 'county_government'));--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_supervisor_check" CHECK (supervisor in ('authority', 'county_government', 'city'));--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_finding_class_check" CHECK (finding_class in ('violation', 'timeliness'));--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_status_check" CHECK (status in ('provisional', 'notified', 'contested', 'confirmed', 'annulled', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_kind_check" CHECK (kind ~ '^(correction_overdue|catalog_submission_overdue|catalog_resubmission_overdue_[1-9][0-9]*|catalog_review_overdue_[1-9][0-9]*|sharing_decision_overdue|annual_report_missed:.+|county_report_late|city_submission_late)$');