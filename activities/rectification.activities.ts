import type { RectificationReport } from '../domain/rectification';
import type { Db } from '../db/client';
import { markCriticized, saveReport } from '../db/repositories/rectifications.repo';
import type { ProcessStep } from '../db/repositories/registry.repo';
import { withStep } from './support';

export interface RectificationDeps {
  db: Db;
}

export function createRectificationActivities({ db }: RectificationDeps) {
  return {
    /** 第五十一条: the report received in time, with the closing step, in one transaction. */
    async finishRectification(orderId: string, report: RectificationReport, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => saveReport(tx, orderId, report));
    },

    /** 第五十一条: the period passed unrectified — the order escalates to a circulated criticism. */
    async criticizeDepartment(orderId: string, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => markCriticized(tx, orderId, step.occurredAt));
    },
  };
}
