// SPEC §5: AES-256-GCM payloads with the key id in the metadata; the newest key encrypts, every
// configured key decrypts (rotation); an unencrypted payload from before passes; a changed one is refused.
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec, parsePayloadKeys } from '../../payload-codec';

const OLD = `k2025:${'11'.repeat(32)}`;
const NEW = `k2026:${'22'.repeat(32)}`;
const value = { idNumber: '11010519491231002X', name: '张三' };
const meta = (p: { metadata?: Record<string, Uint8Array | null> | null }, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString();

describe('EncryptionCodec', () => {
  it('seals the payload: no plain text in the data, key id and encoding in the metadata; round trip', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(NEW));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    expect(meta(sealed!, 'encoding')).toBe('binary/encrypted');
    expect(meta(sealed!, 'encryption-key-id')).toBe('k2026');
    expect(Buffer.from(sealed!.data!).toString('utf8')).not.toContain('11010519491231002X');
    // 12-byte IV + ciphertext + 16-byte tag: the same payload sealed twice differs.
    const [again] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    expect(Buffer.from(again!.data!).equals(Buffer.from(sealed!.data!))).toBe(false);
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(value);
  });

  it('rotation: after "new,old" the old key still decrypts, the new one encrypts; dropped keys are named', async () => {
    const before = new EncryptionCodec(parsePayloadKeys(OLD));
    const after = new EncryptionCodec(parsePayloadKeys(`${NEW},${OLD}`));
    const [old] = await before.encode([defaultPayloadConverter.toPayload(value)]);
    expect(defaultPayloadConverter.fromPayload((await after.decode([old!]))[0]!)).toEqual(value);
    expect(meta((await after.encode([defaultPayloadConverter.toPayload(value)]))[0]!, 'encryption-key-id')).toBe('k2026');
    const onlyNew = new EncryptionCodec(parsePayloadKeys(NEW));
    await expect(onlyNew.decode([old!])).rejects.toMatchObject({ code: 'PAYLOAD_KEY_UNKNOWN', message: expect.stringContaining('k2025') });
  });

  it('a history written before encryption decodes as it is; a changed byte is refused', async () => {
    const codec = new EncryptionCodec(parsePayloadKeys(NEW));
    const plain = defaultPayloadConverter.toPayload(value);
    expect(await codec.decode([plain])).toEqual([plain]);
    const [sealed] = await codec.encode([plain]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toMatchObject({ code: 'PAYLOAD_UNREADABLE' });
  });

  it('PAYLOAD_KEYS: 32-byte hex keys with unique ids; none configured refuses to build', () => {
    expect(parsePayloadKeys(`${NEW}, ${OLD}`).map((k) => [k.id, k.key.length])).toEqual([
      ['k2026', 32],
      ['k2025', 32],
    ]);
    expect(() => parsePayloadKeys('k1:abcd')).toThrow(/PAYLOAD_KEYS/);
    expect(() => parsePayloadKeys(`${NEW},${NEW}`)).toThrow(/重复/);
    expect(() => new EncryptionCodec(parsePayloadKeys(''))).toThrow(/必须设置 PAYLOAD_KEYS/);
  });
});
