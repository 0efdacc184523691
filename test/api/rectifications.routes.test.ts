// 第五十一条 through the API: the authority orders (only a 政务部门's confirmed 第四十九条
// violation), the department reports, the authority accepts or rejects; referrals for 处分 and
// the circulars of 通报批评; others are refused.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrder } from '../../db/repositories/rectifications.repo';
import { processEvents, processes, rectificationOrders, rectificationReferrals } from '../../db/schema';
import { addCalendarDays, beijingDate } from '../../domain/working-days';
import { apiStack, type ApiStack } from '../helpers/api';
import { seedCriticizedOrder, seedProcess, seedViolation } from '../helpers/supervision';
import { eventually } from '../helpers/wait';

let api: ApiStack;
let marketViolation: number;
let civilViolation: number;
let orderId: string;
/** findings outside the 第五十一条 chain, or not yet confirmed */
const outside: Record<string, number> = {};
/** a criticized order (seeded) and its circular */
let criticizedOrder: string;
let circularId: number;

beforeAll(async () => {
  api = await apiStack();
  const { db } = api.database;
  const due = addCalendarDays(beijingDate(Date.now()), -3);
  const occurredAt = `${addCalendarDays(due, 1)}T00:00:00+08:00`;
  const market = await seedProcess(db, { departmentCode: 'market', due, level: 'overdue' });
  const civil = await seedProcess(db, { departmentCode: 'civil', due, level: 'overdue' });
  marketViolation = await seedViolation(db, { workflowId: market, departmentCode: 'market', occurredAt });
  civilViolation = await seedViolation(db, { workflowId: civil, departmentCode: 'civil', occurredAt });

  // 第四十六条第二款: the county government's late report to the city — its supervisor is the city.
  const annual = await seedProcess(db, { departmentCode: 'county-gov', type: 'annual_report', due, level: 'overdue' });
  outside.countyGovernment = await seedViolation(db, {
    workflowId: annual,
    departmentCode: 'county-gov',
    occurredAt,
    article: '第四十六条第二款',
    kind: 'city_submission_late',
    partyKind: 'county_government',
    findingClass: 'timeliness',
  });
  // 第十八条第二款: the authority's late review — its supervisor is the county government.
  const catalog = await seedProcess(db, { departmentCode: 'market', type: 'catalog_update', due, level: 'overdue' });
  outside.authority = await seedViolation(db, {
    workflowId: catalog,
    departmentCode: 'county-data',
    occurredAt,
    article: '第十八条第二款',
    kind: 'catalog_review_overdue_1',
    partyKind: 'authority',
    findingClass: 'timeliness',
  });
  // A 第四十九条(八) finding still in its statement period.
  const notified = await seedProcess(db, { departmentCode: 'civil', due, level: 'overdue' });
  outside.notified = await seedViolation(db, { workflowId: notified, departmentCode: 'civil', occurredAt, status: 'notified' });

  // A criticized order with its circular, as the workflow leaves them.
  const closed = await seedProcess(db, { departmentCode: 'civil', type: 'rectification', due, status: 'closed', level: 'overdue' });
  const criticizedViolation = await seedViolation(db, {
    workflowId: market,
    departmentCode: 'civil',
    occurredAt,
    kind: 'catalog_submission_overdue',
  });
  criticizedOrder = 'ZG-seed-criticized';
  circularId = await seedCriticizedOrder(db, {
    orderId: criticizedOrder,
    violationId: criticizedViolation,
    workflowId: closed,
    text: '关于对县民政局未按期完成整改的通报（云数通〔2025〕1号）',
  });
});
afterAll(async () => api?.close());

const order = { requirement: '补齐超期事项的处理记录，建立期限提醒', periodWorkingDays: 10 };
const ordersOf = (violationId: number) =>
  api.database.db.select().from(rectificationOrders).where(eq(rectificationOrders.violationId, violationId));

