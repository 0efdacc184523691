// 第四十五条: the 2025 evaluation of a seeded county, every figure worked out by hand below from
// the regulation and the README's formulas — never asked of domain/evaluation.ts — then the
// indicator set's life (edited, published, frozen), the submission to the county government,
// and the security register (第四十二条、第四十三条).
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualReports, notifications, sharingDisputes, sharingRequests, users } from '../../db/schema';
import { addCalendarDays, beijingDate } from '../../domain/working-days';
import { apiStack, type ApiStack } from '../helpers/api';
import { seedProcess, seedViolation } from '../helpers/supervision';

let api: ApiStack;
const closed2025 = (
  departmentCode: string,
  type: 'correction' | 'catalog_update' | 'sharing_request' | 'annual_report',
  closedOn: string,
) => seedProcess(api.database.db, { departmentCode, type, due: closedOn, status: 'closed', closedAt: `${closedOn}T10:00:00+08:00` });

let reviewerId = '';
beforeAll(async () => {
  api = await apiStack();
  const { db } = api.database;
  const idOf = async (username: string) => (await db.select().from(users).where(eq(users.username, username)))[0]!.id;
  reviewerId = await idOf('reviewer');
  const civilStaff = await idOf('civil-staff');
  const marketStaff = await idOf('market-staff');

  // civil's catalog update, on which only the authority was late (第十八条第二款): on time for civil
  const k1 = await closed2025('civil', 'catalog_update', '2025-06-01');
  await seedViolation(db, {
    workflowId: k1,
    departmentCode: 'county-data',
    occurredAt: '2025-05-25T00:00:00+08:00',
    kind: 'catalog_review_overdue_1',
    article: '第十八条第二款',
    partyKind: 'authority',
    findingClass: 'timeliness',
  });
  // market's corrections: one late (confirmed 第四十九条(八)), one whose finding was annulled
  const c2 = await closed2025('market', 'correction', '2025-03-01');
  await seedViolation(db, { workflowId: c2, departmentCode: 'market', occurredAt: '2025-02-28T00:00:00+08:00' });
  const c3 = await closed2025('market', 'correction', '2025-04-01');
  await seedViolation(db, { workflowId: c3, departmentCode: 'market', occurredAt: '2025-03-31T00:00:00+08:00', status: 'annulled' });
  // market's catalog update with a finding still in its statement period: not (yet) counted
  const k4 = await closed2025('market', 'catalog_update', '2025-07-01');
  await seedViolation(db, {
    workflowId: k4,
    departmentCode: 'market',
    occurredAt: '2025-06-20T00:00:00+08:00',
    kind: 'catalog_submission_overdue',
    status: 'notified',
  });
  // open and overdue now: market's catalog update under the authority's review (the authority's),
  // civil's correction being verified (civil's), a dispute referred to the county government (its)
  await seedProcess(db, { departmentCode: 'market', type: 'catalog_update', due: '2025-12-01', stage: 'under_review' });
  await seedProcess(db, { departmentCode: 'civil', type: 'correction', due: '2025-12-01' });
  await seedProcess(db, { departmentCode: 'civil', type: 'sharing_dispute', due: '2025-12-01', stage: 'dispute_referred' });
  // the authority's late county report and a withdrawn finding; the county government's late submission to the city
  const report = await closed2025('county-data', 'annual_report', '2025-03-20');
  await seedViolation(db, {
    workflowId: report,
    departmentCode: 'county-data',
    occurredAt: '2025-02-10T00:00:00+08:00',
    kind: 'county_report_late',
    article: '第四十六条第二款',
    partyKind: 'authority',
    findingClass: 'timeliness',
  });
  await seedViolation(db, {
    workflowId: k1,
    departmentCode: 'county-data',
    occurredAt: '2025-05-28T00:00:00+08:00',
    kind: 'catalog_review_overdue_2',
    article: '第十八条第二款',
    partyKind: 'authority',
    findingClass: 'timeliness',
    status: 'withdrawn',
  });
  await seedViolation(db, {
    workflowId: report,
    departmentCode: 'county-gov',
    occurredAt: '2025-03-05T00:00:00+08:00',
    kind: 'city_submission_late',
    article: '第四十六条第二款',
    partyKind: 'county_government',
    findingClass: 'timeliness',
  });

  // sharing (第二十九条 to 第三十二条): civil asks market three times through the system, market civil once
  const w1 = await closed2025('market', 'sharing_request', '2025-03-14');
  const w2 = await closed2025('market', 'sharing_request', '2025-04-20');
  await seedViolation(db, {
    workflowId: w2,
    departmentCode: 'market',
    occurredAt: '2025-04-18T00:00:00+08:00',
    kind: 'sharing_decision_overdue',
    article: '第三十条（主管部门设定的答复期限）',
    findingClass: 'timeliness',
  });
  const request = (id: string, over: Partial<typeof sharingRequests.$inferInsert>) => ({
    id,
    requestId: id,
    requesterDepartment: 'civil',
    providerDepartment: 'market',
    resourceCode: 'MKT-001',
    dataItems: ['x'],
    purpose: '核查低保对象经营情况',
    duty: '社会救助审核',
    sharingType: 'conditional' as const,
    status: 'granted' as const,
    createdBy: civilStaff,
    ...over,
  });
  await db.insert(sharingRequests).values([
    request('r1', { workflowId: w1, createdAt: new Date('2025-03-10T09:00:00+08:00'), decidedAt: new Date('2025-03-14T09:00:00+08:00') }),
    request('r2', { workflowId: w2, createdAt: new Date('2025-04-10T09:00:00+08:00'), decidedAt: new Date('2025-04-20T09:00:00+08:00') }),
    request('r3', {
      status: 'refused',
      createdAt: new Date('2025-04-25T09:00:00+08:00'),
      decidedAt: new Date('2025-05-01T09:00:00+08:00'),
    }),
    request('r4', {
      requesterDepartment: 'market',
      providerDepartment: 'civil',
      resourceCode: 'CIV-001',
      sharingType: 'unconditional',
      createdBy: marketStaff,
      createdAt: new Date('2025-08-01T09:00:00+08:00'),
    }),
  ]);
  await db.insert(sharingDisputes).values({
    id: 'd1',
    sharingRequestId: 'r3',
    workflowId: 'sharing-dispute-d1',
    requesterDepartment: 'civil',
    providerDepartment: 'market',
    grounds: '拒绝无依据',
    filedBy: civilStaff,
    filedAt: new Date('2025-05-05T09:00:00+08:00'),
    status: 'overturned',
    decidedAt: new Date('2025-06-01T09:00:00+08:00'),
  });
  // 第四十六条: market on time, civil late
  await db.insert(annualReports).values([
    {
      year: 2025,
      departmentCode: 'market',
      workflowId: report,
      dueDate: '2025-12-31',
      submittedAt: new Date('2025-12-20T10:00:00+08:00'),
      late: false,
    },
    {
      year: 2025,
      departmentCode: 'civil',
      workflowId: report,
      dueDate: '2025-12-31',
      submittedAt: new Date('2026-01-05T10:00:00+08:00'),
      late: true,
    },
  ]);
});
afterAll(async () => api?.close());

