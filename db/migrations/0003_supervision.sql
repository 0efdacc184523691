CREATE TABLE "annual_reports" (
	"year" integer NOT NULL,
	"department_code" text NOT NULL,
	"workflow_id" text NOT NULL,
	"due_date" date NOT NULL,
	"content" jsonb,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"late" boolean,
	CONSTRAINT "annual_reports_year_department_code_pk" PRIMARY KEY("year","department_code")
);
--> statement-breakpoint
CREATE TABLE "county_reports" (
	"year" integer PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"compiled" jsonb NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"late" boolean NOT NULL,
	"city_note" text,
	"city_submitted_by" text,
	"city_submitted_at" timestamp with time zone,
	"city_late" boolean
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"key" text NOT NULL,
	"department_code" text,
	"role" "role",
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_by" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"violation_id" bigint NOT NULL,
	"department_code" text NOT NULL,
	"workflow_id" text NOT NULL,
	"requirement" text NOT NULL,
	"period_working_days" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"report" text,
	"reported_by" text,
	"reported_at" timestamp with time zone,
	"criticized_at" timestamp with time zone,
	CONSTRAINT "rectification_orders_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
ALTER TABLE "annual_reports" ADD CONSTRAINT "annual_reports_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD CONSTRAINT "rectification_orders_violation_id_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD CONSTRAINT "rectification_orders_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once_idx" ON "notifications" USING btree ("workflow_id","key",coalesce("department_code", ''));--> statement-breakpoint
CREATE INDEX "notifications_department_idx" ON "notifications" USING btree ("department_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rectification_orders_violation_idx" ON "rectification_orders" USING btree ("violation_id");--> statement-breakpoint
CREATE INDEX "rectification_orders_department_idx" ON "rectification_orders" USING btree ("department_code","status");