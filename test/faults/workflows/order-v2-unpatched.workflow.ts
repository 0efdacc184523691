// Test-only, version 2 without patched(): B moved before A. Replaying a version 1 history must
// fail with a determinism error (the first scheduled activity no longer matches).
import { proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from './order-activities';

const { stepA, stepB } = proxyActivities<OrderActivities>({ startToCloseTimeout: '10 seconds' });

export async function orderWorkflow(): Promise<string[]> {
  const b = await stepB();
  const a = await stepA();
  return [a, b];
}
