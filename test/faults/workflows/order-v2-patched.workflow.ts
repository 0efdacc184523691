// Test-only, version 2 with patched(): new runs take B before A, histories of version 1 replay
// the old order because they carry no marker for this patch.
import { patched, proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from './order-activities';

const { stepA, stepB } = proxyActivities<OrderActivities>({ startToCloseTimeout: '10 seconds' });

export async function orderWorkflow(): Promise<string[]> {
  if (patched('b-before-a')) {
    const b = await stepB();
    const a = await stepA();
    return [a, b];
  }
  const a = await stepA();
  const b = await stepB();
  return [a, b];
}
