// Helpers every workflow shares: deterministic, imported only by workflow code.
import { ApplicationFailure } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DomainError } from '../domain/errors';
import type { Actor } from '../domain/roles';

/** One entry of a process's timeline, as the recordStep activity writes it. */
export type Step = Parameters<Activities['recordStep']>[0];

/** Throws the domain's refusal as a non-retryable failure: the API answers it with the code's status. */
export function refuse(err: DomainError | null): void {
  if (err) throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
}

// Workflow time is Temporal's replay-safe clock, not the machine's.
export const nowMs = (): number => Date.now();
export const nowIso = (): string => new Date(nowMs()).toISOString();

/** The step builder of one workflow: each step stamped with workflow time. */
export const stepsOf =
  (workflowId: string) =>
  (eventKey: string, kind: string, actor: Actor | undefined, detail: Record<string, unknown>, registry?: Step['registry']): Step => ({
    workflowId,
    eventKey,
    kind,
    actor,
    detail,
    occurredAt: nowIso(),
    registry,
  });
