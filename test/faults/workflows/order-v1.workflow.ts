// Test-only, version 1: A then B. The replay test records a history of this version.
import { proxyActivities } from '@temporalio/workflow';
import type { OrderActivities } from './order-activities';

const { stepA, stepB } = proxyActivities<OrderActivities>({ startToCloseTimeout: '10 seconds' });

export async function orderWorkflow(): Promise<string[]> {
  const a = await stepA();
  const b = await stepB();
  return [a, b];
}
