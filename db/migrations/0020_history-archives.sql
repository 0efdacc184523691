CREATE TABLE "process_history_archives" (
	"workflow_id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"events" integer NOT NULL,
	"algorithm" text NOT NULL,
	"digest" text NOT NULL,
	"history" "bytea" NOT NULL,
	"archived_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "process_history_archives" ADD CONSTRAINT "process_history_archives_workflow_id_processes_workflow_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."processes"("workflow_id") ON DELETE no action ON UPDATE no action;