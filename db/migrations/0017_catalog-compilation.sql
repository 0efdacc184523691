CREATE TABLE "catalog_compilations" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"department_code" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"registered_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"catalog_version" integer,
	CONSTRAINT "catalog_compilations_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "catalog_compilations_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
ALTER TABLE "processes" DROP CONSTRAINT "processes_type_check";--> statement-breakpoint
ALTER TABLE "processes" DROP CONSTRAINT "processes_stage_check";--> statement-breakpoint
ALTER TABLE "violations" DROP CONSTRAINT "violations_kind_check";--> statement-breakpoint
ALTER TABLE "catalog_applications" DROP CONSTRAINT "catalog_applications_change_id_catalog_changes_id_fk";
--> statement-breakpoint
ALTER TABLE "catalog_compilations" ADD CONSTRAINT "catalog_compilations_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_compilations" ADD CONSTRAINT "catalog_compilations_registered_by_user_id_users_id_fk" FOREIGN KEY ("registered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_compilations" ADD CONSTRAINT "catalog_compilations_catalog_version_catalog_versions_version_fk" FOREIGN KEY ("catalog_version") REFERENCES "public"."catalog_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_type_check" CHECK (type in ('correction', 'catalog_update', 'rectification', 'annual_report', 'sharing_request', 'sharing_dispute', 'conflict', 'finding', 'penalty_case', 'catalog_compilation'));--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_stage_check" CHECK ((type = 'correction' and stage in ('verifying', 'extension_pending', 'overdue', 'completed')) or (type = 'catalog_update' and stage in ('awaiting_application', 'under_review', 'returned', 'approved')) or (type = 'rectification' and stage in ('rectifying', 'awaiting_acceptance', 'rectified', 'criticized')) or (type = 'annual_report' and stage in ('departments_reporting', 'authority_compiling', 'county_submitting', 'completed')) or (type = 'sharing_request' and stage in ('awaiting_sharing_decision', 'granted', 'granted_in_part', 'refused')) or (type = 'sharing_dispute' and stage in ('dispute_coordinating', 'dispute_referred', 'upheld', 'overturned')) or (type = 'conflict' and stage in ('conflict_negotiating', 'conflict_coordinating', 'agreed', 'decided')) or (type = 'finding' and stage in ('finding_provisional', 'statement_period', 'awaiting_finding_decision', 'finding_confirmed', 'finding_annulled', 'finding_withdrawn')) or (type = 'penalty_case' and stage in ('penalty_filed', 'penalty_statement', 'penalty_awaiting_order', 'penalty_rectifying', 'penalty_warned', 'penalty_rectified', 'penalty_concluded', 'penalty_fined', 'penalty_referred')) or (type = 'catalog_compilation' and stage in ('under_review', 'returned', 'approved')));--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_kind_check" CHECK (kind ~ '^(correction_overdue|catalog_submission_overdue|catalog_resubmission_overdue_[1-9][0-9]*|catalog_review_overdue_[1-9][0-9]*|sharing_decision_overdue|annual_report_missed:.+|county_report_late|city_submission_late|compilation_review_overdue_[1-9][0-9]*|conduct_49_1|conduct_49_2|conduct_49_3|conduct_49_4|conduct_49_5|conduct_49_6|conduct_49_7|conduct_50_1|conduct_50_2|conduct_50_3|conduct_50_4|conduct_50_5)$');