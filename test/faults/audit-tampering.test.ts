// SPEC §5: the audit log as a transparency log. A purge keeps the leaves, so the log still
// verifies; a TRUNCATE, the deletion of the newest entries and an edited entry are each found
// and named against the signed heads, also when the attacker removes the heads from the
// database too (the seal workflow's copies are given as `sealedHeads`). Tampering needs the table
// owner's rights: the append-only triggers are switched off first, as an attacker's would be.
import { createHash, verify as verifySignature } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ephemeralSigner } from '../../db/audit-keys';
import type { Database } from '../../db/client';
import { appendAudit, inclusionProof, makeHead, purgeAudit, verifyAuditLog } from '../../db/repositories/audit.repo';
import { auditLeaf, auditLog } from '../../db/schema';
import { auditPurgeCutoff } from '../../domain/audit-log';
import { testDatabase } from '../helpers/db';

const keys = { hash: 'sm3' as const, signer: ephemeralSigner() };
const publicKeyPem = keys.signer.publicKeyPem;
let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const entry = (i: number) => ({
  userId: `u${i % 5}`,
  role: 'department_staff',
  departmentCode: 'market',
  action: 'POST /v1/corrections',
  target: `correction-${i}`,
  result: '201',
});

/** A log of `old` entries dated 2026-03-01 (9 months back) and 20 of today, 20 written concurrently, and one head over them. */
async function log(old = 0) {
  database = await testDatabase();
  const before = (await db().select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
  for (let i = 0; i < old; i++)
    await db()
      .insert(auditLog)
      .values({ ...entry(i), at: '2026-03-01T08:00:00+08:00' });
  await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(db(), entry(100 + i))));
  const head = await makeHead(db(), keys);
  expect(head.treeSize).toBe(before + old + 20);
  return { head, before };
}

const db = () => database!.db;

const tamper = async (change: string) => {
  for (const t of ['audit_log', 'audit_leaf', 'audit_head']) await db().execute(sql.raw(`alter table ${t} disable trigger user`));
  await db().execute(sql.raw(change));
  for (const t of ['audit_log', 'audit_leaf', 'audit_head']) await db().execute(sql.raw(`alter table ${t} enable trigger user`));
};

describe('audit log against its signed heads', () => {
  it('the guards refuse edits of entries, leaves and heads, and deletes of recent entries', async () => {
    await log();
    await expect(db().execute(sql`update audit_log set result = '200'`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(db().execute(sql`delete from audit_leaf`)).rejects.toThrow();
    await expect(db().execute(sql`update audit_head set tree_size = 0`)).rejects.toThrow();
  });

  it('purge (retention 6 months on 2026-12-02): the 3 entries of March go, their leaves stay, the log verifies against the head before and after', async () => {
    const { head, before } = await log(3);
    // 6 months before 2 December 2026 is 2 June 2026: March is older, today is not.
    const cutoff = auditPurgeCutoff(new Date('2026-12-02T05:00:00Z'), 6);
    expect(cutoff.toISOString()).toBe('2026-06-02T05:00:00.000Z');
    expect(await purgeAudit(db(), { cutoff, retentionMonths: 6 })).toEqual({ purgedBelow: before + 3, removed: 3 });
    const after = await makeHead(db(), keys);
    expect(after.treeSize).toBe(head.treeSize + 1); // the purge is itself an entry
    const result = await verifyAuditLog(db(), { publicKeys: [publicKeyPem], sealedHeads: [head, after] });
    expect(result).toMatchObject({ ok: true, treeSize: head.treeSize + 1, purgedBelow: before + 3, problems: [] });
    const [purge] = await db().select().from(auditLog).where(sql`action = 'AUDIT_PURGE'`);
    expect(purge?.detail).toMatchObject({ removed: 3, retentionMonths: 6, cutoff: '2026-06-02T05:00:00.000Z' });
  });

  it('a retention under 6 months is refused (第二十七条)', () => {
    expect(() => auditPurgeCutoff(new Date('2026-12-02T05:00:00Z'), 5)).toThrow(/不得少于 6 个月/);
  });

  it('an edited entry is named with its leaf index', async () => {
    const { before } = await log();
    await tamper(`update audit_log set result = '403' where target = 'correction-105'`);
    const [{ at } = { at: -1 }] = await db()
      .select({ at: auditLeaf.seq })
      .from(auditLeaf)
      .innerJoin(auditLog, eq(auditLog.id, auditLeaf.entryId))
      .where(eq(auditLog.target, 'correction-105'));
    expect(at).toBeGreaterThanOrEqual(before);
    const result = await verifyAuditLog(db(), { publicKeys: [publicKeyPem] });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ reason: 'ENTRY_EDITED', message: '审计记录内容被修改', firstSeq: at, count: 1 }]);
  });

  it('the last 4 entries deleted with their leaves and every head row: named TAIL_DELETED against the sealed head', async () => {
    const { head } = await log();
    await tamper(`delete from audit_log where id in (select entry_id from audit_leaf where seq >= ${head.treeSize - 4})`);
    await tamper(`delete from audit_leaf where seq >= ${head.treeSize - 4}`);
    await tamper('delete from audit_head');
    const result = await verifyAuditLog(db(), { publicKeys: [publicKeyPem], sealedHeads: [head] });
    expect(result.problems).toEqual(
      expect.arrayContaining([{ reason: 'TAIL_DELETED', message: '最新的若干条审计记录被删除', firstSeq: head.treeSize - 4, count: 4 }]),
    );
    expect(result.ok).toBe(false);
  });

  it('TRUNCATE of the log, its leaves and its heads: named TRUNCATED against the sealed head', async () => {
    const { head } = await log();
    await tamper('truncate audit_log, audit_leaf, audit_head');
    const result = await verifyAuditLog(db(), { publicKeys: [publicKeyPem], sealedHeads: [head] });
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { reason: 'TRUNCATED', message: '审计日志被整表清空（签名树头记载的记录已全部不在）', firstSeq: 0, count: head.treeSize },
      ]),
    );
    expect(result).toMatchObject({ ok: false, treeSize: 0, entries: 0 });
  });

  it('an inclusion proof checks out with a verifier written here (RFC 6962 §2.1.1, SM3, Ed25519)', async () => {
    const { head } = await log();
    const [row] = await db().select().from(auditLeaf).where(sql`seq = 7`);
    const proof = (await inclusionProof(db(), 7))!;
    expect(proof.head).toEqual(head);
    // independent: recompute the root from the leaf and its path (RFC 9162 §2.1.3.2)
    const H = (...parts: Buffer[]) => createHash('sm3').update(Buffer.concat(parts)).digest();
    let fn = 7;
    let sn = head.treeSize - 1;
    let r = Buffer.from(row!.leafHash, 'hex');
    for (const p of proof.path.map((x) => Buffer.from(x, 'hex'))) {
      if (fn % 2 === 1 || fn === sn) {
        r = H(Buffer.of(1), p, r);
        while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
      } else r = H(Buffer.of(1), r, p);
      [fn, sn] = [fn >> 1, sn >> 1];
    }
    expect(sn).toBe(0);
    expect(r.toString('hex')).toBe(head.rootHash);
    const message = ['county-audit-tree-head/v1', 'sm3', head.treeSize, head.rootHash, head.at, head.purgedBelow].join('\n');
    expect(verifySignature(null, Buffer.from(message), publicKeyPem, Buffer.from(head.signature, 'base64'))).toBe(true);
  });
});
