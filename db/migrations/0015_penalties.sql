CREATE TABLE "penalty_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"party_type" text NOT NULL,
	"service_unit_id" bigint,
	"violator_id" bigint,
	"conduct" text,
	"breaches" jsonb NOT NULL,
	"facts" text NOT NULL,
	"evidence" text,
	"stage" text DEFAULT 'penalty_filed' NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"notice_content" text,
	"notified_on" date,
	"statement_due" date,
	"statements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requirement" text,
	"period_working_days" integer,
	"ordered_on" date,
	"rectification_due" date,
	"rectification_report" text,
	"rectified_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"fine_yuan" integer,
	"consequences" text,
	"fined_at" timestamp with time zone,
	"conclusion" text,
	"referred_to" text,
	"referral_reason" text,
	"referred_at" timestamp with time zone,
	"decided_by" text,
	"closed_at" timestamp with time zone,
	CONSTRAINT "penalty_cases_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "penalty_cases_workflow_id_unique" UNIQUE("workflow_id"),
	CONSTRAINT "penalty_cases_party_type_check" CHECK (party_type in ('service_unit', 'violator')),
	CONSTRAINT "penalty_cases_conduct_check" CHECK (conduct is null or conduct in ('business', 'non_business')),
	CONSTRAINT "penalty_cases_stage_check" CHECK (stage in ('penalty_filed', 'penalty_statement', 'penalty_awaiting_order', 'penalty_rectifying', 'penalty_warned', 'penalty_rectified', 'penalty_concluded', 'penalty_fined', 'penalty_referred')),
	CONSTRAINT "penalty_cases_party_check" CHECK ((party_type = 'service_unit' and service_unit_id is not null and violator_id is null and conduct is null) or (party_type = 'violator' and violator_id is not null and service_unit_id is null and conduct is not null))
);
--> statement-breakpoint
CREATE TABLE "service_units" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"services" text NOT NULL,
	"duties" jsonb NOT NULL,
	"checked_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_units_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "violators" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"identifier" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "violators_kind_check" CHECK (kind in ('natural_person', 'organisation'))
);
--> statement-breakpoint
ALTER TABLE "processes" DROP CONSTRAINT "processes_type_check";--> statement-breakpoint
ALTER TABLE "processes" DROP CONSTRAINT "processes_stage_check";--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD CONSTRAINT "penalty_cases_service_unit_id_service_units_id_fk" FOREIGN KEY ("service_unit_id") REFERENCES "public"."service_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD CONSTRAINT "penalty_cases_violator_id_violators_id_fk" FOREIGN KEY ("violator_id") REFERENCES "public"."violators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_cases" ADD CONSTRAINT "penalty_cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_units" ADD CONSTRAINT "service_units_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violators" ADD CONSTRAINT "violators_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "violators_identifier_idx" ON "violators" USING btree ("kind","identifier");--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_type_check" CHECK (type in ('correction', 'catalog_update', 'rectification', 'annual_report', 'sharing_request', 'sharing_dispute', 'conflict', 'finding', 'penalty_case'));--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_stage_check" CHECK ((type = 'correction' and stage in ('verifying', 'extension_pending', 'overdue', 'completed')) or (type = 'catalog_update' and stage in ('awaiting_application', 'under_review', 'returned', 'approved')) or (type = 'rectification' and stage in ('rectifying', 'awaiting_acceptance', 'rectified', 'criticized')) or (type = 'annual_report' and stage in ('departments_reporting', 'authority_compiling', 'county_submitting', 'completed')) or (type = 'sharing_request' and stage in ('awaiting_sharing_decision', 'granted', 'granted_in_part', 'refused')) or (type = 'sharing_dispute' and stage in ('dispute_coordinating', 'dispute_referred', 'upheld', 'overturned')) or (type = 'conflict' and stage in ('conflict_negotiating', 'conflict_coordinating', 'agreed', 'decided')) or (type = 'finding' and stage in ('finding_provisional', 'statement_period', 'awaiting_finding_decision', 'finding_confirmed', 'finding_annulled', 'finding_withdrawn')) or (type = 'penalty_case' and stage in ('penalty_filed', 'penalty_statement', 'penalty_awaiting_order', 'penalty_rectifying', 'penalty_warned', 'penalty_rectified', 'penalty_concluded', 'penalty_fined', 'penalty_referred')));