import { createHash } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client';
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
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function entryHash(prevHash: string, at: string, e: AuditEntry): string {
  const body = canonical({ ...e, at: new Date(at).toISOString(), detail: e.detail ?? null });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * Appends one entry to the hash chain. The advisory lock serialises writers so that each
 * entry links to the one before it, however many requests write at once.
 */
export async function appendAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('audit_log'))`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const prevHash = last?.hash ?? GENESIS_HASH;
    const at = new Date().toISOString();
    await tx.insert(auditLog).values({ ...e, detail: e.detail ?? null, at, prevHash, hash: entryHash(prevHash, at, e) });
  });
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenId: number; reason: string };

/** Walks the chain from the start; names the first entry whose link or content does not hold. */
export async function verifyAuditChain(db: DbOrTx): Promise<AuditVerification> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
  let prevHash = GENESIS_HASH;
  for (const r of rows) {
    if (r.prevHash !== prevHash) return { ok: false, entries: rows.length, firstBrokenId: r.id, reason: 'PREV_HASH_MISMATCH' };
    const e: AuditEntry = { userId: r.userId, role: r.role, departmentCode: r.departmentCode, action: r.action, target: r.target, result: r.result, detail: r.detail ?? undefined };
    if (entryHash(prevHash, r.at, e) !== r.hash) return { ok: false, entries: rows.length, firstBrokenId: r.id, reason: 'CONTENT_CHANGED' };
    prevHash = r.hash;
  }
  return { ok: true, entries: rows.length };
}

export const listAuditForTarget = (db: DbOrTx, target: string) =>
  db.select().from(auditLog).where(eq(auditLog.target, target)).orderBy(asc(auditLog.id));
