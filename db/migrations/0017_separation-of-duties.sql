-- Hand-written (drizzle-kit would drop and recreate the type, failing on existing rows):
-- 三权分立 (issue 17). The single `admin` becomes `system_admin` — every user, token, notice
-- and recorded actor that held it keeps its rows, now under the new name — beside the new
-- `security_admin` and `audit_admin`.
ALTER TYPE "public"."role" RENAME VALUE 'admin' TO 'system_admin';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE IF NOT EXISTS 'security_admin';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE IF NOT EXISTS 'audit_admin';
