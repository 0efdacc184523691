// Configuration read once at start-up: mutual TLS to Temporal from files, refused when half set.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../env';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tls-'));
  await Promise.all(['ca.pem', 'client.pem', 'client.key'].map((f) => writeFile(path.join(dir, f), `-----${f}-----`)));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('TEMPORAL_TLS_*', () => {
  it('unset: plain gRPC, as to the dev server', () => {
    expect(readEnv({}).temporalTls).toBeUndefined();
  });

  it('CA, client certificate and key read from their files; the server name when the certificate names another host', () => {
    const tls = readEnv({
      TEMPORAL_TLS_CA: path.join(dir, 'ca.pem'),
      TEMPORAL_TLS_CERT: path.join(dir, 'client.pem'),
      TEMPORAL_TLS_KEY: path.join(dir, 'client.key'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    }).temporalTls!;
    expect(tls.serverRootCACertificate!.toString()).toBe('-----ca.pem-----');
    expect(tls.clientCertPair!.crt.toString()).toBe('-----client.pem-----');
    expect(tls.clientCertPair!.key.toString()).toBe('-----client.key-----');
    expect(tls.serverNameOverride).toBe('temporal.internal');
  });

  it('a certificate without its key, or an unreadable file, stops start-up with a message naming it', () => {
    expect(() => readEnv({ TEMPORAL_TLS_CERT: path.join(dir, 'client.pem') })).toThrow(
      '配置错误 (CONFIG_INVALID): TEMPORAL_TLS_CERT 与 TEMPORAL_TLS_KEY 须同时设置',
    );
    expect(() => readEnv({ TEMPORAL_TLS_CA: path.join(dir, 'missing.pem') })).toThrow(/TEMPORAL_TLS_CA=.*missing\.pem 无法读取/);
  });
  it('reads TRUST_PROXY as a list of proxies, none by default', () => {
    expect(readEnv({}).trustProxy).toEqual([]);
    expect(readEnv({ TRUST_PROXY: 'uniquelocal, 10.0.0.0/8' }).trustProxy).toEqual(['uniquelocal', '10.0.0.0/8']);
  });
});
