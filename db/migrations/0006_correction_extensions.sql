CREATE TABLE "correction_extensions" (
	"workflow_id" text NOT NULL,
	"extension_id" integer NOT NULL,
	"days" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	CONSTRAINT "correction_extensions_workflow_id_extension_id_pk" PRIMARY KEY("workflow_id","extension_id")
);
--> statement-breakpoint
ALTER TABLE "correction_extensions" ADD CONSTRAINT "correction_extensions_workflow_id_corrections_workflow_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."corrections"("workflow_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill from the timeline (written by hand below the generated DDL): a request is
-- `extension-<n>-requested` (detail days, reason), its decision `extension-<n>-decided`
-- (extension_approved | extension_refused, detail reason). Undecided, it lapsed if the deadline
-- passed (a level_overdue step names it in lapsedExtension) or the process closed.
INSERT INTO "correction_extensions" ("workflow_id", "extension_id", "days", "reason", "status", "requested_by", "requested_at", "decided_by", "decided_at", "decision_reason")
SELECT r."workflow_id", r."n", (r."detail"->>'days')::integer, r."detail"->>'reason',
	CASE
		WHEN d."kind" = 'extension_approved' THEN 'approved'
		WHEN d."kind" = 'extension_refused' THEN 'refused'
		WHEN p."status" = 'closed' OR EXISTS (
			SELECT 1 FROM "process_events" o
			WHERE o."workflow_id" = r."workflow_id" AND o."kind" = 'level_overdue' AND o."detail"->>'lapsedExtension' = r."n"::text
		) THEN 'lapsed'
		ELSE 'pending'
	END,
	r."actor_user_id", r."occurred_at", d."actor_user_id", d."occurred_at", d."detail"->>'reason'
FROM (
	SELECT e.*, substring(e."event_key" from '^extension-([0-9]+)-requested$')::integer AS "n"
	FROM "process_events" e
	JOIN "corrections" c ON c."workflow_id" = e."workflow_id"
	WHERE e."kind" = 'extension_requested' AND e."event_key" ~ '^extension-[0-9]+-requested$'
) r
LEFT JOIN "process_events" d ON d."workflow_id" = r."workflow_id" AND d."event_key" = 'extension-' || r."n" || '-decided'
LEFT JOIN "processes" p ON p."workflow_id" = r."workflow_id"
ON CONFLICT DO NOTHING;
