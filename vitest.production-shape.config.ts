// The end-to-end suite, the browser journeys and the fault tests about the engine (Temporal
// server killed, its PostgreSQL down, worker killed, SIGTERM drains) on the real Temporal server
// on PostgreSQL (TEST_TEMPORAL=server, test/helpers/stack.ts) instead of the CLI dev server;
// .ci/run's production-shape round runs test/e2e and test/faults of it. Needs
// TEST_DATABASE_URL and the server built by `npm run start:production-shape -- --build-only`.
// Run: npm test -- --config vitest.production-shape.config.ts [test/e2e test/faults | test/browser]
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/e2e/**/*.test.ts',
      'test/browser/**/*.test.ts',
      'test/faults/temporal-server-killed.test.ts',
      'test/faults/temporal-postgres-outage.test.ts',
      'test/faults/worker-killed.test.ts',
      'test/faults/graceful-shutdown.test.ts',
    ],
    globalSetup: ['test/helpers/global-setup.ts'],
    env: { TEST_TEMPORAL: 'server' },
    testTimeout: 240_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
