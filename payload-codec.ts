// SPEC §5: personal data never sits readable in the engine. Every payload the client, the worker
// or the tests hand to Temporal is encrypted here with AES-256-GCM (Node's crypto); the key id
// rides in the payload's metadata, so a rotation (a new key first in PAYLOAD_KEYS, the old ones
// after it) leaves every earlier history decodable. The pattern of the TypeScript SDK's
// encryption sample. A PayloadCodec runs outside the workflow sandbox, in the worker's main thread.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type DataConverter, METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
// A CommonJS package: Node's ESM loader sees its default export only (its named exports are not detected).
import proto from '@temporalio/proto';

export const ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const { Payload: PayloadProto } = proto.temporal.api.common.v1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

/**
 * PAYLOAD_KEYS: `id:hex,id:hex,...`, each key 32 bytes as 64 hex digits, the newest first (it
 * encrypts; all decrypt). Ids are letters, digits, `-`, `_` and `.`, each once.
 */
export function parsePayloadKeys(value: string | undefined): PayloadKey[] {
  const keys = (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([\w.-]{1,64}):([0-9a-fA-F]{64})$/.exec(entry);
      if (!m) throw new Error('配置错误 (CONFIG_INVALID): PAYLOAD_KEYS 每项应为 密钥编号:64位十六进制密钥，以逗号分隔');
      return { id: m[1]!, key: Buffer.from(m[2]!, 'hex') };
    });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('配置错误 (CONFIG_INVALID): PAYLOAD_KEYS 中的密钥编号重复');
  return keys;
}

export class PayloadDecryptionError extends Error {
  constructor(
    readonly code: 'PAYLOAD_KEY_UNKNOWN' | 'PAYLOAD_UNREADABLE',
    message: string,
  ) {
    super(message);
  }
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new Error('配置错误 (CONFIG_INVALID): 必须设置 PAYLOAD_KEYS（流程载荷的加密密钥）');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0]!;
    return payloads.map((p) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The whole payload, its own metadata (encoding) included, is what is sealed.
      const sealed = Buffer.concat([cipher.update(PayloadProto.encode(p).finish()), cipher.final()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCODING), [KEY_ID_METADATA]: Buffer.from(id) },
        data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
      };
    });
  }

  /** A payload written before encryption (a recorded or still-running history) passes as it is. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (text(p.metadata?.[METADATA_ENCODING_KEY]) !== ENCODING) return p;
      const id = text(p.metadata?.[KEY_ID_METADATA]) ?? '';
      const key = this.byId.get(id);
      if (!key) throw new PayloadDecryptionError('PAYLOAD_KEY_UNKNOWN', `载荷使用的密钥 ${id} 不在 PAYLOAD_KEYS 中，无法解密`);
      const data = Buffer.from(p.data ?? []);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
        return PayloadProto.decode(plain) as Payload;
      } catch {
        throw new PayloadDecryptionError('PAYLOAD_UNREADABLE', `载荷（密钥 ${id}）解密失败：内容已被改动或密钥不符`);
      }
    });
  }
}

/** The one data converter of every client and worker: default JSON payloads, then encryption. */
export const dataConverterFor = (keys: readonly PayloadKey[]): DataConverter => ({ payloadCodecs: [new EncryptionCodec(keys)] });

/** A payload in the codec-server protocol of the Temporal UI: metadata values and data in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

export const payloadFromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});

export const payloadToJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/** Decoding as the client does it: the codecs in reverse order of encoding. */
export async function decodeWith(codecs: readonly PayloadCodec[], payloads: Payload[]): Promise<Payload[]> {
  let out = payloads;
  for (const codec of [...codecs].reverse()) out = await codec.decode(out);
  return out;
}
