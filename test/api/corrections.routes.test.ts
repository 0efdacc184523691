import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, corrections, processes, queryCodeAttempts } from '../../db/schema';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

const filing = (over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  departmentCode: 'market',
  resourceCode: 'MKT-001',
  dataItems: ['住所'],
  description: '登记住所与实际经营地址不符',
  subject: { kind: 'organisation', idNumber: '91350100M000100Y43', name: '某某商贸有限公司' },
  // the demo applicant is 张三, acting for the company as its agent (SPEC §7)
  agent: { authorisation: '某某商贸有限公司授权委托书（2025）第 3 号' },
  ...over,
});

async function file(username = 'applicant', over: Record<string, unknown> = {}) {
  const res = await api.call(username, 'POST', '/v1/corrections', filing(over));
  expect(res.statusCode).toBe(201);
  const body = res.json() as { id: string; workflowId: string };
  // The workflow has counted its deadline once the registry row exists.
  await eventually(async () =>
    expect((await api.call('market-staff', 'GET', `/v1/corrections/${body.id}`)).json().deadline).not.toBeNull(),
  );
  return body;
}

describe('POST /v1/corrections', () => {
  it('401 without a token, 401 with an unknown one', async () => {
    expect((await api.call(null, 'POST', '/v1/corrections', filing())).statusCode).toBe(401);
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/corrections',
      payload: filing(),
      headers: { authorization: 'Bearer not-a-real-token' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it.each(['authority_reviewer:reviewer', 'auditor:auditor', 'county_government:county', 'admin:admin'])('403 for %s', async (pair) => {
    const res = await api.call(pair.split(':')[1]!, 'POST', '/v1/corrections', filing());
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN_ROLE');
  });

  it('201 starts one workflow; the same request id again answers 200 with the same process and writes no second row', async () => {
    const body = filing();
    const first = await api.call('applicant', 'POST', '/v1/corrections', body);
    expect(first.statusCode).toBe(201);
    const again = await api.call('applicant', 'POST', '/v1/corrections', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, workflowId: `correction-${body.requestId}`, created: false });
    expect(await api.database.db.select().from(corrections).where(eq(corrections.requestId, body.requestId))).toHaveLength(1);
    await eventually(async () =>
      expect(await api.database.db.select().from(processes).where(eq(processes.workflowId, first.json().workflowId))).toHaveLength(1),
    );
  });

  it('binds the applicant to its own matters: about another person without an authorisation 403, nothing written; as an agent 201 with the authorisation kept', async () => {
    const other = { kind: 'person', idNumber: '110105194912310038', name: '李四' };
    const refused = filing({ subject: other, agent: undefined });
    const res = await api.call('applicant', 'POST', '/v1/corrections', refused);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'APPLICANT_NOT_SUBJECT',
      message: '申请人只能就本人（本单位）的数据提出异议；代他人提出的，须注明授权委托书等材料',
      details: [{ path: 'body.agent.authorisation' }],
    });
    expect(await api.database.db.select().from(corrections).where(eq(corrections.requestId, refused.requestId))).toHaveLength(0);

    const own = filing({ subject: { kind: 'person', idNumber: '11010519491231002X', name: '张三' }, agent: undefined });
    expect((await api.call('applicant', 'POST', '/v1/corrections', own)).statusCode).toBe(201);

    const asAgent = filing({ subject: other, agent: { authorisation: '李四授权委托书' } });
    expect((await api.call('applicant', 'POST', '/v1/corrections', asAgent)).statusCode).toBe(201);
    const [row] = await api.database.db.select().from(corrections).where(eq(corrections.requestId, asAgent.requestId));
    expect(row?.agentAuthorisation).toBe('李四授权委托书');
    // staff file on what they found, about anyone
    expect((await api.call('market-staff', 'POST', '/v1/corrections', filing({ subject: other, agent: undefined }))).statusCode).toBe(201);
  });

  it('409 when another user reuses a request id', async () => {
    const body = filing();
    expect((await api.call('applicant', 'POST', '/v1/corrections', body)).statusCode).toBe(201);
    const res = await api.call('civil-staff', 'POST', '/v1/corrections', body);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('REQUEST_ID_CONFLICT');
  });

  it('400 with the expected check digit for a wrong resident ID number', async () => {
    const res = await api.call(
      'applicant',
      'POST',
      '/v1/corrections',
      filing({ subject: { kind: 'person', idNumber: '110105194912310021', name: '张三' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ID_CHECK_DIGIT', details: [{ path: 'body.subject.idNumber' }] });
    expect(res.json().message).toContain('X');
  });

  it('400 for a credit code with a wrong check character', async () => {
    const res = await api.call(
      'applicant',
      'POST',
      '/v1/corrections',
      filing({ subject: { kind: 'organisation', idNumber: '91350100M000100Y44', name: '某公司' } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('USCC_CHECK_DIGIT');
  });

  it('第五十五条: a 港澳台居民居住证 holder is filed for and the kind kept; a bad passport answers 400 naming the kind', async () => {
    // 810000 1994-08-23 002 + check '1' (weighted sum 253, mod 11 = 0 → '1')
    const subject = { kind: 'person', documentKind: 'hmt_residence_permit', idNumber: '810000199408230021', name: '陈大文' };
    const { id } = await file('applicant', { subject });
    const [row] = await api.database.db.select().from(corrections).where(eq(corrections.id, id));
    expect(row).toMatchObject({ subjectDocumentKind: 'hmt_residence_permit', subjectIdNumber: '810000199408230021' });
    expect((await api.call('market-staff', 'GET', `/v1/corrections/${id}`)).json().subject).toMatchObject({
      documentKind: 'hmt_residence_permit',
      idNumberMasked: '8100**********0021',
    });

    const bad = await api.call(
      'applicant',
      'POST',
      '/v1/corrections',
      filing({ subject: { kind: 'person', documentKind: 'passport', idNumber: 'e1234567', name: 'John Smith' } }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'IDENTIFIER_INVALID', details: [{ path: 'body.subject.idNumber' }] });
    expect(bad.json().message).toContain('护照号码不正确');

    const mismatch = await api.call(
      'applicant',
      'POST',
      '/v1/corrections',
      filing({ subject: { kind: 'organisation', documentKind: 'passport', idNumber: 'E12345678', name: '某公司' } }),
    );
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ code: 'DOCUMENT_KIND_MISMATCH', details: [{ path: 'body.subject.documentKind' }] });
  });

  it('400 for an impossible date, a future date, and a date an applicant may not choose', async () => {
    const bad = await api.call('market-staff', 'POST', '/v1/corrections', filing({ receivedOn: '2025-02-30' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.receivedOn' }] });
    const future = await api.call('market-staff', 'POST', '/v1/corrections', filing({ receivedOn: '2099-01-04' }));
    expect(future.json()).toMatchObject({ statusCode: 400, code: 'RECEIVED_IN_FUTURE' });
    const chosen = await api.call('applicant', 'POST', '/v1/corrections', filing({ receivedOn: '2025-09-26' }));
    expect(chosen.json()).toMatchObject({ statusCode: 400, code: 'RECEIVED_ON_NOT_ALLOWED' });
  });

  it('400 naming each unknown field, each missing field, and an unknown department, resource or data item', async () => {
    const unknown = await api.call('applicant', 'POST', '/v1/corrections', filing({ priority: 'high' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toContainEqual({ path: 'body.priority', message: '不允许的字段' });
    const { description: _, ...missing } = filing();
    expect((await api.call('applicant', 'POST', '/v1/corrections', missing)).json().details).toContainEqual({
      path: 'body.description',
      message: '缺少必填字段',
    });
    expect((await api.call('applicant', 'POST', '/v1/corrections', filing({ departmentCode: 'nowhere' }))).json().code).toBe(
      'UNKNOWN_DEPARTMENT',
    );
    expect((await api.call('applicant', 'POST', '/v1/corrections', filing({ resourceCode: 'CIV-001' }))).json().code).toBe(
      'UNKNOWN_RESOURCE',
    );
    expect((await api.call('applicant', 'POST', '/v1/corrections', filing({ dataItems: ['血型'] }))).json().code).toBe('UNKNOWN_DATA_ITEM');
    const malformed = await api.app.inject({
      method: 'POST',
      url: '/v1/corrections',
      payload: '{"requestId":',
      headers: { authorization: 'Bearer demo-applicant', 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(await api.database.db.select().from(corrections).where(eq(corrections.description, 'never'))).toHaveLength(0);
  });
});

describe('working a correction through the API', () => {
  it('staff ask, the head approves, staff record the result; the applicant follows it; every change is audited', async () => {
    const { id, workflowId } = await file();

    const asked = await api.call('market-staff', 'POST', `/v1/corrections/${id}/extensions`, { days: 3, reason: '需调取档案原件' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ id: 1, days: 3, status: 'pending' });

    const inbox = await api.call('market-head', 'GET', '/v1/inbox');
    expect(inbox.json().items).toContainEqual(
      expect.objectContaining({ action: 'decide_extension', process: expect.objectContaining({ workflowId }) }),
    );
    expect(
      (await api.call('civil-head', 'GET', '/v1/inbox')).json().items.map((i: { process: { workflowId: string } }) => i.process.workflowId),
    ).not.toContain(workflowId);

    const before = (await api.call('applicant', 'GET', `/v1/corrections/${id}`)).json();
    const decided = await api.call('market-head', 'POST', `/v1/corrections/${id}/extensions/decision`, { approve: true });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().extension.status).toBe('approved');
    expect(decided.json().deadline.due > before.deadline.due).toBe(true);

    const done = await api.call('market-staff', 'POST', `/v1/corrections/${id}/verification`, {
      outcome: 'partially_corrected',
      summary: '住所已更正，经营范围无误',
      changes: [{ item: '住所', before: '老街1号', after: '新街8号' }],
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ id, stage: 'completed', late: false });

    const seen = await api.call('applicant', 'GET', `/v1/corrections/${id}`);
    expect(seen.json()).toMatchObject({
      stage: 'completed',
      outcome: 'partially_corrected',
      subject: { idNumberMasked: '9135**********0Y43' },
    });
    expect(JSON.stringify(seen.json())).not.toContain('91350100M000100Y43');
    // The applicant sees the extension's days and dates, not the officials' ids or the internal reason (issue 16).
    expect(seen.json().extensions).toEqual([
      { id: 1, days: 3, requestedAt: expect.any(String), status: 'approved', decidedAt: expect.any(String) },
    ]);
    expect(JSON.stringify(seen.json())).not.toContain('需调取档案原件');
    const staffView = (await api.call('market-staff', 'GET', `/v1/corrections/${id}`)).json();
    expect(staffView.extensions[0]).toMatchObject({
      reason: '需调取档案原件',
      requestedBy: expect.any(String),
      decidedBy: expect.any(String),
    });

    const audited = await api.database.db.select().from(auditLog).where(eq(auditLog.target, workflowId));
    expect(audited.map((a) => `${a.action} ${a.result}`)).toEqual(
      expect.arrayContaining([
        'POST /v1/corrections 201',
        'POST /v1/corrections/:id/extensions 201',
        'POST /v1/corrections/:id/extensions/decision 200',
        'POST /v1/corrections/:id/verification 200',
      ]),
    );
  });

  it('404 across departments, 403 for roles that may read but not act, 409/422 from the workflow validators', async () => {
    const { id } = await file();
    expect((await api.call('civil-staff', 'GET', `/v1/corrections/${id}`)).statusCode).toBe(404);
    expect((await api.call('civil-staff', 'POST', `/v1/corrections/${id}/extensions`, { days: 2, reason: 'x' })).statusCode).toBe(404);
    expect((await api.call('civil-head', 'POST', `/v1/corrections/${id}/extensions/decision`, { approve: true })).statusCode).toBe(404);
    expect((await api.call('reviewer', 'GET', `/v1/corrections/${id}`)).statusCode).toBe(200);
    expect((await api.call('reviewer', 'POST', `/v1/corrections/${id}/extensions`, { days: 2, reason: 'x' })).statusCode).toBe(403);
    expect((await api.call('market-staff', 'POST', `/v1/corrections/${id}/extensions/decision`, { approve: true })).json().code).toBe(
      'FORBIDDEN_ROLE',
    );
    expect(
      (await api.call('auditor', 'POST', `/v1/corrections/${id}/verification`, { outcome: 'confirmed', summary: 'x', changes: [] }))
        .statusCode,
    ).toBe(403);

    const noPending = await api.call('market-head', 'POST', `/v1/corrections/${id}/extensions/decision`, { approve: true });
    expect(noPending.statusCode).toBe(409);
    expect(noPending.json().code).toBe('NO_PENDING_EXTENSION');
    const tooLong = await api.call('market-staff', 'POST', `/v1/corrections/${id}/extensions`, { days: 11, reason: '太长' });
    expect(tooLong.statusCode).toBe(400);
    // The workflow validator's code and text (test/workflows/correction.workflow.test.ts), not a generic one.
    expect(tooLong.json()).toMatchObject({ code: 'EXTENSION_DAYS_RANGE', message: '延期天数应为 1–10 个工作日' });
    const noChanges = await api.call('market-staff', 'POST', `/v1/corrections/${id}/verification`, {
      outcome: 'corrected',
      summary: '已更正',
      changes: [],
    });
    expect(noChanges.statusCode).toBe(422);
    expect(noChanges.json().code).toBe('OUTCOME_CHANGES_REQUIRED');
    expect((await api.call('market-staff', 'GET', '/v1/corrections/JZ-does-not-exist')).statusCode).toBe(404);
  });
});

describe('GET /v1/public/corrections/:id (receipt number and query code, no account)', () => {
  it('the slip’s code shows status and deadline, no personal data; a wrong code is the same 404 as an unknown number', async () => {
    const body = filing({ subject: { kind: 'person', idNumber: '11010519491231002X', name: '李四' } });
    const first = await api.call('market-staff', 'POST', '/v1/corrections', body);
    const { id, queryCode } = first.json() as { id: string; queryCode: string };
    expect(queryCode).toMatch(/^\d{6}$/);
    // A retried filing prints the same slip.
    expect((await api.call('market-staff', 'POST', '/v1/corrections', body)).json().queryCode).toBe(queryCode);

    const seen = await eventually(async () => {
      const res = await api.call(null, 'GET', `/v1/public/corrections/${id}?queryCode=${queryCode}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().due).not.toBeNull();
      return res.json();
    });
    expect(seen).toMatchObject({
      id,
      departmentName: '县市场监督管理局',
      resourceName: '市场主体登记信息',
      stage: 'verifying',
      level: 'normal',
      provisional: false,
    });
    expect(JSON.stringify(seen)).not.toMatch(/李四|11010519491231002X/);

    const wrong = `${(Number(queryCode) + 1) % 1_000_000}`.padStart(6, '0');
    const refused = await api.call(null, 'GET', `/v1/public/corrections/${id}?queryCode=${wrong}`);
    const unknown = await api.call(null, 'GET', `/v1/public/corrections/JZ00000000NONE?queryCode=${queryCode}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual(unknown.json());
    expect((await api.call(null, 'GET', `/v1/public/corrections/${id}?queryCode=12ab`)).statusCode).toBe(400);
    expect((await api.call(null, 'GET', `/v1/public/corrections/${id}`)).statusCode).toBe(400);
  });

  it('five wrong codes lock the receipt for 15 minutes whatever address asks (429, Retry-After); the department is told', async () => {
    const filed = (await api.call('market-staff', 'POST', '/v1/corrections', filing())).json() as { id: string; queryCode: string };
    const other = (await api.call('market-staff', 'POST', '/v1/corrections', filing())).json() as { id: string; queryCode: string };
    // Each lookup from another address (TEST-NET-2): the lock holds per receipt, and the public
    // route's per-address rate limit (20 a minute) stays out of the count.
    let address = 0;
    const lookup = (id: string, code: string) =>
      api.app.inject({ method: 'GET', url: `/v1/public/corrections/${id}?queryCode=${code}`, remoteAddress: `198.51.100.${++address}` });
    const wrong = `${(Number(filed.queryCode) + 1) % 1_000_000}`.padStart(6, '0');
    // Four wrong, one right: the count starts again.
    for (let i = 0; i < 4; i++) expect((await lookup(filed.id, wrong)).statusCode).toBe(404);
    expect((await lookup(filed.id, filed.queryCode)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await lookup(filed.id, wrong)).statusCode).toBe(404);

    const locked = await lookup(filed.id, filed.queryCode);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({
      code: 'QUERY_CODE_LOCKED',
      message: '查询码连续输入错误 5 次，该受理编号已暂时锁定，请稍后再试',
    });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await lookup(other.id, other.queryCode)).statusCode).toBe(200);
    const told = (await api.call('market-staff', 'GET', '/v1/notifications')).json().items as { kind: string; message: string }[];
    expect(told.filter((n) => n.kind === 'query_code_locked').map((n) => n.message)).toEqual([
      `数据校核 ${filed.id} 的查询码连续 5 次输入错误，已锁定 15 分钟；如非申请人本人所为，可能有人在猜测查询码`,
    ]);

    // Fifteen minutes later (the lock moved into the past): the slip's code works again.
    await api.database.db
      .update(queryCodeAttempts)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(queryCodeAttempts.correctionId, filed.id));
    expect((await lookup(filed.id, filed.queryCode)).statusCode).toBe(200);
  });
});