describe('POST /v1/violations/:id/rectification-orders', () => {
  it('400 RECTIFICATION_PERIOD_RANGE for a period outside 1–30, VALIDATION_FAILED for a missing requirement or an unknown field; 404 for an unknown violation', async () => {
    const url = `/v1/violations/${marketViolation}/rectification-orders`;
    for (const periodWorkingDays of [31, 0]) {
      expect((await api.call('reviewer', 'POST', url, { ...order, periodWorkingDays })).json()).toMatchObject({
        statusCode: 400,
        code: 'RECTIFICATION_PERIOD_RANGE',
        message: '整改期限应为 1–30 个工作日',
      });
    }
    for (const body of [{ periodWorkingDays: 5 }, { ...order, extra: 1 }, { ...order, requirement: '' }]) {
      expect((await api.call('reviewer', 'POST', url, body)).json(), JSON.stringify(body)).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await api.call('reviewer', 'POST', url, { ...order, requirement: '   ' })).json()).toMatchObject({
      statusCode: 400,
      code: 'RECTIFICATION_REQUIREMENT_REQUIRED',
    });
    expect((await api.call('reviewer', 'POST', '/v1/violations/999999/rectification-orders', order)).statusCode).toBe(404);
    expect((await api.call('market-head', 'POST', url, order)).statusCode).toBe(403);
  });

  it('the violations list says which findings the 第五十一条 chain takes and which can be ordered now, as the order route answers', async () => {
    const items = (await api.call('reviewer', 'GET', '/v1/violations?limit=500')).json().items as {
      id: number;
      rectifiable: boolean;
      orderable: boolean;
    }[];
    const flags = (id: number) => {
      const v = items.find((i) => i.id === id);
      return v && { rectifiable: v.rectifiable, orderable: v.orderable };
    };
    expect(flags(outside.countyGovernment!)).toEqual({ rectifiable: false, orderable: false });
    expect(flags(outside.authority!)).toEqual({ rectifiable: false, orderable: false });
    expect(flags(outside.notified!)).toEqual({ rectifiable: true, orderable: false });
    expect(flags(civilViolation)).toEqual({ rectifiable: true, orderable: true });
  });

  it('422 RECTIFICATION_NOT_APPLICABLE for the county government’s late city report and the authority’s late review: no order is created', async () => {
    for (const violationId of [outside.countyGovernment!, outside.authority!]) {
      const res = await api.call('reviewer', 'POST', `/v1/violations/${violationId}/rectification-orders`, order);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'RECTIFICATION_NOT_APPLICABLE',
        message: expect.stringContaining('不属于第五十一条的整改范围'),
      });
      expect(res.json().message).toContain('主管部门、县政府的时限未履行报其监督主体');
      expect(await ordersOf(violationId)).toEqual([]);
    }
  });

  it('409 FINDING_NOT_CONFIRMED for a correction_overdue still in its statement period: no order is created', async () => {
    const res = await api.call('reviewer', 'POST', `/v1/violations/${outside.notified}/rectification-orders`, order);
    expect(res.json()).toMatchObject({ statusCode: 409, code: 'FINDING_NOT_CONFIRMED', message: '该违规记录尚未认定，认定后才能责令整改' });
    expect(await ordersOf(outside.notified!)).toEqual([]);
  });

  it('201 for a confirmed correction_overdue, with the order row and its workflow; a second order for the same violation is 409', async () => {
    const res = await api.call('reviewer', 'POST', `/v1/violations/${marketViolation}/rectification-orders`, order);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    orderId = created.id;
    expect(created).toMatchObject({
      violationId: marketViolation,
      departmentCode: 'market',
      status: 'open',
      periodWorkingDays: 10,
      workflowId: `rectification-${orderId}`,
      acceptedBy: null,
      rejectionReason: null,
    });
    expect(await getOrder(api.database.db, orderId)).toMatchObject({ status: 'open', requirement: order.requirement });
    await eventually(async () => {
      const [row] = await api.database.db.select().from(processes).where(eq(processes.workflowId, created.workflowId));
      expect(row).toMatchObject({ type: 'rectification', departmentCode: 'market', stage: 'rectifying', status: 'open' });
    });
    const again = await api.call('reviewer', 'POST', `/v1/violations/${marketViolation}/rectification-orders`, {
      ...order,
      periodWorkingDays: 5,
    });
    expect(again.json()).toMatchObject({ statusCode: 409, code: 'RECTIFICATION_ORDER_EXISTS' });
    const listed = (await api.call('auditor', 'GET', '/v1/violations')).json().items.find((v: { id: number }) => v.id === marketViolation);
    expect(listed.rectificationOrder).toMatchObject({ id: orderId, status: 'open' });
  });
});

