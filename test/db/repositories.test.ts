// Repository guarantees the workflows rely on, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { ephemeralSigner } from '../../db/audit-keys';
import { appendAudit, makeHead, verifyAuditLog } from '../../db/repositories/audit.repo';
import { insertCorrectionOnce, listExtensions } from '../../db/repositories/corrections.repo';
import { findUserByToken, hashToken } from '../../db/repositories/identity.repo';
import { applyStep, listEvents, listProcesses, recordViolation, registerProcess } from '../../db/repositories/registry.repo';
import { apiTokens, auditLeaf, correctionExtensions, corrections, processes } from '../../db/schema';
import { actorOf } from '../helpers/actors';
import { insertCorrection } from '../helpers/corrections';
import { testDatabase } from '../helpers/db';
import { ROOT } from '../helpers/paths';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database?.close());

const deadline = {
  due: '2025-10-16',
  endsAt: '2025-10-17T00:00:00+08:00',
  warningAt: '2025-10-15T00:00:00+08:00',
  provisional: false,
  calendarVersion: 'v1',
};

describe('audit log', () => {
  it('50 concurrent writers: 50 consecutive leaves, one signed head over them that verifies', async () => {
    const keys = { hash: 'sm3' as const, signer: ephemeralSigner() };
    const before = (await makeHead(database.db, keys)).treeSize;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        appendAudit(database.db, {
          userId: null,
          role: 'auditor',
          departmentCode: null,
          action: 'TEST',
          target: `t-${i}`,
          result: '200',
          detail: { i, nested: { b: 1, a: [1, 2] } },
        }),
      ),
    );
    const head = await makeHead(database.db, keys);
    expect(head.treeSize).toBe(before + 50);
    const seqs = (await database.db.select({ seq: auditLeaf.seq }).from(auditLeaf)).map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: before + 50 }, (_, i) => i));
    expect(await verifyAuditLog(database.db, { publicKeys: [keys.signer.publicKeyPem] })).toMatchObject({
      ok: true,
      treeSize: before + 50,
      problems: [],
    });
  });
});

describe('tokens', () => {
  it('are stored only as hashes; revoked tokens stop working', async () => {
    const stored = await database.db.select().from(apiTokens);
    expect(stored.every((t) => /^[0-9a-f]{64}$/.test(t.tokenHash) && !t.tokenHash.includes('demo'))).toBe(true);
    expect(await findUserByToken(database.db, 'demo-market-staff')).toMatchObject({ role: 'department_staff', departmentCode: 'market' });
    await database.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.tokenHash, hashToken('demo-civil-staff')));
    expect(await findUserByToken(database.db, 'demo-civil-staff')).toBeNull();
  });
});

describe('idempotent writes', () => {
  it('20 concurrent inserts of one request id keep one correction, and all see it', async () => {
    const filer = await actorOf(database.db, 'applicant');
    const attempt = (n: number) =>
      insertCorrectionOnce(database.db, {
        id: `JZ-race-${n}`,
        requestId: 'race-request-0001',
        workflowId: 'correction-race-request-0001',
        departmentCode: 'market',
        resourceCode: 'MKT-001',
        dataItems: ['住所'],
        description: 'x',
        subjectKind: 'person',
        subjectDocumentKind: 'resident_id',
        subjectIdNumber: '11010519491231002X',
        subjectName: '张三',
        filedByUserId: filer.userId,
        filedByRole: filer.role,
        receivedOn: '2025-09-26',
      });
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => attempt(n)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.row.id)).size).toBe(1);
    expect(await database.db.select().from(corrections).where(eq(corrections.requestId, 'race-request-0001'))).toHaveLength(1);
  });

  it('a retried step writes its event and registry change once', async () => {
    await registerProcess(database.db, {
      workflowId: 'wf-step',
      type: 'correction',
      departmentCode: 'market',
      subjectId: 's',
      stage: 'verifying',
      deadline,
      startedAt: '2025-09-26T02:00:00Z',
    });
    const step = {
      workflowId: 'wf-step',
      eventKey: 'level-warning',
      kind: 'level_warning',
      occurredAt: '2025-10-15T00:00:00+08:00',
      registry: { level: 'warning' as const },
    };
    expect(await applyStep(database.db, step)).toBe(true);
    expect(await applyStep(database.db, { ...step, registry: { level: 'overdue' as const } })).toBe(false);
    expect(await listEvents(database.db, 'wf-step')).toHaveLength(1);
    const [row] = await database.db.select().from(processes).where(eq(processes.workflowId, 'wf-step'));
    expect(row).toMatchObject({ level: 'warning', dueDate: '2025-10-16', calendarVersion: 'v1' });
    expect((await listProcesses(database.db, { departments: ['civil'], limit: 10, offset: 0 })).map((p) => p.workflowId)).not.toContain(
      'wf-step',
    );
  });
});

