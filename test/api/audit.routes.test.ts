// SPEC §5 (第二十七条): reads of personal data are logged whatever the role, and fail closed;
// auditors read, filter and export the log; a department reads only the entries about its own
// data; an entry's inclusion proof comes with the signed head it is against.
import { WorkflowNotFoundError } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { corrections } from '../../db/schema';
import { correctionWorkflowId } from '../../workflows/options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSealedHeads } from '../../workflows/messages';
import { apiStack, type ApiStack } from '../helpers/api';
import { actorOf } from '../helpers/actors';
import { correctionFiling, insertCorrection } from '../helpers/corrections';
import { eventually } from '../helpers/wait';

let api: ApiStack;
let marketCorrection: { id: string; workflowId: string };
beforeAll(async () => {
  api = await apiStack('2026-12-02T09:00:00+08:00');
  marketCorrection = await insertCorrection(api.database.db, await actorOf(api.database.db, 'market-staff'), '2026-12-02');
});
afterAll(async () => api?.close());

const entries = async (username: string, query: string) => {
  const res = await api.call(username, 'GET', `/v1/audit/entries?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    items: {
      action: string;
      target: string;
      role: string;
      departmentCode: string | null;
      result: string;
      detail: { requestId?: string } | null;
    }[];
    nextCursor: number | null;
  };
};

describe('reads of personal data, any role', () => {
  it('a clerk reading a correction (the subject’s ID number) leaves an entry with her role and department', async () => {
    const res = await api.call('market-staff', 'GET', `/v1/corrections/${marketCorrection.id}`);
    expect(res.statusCode).toBe(200);
    const { items } = await entries('auditor', `target=${marketCorrection.workflowId}&role=department_staff`);
    expect(items[0]).toMatchObject({
      action: 'GET /v1/corrections/:id',
      role: 'department_staff',
      departmentCode: 'market',
      result: '200',
    });
  });

  it('the log cannot be written: 503 AUDIT_UNAVAILABLE, and nothing of the record leaves', async () => {
    const db = api.database.db;
    await db.execute(
      sql.raw(`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'test: audit log down'; end $$`),
    );
    await db.execute(sql.raw('create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()'));
    try {
      const read = await api.call('market-staff', 'GET', `/v1/corrections/${marketCorrection.id}`);
      expect(read.statusCode).toBe(503);
      expect(read.json()).toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: '审计日志暂时无法写入，本次操作未完成，请稍后重试' });
      expect(read.body).not.toContain('91350100M000100Y43');
      expect(read.body).not.toContain('某某商贸有限公司');
    } finally {
      await db.execute(sql.raw('drop trigger refuse_audit on audit_log'));
      await db.execute(sql.raw('drop function refuse_audit()'));
    }
  });
});

describe('writes: the entry comes before the act', () => {
  it('the log cannot be written: a filing is refused with 503 before anything is done, no row, no process', async () => {
    const db = api.database.db;
    const filing = correctionFiling();
    await db.execute(
      sql.raw(`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'test: audit log down'; end $$`),
    );
    await db.execute(sql.raw('create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()'));
    try {
      const res = await api.call('market-staff', 'POST', '/v1/corrections', filing);
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: '审计日志暂时无法写入，本次操作未完成，请稍后重试' });
    } finally {
      await db.execute(sql.raw('drop trigger refuse_audit on audit_log'));
      await db.execute(sql.raw('drop function refuse_audit()'));
    }
    expect(await db.select().from(corrections).where(eq(corrections.requestId, filing.requestId))).toEqual([]);
    const handle = api.app.deps.temporal.workflow.getHandle(correctionWorkflowId(filing.requestId));
    await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('a filing writes its attempt, then its outcome, under one request id, each in words', async () => {
    const filing = correctionFiling();
    const res = await api.call('market-staff', 'POST', '/v1/corrections', filing);
    expect(res.statusCode).toBe(201);
    const { items } = await entries('auditor', 'action=POST%20%2Fv1%2Fcorrections&role=department_staff&limit=10');
    const [outcome, attempt] = items;
    expect(outcome).toMatchObject({ result: '201', resultLabel: '已创建（201）', actionLabel: '提出数据校核异议（第二十三条）' });
    expect(attempt).toMatchObject({ result: 'attempt', resultLabel: '已受理，结果见随后一条', target: '/v1/corrections' });
    expect(outcome!.detail?.requestId).toBe(attempt!.detail?.requestId);
    expect(outcome!.detail?.requestId).toBeTruthy();
  });

  it('the actions to filter by, in words: the filing among them, and the system’s own', async () => {
    const res = await api.call('auditor', 'GET', '/v1/audit/actions');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(
      expect.arrayContaining([
        { action: 'POST /v1/corrections', label: '提出数据校核异议（第二十三条）' },
        { action: 'GET /v1/corrections/:id', label: '查看异议事项的状态与期限' },
        { action: 'AUDIT_PURGE', label: '依保存期清除审计日志' },
      ]),
    );
    // a read of nothing personal is not audited, so it is no action of the log
    expect(res.json().items.map((i: { action: string }) => i.action)).not.toContain('GET /v1/departments');
  });
});

describe('GET /v1/audit/entries', () => {
  it('filters by action and result, newest first, with a cursor to the next page', async () => {
    for (let i = 0; i < 3; i++) await api.call('market-staff', 'GET', `/v1/corrections/${marketCorrection.id}`);
    const first = await entries('auditor', 'action=GET%20%2Fv1%2Fcorrections%2F%3Aid&result=200&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await entries('auditor', `action=GET%20%2Fv1%2Fcorrections%2F%3Aid&result=200&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.length).toBeGreaterThanOrEqual(2);
  });

  it('第二十七条: the market department sees the entries about its correction; the civil department does not', async () => {
    expect((await entries('market-head', `target=${marketCorrection.workflowId}`)).items.length).toBeGreaterThan(0);
    expect((await entries('civil-staff', `target=${marketCorrection.workflowId}`)).items).toEqual([]);
  });

  it('refuses a role it does not know (400) and callers who are not auditors or departments (403)', async () => {
    expect((await api.call('auditor', 'GET', '/v1/audit/entries?role=boss')).statusCode).toBe(400);
    expect((await api.call('applicant', 'GET', '/v1/audit/entries')).statusCode).toBe(403);
    // a cursor past the database's bigint is refused at the edge, not a 500 from the query
    expect((await api.call('auditor', 'GET', '/v1/audit/entries?cursor=99999999999999999999')).statusCode).toBe(400);
  });
});

