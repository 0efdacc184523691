// 第五十一条 through the API: the authority orders, the department reports, others are refused.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrder } from '../../db/repositories/rectifications.repo';
import { processes } from '../../db/schema';
import { addCalendarDays, beijingDate } from '../../domain/working-days';
import { apiStack, type ApiStack } from '../helpers/api';
import { seedProcess, seedViolation } from '../helpers/supervision';
import { eventually } from '../helpers/wait';

let api: ApiStack;
let marketViolation: number;
let civilViolation: number;
let orderId: string;

beforeAll(async () => {
  api = await apiStack();
  const { db } = api.database;
  const due = addCalendarDays(beijingDate(Date.now()), -3);
  const market = await seedProcess(db, { departmentCode: 'market', due, level: 'overdue' });
  const civil = await seedProcess(db, { departmentCode: 'civil', due, level: 'overdue' });
  marketViolation = await seedViolation(db, {
    workflowId: market,
    departmentCode: 'market',
    occurredAt: `${addCalendarDays(due, 1)}T00:00:00+08:00`,
  });
  civilViolation = await seedViolation(db, {
    workflowId: civil,
    departmentCode: 'civil',
    occurredAt: `${addCalendarDays(due, 1)}T00:00:00+08:00`,
  });
});
afterAll(async () => api?.close());

const order = { requirement: '补齐超期事项的处理记录，建立期限提醒', periodWorkingDays: 10 };

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
    expect(
      (
        await api.call('reviewer', 'POST', `/v1/violations/${marketViolation}/rectification-orders`, { ...order, requirement: '   ' })
      ).json(),
    ).toMatchObject({ statusCode: 400, code: 'RECTIFICATION_REQUIREMENT_REQUIRED' });
    expect((await api.call('reviewer', 'POST', '/v1/violations/999999/rectification-orders', order)).statusCode).toBe(404);
    expect((await api.call('market-head', 'POST', url, order)).statusCode).toBe(403);
  });

  it('201 with the order row and its workflow; a second order for the same violation is 409', async () => {
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
    expect((await api.call('civil-head', 'GET', '/v1/rectifications')).json().items).toEqual([]);
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

describe('POST /v1/rectifications/:id/report', () => {
  it('another department 404, the authority 403, empty 400; the department reports: rectified and closed; again 409', async () => {
    const url = `/v1/rectifications/${orderId}/report`;
    expect((await api.call('civil-staff', 'POST', url, { report: '越权' })).statusCode).toBe(404);
    expect((await api.call('reviewer', 'POST', url, { report: '代报' })).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN_ROLE' });
    expect((await api.call('market-staff', 'POST', url, { report: '' })).statusCode).toBe(400);
    expect((await api.call('market-staff', 'POST', url, { report: '   ' })).json()).toMatchObject({
      statusCode: 422,
      code: 'REASON_REQUIRED',
    });

    const res = await api.call('market-staff', 'POST', url, { report: '已补录记录并建立期限提醒' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: orderId, status: 'rectified', report: '已补录记录并建立期限提醒', criticizedAt: null });
    expect(await getOrder(api.database.db, orderId)).toMatchObject({ status: 'rectified' });
    const [row] = await api.database.db
      .select()
      .from(processes)
      .where(eq(processes.workflowId, `rectification-${orderId}`));
    expect(row).toMatchObject({ status: 'closed', stage: 'rectified' });
    expect((await api.call('market-head', 'POST', url, { report: '再报一次' })).json()).toMatchObject({
      statusCode: 409,
      code: 'PROCESS_CLOSED',
    });
    expect((await api.call('market-head', 'POST', '/v1/rectifications/ZG-none/report', { report: 'x' })).statusCode).toBe(404);
  });

  it('the civil violation can still get its own order', async () => {
    expect(
      (await api.call('reviewer', 'POST', `/v1/violations/${civilViolation}/rectification-orders`, { ...order, periodWorkingDays: 1 }))
        .statusCode,
    ).toBe(201);
  });
});
