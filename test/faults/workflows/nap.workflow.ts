// Test-only: a durable timer and nothing else, to show a timer outlives a dev server restart.
import { sleep } from '@temporalio/workflow';

export async function napWorkflow(ms: number): Promise<string> {
  await sleep(ms);
  return 'woke';
}
