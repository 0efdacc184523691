CREATE TABLE "conflict_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"departments" jsonb NOT NULL,
	"resources" jsonb NOT NULL,
	"description" text NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_role" "role" NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'conflict_negotiating' NOT NULL,
	"decision" text,
	"decided_by" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "conflict_cases_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "conflict_cases_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "conflict_positions" (
	"conflict_id" text NOT NULL,
	"department_code" text NOT NULL,
	"position" text NOT NULL,
	"agrees" boolean NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conflict_positions_conflict_id_department_code_pk" PRIMARY KEY("conflict_id","department_code")
);
--> statement-breakpoint
CREATE TABLE "process_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sharing_disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"sharing_request_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"requester_department" text NOT NULL,
	"provider_department" text NOT NULL,
	"grounds" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'dispute_coordinating' NOT NULL,
	"referred_by" text,
	"referred_at" timestamp with time zone,
	"referral_reason" text,
	"decided_by" text,
	"decided_role" "role",
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	CONSTRAINT "sharing_disputes_sharing_request_id_unique" UNIQUE("sharing_request_id"),
	CONSTRAINT "sharing_disputes_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "sharing_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"sharing_request_id" text NOT NULL,
	"requester_department" text NOT NULL,
	"provider_department" text NOT NULL,
	"resource_code" text NOT NULL,
	"data_items" jsonb NOT NULL,
	"purpose" text NOT NULL,
	"source" text NOT NULL,
	"granted_by" text,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_by" text,
	"revoked_role" "role",
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	CONSTRAINT "sharing_grants_sharing_request_id_unique" UNIQUE("sharing_request_id")
);
--> statement-breakpoint
CREATE TABLE "sharing_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"workflow_id" text,
	"requester_department" text NOT NULL,
	"provider_department" text NOT NULL,
	"resource_code" text NOT NULL,
	"data_items" jsonb NOT NULL,
	"purpose" text NOT NULL,
	"duty" text NOT NULL,
	"sharing_type" text NOT NULL,
	"status" text NOT NULL,
	"decision_working_days" integer,
	"decision_due" date,
	"reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decided_late" boolean,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sharing_requests_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "sharing_requests_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
ALTER TABLE "conflict_cases" ADD CONSTRAINT "conflict_cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_positions" ADD CONSTRAINT "conflict_positions_conflict_id_conflict_cases_id_fk" FOREIGN KEY ("conflict_id") REFERENCES "public"."conflict_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_positions" ADD CONSTRAINT "conflict_positions_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_settings" ADD CONSTRAINT "process_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_disputes" ADD CONSTRAINT "sharing_disputes_sharing_request_id_sharing_requests_id_fk" FOREIGN KEY ("sharing_request_id") REFERENCES "public"."sharing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_disputes" ADD CONSTRAINT "sharing_disputes_requester_department_departments_code_fk" FOREIGN KEY ("requester_department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_disputes" ADD CONSTRAINT "sharing_disputes_provider_department_departments_code_fk" FOREIGN KEY ("provider_department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_disputes" ADD CONSTRAINT "sharing_disputes_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD CONSTRAINT "sharing_grants_sharing_request_id_sharing_requests_id_fk" FOREIGN KEY ("sharing_request_id") REFERENCES "public"."sharing_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD CONSTRAINT "sharing_grants_requester_department_departments_code_fk" FOREIGN KEY ("requester_department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD CONSTRAINT "sharing_grants_provider_department_departments_code_fk" FOREIGN KEY ("provider_department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_grants" ADD CONSTRAINT "sharing_grants_resource_code_catalog_entries_code_fk" FOREIGN KEY ("resource_code") REFERENCES "public"."catalog_entries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_requests" ADD CONSTRAINT "sharing_requests_requester_department_departments_code_fk" FOREIGN KEY ("requester_department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_requests" ADD CONSTRAINT "sharing_requests_provider_department_departments_code_fk" FOREIGN KEY ("provider_department") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_requests" ADD CONSTRAINT "sharing_requests_resource_code_catalog_entries_code_fk" FOREIGN KEY ("resource_code") REFERENCES "public"."catalog_entries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_requests" ADD CONSTRAINT "sharing_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sharing_grants_requester_idx" ON "sharing_grants" USING btree ("requester_department");--> statement-breakpoint
CREATE INDEX "sharing_grants_provider_idx" ON "sharing_grants" USING btree ("provider_department");--> statement-breakpoint
CREATE INDEX "sharing_requests_requester_idx" ON "sharing_requests" USING btree ("requester_department","created_at");--> statement-breakpoint
CREATE INDEX "sharing_requests_provider_idx" ON "sharing_requests" USING btree ("provider_department","created_at");