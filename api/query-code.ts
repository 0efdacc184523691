// 第二十三条第三款: an applicant without an account follows a correction with the receipt number
// and a six-digit query code printed on the slip. The code is an HMAC of the receipt number
// under a server secret: nothing to store, the same answer on every retry, and a rotated
// secret invalidates every slip at once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Env } from '../env';

export const MIN_SECRET_LENGTH = 32;

export function queryCodeFor(secret: string, correctionId: string): string {
  const digest = createHmac('sha256', secret).update(correctionId).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function queryCodeMatches(secret: string, correctionId: string, code: string): boolean {
  const expected = Buffer.from(queryCodeFor(secret, correctionId));
  const given = Buffer.from(code);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function requireQueryCodeSecret(env: Env): string {
  if (!env.queryCodeSecret || env.queryCodeSecret.length < MIN_SECRET_LENGTH) {
    throw new Error(`配置错误 (CONFIG_INVALID): 必须设置 QUERY_CODE_SECRET，至少 ${MIN_SECRET_LENGTH} 个字符（查询码的密钥）`);
  }
  return env.queryCodeSecret;
}