describe('correction extensions', () => {
  /** A correction with its registry row, as the API and the workflow's first step leave it. */
  async function openCorrection() {
    const staff = await actorOf(database.db, 'market-staff');
    const row = await insertCorrection(database.db, staff, '2025-09-26');
    await registerProcess(database.db, {
      workflowId: row.workflowId,
      type: 'correction',
      departmentCode: 'market',
      subjectId: row.id,
      stage: 'verifying',
      deadline,
      startedAt: '2025-09-26T02:00:00Z',
    });
    return { staff, workflowId: row.workflowId };
  }

  it('each step writes the extension with its event, once; a retry changes nothing', async () => {
    const { staff, workflowId } = await openCorrection();
    const requested = { id: 1, days: 5, reason: '需调取档案', requestedBy: staff.userId, requestedAt: '2025-10-13T01:00:00.000Z' };
    const asked = {
      workflowId,
      eventKey: 'extension-1-requested',
      kind: 'extension_requested',
      actor: staff,
      detail: { days: requested.days, reason: requested.reason },
      occurredAt: requested.requestedAt,
      extension: { ...requested, status: 'pending' as const },
    };
    expect(await applyStep(database.db, asked)).toBe(true);
    expect(await listExtensions(database.db, workflowId)).toEqual([{ ...requested, status: 'pending' }]);

    const decided = { status: 'refused' as const, decidedBy: 'head-1', decidedAt: '2025-10-14T01:00:00.000Z', decisionReason: '无需延期' };
    const decision = { ...asked, eventKey: 'extension-1-decided', kind: 'extension_refused', extension: { ...requested, ...decided } };
    expect(await applyStep(database.db, decision)).toBe(true);
    expect(await applyStep(database.db, { ...decision, extension: { ...requested, status: 'approved' as const } })).toBe(false);
    expect(await applyStep(database.db, asked)).toBe(false);
    expect(await listExtensions(database.db, workflowId)).toEqual([{ ...requested, ...decided }]);
  });

  it('the migration backfills them from the timeline: decided, lapsed at the deadline or the close, still pending', async () => {
    const cases = await Promise.all([openCorrection(), openCorrection(), openCorrection()]);
    const event = (workflowId: string, eventKey: string, kind: string, detail: Record<string, unknown>, actor?: string) =>
      applyStep(database.db, {
        workflowId,
        eventKey,
        kind,
        detail,
        actor: actor ? { ...cases[0].staff, userId: actor } : undefined,
        occurredAt: '2025-10-13T01:00:00.000Z',
      });
    const [a, b, c] = cases.map((x) => x.workflowId) as [string, string, string];
    // a: 1 approved, 2 lapsed at the deadline; b: 1 refused, 2 lapsed at the close; c: 1 pending.
    await event(a, 'extension-1-requested', 'extension_requested', { days: 5, reason: '调档' }, 'u-staff');
    await event(a, 'extension-1-decided', 'extension_approved', { days: 5 }, 'u-head');
    await event(a, 'extension-2-requested', 'extension_requested', { days: 2, reason: '再调档' }, 'u-staff');
    await event(a, 'level-overdue-2025-10-23', 'level_overdue', { due: '2025-10-23', lapsedExtension: 2 });
    await event(b, 'extension-1-requested', 'extension_requested', { days: 3, reason: '核实' }, 'u-staff');
    await event(b, 'extension-1-decided', 'extension_refused', { days: 3, reason: '材料齐备' }, 'u-head');
    await event(b, 'extension-2-requested', 'extension_requested', { days: 1, reason: '补充' }, 'u-staff');
    await applyStep(database.db, {
      workflowId: b,
      eventKey: 'verified',
      kind: 'verified',
      occurredAt: '2025-10-14T01:00:00.000Z',
      registry: { status: 'closed' },
    });
    await event(c, 'extension-1-requested', 'extension_requested', { days: 4, reason: '现场核查' }, 'u-staff');

    const migration = await readFile(path.join(ROOT, 'db/migrations/0006_correction_extensions.sql'), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').at(-1)!;
    await database.db.execute(sql.raw(backfill));

    const statuses = async (workflowId: string) =>
      (await listExtensions(database.db, workflowId)).map((e) => `${e.id} ${e.days} ${e.status}`);
    expect(await statuses(a)).toEqual(['1 5 approved', '2 2 lapsed']);
    expect(await statuses(b)).toEqual(['1 3 refused', '2 1 lapsed']);
    expect(await statuses(c)).toEqual(['1 4 pending']);
    expect((await listExtensions(database.db, b))[0]).toMatchObject({
      reason: '核实',
      requestedBy: 'u-staff',
      decidedBy: 'u-head',
      decisionReason: '材料齐备',
      decidedAt: '2025-10-13T01:00:00.000Z',
    });
    // Run again (a retried migration, rows already written): nothing changes.
    await database.db.execute(sql.raw(backfill));
    expect(await database.db.select().from(correctionExtensions).where(eq(correctionExtensions.workflowId, c))).toHaveLength(1);
  });
});

describe('the vocabulary in the registry', () => {
  const register = (workflowId: string, type: string, stage: string) =>
    registerProcess(database.db, {
      workflowId,
      // the casts stand for a writer that bypasses the types: the constraints must refuse it
      type: type as 'correction',
      departmentCode: 'market',
      subjectId: workflowId,
      stage: stage as 'verifying',
      deadline,
      startedAt: '2025-09-26T02:00:00Z',
    });
  const violation = (workflowId: string, kind: string) =>
    recordViolation(database.db, {
      workflowId,
      departmentCode: 'market',
      kind,
      dueDate: '2025-10-16',
      occurredAt: '2025-10-17T00:00:00+08:00',
    });

  it('takes each type with its own stages, and refuses an unknown type or another type’s stage', async () => {
    await register('vocab-catalog', 'catalog_update', 'awaiting_application');
    await register('vocab-dispute', 'sharing_dispute', 'dispute_referred');
    await expect(register('vocab-unknown', 'sharing', 'awaiting_sharing_decision')).rejects.toThrow();
    await expect(register('vocab-mixed', 'correction', 'under_review')).rejects.toThrow();
    await expect(
      applyStep(database.db, {
        workflowId: 'vocab-catalog',
        eventKey: 'x',
        kind: 'x',
        occurredAt: deadline.endsAt,
        registry: { stage: 'verifying' },
      }),
    ).rejects.toThrow();
    const [row] = await database.db.select().from(processes).where(eq(processes.workflowId, 'vocab-catalog'));
    expect(row).toMatchObject({ type: 'catalog_update', stage: 'awaiting_application' });
  });

  it('takes the stored finding kinds, with their per-application and per-department suffixes, and refuses others', async () => {
    await violation('vocab-catalog', 'catalog_submission_overdue');
    await violation('vocab-catalog', 'catalog_review_overdue_2');
    await violation('vocab-catalog', 'annual_report_missed:market');
    await expect(violation('vocab-catalog', 'dispute_overdue')).rejects.toThrow();
    await expect(violation('vocab-catalog', 'catalog_review_overdue')).rejects.toThrow();
  });
});
