import { existsSync } from 'node:fs';

// Debian's libfaketime (installed by scripts/bootstrap.mjs). It starts the time-skipping
// test server's clock at a chosen day, so workflow tests run on real calendar dates such as
// the 2025 National Day holiday instead of on whatever day the suite happens to run.
const CANDIDATES = [
  process.env.LIBFAKETIME,
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
];

export function libfaketimePath(): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('libfaketime is not installed: run the suite through `npm test`, which installs it');
  return found;
}
