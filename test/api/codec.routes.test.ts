// SPEC §5: the codec endpoint of the Temporal UI (auditors only, every call audited, CORS for
// the configured UI origin) and the auditors' history view with payloads decoded.
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { EncryptionCodec, parsePayloadKeys, payloadToJson } from '../../payload-codec';
import { tokenOf } from '../helpers/actors';
import { type ApiStack, apiStack } from '../helpers/api';
import { TEST_PAYLOAD_KEYS } from '../helpers/codec';
import { correctionFiling } from '../helpers/corrections';
import { eventually } from '../helpers/wait';

const UI = 'https://temporal-ui.county.example';
let api: ApiStack;
beforeAll(async () => {
  api = await apiStack(undefined, { codecCorsOrigins: [UI] });
});
afterAll(async () => api?.close());

/** A payload as the engine holds it: sealed with the test's newest key, in the UI's JSON form. */
async function sealed(value: unknown) {
  const [p] = await new EncryptionCodec(parsePayloadKeys(TEST_PAYLOAD_KEYS)).encode([defaultPayloadConverter.toPayload(value)]);
  return payloadToJson(p!);
}

describe('POST /v1/codec/decode', () => {
  it('an auditor gets the payloads back opened (json/plain, base64 in the codec protocol); the call is audited', async () => {
    const res = await api.call('auditor', 'POST', '/v1/codec/decode', { payloads: [await sealed({ summary: '已核实更正' })] });
    expect(res.statusCode).toBe(200);
    const [p] = res.json().payloads;
    expect(Buffer.from(p.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(p.data, 'base64').toString())).toEqual({ summary: '已核实更正' });
    const entries = await api.database.db.select().from(auditLog).where(eq(auditLog.action, 'POST /v1/codec/decode'));
    expect(entries).toContainEqual(expect.objectContaining({ role: 'auditor', result: '200' }));
  });

  it('401 without a token, 403 for any other role (audited too); 400 for a malformed body; 422 naming an unknown key', async () => {
    const body = { payloads: [await sealed('x')] };
    expect((await api.call(null, 'POST', '/v1/codec/decode', body)).statusCode).toBe(401);
    for (const user of ['market-staff', 'reviewer', 'admin']) {
      expect((await api.call(user, 'POST', '/v1/codec/decode', body)).json(), user).toMatchObject({
        statusCode: 403,
        code: 'FORBIDDEN_ROLE',
      });
    }
    const refused = await api.database.db.select().from(auditLog).where(eq(auditLog.action, 'POST /v1/codec/decode'));
    expect(refused.filter((e) => e.result === '403')).toHaveLength(3);
    expect((await api.call('auditor', 'POST', '/v1/codec/decode', { payloads: [{ data: '不是base64' }] })).json()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
    });
    const [other] = await new EncryptionCodec(parsePayloadKeys(`gone-2024:${'cd'.repeat(32)}`)).encode([
      defaultPayloadConverter.toPayload('x'),
    ]);
    const unknown = await api.call('auditor', 'POST', '/v1/codec/decode', { payloads: [payloadToJson(other!)] });
    expect(unknown.json()).toMatchObject({ statusCode: 422, code: 'PAYLOAD_KEY_UNKNOWN' });
    expect(unknown.json().message).toContain('gone-2024');
  });

  it('CORS: the configured UI origin may call from the browser; another origin gets no allowance', async () => {
    const preflight = await api.app.inject({
      method: 'OPTIONS',
      url: '/v1/codec/decode',
      headers: {
        origin: UI,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': UI,
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': expect.stringContaining('x-namespace'),
    });
    const other = await api.app.inject({ method: 'OPTIONS', url: '/v1/codec/decode', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const post = await api.app.inject({
      method: 'POST',
      url: '/v1/codec/decode',
      headers: { origin: UI, authorization: `Bearer ${tokenOf('auditor')}` },
      payload: { payloads: [] },
    });
    expect(post.statusCode).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe(UI);
  });
});

describe('GET /v1/processes/:id/history: payloads decoded for auditors', () => {
  it('the verification the staff sent reads as values, not base64', async () => {
    const filed = await api.call('applicant', 'POST', '/v1/corrections', correctionFiling({ requestId: randomUUID() }));
    expect(filed.statusCode).toBe(201);
    const { id, workflowId } = filed.json() as { id: string; workflowId: string };
    await eventually(async () => expect((await api.call('market-staff', 'GET', `/v1/corrections/${id}`)).json().deadline).not.toBeNull());
    const done = await api.call('market-staff', 'POST', `/v1/corrections/${id}/verification`, {
      outcome: 'corrected',
      summary: '门牌号登记有误，已核实更正',
      changes: [{ item: '住所', before: '和平街3号', after: '和平街5号' }],
    });
    expect(done.statusCode).toBe(200);
    const history = (await api.call('auditor', 'GET', `/v1/processes/${workflowId}/history`)).json().temporalHistory;
    const text = JSON.stringify(history.events);
    for (const value of ['门牌号登记有误，已核实更正', '和平街3号', '和平街5号']) expect(text).toContain(value);
    expect(text).not.toContain('binary/encrypted');
    const started = history.events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
    expect(started).toEqual({ encoding: 'json/plain', value: expect.objectContaining({ correctionId: id }) });
  });
});
