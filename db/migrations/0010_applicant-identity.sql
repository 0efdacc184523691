ALTER TABLE "users" ADD COLUMN "identity_number" text;--> statement-breakpoint
ALTER TABLE "corrections" ADD COLUMN "agent_authorisation" text;