describe('exports', () => {
  it('CSV with Chinese headers and role names', async () => {
    const res = await api.call('auditor', 'GET', `/v1/audit/entries/export?format=csv&target=${marketCorrection.workflowId}`);
    expect(res.statusCode).toBe(200);
    const [header, row] = res.body.replace(/^\uFEFF/, '').split('\n');
    expect(header).toBe('序号,时间,操作人,角色,部门,操作,对象,结果,操作代码');
    expect(row).toContain('部门工作人员');
    expect(row).toContain('查看异议事项的状态与期限');
    expect(row).toContain('成功（200）');
    expect(row).not.toContain('department_staff');
  });

  it('XLSX: one sheet 审计日志 with the same headers', async () => {
    const res = await api.call('auditor', 'GET', `/v1/audit/entries/export?format=xlsx&target=${marketCorrection.workflowId}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '时间', '操作人', '角色', '部门', '操作', '对象', '结果', '操作代码']);
    expect(sheet.rowCount).toBeGreaterThan(1);
  });
});

describe('heads, proofs and verify through the API', () => {
  it('the seal workflow signs a head; the latest head, an inclusion proof against it, and verify ok with the sealed heads', async () => {
    const { temporal, taskQueue } = api.app.deps;
    const h = await temporal.workflow.start('auditSealWorkflow', {
      taskQueue,
      workflowId: `audit-seal-api-${process.pid}`,
      args: [{ interval: '1 day' }],
    });
    const [head] = await eventually(async () => {
      const heads = await h.query(getSealedHeads);
      expect(heads).toHaveLength(1);
      return heads;
    });
    const latest = await api.call('market-staff', 'GET', '/v1/audit/heads/latest');
    expect(latest.statusCode).toBe(200);
    expect(latest.json().head).toEqual(head);
    expect(latest.json().publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const proof = await api.call('auditor', 'GET', '/v1/audit/entries/0/proof');
    expect(proof.statusCode).toBe(200);
    expect(proof.json()).toMatchObject({ seq: 0, head });
    expect((await api.call('auditor', 'GET', `/v1/audit/entries/${head!.treeSize + 1000}/proof`)).statusCode).toBe(404);
    await h.terminate('test over');
    const verified = await api.call('auditor', 'GET', '/v1/audit/verify');
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ ok: true, problems: [] });
  });
});
