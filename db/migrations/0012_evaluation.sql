CREATE TABLE "evaluation_indicator_sets" (
	"year" integer PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"parameters" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluation_submissions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"digest" text NOT NULL,
	"result" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"department_code" text NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "security_records_kind_check" CHECK (kind in ('risk_assessment', 'emergency_drill'))
);
--> statement-breakpoint
ALTER TABLE "evaluation_indicator_sets" ADD CONSTRAINT "evaluation_indicator_sets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_indicator_sets" ADD CONSTRAINT "evaluation_indicator_sets_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_submissions" ADD CONSTRAINT "evaluation_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_records" ADD CONSTRAINT "security_records_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_records" ADD CONSTRAINT "security_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_submissions_year_idx" ON "evaluation_submissions" USING btree ("year","submitted_at");--> statement-breakpoint
CREATE INDEX "security_records_department_idx" ON "security_records" USING btree ("department_code","held_on");