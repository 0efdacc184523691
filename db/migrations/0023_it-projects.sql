ALTER TYPE "public"."department_kind" ADD VALUE 'project_approval';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'development_reform';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'finance';--> statement-breakpoint
CREATE TABLE "it_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"department_code" text NOT NULL,
	"name" text NOT NULL,
	"catalog_list" jsonb NOT NULL,
	"periods" jsonb NOT NULL,
	"registered_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "it_projects_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "it_projects_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
ALTER TABLE "processes" DROP CONSTRAINT "processes_type_check";--> statement-breakpoint
ALTER TABLE "processes" DROP CONSTRAINT "processes_stage_check";--> statement-breakpoint
ALTER TABLE "it_projects" ADD CONSTRAINT "it_projects_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "it_projects" ADD CONSTRAINT "it_projects_registered_by_user_id_users_id_fk" FOREIGN KEY ("registered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_type_check" CHECK (type in ('correction', 'catalog_update', 'rectification', 'annual_report', 'sharing_request', 'sharing_dispute', 'conflict', 'finding', 'penalty_case', 'catalog_compilation', 'it_project'));--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_stage_check" CHECK ((type = 'correction' and stage in ('verifying', 'extension_pending', 'overdue', 'completed')) or (type = 'catalog_update' and stage in ('awaiting_application', 'under_review', 'returned', 'approved')) or (type = 'rectification' and stage in ('rectifying', 'awaiting_acceptance', 'rectified', 'criticized')) or (type = 'annual_report' and stage in ('departments_reporting', 'authority_compiling', 'county_submitting', 'completed')) or (type = 'sharing_request' and stage in ('awaiting_sharing_decision', 'granted', 'granted_in_part', 'refused')) or (type = 'sharing_dispute' and stage in ('dispute_coordinating', 'dispute_referred', 'upheld', 'overturned')) or (type = 'conflict' and stage in ('conflict_negotiating', 'conflict_coordinating', 'agreed', 'decided')) or (type = 'finding' and stage in ('finding_provisional', 'statement_period', 'awaiting_finding_decision', 'finding_confirmed', 'finding_annulled', 'finding_withdrawn')) or (type = 'penalty_case' and stage in ('penalty_filed', 'penalty_statement', 'penalty_awaiting_order', 'penalty_rectifying', 'penalty_warned', 'penalty_rectified', 'penalty_concluded', 'penalty_fined', 'penalty_referred')) or (type = 'catalog_compilation' and stage in ('under_review', 'returned', 'approved')) or (type = 'it_project' and stage in ('under_review', 'project_approving', 'project_funding', 'project_building', 'completed', 'project_stopped')));