// Repository guarantees the workflows rely on, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { appendAudit, verifyAuditChain } from '../../db/repositories/audit.repo';
import { insertCorrectionOnce } from '../../db/repositories/corrections.repo';
import { findUserByToken, hashToken } from '../../db/repositories/identity.repo';
import { applyStep, listEvents, listProcesses, recordViolation, registerProcess } from '../../db/repositories/registry.repo';
import { apiTokens, auditLog, corrections, processes } from '../../db/schema';
import { actorOf } from '../helpers/actors';
import { testDatabase } from '../helpers/db';

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
  it('50 concurrent writers leave one contiguous chain that verifies', async () => {
    const before = (await verifyAuditChain(database.db)).entries;
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
    const rows = await database.db.select().from(auditLog);
    expect(rows).toHaveLength(before + 50);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: before + 50 });
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
      article: '第四十九条(八)',
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
