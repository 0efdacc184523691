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

describe('OIDC_* (统一身份认证)', () => {
  const base = {
    OIDC_ISSUER: 'https://tyrz.cq.gov.cn/oidc',
    OIDC_CLIENT_ID: 'yunyang-data',
    OIDC_REDIRECT_URL: 'https://data.yunyang.gov.cn/v1/session/oidc/callback',
  };

  it('unset issuer: no single sign-on', () => {
    expect(readEnv({}).oidc).toBeUndefined();
  });

  it('the issuer alone with its client: preferred_username names the user, nothing else compared', () => {
    expect(readEnv(base).oidc).toMatchObject({
      clientId: 'yunyang-data',
      clientSecret: undefined,
      scopes: 'openid profile',
      label: '统一身份认证登录',
      usernameClaim: 'preferred_username',
      departmentClaim: undefined,
      roleClaim: undefined,
      roleMap: undefined,
    });
    expect(readEnv(base).oidc!.issuer.href).toBe('https://tyrz.cq.gov.cn/oidc');
  });

  it('reads the role map; a map onto an administrator, or an unknown role, stops start-up', () => {
    expect(readEnv({ ...base, OIDC_ROLE_MAP: 'ky:department_staff, fzr:department_head' }).oidc!.roleMap).toEqual({
      ky: 'department_staff',
      fzr: 'department_head',
    });
    expect(() => readEnv({ ...base, OIDC_ROLE_MAP: 'gly:security_admin' })).toThrow('OIDC_ROLE_MAP 不能映射到管理员角色 security_admin');
    expect(() => readEnv({ ...base, OIDC_ROLE_MAP: 'ky:clerk' })).toThrow(/OIDC_ROLE_MAP 的“ky:clerk”/);
  });

  it('plain http only to a provider on this machine; the client id, the redirect URL and the openid scope are required', () => {
    expect(() => readEnv({ ...base, OIDC_ISSUER: 'http://tyrz.cq.gov.cn' })).toThrow(/OIDC_ISSUER=http:\/\/tyrz.cq.gov.cn 须为 https:\/\//);
    expect(readEnv({ ...base, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc!.issuer.port).toBe('4000');
    expect(() => readEnv({ ...base, OIDC_CLIENT_ID: '' })).toThrow('OIDC_CLIENT_ID 与 OIDC_REDIRECT_URL 也须设置');
    expect(() => readEnv({ ...base, OIDC_SCOPES: 'profile email' })).toThrow('OIDC_SCOPES=profile email 须包含 openid');
  });
});
