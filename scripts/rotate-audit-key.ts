// `npm run audit:rotate-key`: replaces the Ed25519 key that signs the audit log's tree heads
// (AUDIT_SIGNING_KEY_FILE) and keeps the old key's public half in AUDIT_RETIRED_KEYS_FILE, so
// every head it signed still verifies. Restart the worker and the API afterwards: the worker
// signs with the new key, the API trusts both.
import { rotateSigningKey } from '../db/audit-keys';
import { readEnv } from '../env';

const env = readEnv();
const { retiredKeyId, keyId } = rotateSigningKey(env.auditSigningKeyFile, env.auditRetiredKeysFile);
console.log(
  `[audit] 审计签名密钥已轮换：新密钥 ${keyId}（${env.auditSigningKeyFile}），旧密钥 ${retiredKeyId} 的公钥已存入 ${env.auditRetiredKeysFile}；请重启 worker 和 API (AUDIT_KEY_ROTATED)`,
);
