import { ApplicationFailure } from '@temporalio/activity';
import { applyChanges, type CatalogChange, checkAgainstCatalog } from '../domain/catalog';
import type { Db } from '../db/client';
import {
  decideApplication,
  type ReceivedApplication,
  resubmissionWorkingDays,
  saveApplication,
} from '../db/repositories/catalog-changes.repo';
import {
  catalogVersionOfChange,
  entriesByCode,
  latestCatalogVersion,
  lockCatalog,
  writeCatalogVersion,
} from '../db/repositories/catalog.repo';
import type { ProcessStep } from '../db/repositories/registry.repo';
import { withStep } from './support';

export interface CatalogDeps {
  db: Db;
}

export function createCatalogActivities({ db }: CatalogDeps) {
  return {
    /** 第四十七条: which of these codes are active entries of the county catalog now. */
    async activeCatalogCodes(codes: string[]): Promise<string[]> {
      const found = await entriesByCode(db, codes);
      return codes.filter((c) => found.get(c)?.status === 'active');
    },

    /** 第十八条: an application as received, with the timeline step that starts its review. */
    async saveCatalogApplication(a: ReceivedApplication, step: ProcessStep): Promise<void> {
      await withStep(db, step, (tx) => saveApplication(tx, a));
    },

    /**
     * The authority's resubmission period in force at a return (working days; default 5). Read
     * here, not in the workflow: its history keeps the value the period was counted with.
     */
    async catalogResubmissionWorkingDays(): Promise<number> {
      return resubmissionWorkingDays(db);
    },

    /** A returned application: its reasons and the timeline step, together. */
    async returnCatalogApplication(
      r: { changeId: string; n: number; decidedByUserId: string; decidedAt: string; reason: string },
      step: ProcessStep,
    ): Promise<void> {
      await withStep(db, step, (tx) => decideApplication(tx, { ...r, decision: 'returned' }));
    },

    /**
     * 第十八条: the approval in one transaction — new catalog version, entries, responsibility
     * list, the application's decision, the closing step. An entry edited since the
     * application's base version fails it, non-retryably, with nothing written. A retry finds
     * its version by change id.
     */
    async approveCatalogApplication(
      a: { changeId: string; n: number; departmentCode: string; changes: CatalogChange[]; approvedBy: string; approvedAt: string },
      step: ProcessStep,
    ): Promise<{ catalogVersion: number }> {
      const closing = (catalogVersion: number) => ({ ...step, detail: { ...step.detail, catalogVersion } });
      const catalogVersion = await withStep(db, closing, async (tx) => {
        await lockCatalog(tx);
        let version = await catalogVersionOfChange(tx, a.changeId);
        if (version === null) {
          const current = await entriesByCode(
            tx,
            a.changes.map((c) => c.code),
          );
          const conflict = checkAgainstCatalog(a.departmentCode, a.changes, current);
          if (conflict) throw ApplicationFailure.create({ type: conflict.code, message: conflict.message, nonRetryable: true });
          version = (await latestCatalogVersion(tx)) + 1;
          await writeCatalogVersion(tx, { ...a, version, entries: applyChanges(a.departmentCode, a.changes, current) });
        }
        await decideApplication(tx, {
          changeId: a.changeId,
          n: a.n,
          decision: 'approved',
          decidedByUserId: a.approvedBy,
          decidedAt: a.approvedAt,
          catalogVersion: version,
        });
        return version;
      });
      return { catalogVersion };
    },
  };
}
