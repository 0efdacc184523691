import type { Db } from '../db/client';
import {
  applyStep,
  type FindingRecord,
  type ProcessRegistration,
  type ProcessStep,
  recordViolation,
  registerProcess,
} from '../db/repositories/registry.repo';
import { withStep } from './support';

export interface RegistryDeps {
  db: Db;
}

export function createRegistryActivities({ db }: RegistryDeps) {
  return {
    async registerProcess(p: ProcessRegistration, first: ProcessStep): Promise<void> {
      await withStep(db, first, (tx) => registerProcess(tx, p));
    },

    async recordStep(step: ProcessStep): Promise<void> {
      await applyStep(db, step);
    },

    /**
     * A finding, once per process and kind, with the step that marks it. Histories recorded
     * before SPEC §6 also pass the article they cited; the domain's is stored instead.
     */
    async recordViolation(v: FindingRecord & { article?: string }, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => recordViolation(tx, v));
    },
  };
}
