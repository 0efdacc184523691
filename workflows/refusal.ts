// What every workflow's update handlers share: refusing with the domain's code, and the clock.
import { ApplicationFailure } from '@temporalio/workflow';
import type { DomainError } from '../domain/errors';

/** Throws the domain's refusal as a non-retryable failure: the API answers it with the code's status. */
export function refuse(err: DomainError | null): void {
  if (err) throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
}

// Workflow time is Temporal's replay-safe clock, not the machine's.
export const nowMs = (): number => Date.now();
export const nowIso = (): string => new Date(nowMs()).toISOString();