describe('GET /v1/rectifications and /:id, the inbox', () => {
  it('the department sees its own order with its deadline; another department gets 404 and an empty list', async () => {
    const own = await api.call('market-staff', 'GET', `/v1/rectifications/${orderId}`);
    expect(own.statusCode).toBe(200);
    const expectedDue = (
      await api.call('market-staff', 'GET', `/v1/calendar/deadline?from=${beijingDate(Date.now())}&workingDays=10`)
    ).json().due;
    expect(own.json()).toMatchObject({ id: orderId, status: 'open', level: 'normal', deadline: { due: expectedDue } });
    expect((await api.call('civil-staff', 'GET', `/v1/rectifications/${orderId}`)).statusCode).toBe(404);
    expect((await api.call('auditor', 'GET', '/v1/rectifications/ZG-none')).statusCode).toBe(404);
    expect((await api.call('market-head', 'GET', '/v1/rectifications')).json().items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    expect((await api.call('reviewer', 'GET', '/v1/rectifications?status=open')).json().items.map((o: { id: string }) => o.id)).toEqual([
      orderId,
    ]);
    expect((await api.call('reviewer', 'GET', '/v1/rectifications?status=done')).statusCode).toBe(400);
    const inbox = (await api.call('market-head', 'GET', '/v1/inbox')).json().items;
    expect(inbox).toContainEqual(
      expect.objectContaining({
        action: 'report_rectification',
        process: expect.objectContaining({ workflowId: `rectification-${orderId}` }),
      }),
    );
    expect(
      (await api.call('civil-staff', 'GET', '/v1/inbox'))
        .json()
        .items.filter((i: { action: string }) => i.action === 'report_rectification'),
    ).toEqual([]);
  });
});

describe('POST /v1/rectifications/:id/report and /acceptance', () => {
  const reportUrl = () => `/v1/rectifications/${orderId}/report`;
  const acceptUrl = () => `/v1/rectifications/${orderId}/acceptance`;

  it('report: another department 404, the authority 403, empty 400, "。" 422; acceptance before any report 409', async () => {
    expect((await api.call('civil-staff', 'POST', reportUrl(), { report: '越权报送整改情况' })).statusCode).toBe(404);
    expect((await api.call('reviewer', 'POST', reportUrl(), { report: '代报整改情况' })).json()).toMatchObject({
      statusCode: 403,
      code: 'FORBIDDEN_ROLE',
    });
    expect((await api.call('market-staff', 'POST', reportUrl(), { report: '' })).statusCode).toBe(400);
    for (const report of ['   ', '。']) {
      expect((await api.call('market-staff', 'POST', reportUrl(), { report })).json()).toMatchObject({
        statusCode: 422,
        code: 'RECTIFICATION_REPORT_NOT_SUBSTANTIVE',
        message: '整改情况须写明具体的整改措施和结果，不能只填写空白或标点',
      });
    }
    expect((await api.call('reviewer', 'POST', acceptUrl(), { accept: true })).json()).toMatchObject({
      statusCode: 409,
      code: 'NO_RECTIFICATION_REPORT',
      message: '没有待验收的整改情况',
    });
    expect((await getOrder(api.database.db, orderId))?.status).toBe('open');
  });

  it('the department reports: open, awaiting the authority (inbox); a second report 409', async () => {
    const res = await api.call('market-staff', 'POST', reportUrl(), { report: '已补录部分记录' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: orderId, status: 'open', report: '已补录部分记录', reportedBy: expect.any(String) });
    const [row] = await api.database.db
      .select()
      .from(processes)
      .where(eq(processes.workflowId, `rectification-${orderId}`));
    expect(row).toMatchObject({ status: 'open', stage: 'awaiting_acceptance' });
    expect((await api.call('market-head', 'POST', reportUrl(), { report: '再次报送整改情况' })).json()).toMatchObject({
      statusCode: 409,
      code: 'RECTIFICATION_AWAITING_ACCEPTANCE',
    });
    expect((await api.call('reviewer', 'GET', '/v1/inbox')).json().items).toContainEqual(
      expect.objectContaining({
        action: 'accept_rectification',
        process: expect.objectContaining({ workflowId: `rectification-${orderId}` }),
      }),
    );
  });

  it('acceptance: departments 403, bad body 400, unknown 404, a rejection without reasons 422; rejected with reasons the order stays open', async () => {
    for (const user of ['market-staff', 'market-head', 'county', 'auditor']) {
      expect((await api.call(user, 'POST', acceptUrl(), { accept: true })).json(), user).toMatchObject({
        statusCode: 403,
        code: 'FORBIDDEN_ROLE',
      });
    }
    for (const body of [{}, { accept: 'yes' }, { accept: true, extra: 1 }]) {
      expect((await api.call('reviewer', 'POST', acceptUrl(), body)).json(), JSON.stringify(body)).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await api.call('reviewer', 'POST', '/v1/rectifications/ZG-none/acceptance', { accept: true })).statusCode).toBe(404);
    for (const body of [{ accept: false }, { accept: false, reason: '。' }]) {
      expect((await api.call('reviewer', 'POST', acceptUrl(), body)).json()).toMatchObject({
        statusCode: 422,
        code: 'REASON_REQUIRED',
        message: '必须说明理由：不予验收的，须写明未通过验收的原因',
      });
    }
    const rejected = await api.call('reviewer', 'POST', acceptUrl(), { accept: false, reason: '未附处理记录清单' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'open', rejectionReason: '未附处理记录清单', acceptedBy: null });
    const [row] = await api.database.db
      .select()
      .from(processes)
      .where(eq(processes.workflowId, `rectification-${orderId}`));
    expect(row).toMatchObject({ status: 'open', stage: 'rectifying' });
  });

  it('reported again and accepted: rectified and closed; afterwards report and acceptance are 409', async () => {
    expect((await api.call('market-head', 'POST', reportUrl(), { report: '已补录全部记录并附清单' })).statusCode).toBe(200);
    const accepted = await api.call('reviewer', 'POST', acceptUrl(), { accept: true, reason: '整改到位' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: orderId, status: 'rectified', report: '已补录全部记录并附清单', criticizedAt: null });
    const reviewer = (await api.call('reviewer', 'GET', '/v1/me')).json();
    expect(accepted.json().acceptedBy).toBe(reviewer.userId);
    expect(await getOrder(api.database.db, orderId)).toMatchObject({ status: 'rectified' });
    const [row] = await api.database.db
      .select()
      .from(processes)
      .where(eq(processes.workflowId, `rectification-${orderId}`));
    expect(row).toMatchObject({ status: 'closed', stage: 'rectified' });
    const kinds = (
      await api.database.db
        .select()
        .from(processEvents)
        .where(eq(processEvents.workflowId, `rectification-${orderId}`))
        .orderBy(processEvents.id)
    ).map((e) => e.kind);
    expect(kinds).toEqual([
      'rectification_ordered',
      'rectification_reported',
      'rectification_rejected',
      'rectification_reported',
      'rectification_accepted',
    ]);
    expect((await api.call('market-head', 'POST', reportUrl(), { report: '再报一次整改情况' })).json()).toMatchObject({
      statusCode: 409,
      code: 'PROCESS_CLOSED',
    });
    expect((await api.call('reviewer', 'POST', acceptUrl(), { accept: true })).json()).toMatchObject({
      statusCode: 409,
      code: 'PROCESS_CLOSED',
    });
    expect((await api.call('market-head', 'POST', '/v1/rectifications/ZG-none/report', { report: '整改情况说明' })).statusCode).toBe(404);
  });
});

