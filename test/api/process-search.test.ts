// GET /v1/processes as a searchable list (issue 15): by receipt number, applicant name and Beijing
// start dates, sorted, paged with the total count. Seeded rows, figures written out by hand.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processes } from '../../db/schema';
import { actorOf } from '../helpers/actors';
import { apiStack, type ApiStack } from '../helpers/api';
import { insertCorrection } from '../helpers/corrections';

let api: ApiStack;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await apiStack();
  const { db } = api.database;
  const staff = await actorOf(db, 'market-staff');
  const row = async (
    name: string,
    p: { type?: 'correction' | 'catalog_update'; departmentCode?: string; startedAt: string; applicant?: string; subjectId?: string },
  ) => {
    let workflowId = `catalog-update-${name}-${Date.now()}`;
    let subjectId = p.subjectId ?? workflowId;
    if ((p.type ?? 'correction') === 'correction') {
      const c = await insertCorrection(db, staff, p.startedAt.slice(0, 10));
      if (p.applicant) await db.update(corrections).set({ subjectName: p.applicant }).where(eq(corrections.id, c.id));
      workflowId = c.workflowId;
      subjectId = c.id;
    }
    await db.insert(processes).values({
      workflowId,
      type: p.type ?? 'correction',
      departmentCode: p.departmentCode ?? 'market',
      subjectId,
      stage: p.type === 'catalog_update' ? 'awaiting_application' : 'verifying',
      startedAt: new Date(p.startedAt),
    });
    ids[name] = workflowId;
  };
  await row('P1', { startedAt: '2026-03-02T09:00:00+08:00' });
  await row('P2', { startedAt: '2026-03-05T23:30:00+08:00', applicant: '张三' });
  // 00:30 Beijing on the 6th is still the 5th in UTC
  await row('P3', { type: 'catalog_update', startedAt: '2026-03-06T00:30:00+08:00', subjectId: 'ML-2026-0001' });
  await row('P4', { departmentCode: 'civil', startedAt: '2026-03-10T09:00:00+08:00', applicant: '李四' });
});
afterAll(async () => api?.close());

const search = async (user: string, query: string) => {
  const res = await api.call(user, 'GET', `/v1/processes?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  const name = (id: string) => Object.keys(ids).find((k) => ids[k] === id) ?? id;
  return { names: body.items.map((i: { workflowId: string }) => name(i.workflowId)), total: body.total as number };
};

describe('GET /v1/processes search', () => {
  it('by Beijing start dates, both ends included', async () => {
    expect(await search('reviewer', 'from=2026-03-05&to=2026-03-05')).toEqual({ names: ['P2'], total: 1 });
    expect(await search('reviewer', 'from=2026-03-06&to=2026-03-06')).toEqual({ names: ['P3'], total: 1 });
  });

  it('by part of the number, any case, wildcards taken literally; by part of the applicant name', async () => {
    expect(await search('reviewer', 'number=ml-2026')).toEqual({ names: ['P3'], total: 1 });
    expect(await search('reviewer', 'number=%25')).toEqual({ names: [], total: 0 });
    expect(await search('reviewer', 'applicant=张')).toEqual({ names: ['P2'], total: 1 });
    expect(await search('reviewer', 'applicant=商贸')).toEqual({ names: ['P1'], total: 1 });
  });

  it('sorted and paged, with the total of every match; a department counts only its own', async () => {
    const march = 'from=2026-03-01&to=2026-03-31&sort=startedAt';
    expect(await search('reviewer', `${march}&order=desc`)).toEqual({ names: ['P4', 'P3', 'P2', 'P1'], total: 4 });
    expect(await search('reviewer', `${march}&order=asc&limit=2&offset=1`)).toEqual({ names: ['P2', 'P3'], total: 4 });
    expect(await search('market-staff', `${march}&order=asc`)).toEqual({ names: ['P1', 'P2', 'P3'], total: 3 });
    expect(await search('civil-staff', 'applicant=张')).toEqual({ names: [], total: 0 });
  });

  it('400 for an inverted range, a page over 500 and an unknown sort', async () => {
    expect((await api.call('reviewer', 'GET', '/v1/processes?from=2026-03-10&to=2026-03-01')).json()).toMatchObject({
      statusCode: 400,
      code: 'DATE_RANGE_INVERTED',
      message: '开始日期不能晚于结束日期',
    });
    expect((await api.call('reviewer', 'GET', '/v1/processes?limit=501')).statusCode).toBe(400);
    expect((await api.call('reviewer', 'GET', '/v1/processes?sort=name')).statusCode).toBe(400);
  });
});
