import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { auditLog } from '../schema';

export interface AuditEntry {
  userId: string | null;
  role: string | null;
  departmentCode: string | null;
  action: string;
  target: string;
  result: string;
  detail?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: jsonb reorders keys, the hash must not care. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What an entry's hash covers: every field but its id and its links. */
const entryBody = (at: string, e: AuditEntry): string => canonical({ ...e, at: new Date(at).toISOString(), detail: e.detail ?? null });

const entryHash = (prevHash: string, at: string, e: AuditEntry): string =>
  createHash('sha256').update(prevHash).update(entryBody(at, e)).digest('hex');

/**
 * Appends one entry to the hash chain in one round trip: the database function append_audit
 * (migration 0005) takes the lock that serialises writers, links to the last entry and
 * hashes sha256(prev_hash || body) with the body computed here.
 */
export async function appendAudit(db: DbOrTx, e: AuditEntry): Promise<void> {
  const at = new Date().toISOString();
  const detail = e.detail ? JSON.stringify(e.detail) : null;
  await db.execute(
    sql`select append_audit(${at}::timestamptz, ${e.userId}::text, ${e.role}::text, ${e.departmentCode}::text, ${e.action}::text, ${e.target}::text, ${e.result}::text, ${detail}::jsonb, ${entryBody(at, e)}::text)`,
  );
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenId: number; reason: string };

/** Walks the chain from the start; names the first entry whose link or content does not hold. */
export async function verifyAuditChain(db: DbOrTx): Promise<AuditVerification> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
  let prevHash = GENESIS_HASH;
  for (const r of rows) {
    if (r.prevHash !== prevHash) return { ok: false, entries: rows.length, firstBrokenId: r.id, reason: 'PREV_HASH_MISMATCH' };
    const e: AuditEntry = {
      userId: r.userId,
      role: r.role,
      departmentCode: r.departmentCode,
      action: r.action,
      target: r.target,
      result: r.result,
      detail: r.detail ?? undefined,
    };
    if (entryHash(prevHash, r.at, e) !== r.hash) return { ok: false, entries: rows.length, firstBrokenId: r.id, reason: 'CONTENT_CHANGED' };
    prevHash = r.hash;
  }
  return { ok: true, entries: rows.length };
}

export const listAuditForTarget = (db: DbOrTx, target: string) =>
  db.select().from(auditLog).where(eq(auditLog.target, target)).orderBy(asc(auditLog.id));
