// SPEC §5 on the time-skipping server, its clock on 2 December 2026, 05:00 UTC: the seal
// workflow signs a head at once and one a minute later over what was written meanwhile, and
// holds both in its history; the purge (第二十七条) removes the bodies older than 6 months and
// seals a head that records it; a retention of 5 months is refused.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowFailedError } from '@temporalio/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ephemeralSigner } from '../../db/audit-keys';
import type { Database } from '../../db/client';
import { appendAudit, verifyAuditLog } from '../../db/repositories/audit.repo';
import { auditLog } from '../../db/schema';
import { getSealedHeads } from '../../workflows/messages';
import { recordHistory } from '../helpers/history';
import { createTestWorker, timeSkippingEnvAt } from '../helpers/temporal';
import { testDatabase } from '../helpers/db';
import { eventually } from '../helpers/wait';

const audit = { hash: 'sm3' as const, signer: ephemeralSigner() };
let env: TestWorkflowEnvironment;
let database: Database;

beforeEach(async () => {
  [env, database] = await Promise.all([timeSkippingEnvAt('2026-12-02T05:00:00Z'), testDatabase()]);
});
afterEach(async () => {
  await env?.teardown();
  await database?.close();
});

const entry = (target: string) => ({
  userId: 'u1',
  role: 'department_staff',
  departmentCode: 'market',
  action: 'POST /v1/corrections',
  target,
  result: '201',
});

describe('auditSealWorkflow', () => {
  it('a head at start, another a minute later over the 2 entries written in between; both verify from its history', async () => {
    const { worker, taskQueue } = await createTestWorker(env, database.db, { audit });
    await worker.runUntil(async () => {
      await appendAudit(database.db, entry('correction-a'));
      const h = await env.client.workflow.start('auditSealWorkflow', {
        taskQueue,
        workflowId: `audit-seal-test-${process.pid}`,
        args: [{ interval: '1 minute' }],
      });
      const [first] = await eventually(async () => {
        const heads = await h.query(getSealedHeads);
        expect(heads).toHaveLength(1);
        return heads;
      });
      await appendAudit(database.db, entry('correction-b'));
      await appendAudit(database.db, entry('correction-c'));
      await env.sleep('1 minute');
      const heads = await eventually(async () => {
        const heads = await h.query(getSealedHeads);
        expect(heads).toHaveLength(2);
        return heads;
      });
      expect(heads[1]!.treeSize).toBe(first!.treeSize + 2);
      expect(heads[1]!.hashAlgorithm).toBe('sm3');
      const result = await verifyAuditLog(database.db, { publicKeys: [audit.signer.publicKeyPem], sealedHeads: heads });
      expect(result).toMatchObject({ ok: true, sealed: true, treeSize: first!.treeSize + 2, problems: [] });
      await h.terminate('test over');
      await recordHistory(h, 'audit-seal-two-heads');
    });
  });
});

describe('auditPurgeWorkflow', () => {
  it('retention 6 months on 2 December 2026: the 2 entries of 1 March go, the purge is an entry, the log verifies', async () => {
    for (const t of ['old-1', 'old-2']) await database.db.insert(auditLog).values({ ...entry(t), at: '2026-03-01T00:00:00Z' });
    await appendAudit(database.db, entry('recent'));
    const { worker, taskQueue } = await createTestWorker(env, database.db, { audit });
    await worker.runUntil(async () => {
      const h = await env.client.workflow.start('auditPurgeWorkflow', {
        taskQueue,
        workflowId: `audit-purge-test-${process.pid}`,
        args: [{ retentionMonths: 6 }],
      });
      const result = await h.result();
      expect(result.removed).toBe(2);
      await recordHistory(h, 'audit-purge-six-months');
      const verified = await verifyAuditLog(database.db, { publicKeys: [audit.signer.publicKeyPem], sealedHeads: [result.head] });
      expect(verified).toMatchObject({ ok: true, purgedBelow: result.purgedBelow, problems: [] });
      expect(result.head.purgedBelow).toBe(result.purgedBelow);
    });
    const targets = (await database.db.select({ target: auditLog.target }).from(auditLog)).map((r) => r.target);
    expect(targets).not.toContain('old-1');
    expect(targets).toEqual(expect.arrayContaining(['recent', 'audit-log']));
  });

  it('a retention of 5 months is refused (第二十七条): the workflow fails, nothing is removed', async () => {
    await database.db.insert(auditLog).values({ ...entry('old-1'), at: '2026-03-01T00:00:00Z' });
    const { worker, taskQueue } = await createTestWorker(env, database.db, { audit });
    await worker.runUntil(async () => {
      const h = await env.client.workflow.start('auditPurgeWorkflow', {
        taskQueue,
        workflowId: `audit-purge-short-${process.pid}`,
        args: [{ retentionMonths: 5 }],
      });
      const err = await h.result().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowFailedError);
      expect((err as WorkflowFailedError).cause?.cause).toMatchObject({ type: 'AUDIT_RETENTION_TOO_SHORT' });
    });
    const targets = (await database.db.select({ target: auditLog.target }).from(auditLog)).map((r) => r.target);
    expect(targets).toContain('old-1');
  });
});
