// SPEC §5: the auditors' history view shows payloads decoded (values, not base64), with the same
// codec the client uses. A payload that cannot be opened stays sealed and says why; the rest
// of the history is still shown.
import { defaultPayloadConverter, type PayloadCodec } from '@temporalio/common';
import { decodeWith, type JsonPayload, PayloadDecryptionError, payloadFromJson } from '../payload-codec';

export type ShownPayload = { encoding: string; value: unknown } | { encoding: string; error: { code: string; message: string } };

const isPayload = (o: Record<string, unknown>): boolean =>
  !!o.metadata && typeof o.metadata === 'object' && typeof (o.metadata as Record<string, unknown>).encoding === 'string';

const encodingOf = (p: { metadata?: Record<string, Uint8Array | null> | null }) => Buffer.from(p.metadata?.encoding ?? []).toString('utf8');

async function show(codecs: readonly PayloadCodec[], json: JsonPayload): Promise<ShownPayload> {
  try {
    const [p] = await decodeWith(codecs, [payloadFromJson(json)]);
    return { encoding: encodingOf(p!), value: defaultPayloadConverter.fromPayload(p!) ?? null };
  } catch (err) {
    const code = err instanceof PayloadDecryptionError ? err.code : 'PAYLOAD_UNREADABLE';
    const message = err instanceof PayloadDecryptionError ? err.message : '载荷无法解码';
    return { encoding: Buffer.from(json.metadata?.encoding ?? '', 'base64').toString('utf8'), error: { code, message } };
  }
}

/** The history JSON (historyToJSON's shape) with every payload replaced by what it carries. */
export async function decodeHistoryPayloads(node: unknown, codecs: readonly PayloadCodec[]): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map((n) => decodeHistoryPayloads(n, codecs)));
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (isPayload(o)) return show(codecs, o as JsonPayload);
  const entries = await Promise.all(Object.entries(o).map(async ([k, v]) => [k, await decodeHistoryPayloads(v, codecs)] as const));
  return Object.fromEntries(entries);
}
