CREATE TABLE "city_submissions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"catalog_version" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"catalog_digest" text NOT NULL,
	"catalog_rows" integer NOT NULL,
	"demand_digest" text NOT NULL,
	"demand_rows" integer NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "city_submissions" ADD CONSTRAINT "city_submissions_catalog_version_catalog_versions_version_fk" FOREIGN KEY ("catalog_version") REFERENCES "public"."catalog_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_submissions" ADD CONSTRAINT "city_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;