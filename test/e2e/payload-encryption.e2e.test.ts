// SPEC §5: personal data never sits readable in the engine. A correction with an ID number, a
// name, a verification summary and before/after values runs over HTTP on the dev server; its
// raw history, read with the Temporal CLI (no codec), holds none of them, in plain text or in
// any payload's bytes; the test's own key opens the payloads and finds them (the control).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadFromJson } from '../../payload-codec';
import { TEST_DATA_CONVERTER } from '../helpers/codec';
import { closedCorrection } from '../helpers/filings';
import { TEMPORAL_CLI } from '../helpers/paths';
import { type ServedStack, servedStack } from '../helpers/stack';

let served: ServedStack;
beforeAll(async () => {
  served = await servedStack();
});
afterAll(async () => served?.stack.close());

const SECRETS = ['11010519491231002X', '张三', '住所登记为旧门牌，已核实更正', '幸福路一号', '幸福路二号'];

/** Every payload object ({ metadata, data }) anywhere in the CLI's JSON. */
function payloadsIn(node: unknown, out: { metadata?: Record<string, string>; data?: string }[] = []) {
  if (Array.isArray(node)) for (const n of node) payloadsIn(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && 'encoding' in (o.metadata as object)) out.push(o as never);
    else for (const v of Object.values(o)) payloadsIn(v, out);
  }
  return out;
}

describe('payloads in the engine', () => {
  it('the raw history holds no ID number, name, summary or before/after value; decrypted with the key, it does', async () => {
    const { workflowId } = await closedCorrection(served.call, served.client, {
      summary: SECRETS[2],
      change: { before: SECRETS[3]!, after: SECRETS[4]! },
    });
    const { stdout } = await promisify(execFile)(
      TEMPORAL_CLI,
      ['workflow', 'show', '--address', served.stack.env.temporalAddress, '--workflow-id', workflowId, '--output', 'json'],
      { maxBuffer: 32 * 1024 * 1024 },
    );
    const raw = JSON.parse(stdout);
    const payloads = payloadsIn(raw);
    expect(payloads.length).toBeGreaterThan(5);
    const bytes = payloads.map((p) => Buffer.from(p.data ?? '', 'base64').toString('utf8')).join('\n');
    for (const secret of SECRETS) {
      expect(stdout, secret).not.toContain(secret);
      expect(bytes, secret).not.toContain(secret);
    }
    // The control: the same payloads, opened with the test key, carry what the verification sent
    // (the ID number and name stay in the database: the workflow is given the correction's id).
    const opened = await TEST_DATA_CONVERTER.payloadCodecs![0]!.decode(payloads.map(payloadFromJson));
    const text = opened.map((p) => JSON.stringify(defaultPayloadConverter.fromPayload(p) ?? null)).join('\n');
    for (const secret of SECRETS.slice(2)) expect(text, secret).toContain(secret);
  });
});
