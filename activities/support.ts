// A side effect with its step: the write and the timeline step it belongs to (a process_events
// row keyed by workflow id and event key) commit together or not at all. The writes are
// idempotent and the step is recorded once, so a retried or replayed activity changes nothing.
import type { Db, Tx } from '../db/client';
import { applyStep, type ProcessStep } from '../db/repositories/registry.repo';

/** `step` may be derived from what the write returned (the catalog version, the departments missed). */
export function withStep<T>(db: Db, step: ProcessStep | ((written: T) => ProcessStep), write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const written = await write(tx);
    await applyStep(tx, typeof step === 'function' ? step(written) : step);
    return written;
  });
}
