// SPEC §5: the hash of the audit log's Merkle tree (国密 SM3 by default, SHA-256 by
// configuration: env AUDIT_HASH) and the Ed25519 key that signs its tree heads. The private key
// lives in a file (env AUDIT_SIGNING_KEY_FILE), never in the database: whoever can rewrite the
// database cannot sign a head over the rewritten log. A rotated key's public half moves to the
// retired-keys file (env AUDIT_RETIRED_KEYS_FILE), so the heads it signed still verify.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditHashAlgorithm } from '../domain/audit-log';
import type { Hash } from '../domain/merkle';

export const hashOf =
  (algorithm: AuditHashAlgorithm): Hash =>
  (bytes) =>
    createHash(algorithm).update(bytes).digest();

export interface AuditSigner {
  /** the first 16 hex digits of SHA-256 over the public key's DER: names the key in each head */
  keyId: string;
  publicKeyPem: string;
  sign(message: string): string;
}

export interface AuditKeys {
  /** the hash of a new log; a log keeps the hash its first head was made with */
  hash: AuditHashAlgorithm;
  signer: AuditSigner;
}

export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

export function signerFromPrivateKey(privateKey: KeyObject): AuditSigner {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
}

/** A key for one process only (tests): its heads verify while the process lives. */
export const ephemeralSigner = (): AuditSigner => signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);

/**
 * The signer of the key in `file` (PKCS#8 PEM). A missing file is created with a new key, mode
 * 0600, so a first start works; production mounts the file from the secret store.
 */
export function loadOrCreateSigner(file: string): AuditSigner {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // the API and the worker starting together: the other one wrote it first
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return signerFromPrivateKey(createPrivateKey(readFileSync(file)));
}

/** The public keys (SPKI PEM) of the signing keys rotated out, in the order they were retired; none when the file is absent. */
export function loadRetiredKeys(file: string): string[] {
  if (!existsSync(file)) return [];
  return (readFileSync(file, 'utf8').match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----\n?/g) ?? []).map((pem) =>
    // normalised, and refused at start when one is no key
    createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString(),
  );
}

/**
 * Rotates the signing key: the current key's public half is appended to `retiredFile`, then a
 * new key replaces the one in `signingFile` (written aside and renamed, so a crash leaves one
 * whole key). Heads signed before keep verifying under the retired key. Restart the worker and
 * the API afterwards.
 */
export function rotateSigningKey(signingFile: string, retiredFile: string): { retiredKeyId: string; keyId: string } {
  const old = loadOrCreateSigner(signingFile);
  if (!loadRetiredKeys(retiredFile).includes(old.publicKeyPem)) appendFileSync(retiredFile, old.publicKeyPem, { mode: 0o644 });
  const next = generateKeyPairSync('ed25519').privateKey;
  const aside = `${signingFile}.new`;
  writeFileSync(aside, next.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  renameSync(aside, signingFile);
  return { retiredKeyId: old.keyId, keyId: signerFromPrivateKey(next).keyId };
}

/** The keys a head may be signed with, by key id: the current one and every retired one. */
export const keyring = (publicKeyPems: readonly string[]): Map<string, string> =>
  new Map(publicKeyPems.map((pem) => [keyIdOf(createPublicKey(pem)), pem]));

export const verifySignature = (publicKeyPem: string, message: string, signature: string): boolean => {
  try {
    return verify(null, Buffer.from(message, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};
