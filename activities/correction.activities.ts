import type { VerificationResult } from '../domain/correction';
import type { Db } from '../db/client';
import { saveVerificationResult } from '../db/repositories/corrections.repo';
import type { ProcessStep } from '../db/repositories/registry.repo';
import { withStep } from './support';

export interface CorrectionDeps {
  db: Db;
}

export function createCorrectionActivities({ db }: CorrectionDeps) {
  return {
    /** The verification result, the closing timeline step and the registry closing, in one transaction. */
    async finishCorrection(correctionId: string, result: VerificationResult, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => saveVerificationResult(tx, correctionId, result, step.occurredAt));
    },
  };
}