describe('POST /v1/rectifications/:id/referral (情节严重)', () => {
  const referral = { organ: '县纪委监委', persons: '张某（科长）、李某（副局长）', referredOn: '2025-10-20', reason: '经通报批评仍未整改' };

  it('departments 403; bad body 400; unknown 404; an order neither criticized nor serious 409', async () => {
    const url = `/v1/rectifications/${criticizedOrder}/referral`;
    for (const user of ['civil-head', 'auditor', 'county']) {
      expect((await api.call(user, 'POST', url, referral)).statusCode, user).toBe(403);
    }
    for (const body of [
      { ...referral, referredOn: '2025-13-01' },
      { ...referral, organ: '' },
      { ...referral, extra: true },
    ]) {
      expect((await api.call('reviewer', 'POST', url, body)).json(), JSON.stringify(body)).toMatchObject({ statusCode: 400 });
    }
    expect((await api.call('reviewer', 'POST', '/v1/rectifications/ZG-none/referral', referral)).statusCode).toBe(404);
    expect((await api.call('reviewer', 'POST', `/v1/rectifications/${orderId}/referral`, referral)).json()).toMatchObject({
      statusCode: 409,
      code: 'REFERRAL_NOT_ALLOWED',
      message: '只有已通报批评或情节严重的，才能移送有权机关处分',
    });
    expect((await api.call('reviewer', 'POST', url, { ...referral, reason: '。' })).json()).toMatchObject({
      statusCode: 422,
      code: 'REFERRAL_DETAILS_REQUIRED',
      message: '移送处分须写明有权机关、责任人员及其职务和移送理由',
    });
  });

  it('after 通报批评: 201, on the timeline; the department reads it, another does not; a second referral 409', async () => {
    const url = `/v1/rectifications/${criticizedOrder}/referral`;
    const res = await api.call('reviewer', 'POST', url, referral);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ orderId: criticizedOrder, ...referral, serious: false });
    const [order] = await api.database.db.select().from(rectificationOrders).where(eq(rectificationOrders.id, criticizedOrder));
    const events = await api.database.db
      .select()
      .from(processEvents)
      .where(and(eq(processEvents.workflowId, order!.workflowId), eq(processEvents.kind, 'referred_for_sanction')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventKey: 'referral', actorRole: 'authority_reviewer' });
    expect(events[0]?.detail).toMatchObject({ organ: '县纪委监委', referredOn: '2025-10-20' });
    expect((await api.call('civil-staff', 'GET', url)).json()).toMatchObject({ organ: '县纪委监委', persons: referral.persons });
    expect((await api.call('market-staff', 'GET', url)).statusCode).toBe(404);
    expect((await api.call('reviewer', 'POST', url, { ...referral, organ: '县监察委员会' })).json()).toMatchObject({
      statusCode: 409,
      code: 'REFERRAL_EXISTS',
    });
    expect(
      await api.database.db.select().from(rectificationReferrals).where(eq(rectificationReferrals.orderId, criticizedOrder)),
    ).toHaveLength(1);
  });

  it('a serious case may be referred without a criticism', async () => {
    const res = await api.call('reviewer', 'POST', `/v1/rectifications/${orderId}/referral`, {
      ...referral,
      reason: '篡改校核记录，情节严重',
      serious: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ orderId, serious: true });
    expect((await api.call('auditor', 'GET', `/v1/rectifications/${orderId}/referral`)).statusCode).toBe(200);
  });
});

