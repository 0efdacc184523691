// Validated configuration, read once by the entry points (worker.ts, api/server.ts,
// db/migrate.ts, scripts/). Library code receives values, never reads process.env.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCKOUT, DEFAULT_SESSION_IDLE_MINUTES, type LockoutPolicy } from './domain/accounts';
import { AUDIT_HASHES, type AuditHashAlgorithm, DEFAULT_AUDIT_HASH, MIN_AUDIT_RETENTION_MONTHS } from './domain/audit-log';
import { ADMIN_ROLES, ROLES, type Role } from './domain/roles';
import type { ClaimMapping } from './domain/single-sign-on';
import { DEFAULT_RECEIPT_POLICY, RECEIPT_POLICIES, type ReceiptPolicy } from './domain/working-days';
import { type PayloadKey, parsePayloadKeys } from './payload-codec';

/**
 * Mutual TLS to the Temporal frontend (issue 16): the API and the worker present a client
 * certificate, and check the server's against the cluster's CA. The production compose keeps
 * Temporal on the internal network and requires these, so only our own processes reach the
 * engine, and an update's actor is the one the API authenticated.
 */
export interface TemporalTls {
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
  serverNameOverride?: string;
}

/** 统一身份认证 by OpenID Connect (issue 17): the county platform as the provider, this API as a confidential client. */
export interface OidcSettings extends ClaimMapping {
  issuer: URL;
  clientId: string;
  /** unset: a public client (PKCE only) */
  clientSecret: string | undefined;
  /** this API's GET /v1/session/oidc/callback as the browser reaches it, registered at the provider */
  redirectUrl: URL;
  scopes: string;
  /** the login page's button */
  label: string;
}

export interface Env {
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** empty: embedded PGlite under dataDir */
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: string;
  /** working days before a deadline at which its level turns yellow (SPEC §2) */
  warningWorkingDays: number;
  /** HMAC key of the applicants' query codes; the API refuses to start without one */
  queryCodeSecret: string | undefined;
  /** seed demo departments, users and tokens: set by `npm start` only */
  seedDemo: boolean;
  /** browsers reach the API over HTTPS (a TLS-terminating proxy in front): send HSTS */
  publicHttps: boolean;
  /** undefined: plain gRPC (the dev server) */
  temporalTls: TemporalTls | undefined;
  /** process starts one user may make per minute */
  startQuotaPerMinute: number;
  /**
   * The proxies whose X-Forwarded-For names the caller (addresses, CIDRs, or proxy-addr's
   * `loopback` / `uniquelocal`); empty: the socket's address is the caller's, and the header is
   * ignored, so nobody can choose their own rate-limit bucket or audited address.
   */
  trustProxy: string[];
  /** SPEC §2: how a receipt on a weekend or holiday starts a period (domain/working-days.ts RECEIPT_POLICIES) */
  receiptPolicy: ReceiptPolicy;
  /** SPEC §5: the payload encryption keys (PAYLOAD_KEYS), the newest first; the API and the worker refuse to start without one */
  payloadKeys: PayloadKey[];
  /** SPEC §5: origins (the Temporal UI's) that may call the codec endpoint from a browser */
  codecCorsOrigins: string[];
  /** signs the console's session cookie; ≥ 32 characters, the same in every API process */
  sessionSecret: string | undefined;
  /** GB/T 22239-2019 8.1.4.1 b): minutes after which an unused console session ends */
  sessionIdleMinutes: number;
  /** GB/T 22239-2019 8.1.4.1 b): consecutive failed sign-ins that lock an account, and the minutes it stays locked */
  lockout: LockoutPolicy;
  /** ms an API process reuses a token, session or user lookup (issue 18); changes made through another process show after at most this */
  authCacheTtlMs: number;
  /** SPEC §5: the audit log's tree hash, 国密 SM3 unless AUDIT_HASH=sha256 */
  auditHash: AuditHashAlgorithm;
  /** the Ed25519 key (PKCS#8 PEM) that signs tree heads: a file, never the database; created on first start */
  auditSigningKeyFile: string;
  /** public keys (SPKI PEM, one after another) of signing keys rotated out: the heads they signed still verify */
  auditRetiredKeysFile: string;
  /** seconds between two signed heads (the longest an entry waits for its leaf) */
  auditHeadIntervalSeconds: number;
  /** 第二十七条: months the audit log is kept; under 6 is refused at start */
  auditRetentionMonths: number;
  /** undefined (OIDC_ISSUER unset): no single sign-on, the login page offers the password only */
  oidc: OidcSettings | undefined;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`配置错误 (CONFIG_INVALID): ${name}=${value} 应为 ${min}–${max} 的整数`);
  }
  return n;
}

