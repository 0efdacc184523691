CREATE TABLE "circulars" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"order_id" text NOT NULL,
	"violation_id" bigint NOT NULL,
	"department_code" text NOT NULL,
	"issued_by" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rectification_referrals" (
	"order_id" text PRIMARY KEY NOT NULL,
	"organ" text NOT NULL,
	"persons" text NOT NULL,
	"referred_on" date NOT NULL,
	"reason" text NOT NULL,
	"serious" boolean NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "processes" DROP CONSTRAINT "processes_stage_check";--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD COLUMN "accepted_by" text;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "rectification_orders" ADD COLUMN "rejected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_order_id_rectification_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."rectification_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_violation_id_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circulars" ADD CONSTRAINT "circulars_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_referrals" ADD CONSTRAINT "rectification_referrals_order_id_rectification_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."rectification_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "circulars_order_idx" ON "circulars" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "circulars_number_idx" ON "circulars" USING btree ("year","seq");--> statement-breakpoint
CREATE INDEX "circulars_department_idx" ON "circulars" USING btree ("department_code");--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_stage_check" CHECK ((type = 'correction' and stage in ('verifying', 'extension_pending', 'overdue', 'completed')) or (type = 'catalog_update' and stage in ('awaiting_application', 'under_review', 'returned', 'approved')) or (type = 'rectification' and stage in ('rectifying', 'awaiting_acceptance', 'rectified', 'criticized')) or (type = 'annual_report' and stage in ('departments_reporting', 'authority_compiling', 'county_submitting', 'completed')) or (type = 'sharing_request' and stage in ('awaiting_sharing_decision', 'granted', 'granted_in_part', 'refused')) or (type = 'sharing_dispute' and stage in ('dispute_coordinating', 'dispute_referred', 'upheld', 'overturned')) or (type = 'conflict' and stage in ('conflict_negotiating', 'conflict_coordinating', 'agreed', 'decided')));