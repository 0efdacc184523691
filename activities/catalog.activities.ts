import { ApplicationFailure } from '@temporalio/activity';
import type { CatalogChange } from '../domain/catalog';
import type { Db } from '../db/client';
import { decideApplication, saveApplication } from '../db/repositories/catalog-changes.repo';
import { writeCatalogVersion } from '../db/repositories/catalog.repo';
import { applyStep, type ProcessStep } from '../db/repositories/registry.repo';

export interface CatalogDeps {
  db: Db;
}

export function createCatalogActivities({ db }: CatalogDeps) {
  return {
    /** 第十八条: an application as received, with the timeline step that starts its review. */
    async saveCatalogApplication(
      a: {
        changeId: string;
        n: number;
        changes: CatalogChange[];
        submittedByUserId: string;
        submittedAt: string;
        receivedOn: string;
        reviewDue: string;
      },
      step: ProcessStep,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        await saveApplication(tx, a);
        await applyStep(tx, step);
      });
    },

    /** A returned application: its reasons and the timeline step, together. */
    async returnCatalogApplication(
      r: { changeId: string; n: number; decidedByUserId: string; decidedAt: string; reason: string },
      step: ProcessStep,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        await decideApplication(tx, { ...r, decision: 'returned' });
        await applyStep(tx, step);
      });
    },

    /**
     * 第十八条: the approval in one transaction — new catalog version, entries, responsibility
     * list, the application's decision, the closing step. An entry edited since the
     * application's base version fails it, non-retryably, with nothing written.
     */
    async approveCatalogApplication(
      a: { changeId: string; n: number; departmentCode: string; changes: CatalogChange[]; approvedBy: string; approvedAt: string },
      step: ProcessStep,
    ): Promise<{ catalogVersion: number }> {
      const result = await db.transaction(async (tx) => {
        const written = await writeCatalogVersion(tx, a);
        if (!written.ok) return written;
        await decideApplication(tx, {
          changeId: a.changeId,
          n: a.n,
          decision: 'approved',
          decidedByUserId: a.approvedBy,
          decidedAt: a.approvedAt,
          catalogVersion: written.version,
        });
        await applyStep(tx, { ...step, detail: { ...step.detail, catalogVersion: written.version } });
        return written;
      });
      if (!result.ok) throw ApplicationFailure.create({ type: result.error.code, message: result.error.message, nonRetryable: true });
      return { catalogVersion: result.version };
    },
  };
}
