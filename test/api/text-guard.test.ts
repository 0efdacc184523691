// Issue 16: a NUL in free text used to reach the workflow, whose activity could never store it
// and retried for good. Every string is now checked at the edge: 400 TEXT_INVALID naming the
// field, nothing written, nothing started; accepted text is stored in NFC.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corrections, processEvents } from '../../db/schema';
import { apiStack, type ApiStack } from '../helpers/api';
import { correctionFiling } from '../helpers/corrections';
import { eventually } from '../helpers/wait';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

const rowsOf = (requestId: string) => api.database.db.select().from(corrections).where(eq(corrections.requestId, requestId));

describe('text at the edge', () => {
  it.each([
    ['NUL in the description', { description: '住所\u0000有误' }, 'body.description', '含有不允许的控制字符（如 NUL）'],
    ['an escape character in a data item', { dataItems: ['住\u001b所'] }, 'body.dataItems.0', '含有不允许的控制字符（如 NUL）'],
    [
      'a right-to-left override in the subject name',
      { subject: { kind: 'person', idNumber: '11010519491231002X', name: '张\u202e三' } },
      'body.subject.name',
      '含有改变文字显示方向的控制字符',
    ],
  ])('%s: 400 TEXT_INVALID naming the field; no row', async (_name, over, path, message) => {
    const body = correctionFiling(over);
    const res = await api.call('market-staff', 'POST', '/v1/corrections', body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'TEXT_INVALID', message: `请求不合法：${path} ${message}`, details: [{ path, message }] });
    expect(await rowsOf(body.requestId)).toEqual([]);
  });

  it('a NUL in an extension reason never reaches the workflow: 400, no step recorded, the case still works', async () => {
    const filed = await api.call('market-staff', 'POST', '/v1/corrections', correctionFiling());
    expect(filed.statusCode).toBe(201);
    const { id, workflowId } = filed.json() as { id: string; workflowId: string };
    await eventually(async () => expect((await api.call('market-staff', 'GET', `/v1/corrections/${id}`)).json().deadline).not.toBeNull());

    const bad = await api.call('market-staff', 'POST', `/v1/corrections/${id}/extensions`, { days: 3, reason: '需\u0000调档' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'TEXT_INVALID', details: [{ path: 'body.reason' }] });
    const good = await api.call('market-staff', 'POST', `/v1/corrections/${id}/extensions`, { days: 3, reason: '需调档' });
    expect(good.statusCode).toBe(201);
    const kinds = (await api.database.db.select().from(processEvents).where(eq(processEvents.workflowId, workflowId))).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'extension_requested')).toHaveLength(1);
  });

  it('a control character in the query string: 400 TEXT_INVALID', async () => {
    const res = await api.call('reviewer', 'GET', '/v1/processes?departmentCode=%01market');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'TEXT_INVALID', details: [{ path: 'querystring.departmentCode' }] });
  });

  it('tabs and line breaks are ordinary text; decomposed characters are stored composed (NFC)', async () => {
    // "Cafe" + U+0301 COMBINING ACUTE ACCENT, as some input methods send it.
    const body = correctionFiling({ description: '第一行\n\t第二行 Cafe\u0301' });
    expect((await api.call('market-staff', 'POST', '/v1/corrections', body)).statusCode).toBe(201);
    const [row] = await rowsOf(body.requestId);
    expect(row!.description).toBe('第一行\n\t第二行 Caf\u00e9');
  });
});
