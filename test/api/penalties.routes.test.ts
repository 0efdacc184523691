// 第三十八条, 第五十二条, 第五十三条 through the API: the registers, the case and its steps. The
// authority writes, auditors read, department staff and applicants are refused; bad input is a
// 400 with a Chinese message and a stable code.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../db/repositories/penalties.repo';
import { penaltyCases, processEvents, violators } from '../../db/schema';
import { apiStack, type ApiStack } from '../helpers/api';
import { OTHER_CREDIT_CODE, VALID_CREDIT_CODE, VALID_RESIDENT_ID } from '../helpers/penalties';
import { eventually } from '../helpers/wait';

let api: ApiStack;
let unitId: number;
let personId: number;
let n = 0;
const requestId = () => `penalty-req-${process.pid}-${++n}`;
/** Today in Beijing, for a notice given today (the test's own arithmetic: UTC+8, no daylight saving). */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const duties = { securitySystem: true, securityOrganisation: true, encryptionAuthentication: false, monitoringEmergency: true };
const unit = {
  name: '云阳数据运维服务有限公司',
  creditCode: VALID_CREDIT_CODE,
  services: '云数据中心运行维护',
  duties,
  checkedOn: '2025-09-20',
};

beforeAll(async () => {
  api = await apiStack();
  unitId = (await api.call('reviewer', 'POST', '/v1/service-units', unit)).json().id;
  personId = (
    await api.call('reviewer', 'POST', '/v1/violators', { kind: 'natural_person', name: '刘某', identifier: VALID_RESIDENT_ID })
  ).json().id;
});
afterAll(async () => api?.close());

async function openCase(body: Record<string, unknown>) {
  const res = await api.call('reviewer', 'POST', '/v1/penalty-cases', { requestId: requestId(), facts: '检查发现未加密', ...body });
  expect(res.statusCode, res.body).toBe(201);
  const view = res.json();
  // The workflow has registered the process: its steps are open to updates.
  await eventually(async () => expect((await getCase(api.database.db, view.id))?.process).toBeTruthy());
  return view as { id: string; workflowId: string };
}

