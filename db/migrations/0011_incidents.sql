CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"run_id" text NOT NULL,
	"activity_id" text NOT NULL,
	"activity_type" text NOT NULL,
	"attempt" integer NOT NULL,
	"permanent" boolean NOT NULL,
	"sql_state" text,
	"error" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"first_failed_at" timestamp with time zone NOT NULL,
	"last_failed_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"closing_reason" text,
	CONSTRAINT "incidents_status_check" CHECK (status in ('open', 'resolved', 'terminated'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_activity_idx" ON "incidents" USING btree ("workflow_id","run_id","activity_id");--> statement-breakpoint
CREATE INDEX "incidents_open_idx" ON "incidents" USING btree ("status","last_failed_at");