// Bundles the workflow code once per run; every worker in every test file loads this bundle.
import { mkdir, writeFile } from 'node:fs/promises';
import { bundleWorkflowCode } from '@temporalio/worker';
import { OUTPUT_DIR, ROOT, WORKFLOW_BUNDLE } from './paths';

export default async function setup(): Promise<void> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const { code } = await bundleWorkflowCode({
    workflowsPath: `${ROOT}/workflows/index.ts`,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  await writeFile(WORKFLOW_BUNDLE, code);
}
