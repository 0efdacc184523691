// SPEC §5: an edited or deleted audit entry is found, and named; concurrent writers keep one
// unbroken chain. Tampering needs the table owner's rights: the append-only trigger is
// switched off first, as an attacker with those rights would.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { appendAudit, verifyAuditChain } from '../../db/repositories/audit.repo';
import { auditLog } from '../../db/schema';
import { testDatabase } from '../helpers/db';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      appendAudit(database.db, {
        userId: `u${i % 5}`,
        role: 'department_staff',
        departmentCode: 'market',
        action: 'POST /v1/corrections',
        target: `correction-${i}`,
        result: '201',
      }),
    ),
  );
});
afterAll(async () => database?.close());

const tamper = async (change: () => Promise<unknown>) => {
  await database.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
  try {
    await change();
  } finally {
    await database.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  }
};

describe('audit tampering', () => {
  it('50 concurrent writers: one contiguous chain', async () => {
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 50 });
    const ids = (await database.db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('the guard refuses edits and deletes of recent entries', async () => {
    await expect(database.db.update(auditLog).set({ result: '200' }).where(eq(auditLog.id, 10))).rejects.toThrow();
    await expect(database.db.delete(auditLog).where(eq(auditLog.id, 10))).rejects.toThrow();
  });

  it('a deleted entry is named by the entry after it; an edited one by itself, the earlier break first', async () => {
    await tamper(() => database.db.delete(auditLog).where(eq(auditLog.id, 10)));
    expect(await verifyAuditChain(database.db)).toEqual({ ok: false, entries: 49, firstBrokenId: 11, reason: 'PREV_HASH_MISMATCH' });
    await tamper(() => database.db.update(auditLog).set({ result: '403' }).where(eq(auditLog.id, 5)));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, firstBrokenId: 5, reason: 'CONTENT_CHANGED' });
  });
});
