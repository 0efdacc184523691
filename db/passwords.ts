// How a password is kept in users.password_hash.
// argon2id through @node-rs/argon2 (a maintained native binding, no build step): the library's
// default algorithm is argon2id with its recommended memory and time costs, written into the
// PHC string so a later change of costs still verifies old hashes.
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(passwordHash: string | null, password: string): Promise<boolean> {
  // No hash: the same work as a real check, so a missing account is not told apart by timing.
  if (!passwordHash) {
    await hash(password);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
