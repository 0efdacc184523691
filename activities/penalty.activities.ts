import type { Db } from '../db/client';
import { type CasePatch, updateCase } from '../db/repositories/penalties.repo';
import type { ProcessStep } from '../db/repositories/registry.repo';
import { withStep } from './support';

export interface PenaltyDeps {
  db: Db;
}

export function createPenaltyActivities({ db }: PenaltyDeps) {
  return {
    /** 第五十二条, 第五十三条: one decision on a case (告知, 责令改正, 警告, 罚款, 移送…) with its step, in one transaction. */
    async recordPenaltyDecision(caseId: string, patch: CasePatch, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => updateCase(tx, caseId, patch));
    },
  };
}
