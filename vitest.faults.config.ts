// `npm run test:faults`: the fault tests of issue 6 (killed workers, a restarted dev server,
// duplicate and hostile requests). Real servers and child processes, so kept out of `npm test`.
// Standalone rather than merged with vitest.config.ts: mergeConfig concatenates include/exclude.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    // Needs the real Temporal server: vitest.production-shape.config.ts runs it.
    exclude: ['test/faults/temporal-postgres-outage.test.ts', '**/node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Kill-and-recover waits out Temporal's own timeouts (activity start-to-close 30 s).
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
