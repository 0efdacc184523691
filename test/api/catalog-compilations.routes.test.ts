// 第十六条 through the API: a department reports its 目录清单, the authority reviews it into a
// catalog version; who sees which compilation; the kind's rules answered as 4xx before anything is written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCompilations } from '../../db/schema';
import { apiStack, type ApiStack, inboxTasksFor } from '../helpers/api';
import { addEntry, changeEntry } from '../helpers/catalog';
import { eventually } from '../helpers/wait';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

const compile = (username: string, over: Record<string, unknown>) =>
  api.call(username, 'POST', '/v1/catalog/compilations', { requestId: randomUUID(), description: '新增食品经营许可目录', ...over });

describe('POST /v1/catalog/compilations', () => {
  it('201 starts one compilation under review; the authority approves it into a new catalog version', async () => {
    const res = await compile('market-staff', { kind: 'addition', changes: [addEntry('MKT-020')] });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string };
    const view = await eventually(async () => {
      const v = (await api.call('market-staff', 'GET', `/v1/catalog/compilations/${id}`)).json();
      expect(v).toMatchObject({ kind: 'addition', stage: 'under_review', departmentCode: 'market' });
      expect(v.deadline).not.toBeNull();
      return v;
    });
    expect(view.applications).toHaveLength(1);
    expect((await api.call('civil-staff', 'GET', `/v1/catalog/compilations/${id}`)).statusCode).toBe(404);
    expect((await api.call('civil-staff', 'GET', '/v1/catalog/compilations')).json().items).toEqual([]);
    expect((await api.call('reviewer', 'GET', '/v1/catalog/compilations')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    // The authority's inbox asks for the compilation's own task (第十六条), not a catalog update's review.
    expect(await inboxTasksFor(api, 'reviewer', id)).toEqual(['review_catalog_compilation']);

    const approved = await api.call('reviewer', 'POST', `/v1/catalog/compilations/${id}/review`, { approve: true });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ stage: 'approved', n: 1, catalogVersion: 2 });
    expect((await api.call('market-staff', 'GET', '/v1/catalog/entries/MKT-020')).json().entry).toMatchObject({
      version: 1,
      departmentCode: 'market',
    });
    expect((await api.call('reviewer', 'POST', `/v1/catalog/compilations/${id}/review`, { approve: true })).json().code).toBe(
      'PROCESS_CLOSED',
    );
  });

  it('4xx with the code before anything is written: an addition that changes, a first compilation of a department that has entries, a stale base', async () => {
    const before = (await api.database.db.select().from(catalogCompilations)).length;
    const addsOnly = await compile('market-staff', { kind: 'addition', changes: [changeEntry('MKT-002', 1, { summary: '改' })] });
    expect(addsOnly.statusCode).toBe(422);
    expect(addsOnly.json()).toMatchObject({ code: 'COMPILATION_ADDS_ONLY' });
    expect((await compile('market-staff', { kind: 'first_compilation', changes: [addEntry('MKT-021')] })).json()).toMatchObject({
      statusCode: 409,
      code: 'CATALOG_ALREADY_COMPILED',
    });
    const stale = await compile('market-staff', { kind: 'yearly_review', changes: [changeEntry('MKT-002', 7, { summary: '改' })] });
    expect(stale.json()).toMatchObject({ statusCode: 409, code: 'CATALOG_ENTRY_CONFLICT', details: [{ path: 'body.changes.0' }] });
    expect((await compile('auditor', { kind: 'addition', changes: [addEntry('MKT-022')] })).statusCode).toBe(403);
    expect(await api.database.db.select().from(catalogCompilations)).toHaveLength(before);
  });
});