describe('GET /v1/circulars and /:id', () => {
  it('every official reads the circulars; the applicant and the admin 403; unknown 404, bad id 400', async () => {
    for (const user of ['market-staff', 'civil-head', 'reviewer', 'county', 'auditor']) {
      const list = await api.call(user, 'GET', '/v1/circulars');
      expect(list.statusCode, user).toBe(200);
      expect(list.json().items).toContainEqual(
        expect.objectContaining({ id: circularId, number: '云数通〔2025〕1号', issuedOn: '2025-10-17', departmentCode: 'civil' }),
      );
    }
    // The order names its circular; the department reads it, another does not.
    expect((await api.call('civil-staff', 'GET', `/v1/rectifications/${criticizedOrder}`)).json()).toMatchObject({
      status: 'criticized',
      circular: { id: circularId, number: '云数通〔2025〕1号', issuedOn: '2025-10-17' },
    });
    expect((await api.call('reviewer', 'GET', `/v1/rectifications/${orderId}`)).json()).toMatchObject({
      status: 'rectified',
      circular: null,
    });
    const one = await api.call('market-staff', 'GET', `/v1/circulars/${circularId}`);
    expect(one.json()).toMatchObject({ number: '云数通〔2025〕1号', orderId: criticizedOrder, text: expect.stringContaining('县民政局') });
    expect((await api.call('reviewer', 'GET', '/v1/circulars?year=2024')).json().items).toEqual([]);
    for (const user of ['applicant', 'admin']) expect((await api.call(user, 'GET', '/v1/circulars')).statusCode).toBe(403);
    expect((await api.call('county', 'GET', '/v1/circulars/99999')).json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect((await api.call('county', 'GET', '/v1/circulars/abc')).statusCode).toBe(400);
  });
});

describe('another violation', () => {
  it('the civil violation can still get its own order', async () => {
    expect(
      (await api.call('reviewer', 'POST', `/v1/violations/${civilViolation}/rectification-orders`, { ...order, periodWorkingDays: 1 }))
        .statusCode,
    ).toBe(201);
  });
});