function receiptPolicy(value: string | undefined): ReceiptPolicy {
  if (value === undefined || value === '') return DEFAULT_RECEIPT_POLICY;
  if ((RECEIPT_POLICIES as readonly string[]).includes(value)) return value as ReceiptPolicy;
  throw new Error(`配置错误 (CONFIG_INVALID): RECEIPT_POLICY=${value} 应为 ${RECEIPT_POLICIES.join(' 或 ')}`);
}

function auditHash(value: string | undefined): AuditHashAlgorithm {
  if (value === undefined || value === '') return DEFAULT_AUDIT_HASH;
  if ((AUDIT_HASHES as readonly string[]).includes(value)) return value as AuditHashAlgorithm;
  throw new Error(`配置错误 (CONFIG_INVALID): AUDIT_HASH=${value} 应为 ${AUDIT_HASHES.join(' 或 ')}`);
}

const invalid = (message: string) => new Error(`配置错误 (CONFIG_INVALID): ${message}`);

function url(name: string, value: string): URL {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed;
  } catch {}
  throw invalid(`${name}=${value} 应为 http:// 或 https:// 开头的网址`);
}

/** `value:role,value:role`; SSO may not sign anyone in as an administrator (三权分立), so no value maps to one. */
function roleMap(value: string | undefined): Record<string, Role> | undefined {
  if (!value) return undefined;
  const map: Record<string, Role> = {};
  for (const pair of value.split(',')) {
    const [from, to] = pair.split(':').map((p) => p.trim());
    if (!from || !to || !(ROLES as readonly string[]).includes(to))
      throw invalid(`OIDC_ROLE_MAP 的“${pair}”应为 平台角色值:本系统角色，本系统角色为 ${ROLES.join('、')} 之一`);
    if (ADMIN_ROLES.includes(to as Role)) throw invalid(`OIDC_ROLE_MAP 不能映射到管理员角色 ${to}（管理员只能用用户名和密码登录）`);
    map[from] = to as Role;
  }
  return map;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function oidc(source: NodeJS.ProcessEnv): OidcSettings | undefined {
  if (!source.OIDC_ISSUER) return undefined;
  const { OIDC_CLIENT_ID: clientId, OIDC_REDIRECT_URL: redirectUrl } = source;
  if (!clientId || !redirectUrl) throw invalid('设置了 OIDC_ISSUER 时，OIDC_CLIENT_ID 与 OIDC_REDIRECT_URL 也须设置');
  const scopes = (source.OIDC_SCOPES || 'openid profile').trim();
  if (!scopes.split(/\s+/).includes('openid')) throw invalid(`OIDC_SCOPES=${scopes} 须包含 openid`);
  const issuer = url('OIDC_ISSUER', source.OIDC_ISSUER);
  // plain HTTP carries the tokens readable: only to a provider on this machine (tests, development)
  if (issuer.protocol === 'http:' && !LOOPBACK.has(issuer.hostname))
    throw invalid(`OIDC_ISSUER=${source.OIDC_ISSUER} 须为 https:// 网址（http:// 只允许本机 127.0.0.1、localhost 上的测试平台）`);
  return {
    issuer,
    clientId,
    clientSecret: source.OIDC_CLIENT_SECRET || undefined,
    redirectUrl: url('OIDC_REDIRECT_URL', redirectUrl),
    scopes,
    label: source.OIDC_LABEL || '统一身份认证登录',
    usernameClaim: source.OIDC_USERNAME_CLAIM || 'preferred_username',
    departmentClaim: source.OIDC_DEPARTMENT_CLAIM || undefined,
    roleClaim: source.OIDC_ROLE_CLAIM || undefined,
    roleMap: roleMap(source.OIDC_ROLE_MAP),
  };
}

function temporalTls(source: NodeJS.ProcessEnv): TemporalTls | undefined {
  const { TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_SERVER_NAME: serverName } = source;
  if (!ca && !cert && !key) return undefined;
  if (!cert !== !key) throw new Error('配置错误 (CONFIG_INVALID): TEMPORAL_TLS_CERT 与 TEMPORAL_TLS_KEY 须同时设置');
  const file = (name: string, p: string) => {
    try {
      return readFileSync(p);
    } catch (err) {
      throw new Error(`配置错误 (CONFIG_INVALID): ${name}=${p} 无法读取 (${(err as Error).message})`);
    }
  };
  return {
    ...(ca && { serverRootCACertificate: file('TEMPORAL_TLS_CA', ca) }),
    ...(cert && key && { clientCertPair: { crt: file('TEMPORAL_TLS_CERT', cert), key: file('TEMPORAL_TLS_KEY', key) } }),
    ...(serverName && { serverNameOverride: serverName }),
  };
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  return {
    temporalAddress: source.TEMPORAL_ADDRESS || 'localhost:7233',
    temporalNamespace: source.TEMPORAL_NAMESPACE || 'default',
    taskQueue: source.TEMPORAL_TASK_QUEUE || 'county-data',
    databaseUrl: source.DATABASE_URL || undefined,
    dataDir: path.resolve(source.DATA_DIR || 'data'),
    host: source.HOST || '127.0.0.1',
    port: integer('PORT', source.PORT, 3000, 1, 65535),
    logLevel: source.LOG_LEVEL || 'info',
    warningWorkingDays: integer('WARNING_WORKING_DAYS', source.WARNING_WORKING_DAYS, 2, 1, 10),
    queryCodeSecret: source.QUERY_CODE_SECRET || undefined,
    seedDemo: source.SEED_DEMO === 'true',
    publicHttps: source.PUBLIC_HTTPS === 'true',
    temporalTls: temporalTls(source),
    startQuotaPerMinute: integer('START_QUOTA_PER_MINUTE', source.START_QUOTA_PER_MINUTE, 30, 1, 100_000),
    trustProxy: (source.TRUST_PROXY ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    receiptPolicy: receiptPolicy(source.RECEIPT_POLICY),
    payloadKeys: parsePayloadKeys(source.PAYLOAD_KEYS),
    codecCorsOrigins: (source.CODEC_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    sessionSecret: source.SESSION_SECRET || undefined,
    sessionIdleMinutes: integer('SESSION_IDLE_MINUTES', source.SESSION_IDLE_MINUTES, DEFAULT_SESSION_IDLE_MINUTES, 1, 24 * 60),
    lockout: {
      maxFailures: integer('SIGN_IN_MAX_FAILURES', source.SIGN_IN_MAX_FAILURES, DEFAULT_LOCKOUT.maxFailures, 1, 100),
      lockMinutes: integer('SIGN_IN_LOCK_MINUTES', source.SIGN_IN_LOCK_MINUTES, DEFAULT_LOCKOUT.lockMinutes, 1, 24 * 60),
    },
    authCacheTtlMs: integer('AUTH_CACHE_TTL_MS', source.AUTH_CACHE_TTL_MS, 5_000, 0, 60_000),
    auditHash: auditHash(source.AUDIT_HASH),
    auditSigningKeyFile: path.resolve(source.AUDIT_SIGNING_KEY_FILE || path.join(source.DATA_DIR || 'data', 'audit-signing-key.pem')),
    auditRetiredKeysFile: path.resolve(source.AUDIT_RETIRED_KEYS_FILE || path.join(source.DATA_DIR || 'data', 'audit-retired-keys.pem')),
    auditHeadIntervalSeconds: integer('AUDIT_HEAD_INTERVAL_SECONDS', source.AUDIT_HEAD_INTERVAL_SECONDS, 60, 1, 3600),
    // 第二十七条: a retention under 6 months is refused here, before anything starts
    auditRetentionMonths: integer(
      'AUDIT_RETENTION_MONTHS',
      source.AUDIT_RETENTION_MONTHS,
      MIN_AUDIT_RETENTION_MONTHS,
      MIN_AUDIT_RETENTION_MONTHS,
      1200,
    ),
    oidc: oidc(source),
  };
}
