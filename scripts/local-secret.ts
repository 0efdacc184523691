import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A local random key, made once and kept with the data (dataDir/name, 0600): it survives restarts. */
export function localSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** PAYLOAD_KEYS for a local run that sets none: one key, kept beside the data like the other local secrets. */
export const localPayloadKeys = (dataDir: string): string => `local:${localSecret(dataDir, 'payload-key')}`;