/** The evaluation as a department's figures are checked by hand. */
type Row = {
  departmentCode: string;
  processes: { type: string; closed: number; onTime: number; onTimeRate: number | null; overdueOpen: number }[];
  violations: number;
  gathering: { score: number };
  total: number;
  rank: number;
} & Record<string, unknown>;
const get = async (user: string, year = 2025) => {
  const res = await api.call(user, 'GET', `/v1/evaluation?year=${year}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    departments: Row[];
    ranking: unknown[];
    authority: unknown;
    countyGovernment: unknown;
    indicators: Record<string, unknown>;
  };
};
const row = (body: { departments: Row[] }, code: string) => body.departments.find((d) => d.departmentCode === code)!;
const proc = (r: Row, type: string) => r.processes.find((p) => p.type === type)!;

describe('the security register (第四十二条、第四十三条)', () => {
  it('POST /v1/security-records: a department records its own assessment or drill (201); a date after today 400; others 403', async () => {
    const tomorrow = addCalendarDays(beijingDate(Date.now()), 1);
    const assessment = await api.call('market-staff', 'POST', '/v1/security-records', {
      kind: 'risk_assessment',
      heldOn: '2025-04-10',
      summary: '数据共享平台安全风险评估',
    });
    expect(assessment.statusCode).toBe(201);
    expect(assessment.json()).toMatchObject({
      departmentCode: 'market',
      kind: 'risk_assessment',
      kindLabel: '安全风险评估（第四十二条）',
      heldOn: '2025-04-10',
    });
    for (const [user, body] of [
      ['market-head', { kind: 'emergency_drill', heldOn: '2025-09-28', summary: '数据泄露应急演练' }],
      ['civil-staff', { kind: 'risk_assessment', heldOn: '2025-11-01', summary: '年度风险评估' }],
      ['civil-staff', { kind: 'emergency_drill', heldOn: '2024-12-20', summary: '上年度演练' }],
    ] as const) {
      expect((await api.call(user, 'POST', '/v1/security-records', body)).statusCode).toBe(201);
    }
    const future = await api.call('civil-staff', 'POST', '/v1/security-records', {
      kind: 'emergency_drill',
      heldOn: tomorrow,
      summary: '演练',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ code: 'SECURITY_RECORD_IN_FUTURE', message: '风险评估或应急演练的日期不得晚于今天' });
    const badKind = await api.call('civil-staff', 'POST', '/v1/security-records', { kind: 'audit', heldOn: '2025-01-02', summary: '演练' });
    expect(badKind.statusCode).toBe(400);
    expect(
      (await api.call('civil-staff', 'POST', '/v1/security-records', { kind: 'audit', heldOn: '2025-01-02', summary: '' })).json().message,
    ).toMatch(/[\u4e00-\u9fa5]/);
    const reviewer = await api.call('reviewer', 'POST', '/v1/security-records', {
      kind: 'risk_assessment',
      heldOn: '2025-01-02',
      summary: '评估',
    });
    expect(reviewer.statusCode).toBe(403);
    expect(reviewer.json().code).toBe('FORBIDDEN_ROLE');
  });

  it('GET /v1/security-records: the authority and auditors read every department, a department its own; by year and kind', async () => {
    const all = (await api.call('reviewer', 'GET', '/v1/security-records')).json().items as { departmentCode: string; heldOn: string }[];
    expect(all.map((r) => r.heldOn)).toEqual(['2025-11-01', '2025-09-28', '2025-04-10', '2024-12-20']);
    const civil2025 = (await api.call('auditor', 'GET', '/v1/security-records?year=2025&departmentCode=civil')).json().items;
    expect(civil2025.map((r: { heldOn: string }) => r.heldOn)).toEqual(['2025-11-01']);
    const drills = (await api.call('auditor', 'GET', '/v1/security-records?kind=emergency_drill')).json().items;
    expect(drills).toHaveLength(2);
    const own = (await api.call('market-staff', 'GET', '/v1/security-records?departmentCode=civil')).json().items;
    expect(own).toEqual([]);
    expect((await api.call('market-staff', 'GET', '/v1/security-records')).json().items).toHaveLength(2);
    expect((await api.call('county', 'GET', '/v1/security-records')).statusCode).toBe(403);
    expect((await api.call('reviewer', 'GET', '/v1/security-records?year=25')).statusCode).toBe(400);
  });
});

describe('GET /v1/evaluation: each party’s own confirmed findings only', () => {
  it('civil, on whose catalog update only the authority was late, is 100 % on time; the annulled and notified findings count nowhere', async () => {
    const body = await get('reviewer');
    const civil = row(body, 'civil');
    expect(proc(civil, 'catalog_update')).toEqual({ type: 'catalog_update', closed: 1, onTime: 1, onTimeRate: 1, overdueOpen: 0 });
    expect(civil.violations).toBe(0);
    const market = row(body, 'market');
    // corrections: c2 late (confirmed), c3 on time (its finding annulled)
    expect(proc(market, 'correction')).toEqual({ type: 'correction', closed: 2, onTime: 1, onTimeRate: 0.5, overdueOpen: 0 });
    // k4's finding is only notified: on time
    expect(proc(market, 'catalog_update')).toMatchObject({ closed: 1, onTime: 1, onTimeRate: 1 });
    // sharing requests: w2 late (confirmed sharing_decision_overdue), w1 on time
    expect(proc(market, 'sharing_request')).toMatchObject({ closed: 2, onTime: 1, onTimeRate: 0.5 });
    // confirmed against market in 2025: c2 and w2 — not c3 (annulled), not k4 (notified)
    expect(market.violations).toBe(2);
  });

  it('an overdue process under review is charged to the authority, one verified by civil to civil, a referred dispute to the county government', async () => {
    const body = await get('county');
    expect(proc(row(body, 'market'), 'catalog_update').overdueOpen).toBe(0);
    expect(proc(row(body, 'civil'), 'correction').overdueOpen).toBe(1);
    expect(proc(row(body, 'civil'), 'sharing_dispute').overdueOpen).toBe(0);
    expect(body.authority).toEqual({
      partyKind: 'authority',
      supervisor: 'county_government',
      departmentCode: 'county-data',
      departmentName: '县大数据发展局',
      findings: [
        { kind: 'catalog_review_overdue', label: '目录更新申请超期审核', article: '第十八条第二款', n: 1 },
        { kind: 'county_report_late', label: '县级年度报告逾期提交县政府', article: '第四十六条第二款', n: 1 },
      ],
      confirmedFindings: 2,
      overdueOpen: [{ type: 'catalog_update', n: 1 }],
    });
    expect(body.countyGovernment).toEqual({
      partyKind: 'county_government',
      supervisor: 'city',
      departmentCode: 'county-gov',
      departmentName: '县人民政府',
      findings: [{ kind: 'city_submission_late', label: '年度报告逾期报送市政府', article: '第四十六条第二款', n: 1 }],
      confirmedFindings: 1,
      overdueOpen: [{ type: 'sharing_dispute', n: 1 }],
    });
  });

  it('by the default set (30/30/20/20) until the year has its own; the sections by who supervises whom', async () => {
    const body = await get('auditor');
    expect(body.indicators).toMatchObject({
      year: 2025,
      isDefault: true,
      weights: { gathering: 30, sharing: 30, application: 20, security: 20 },
    });
    // market: 汇聚 3 closed (2 corrections, 1 catalog update), 2 on time, 1 confirmed 第四十九条(八): 100×2/3 − 10 = 56.67
    //         共享 3 answered (r1, r2, r3), 2 on time (r2 late), 1 overturned (r3): 100×2/3 − 20 = 46.67
    //         应用 1 request made (r4) of 2: 25, report on time: 50 → 75;  安全 1 assessment, 1 drill → 100
    // civil:  汇聚 100 (1 on time of 1);  共享 100 (r4 answered at once);  应用 3 requests → 50, report late → 0: 50
    //         安全 1 assessment, no 2025 drill (the 2024 one is not this year's) → 50
    const market = row(body, 'market');
    expect(market).toMatchObject({
      gathering: { closed: 3, onTime: 2, findings: 1, score: 56.67 },
      sharing: { answered: 3, onTime: 2, overturned: 1, score: 46.67 },
      application: { requests: 1, annualReportOnTime: true, score: 75 },
      security: { riskAssessments: 1, drills: 1, score: 100 },
      // 0.3×56.67 + 0.3×46.67 + 0.2×75 + 0.2×100 = 17.001 + 14.001 + 15 + 20
      total: 66,
    });
    expect(row(body, 'civil')).toMatchObject({
      gathering: { closed: 1, onTime: 1, findings: 0, score: 100 },
      sharing: { answered: 1, onTime: 1, overturned: 0, score: 100 },
      application: { requests: 3, annualReportOnTime: false, score: 50 },
      security: { riskAssessments: 1, drills: 0, score: 50 },
      // 30 + 30 + 0.2×50 + 0.2×50
      total: 80,
      rank: 1,
    });
    expect(body.authority).not.toBeNull();
    expect(body.countyGovernment).not.toBeNull();
    const reviewer = await get('reviewer');
    expect(reviewer.authority).not.toBeNull();
    expect(reviewer.countyGovernment).toBeNull();
    const own = await get('civil-head');
    expect(own.departments.map((d) => d.departmentCode)).toEqual(['civil']);
    expect(own.ranking).toEqual([{ rank: 1, departmentCode: 'civil', departmentName: '县民政局', total: 80 }]);
    expect(own).toMatchObject({ authority: null, countyGovernment: null });
  });
});

describe('indicator sets: edited until published, then frozen', () => {
  const weights = { gathering: 40, sharing: 30, application: 10, security: 20 };

  it('PUT /v1/evaluation/indicators/:year: the authority sets the weights; 400 when they do not sum to 100; 403 for others', async () => {
    const bad = await api.call('reviewer', 'PUT', '/v1/evaluation/indicators/2025', { weights: { ...weights, security: 10 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'EVALUATION_WEIGHTS_SUM',
      message: '各评价维度（汇聚、共享、应用、安全）的权重之和应为 100：当前合计 90',
    });
    const over = await api.call('reviewer', 'PUT', '/v1/evaluation/indicators/2025', { weights: { ...weights, gathering: 101 } });
    expect(over.statusCode).toBe(400);
    expect(over.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await api.call('reviewer', 'PUT', '/v1/evaluation/indicators/2025', { weights, extra: 1 })).statusCode).toBe(400);
    expect((await api.call('reviewer', 'PUT', '/v1/evaluation/indicators/1999', { weights })).statusCode).toBe(400);
    for (const user of ['county', 'market-head', 'auditor']) {
      const res = await api.call(user, 'PUT', '/v1/evaluation/indicators/2025', { weights });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN_ROLE');
    }
    const draft = await api.call('reviewer', 'PUT', '/v1/evaluation/indicators/2025', {
      weights: { ...weights, gathering: 30, sharing: 40 },
    });
    expect(draft.statusCode).toBe(200);
    const set = await api.call('reviewer', 'PUT', '/v1/evaluation/indicators/2025', { weights });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ year: 2025, weights, isDefault: false, publishedAt: null, updatedBy: reviewerId });
    expect(set.json().parameters).toEqual({
      gatheringPenaltyPerFinding: 10,
      sharingPenaltyPerOverturned: 20,
      applicationRequestsTarget: 2,
      securityAssessmentsRequired: 1,
      securityDrillsRequired: 1,
    });
  });

  it('POST …/:year/publish freezes the year: a second PUT or publish is 409; a year without a set is 404', async () => {
    const published = await api.call('reviewer', 'POST', '/v1/evaluation/indicators/2025/publish');
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ weights, publishedBy: reviewerId });
    expect(published.json().publishedAt).toMatch(/\+08:00$/);
    const edit = await api.call('reviewer', 'PUT', '/v1/evaluation/indicators/2025', {
      weights: { ...weights, gathering: 30, sharing: 40 },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'EVALUATION_INDICATORS_PUBLISHED', message: '该年度评价指标已发布，不能再修改' });
    expect((await api.call('reviewer', 'POST', '/v1/evaluation/indicators/2025/publish')).json().code).toBe(
      'EVALUATION_INDICATORS_PUBLISHED',
    );
    const unset = await api.call('reviewer', 'POST', '/v1/evaluation/indicators/2026/publish');
    expect(unset.statusCode).toBe(404);
    expect(unset.json()).toMatchObject({ code: 'EVALUATION_INDICATORS_NOT_FOUND' });
    expect(unset.json().message).toMatch(/尚未设定评价指标/);
    expect((await api.call('county', 'POST', '/v1/evaluation/indicators/2025/publish')).statusCode).toBe(403);
    // still the published weights
    const read = await api.call('market-staff', 'GET', '/v1/evaluation/indicators/2025');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ weights, isDefault: false });
    expect((await api.call('county', 'GET', '/v1/evaluation/indicators/2026')).json()).toMatchObject({
      isDefault: true,
      publishedAt: null,
    });
    expect((await api.call('applicant', 'GET', '/v1/evaluation/indicators/2025')).statusCode).toBe(403);
    expect((await api.call('county', 'GET', '/v1/evaluation/indicators/20x5')).statusCode).toBe(400);
  });

  it('the published weights give the hand-computed totals and ranking', async () => {
    const body = await get('county');
    // market: 0.4×56.67 + 0.3×46.67 + 0.1×75 + 0.2×100 = 22.668 + 14.001 + 7.5 + 20 = 64.169 → 64.17
    // civil:  0.4×100 + 0.3×100 + 0.1×50 + 0.2×50 = 40 + 30 + 5 + 10 = 85
    expect(row(body, 'market')).toMatchObject({ total: 64.17, rank: 2 });
    expect(row(body, 'civil')).toMatchObject({ total: 85, rank: 1 });
    expect(body.ranking).toEqual([
      { rank: 1, departmentCode: 'civil', departmentName: '县民政局', total: 85 },
      { rank: 2, departmentCode: 'market', departmentName: '县市场监督管理局', total: 64.17 },
    ]);
    const csv = await api.call('auditor', 'GET', '/v1/evaluation?year=2025&format=csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/,汇聚得分,共享得分,应用得分,安全得分,总分,排名$/);
    expect(lines[1]).toMatch(/^civil,县民政局,.*,100\.00,100\.00,50\.00,50\.00,85\.00,1$/);
    expect(lines[2]).toMatch(/^market,县市场监督管理局,.*,56\.67,46\.67,75\.00,100\.00,64\.17,2$/);
  });
});

describe('submissions to the county government', () => {
  it('POST /v1/evaluation/:year/submissions: 409 before the year is published; the authority sends the result (201) and the county government is told', async () => {
    const early = await api.call('reviewer', 'POST', '/v1/evaluation/2026/submissions');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'EVALUATION_INDICATORS_NOT_PUBLISHED',
      message: '该年度评价指标尚未发布，不能报送评价结果',
    });
    for (const user of ['county', 'auditor', 'market-head']) {
      expect((await api.call(user, 'POST', '/v1/evaluation/2025/submissions')).statusCode).toBe(403);
    }
    expect((await api.call('reviewer', 'POST', '/v1/evaluation/1999/submissions')).statusCode).toBe(400);
    const sent = await api.call('reviewer', 'POST', '/v1/evaluation/2025/submissions');
    expect(sent.statusCode).toBe(201);
    const s = sent.json() as { id: number; digest: string; submittedBy: string; result: { ranking: unknown[]; departments: Row[] } };
    expect(s.submittedBy).toBe(reviewerId);
    expect(s.result.ranking).toEqual([
      { rank: 1, departmentCode: 'civil', departmentName: '县民政局', total: 85 },
      { rank: 2, departmentCode: 'market', departmentName: '县市场监督管理局', total: 64.17 },
    ]);
    expect(s.digest).toBe(createHash('sha256').update(JSON.stringify(s.result)).digest('hex'));
    const told = await api.database.db.select().from(notifications).where(eq(notifications.kind, 'evaluation_submitted'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ role: 'county_government', departmentCode: null });
    expect(told[0]!.message).toContain('2025 年度');
    expect(told[0]!.message).toContain(s.digest.slice(0, 16));
    const inbox = (await api.call('county', 'GET', '/v1/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('评价结果');
  });

  it('GET /v1/evaluation/:year/submissions: the county government reads what was sent; departments 403', async () => {
    const res = await api.call('county', 'GET', '/v1/evaluation/2025/submissions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { year: number; digest: string }[];
    expect(items).toHaveLength(1);
    expect(items[0]!.year).toBe(2025);
    expect((await api.call('county', 'GET', '/v1/evaluation/2026/submissions')).json().items).toEqual([]);
    expect((await api.call('market-head', 'GET', '/v1/evaluation/2025/submissions')).statusCode).toBe(403);
    expect((await api.call('auditor', 'GET', '/v1/evaluation/2025/submissions')).statusCode).toBe(200);
  });
});
