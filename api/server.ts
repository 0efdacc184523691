// The API process: env → database, Temporal client → buildApp → listen; closes gracefully.
// Alone: `node --import tsx api/server.ts`; `npm start` calls startApi() in its own process.
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { loadOrCreateSigner, loadRetiredKeys } from '../db/audit-keys';
import { createDatabase, type Database } from '../db/client';
import { type Env, readEnv } from '../env';
import { isMain } from '../is-main';
import { dataConverterFor } from '../payload-codec';
import { buildApp } from './app';
import { MIN_SECRET_LENGTH, requireQueryCodeSecret } from './query-code';

function requireSessionSecret(env: Env): string {
  if (!env.sessionSecret || env.sessionSecret.length < MIN_SECRET_LENGTH) {
    throw new Error(`配置错误 (CONFIG_INVALID): 必须设置 SESSION_SECRET，至少 ${MIN_SECRET_LENGTH} 个字符（会话 Cookie 的签名密钥）`);
  }
  return env.sessionSecret;
}

export async function startApi(env: Env, database: Database): Promise<{ url: string; close(): Promise<void> }> {
  // A caller over HTTP is waiting: three quick attempts (~0.5 s) ride out a blip, then the error
  // handler answers 503 with Retry-After. The SDK's default, 10 attempts, holds a request ~20 s.
  const dataConverter = dataConverterFor(env.payloadKeys);
  const connection = await Connection.connect({
    address: env.temporalAddress,
    tls: env.temporalTls,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3 }))],
  });
  const temporal = new Client({ connection, namespace: env.temporalNamespace, dataConverter });
  const app = await buildApp(
    {
      db: database.db,
      temporal,
      taskQueue: env.taskQueue,
      warningWorkingDays: env.warningWorkingDays,
      receiptPolicy: env.receiptPolicy,
      queryCodeSecret: requireQueryCodeSecret(env),
      // the API only needs the public halves: the file the worker signs with, and the keys rotated out
      auditPublicKeys: [loadOrCreateSigner(env.auditSigningKeyFile).publicKeyPem, ...loadRetiredKeys(env.auditRetiredKeysFile)],
      temporalReady: async () => {
        await connection.workflowService.getSystemInfo({});
        return true;
      },
    },
    {
      logger: { level: env.logLevel },
      hsts: env.publicHttps,
      startQuotaPerMinute: env.startQuotaPerMinute,
      trustProxy: env.trustProxy,
      codecCorsOrigins: env.codecCorsOrigins,
      sessionSecret: requireSessionSecret(env),
      sessionIdleMinutes: env.sessionIdleMinutes,
      lockout: env.lockout,
      authCacheTtlMs: env.authCacheTtlMs,
      oidc: env.oidc,
    },
  );
  await app.listen({ host: env.host, port: env.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  return {
    url: `http://${env.host === '0.0.0.0' ? '127.0.0.1' : env.host}:${port}`,
    async close() {
      // Stops accepting, lets in-flight requests finish, then releases Temporal.
      await app.close();
      await connection.close();
    },
  };
}

if (isMain(import.meta.url)) {
  const env = readEnv();
  const database = await createDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
  const api = await startApi(env, database);
  console.log(`接口服务已启动 (API_STARTED): ${api.url} / Node.js ${process.version}`);
  const stop = async () => {
    await api.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
