// SPEC §5: the signing key of the audit log's tree heads is rotated without losing what it
// signed: the retired key's public half stays trusted, so every earlier head still verifies,
// and a head signed by a key nobody trusts is named.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { loadOrCreateSigner, loadRetiredKeys, rotateSigningKey } from '../../db/audit-keys';
import { appendAudit, makeHead, verifyAuditLog } from '../../db/repositories/audit.repo';
import { testDatabase } from '../helpers/db';

let database: Database;
let dir: string;
beforeAll(async () => {
  database = await testDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'audit-keys-'));
});
afterAll(async () => {
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});

const entry = (target: string) =>
  appendAudit(database.db, { userId: null, role: null, departmentCode: null, action: 'TEST', target, result: '200' });

describe('rotating the signing key', () => {
  it('heads signed before and after a rotation all verify under the current and the retired key; not under the new key alone', async () => {
    const signing = path.join(dir, 'audit-signing-key.pem');
    const retired = path.join(dir, 'audit-retired-keys.pem');
    const first = loadOrCreateSigner(signing);
    await entry('before-rotation');
    const before = await makeHead(database.db, { hash: 'sm3', signer: first });
    expect(before.keyId).toBe(first.keyId);

    const rotated = rotateSigningKey(signing, retired);
    const second = loadOrCreateSigner(signing);
    expect(rotated).toEqual({ retiredKeyId: first.keyId, keyId: second.keyId });
    expect(second.keyId).not.toBe(first.keyId);
    expect(loadRetiredKeys(retired)).toEqual([first.publicKeyPem]);
    // the private key stays readable by its owner only
    expect((await stat(signing)).mode & 0o777).toBe(0o600);

    await entry('after-rotation');
    const after = await makeHead(database.db, { hash: 'sm3', signer: second });
    expect(after.keyId).toBe(second.keyId);
    expect(after.treeSize).toBe(before.treeSize + 1);

    const trusted = [second.publicKeyPem, ...loadRetiredKeys(retired)];
    expect(await verifyAuditLog(database.db, { publicKeys: trusted, sealedHeads: [before, after] })).toMatchObject({
      ok: true,
      problems: [],
    });

    const newKeyOnly = await verifyAuditLog(database.db, { publicKeys: [second.publicKeyPem], sealedHeads: [before, after] });
    expect(newKeyOnly.ok).toBe(false);
    expect(newKeyOnly.problems).toContainEqual(expect.objectContaining({ reason: 'HEAD_SIGNATURE_INVALID', count: before.treeSize }));
  });

  it('a second rotation keeps both retired keys, oldest first', async () => {
    const signing = path.join(dir, 'twice.pem');
    const retired = path.join(dir, 'twice-retired.pem');
    const keys = [loadOrCreateSigner(signing).publicKeyPem];
    rotateSigningKey(signing, retired);
    keys.push(loadOrCreateSigner(signing).publicKeyPem);
    rotateSigningKey(signing, retired);
    expect(loadRetiredKeys(retired)).toEqual(keys);
    expect((await readFile(retired, 'utf8')).match(/BEGIN PUBLIC KEY/g)).toHaveLength(2);
  });
});
