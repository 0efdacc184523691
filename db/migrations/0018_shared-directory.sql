CREATE TABLE "directory_publications" (
	"catalog_version" integer PRIMARY KEY NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"entry_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_publications" ADD CONSTRAINT "directory_publications_catalog_version_catalog_versions_version_fk" FOREIGN KEY ("catalog_version") REFERENCES "public"."catalog_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_publications" ADD CONSTRAINT "directory_publications_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;