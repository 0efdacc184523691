CREATE TABLE "supervision_urges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"stage" text NOT NULL,
	"holder_kind" text NOT NULL,
	"department_code" text NOT NULL,
	"note" text NOT NULL,
	"urged_by" text NOT NULL,
	"urged_by_role" "role" NOT NULL,
	"urged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supervision_urges_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
ALTER TABLE "supervision_urges" ADD CONSTRAINT "supervision_urges_department_code_departments_code_fk" FOREIGN KEY ("department_code") REFERENCES "public"."departments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_urges_workflow_idx" ON "supervision_urges" USING btree ("workflow_id","urged_at");