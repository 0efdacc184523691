CREATE TABLE "catalog_applications" (
	"change_id" text NOT NULL,
	"n" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"submitted_by_user_id" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_on" date NOT NULL,
	"review_due" date NOT NULL,
	"decision" text,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	CONSTRAINT "catalog_applications_change_id_n_pk" PRIMARY KEY("change_id","n")
);
--> statement-breakpoint
CREATE TABLE "catalog_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"department_code" text NOT NULL,
	"trigger" text NOT NULL,
	"change_date" date NOT NULL,
	"legal_basis" text NOT NULL,
	"description" text NOT NULL,
	"registered_by_user_id" uuid NOT NULL,
	"registered_by_role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"catalog_version" integer,
	CONSTRAINT "catalog_changes_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "catalog_changes_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_entry_versions" (
	"code" text NOT NULL,
	"entry_version" integer NOT NULL,
	"catalog_version" integer NOT NULL,
	"action" text NOT NULL,
	"entry" jsonb NOT NULL,
	CONSTRAINT "catalog_entry_versions_code_entry_version_pk" PRIMARY KEY("code","entry_version")
);
--> statement-breakpoint
CREATE TABLE "catalog_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"department_code" text,
	"change_id" text,
	"approved_by" uuid,
	"approved_at" timestamp with time zone NOT NULL,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"department_code" text NOT NULL,
	"provider_department_code" text,
	"resource_code" text,
	"name" text NOT NULL,
	"data_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"purpose" text NOT NULL,
	"duty" text NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responsibility_lists" (
	"department_code" text NOT NULL,
	"catalog_version" integer NOT NULL,
	"items" jsonb NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "responsibility_lists_department_code_catalog_version_pk" PRIMARY KEY("department_code","catalog_version")
);
--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "summary" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "encoding_format" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "sharing_type" text DEFAULT 'unconditional' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "sharing_basis" text;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "sharing_method" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "update_frequency" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "security_level" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "usage_requirements" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "update_cycle" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "base_database" text;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD COLUMN "catalog_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog_applications" ADD CONSTRAINT "catalog_applications_change_id_catalog_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."catalog_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_changes" ADD CONSTRAINT "catalog_changes_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_changes" ADD CONSTRAINT "catalog_changes_registered_by_user_id_users_id_fk" FOREIGN KEY ("registered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_changes" ADD CONSTRAINT "catalog_changes_catalog_version_catalog_versions_version_fk" FOREIGN KEY ("catalog_version") REFERENCES "public"."catalog_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_entry_versions" ADD CONSTRAINT "catalog_entry_versions_catalog_version_catalog_versions_version_fk" FOREIGN KEY ("catalog_version") REFERENCES "public"."catalog_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_items" ADD CONSTRAINT "demand_items_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_items" ADD CONSTRAINT "demand_items_provider_department_code_departments_code_fk" FOREIGN KEY ("provider_department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_items" ADD CONSTRAINT "demand_items_resource_code_catalog_entries_code_fk" FOREIGN KEY ("resource_code") REFERENCES "public"."catalog_entries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_items" ADD CONSTRAINT "demand_items_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_lists" ADD CONSTRAINT "responsibility_lists_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibility_lists" ADD CONSTRAINT "responsibility_lists_catalog_version_catalog_versions_version_fk" FOREIGN KEY ("catalog_version") REFERENCES "public"."catalog_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_entry_versions_catalog_idx" ON "catalog_entry_versions" USING btree ("catalog_version");--> statement-breakpoint
CREATE INDEX "demand_items_department_idx" ON "demand_items" USING btree ("department_code");