describe('/v1/service-units', () => {
  it('registers the unit with its 第三十八条 checklist; a duplicate credit code is 409, a bad one 400 naming the check digit', async () => {
    const got = await api.call('auditor', 'GET', `/v1/service-units/${unitId}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      name: unit.name,
      creditCode: VALID_CREDIT_CODE,
      duties,
      unmetDuties: ['encryptionAuthentication'],
      checkedOn: '2025-09-20',
    });

    expect((await api.call('reviewer', 'POST', '/v1/service-units', unit)).json()).toMatchObject({
      statusCode: 409,
      code: 'SERVICE_UNIT_EXISTS',
    });
    const bad = (await api.call('reviewer', 'POST', '/v1/service-units', { ...unit, creditCode: '91500235MA5U000000' })).json();
    expect(bad).toMatchObject({ statusCode: 400, code: 'USCC_CHECK_DIGIT', message: '统一社会信用代码校验位错误，应为 X' });
    expect(bad.details).toEqual([{ path: 'body.creditCode', message: '统一社会信用代码校验位错误，应为 X' }]);
    expect(
      (
        await api.call('reviewer', 'POST', '/v1/service-units', {
          ...unit,
          creditCode: OTHER_CREDIT_CODE,
          duties: { securitySystem: true },
        })
      ).json(),
    ).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    const listed = (await api.call('auditor', 'GET', '/v1/service-units')).json();
    expect(listed.items.map((u: { creditCode: string }) => u.creditCode)).toEqual([VALID_CREDIT_CODE]);
    expect((await api.call('reviewer', 'GET', '/v1/service-units/999999')).json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect((await api.call('market-staff', 'GET', '/v1/service-units')).statusCode).toBe(403);
    expect((await api.call('applicant', 'POST', '/v1/service-units', { ...unit, creditCode: OTHER_CREDIT_CODE })).statusCode).toBe(403);
  });

  it('records the checklist again: every duty met now', async () => {
    const all = { ...duties, encryptionAuthentication: true };
    const res = await api.call('reviewer', 'PUT', `/v1/service-units/${unitId}/duties`, { duties: all, checkedOn: '2025-10-20' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ duties: all, unmetDuties: [], checkedOn: '2025-10-20' });
    // Back to the state the cases below were opened on.
    await api.call('reviewer', 'PUT', `/v1/service-units/${unitId}/duties`, { duties, checkedOn: '2025-09-20' });
  });
});

describe('/v1/violators', () => {
  it('registers a citizen by resident ID number and an organisation by credit code; bad numbers are 400 with the check digit', async () => {
    expect((await api.call('auditor', 'GET', `/v1/violators/${personId}`)).json()).toMatchObject({
      kind: 'natural_person',
      name: '刘某',
      identifier: VALID_RESIDENT_ID,
    });
    const org = await api.call('reviewer', 'POST', '/v1/violators', {
      kind: 'organisation',
      name: '某信息咨询有限公司',
      identifier: OTHER_CREDIT_CODE,
    });
    expect(org.statusCode).toBe(201);
    expect(
      (await api.call('reviewer', 'POST', '/v1/violators', { kind: 'natural_person', name: '刘某', identifier: VALID_RESIDENT_ID })).json(),
    ).toMatchObject({
      statusCode: 409,
      code: 'VIOLATOR_EXISTS',
    });
    expect(
      (
        await api.call('reviewer', 'POST', '/v1/violators', { kind: 'natural_person', name: '王某', identifier: '110105194912310021' })
      ).json(),
    ).toMatchObject({
      statusCode: 400,
      code: 'ID_CHECK_DIGIT',
      message: '身份证号码校验位错误，应为 X',
    });
    // A credit code is no resident ID number.
    expect(
      (await api.call('reviewer', 'POST', '/v1/violators', { kind: 'natural_person', name: '王某', identifier: VALID_CREDIT_CODE })).json(),
    ).toMatchObject({
      statusCode: 400,
      code: 'ID_FORMAT',
    });
    expect(
      (await api.call('reviewer', 'POST', '/v1/violators', { kind: 'person', name: '王某', identifier: VALID_RESIDENT_ID })).json(),
    ).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    const rows = await api.database.db.select().from(violators);
    expect(rows.map((r) => r.identifier).sort()).toEqual([VALID_RESIDENT_ID, OTHER_CREDIT_CODE].sort());
    const listed = (await api.call('auditor', 'GET', '/v1/violators?kind=organisation')).json();
    expect(listed.items.map((v: { identifier: string }) => v.identifier)).toEqual([OTHER_CREDIT_CODE]);
    expect((await api.call('reviewer', 'GET', '/v1/violators/999999')).statusCode).toBe(404);
    expect((await api.call('market-head', 'GET', '/v1/violators')).statusCode).toBe(403);
    expect((await api.call('applicant', 'GET', `/v1/violators/${personId}`)).statusCode).toBe(403);
  });
});

describe('POST /v1/penalty-cases', () => {
  it('opens the authority’s own case (201), a repeat of its request id answers the same case (200); the row and the registry are written', async () => {
    const body = {
      requestId: requestId(),
      serviceUnitId: unitId,
      breaches: ['art38_encryption_authentication'],
      facts: '未对政务数据加密',
    };
    const res = await api.call('reviewer', 'POST', '/v1/penalty-cases', body);
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({
      partyType: 'service_unit',
      party: { id: unitId, kind: 'service_unit', identifier: VALID_CREDIT_CODE },
      conduct: null,
      article: '第五十二条',
      breaches: [{ code: 'art38_encryption_authentication', article: '第三十八条' }],
      fineRange: { minYuan: 10_000, maxYuan: 30_000, article: '第五十二条', text: '1万元以上3万元以下（第五十二条）' },
      notice: null,
    });
    const again = await api.call('reviewer', 'POST', '/v1/penalty-cases', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(view.id);
    expect(await api.database.db.select().from(penaltyCases).where(eq(penaltyCases.requestId, body.requestId))).toHaveLength(1);
    await eventually(async () =>
      expect((await getCase(api.database.db, view.id))?.process).toMatchObject({
        type: 'penalty_case',
        departmentCode: 'county-data',
        stage: 'penalty_filed',
      }),
    );
  });

  it('400s: no party or both, an unknown party, 第三十八条 items for a citizen, a missing conduct, a conduct for a service unit, bad fields', async () => {
    const base = { requestId: requestId(), breaches: ['art50_4'], facts: '擅自扩散' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base }, 'PENALTY_PARTY_REQUIRED'],
      [{ ...base, serviceUnitId: unitId, violatorId: personId }, 'PENALTY_PARTY_REQUIRED'],
      [{ ...base, serviceUnitId: 999_999 }, 'UNKNOWN_SERVICE_UNIT'],
      [{ ...base, violatorId: 999_999, conduct: 'business' }, 'UNKNOWN_VIOLATOR'],
      [{ ...base, violatorId: personId, conduct: 'business', breaches: ['art38_security_system'] }, 'PENALTY_BREACH_ITEMS'],
      [{ ...base, violatorId: personId, conduct: 'business', breaches: ['art50_4', 'art50_4'] }, 'PENALTY_BREACH_ITEMS'],
      [{ ...base, violatorId: personId }, 'PENALTY_CONDUCT_REQUIRED'],
      [{ ...base, serviceUnitId: unitId, conduct: 'business' }, 'PENALTY_CONDUCT_NOT_APPLICABLE'],
      [{ ...base, serviceUnitId: unitId, facts: '   ' }, 'PENALTY_FACTS_REQUIRED'],
      [{ ...base, serviceUnitId: unitId, breaches: ['art49_1'] }, 'VALIDATION_FAILED'],
      [{ ...base, serviceUnitId: unitId, amount: 1 }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await api.call('reviewer', 'POST', '/v1/penalty-cases', { ...body, requestId: requestId() });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code, JSON.stringify(body)).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await api.call('market-staff', 'POST', '/v1/penalty-cases', { ...base, serviceUnitId: unitId })).statusCode).toBe(403);
    expect((await api.call('applicant', 'GET', '/v1/penalty-cases')).statusCode).toBe(403);
  });
});

describe('the steps of a case', () => {
  it('a fine out of range is 400 naming the range; before 告知 422 PENALTY_NOT_NOTIFIED; during 陈述申辩 422 PENALTY_STATEMENT_PERIOD_OPEN', async () => {
    const c = await openCase({ violatorId: personId, conduct: 'non_business', breaches: ['art50_4'] });
    const fine = `/v1/penalty-cases/${c.id}/fine`;
    for (const amountYuan of [499, 1_001]) {
      expect((await api.call('reviewer', 'POST', fine, { amountYuan, consequences: '扩散个人信息' })).json()).toMatchObject({
        statusCode: 400,
        code: 'FINE_OUT_OF_RANGE',
        message: expect.stringContaining('500元以上1000元以下（第五十三条，非经营性行为）'),
      });
    }
    expect((await api.call('reviewer', 'POST', fine, { amountYuan: 1_000, consequences: '扩散个人信息' })).json()).toMatchObject({
      statusCode: 422,
      code: 'PENALTY_NOT_NOTIFIED',
      message: expect.stringContaining('尚未告知当事人'),
    });
    expect((await api.call('reviewer', 'POST', fine, { amountYuan: 300_000, consequences: 'x' })).json()).toMatchObject({
      statusCode: 400,
      code: 'FINE_OUT_OF_RANGE',
    });
    expect((await api.call('reviewer', 'POST', fine, { amountYuan: -1, consequences: 'x' })).json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await api.call('reviewer', 'POST', fine, { amountYuan: '五百', consequences: 'x' })).json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });

    const notified = await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/notice`, {
      notifiedOn: today(),
      content: '拟责令限期改正，可在五个工作日内陈述申辩',
    });
    expect(notified.statusCode, notified.body).toBe(200);
    expect(notified.json()).toMatchObject({ stage: 'penalty_statement', notice: { notifiedOn: today() } });
    expect(notified.json().deadline.due).toBe(notified.json().notice.statementDue);
    expect((await api.call('reviewer', 'POST', fine, { amountYuan: 500, consequences: '扩散个人信息' })).json()).toMatchObject({
      statusCode: 422,
      code: 'PENALTY_STATEMENT_PERIOD_OPEN',
    });
    expect(
      (
        await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/rectification-order`, { requirement: '删除', periodWorkingDays: 5 })
      ).json(),
    ).toMatchObject({ statusCode: 422, code: 'PENALTY_STATEMENT_PERIOD_OPEN' });
    expect(
      (
        await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/rectification-order`, { requirement: '删除', periodWorkingDays: 31 })
      ).json(),
    ).toMatchObject({ statusCode: 400, code: 'RECTIFICATION_PERIOD_RANGE' });
    // A second notice: the case is past that step.
    expect(
      (await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/notice`, { notifiedOn: today(), content: '再次告知' })).json(),
    ).toMatchObject({
      statusCode: 409,
      code: 'PENALTY_STAGE',
    });
    const stated = await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/statements`, { statement: '系误操作，已删除' });
    expect(stated.json().statements).toEqual([expect.objectContaining({ statement: '系误操作，已删除' })]);
    // Steps of later stages: 409 with the stage refusal, and nothing written.
    for (const [path, body] of [
      ['rectification', { report: '已改正' }],
      ['conclusion', { reason: '未造成严重后果' }],
    ] as const) {
      expect((await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/${path}`, body)).json(), path).toMatchObject({
        statusCode: 409,
        code: 'PENALTY_STAGE',
        message: expect.stringContaining('处罚案件不在该环节'),
      });
    }
    expect((await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/rectification`, { report: '' })).json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    const kinds = (await api.database.db.select().from(processEvents).where(eq(processEvents.workflowId, c.workflowId))).map((e) => e.kind);
    expect(kinds).toEqual(['penalty_case_filed', 'penalty_notified', 'penalty_statement_recorded']);
  });

  it('a business conduct case names 1万元以上3万元以下; referral closes it and later steps are 409 PROCESS_CLOSED', async () => {
    const c = await openCase({ violatorId: personId, conduct: 'business', breaches: ['art50_3'] });
    expect(
      (await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/fine`, { amountYuan: 9_999, consequences: '牟利' })).json().message,
    ).toContain('1万元以上3万元以下（第五十三条，经营性行为）');
    const referred = await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/referral`, {
      organ: '云阳县公安局',
      reason: '涉嫌侵犯公民个人信息罪',
    });
    expect(referred.statusCode).toBe(200);
    expect(referred.json()).toMatchObject({ stage: 'penalty_referred', referral: { organ: '云阳县公安局' }, deadline: null });
    expect(referred.json().closedAt).toBeTruthy();
    expect((await api.call('reviewer', 'POST', `/v1/penalty-cases/${c.id}/conclusion`, { reason: '结案' })).json()).toMatchObject({
      statusCode: 409,
      code: 'PROCESS_CLOSED',
      message: '该事项已办结，不能再操作',
    });
    const listed = (await api.call('auditor', 'GET', '/v1/penalty-cases?stage=penalty_referred')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect(listed.items.every((i: { stage: string }) => i.stage === 'penalty_referred')).toBe(true);
  });

  it('404 for an unknown case; 403 for department staff, heads and applicants on every step', async () => {
    expect((await api.call('reviewer', 'GET', '/v1/penalty-cases/CF-none')).json()).toMatchObject({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: '处罚案件不存在或无权查看',
    });
    expect(
      (await api.call('reviewer', 'POST', '/v1/penalty-cases/CF-none/notice', { notifiedOn: today(), content: '告知' })).statusCode,
    ).toBe(404);
    for (const who of ['market-staff', 'market-head', 'applicant', 'county']) {
      expect((await api.call(who, 'POST', '/v1/penalty-cases/CF-none/fine', { amountYuan: 500, consequences: 'x' })).json()).toMatchObject({
        statusCode: 403,
        code: 'FORBIDDEN_ROLE',
      });
    }
    expect((await api.call('auditor', 'POST', '/v1/penalty-cases/CF-none/referral', { organ: 'x', reason: 'y' })).statusCode).toBe(403);
  });
});
