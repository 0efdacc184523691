// SPEC §5: the audit log's sequencer, signer and purge, run by auditSealWorkflow and
// auditPurgeWorkflow. A head an activity returns lands in the workflow's history, where the
// database cannot rewrite it.
import { ApplicationFailure } from '@temporalio/activity';
import { auditPurgeCutoff, DEFAULT_AUDIT_HASH, type SignedHead } from '../domain/audit-log';
import { type AuditKeys, ephemeralSigner } from '../db/audit-keys';
import type { Db } from '../db/client';
import { makeHead, purgeAudit } from '../db/repositories/audit.repo';

export interface AuditDeps {
  db: Db;
  /** the worker passes the configured hash and the key from AUDIT_SIGNING_KEY_FILE; tests get a key of their own */
  audit?: AuditKeys;
}

export function createAuditActivities({ db, audit }: AuditDeps) {
  const keys: AuditKeys = audit ?? { hash: DEFAULT_AUDIT_HASH, signer: ephemeralSigner() };
  return {
    /** Gives pending entries their leaves and signs a head over the tree (idempotent: an unchanged tree keeps its head). */
    async sealAuditHead(): Promise<SignedHead> {
      return makeHead(db, keys);
    },

    /** 第二十七条: purges what is older than the retention as of `asOf`; refuses a retention under 6 months. */
    async purgeAuditLog(input: {
      retentionMonths: number;
      asOf: string;
    }): Promise<{ purgedBelow: number; removed: number; cutoff: string }> {
      let cutoff: Date;
      try {
        cutoff = auditPurgeCutoff(new Date(input.asOf), input.retentionMonths);
      } catch (err) {
        throw ApplicationFailure.create({ type: 'AUDIT_RETENTION_TOO_SHORT', message: (err as Error).message, nonRetryable: true });
      }
      // every entry gets its leaf, and a head signs them, before any body goes
      await makeHead(db, keys);
      return { ...(await purgeAudit(db, { cutoff, retentionMonths: input.retentionMonths })), cutoff: cutoff.toISOString() };
    },
  };
}
