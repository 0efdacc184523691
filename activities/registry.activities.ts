import type { Db } from '../db/client';
import { applyStep, type ProcessRegistration, type ProcessStep, recordViolation, registerProcess } from '../db/repositories/registry.repo';
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

    /** 第四十九条: a missed deadline, once per process and kind, with the step that marks it. */
    async recordViolation(
      v: { workflowId: string; departmentCode: string; article: string; kind: string; dueDate: string; occurredAt: string },
      step: ProcessStep,
    ): Promise<void> {
      await withStep(db, step, (tx) => recordViolation(tx, v));
    },
  };
}
