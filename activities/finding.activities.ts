import type { Db } from '../db/client';
import { type ProcessRegistration, type ProcessStep, registerProcess, updateFinding } from '../db/repositories/registry.repo';
import type { FindingStatus } from '../domain/responsibility';
import { withStep } from './support';

export interface FindingDeps {
  db: Db;
}

export function createFindingActivities({ db }: FindingDeps) {
  return {
    /**
     * SPEC §3.6: a finding's status (and what the step adds to its record) with its timeline
     * step, in one transaction; with `registration`, its process row is written first (once).
     */
    async recordFindingStep(
      violationId: number,
      change: { status: FindingStatus; detail?: Record<string, unknown> },
      step: ProcessStep,
      registration?: ProcessRegistration,
    ): Promise<void> {
      await withStep(db, step, async (tx) => {
        if (registration) await registerProcess(tx, registration);
        await updateFinding(tx, violationId, change);
      });
    },
  };
}
