// SPEC §5: the audit log's signed heads. auditSealWorkflow runs for as long as the system does
// (one per namespace, id audit-seal, started by the worker): at a fixed interval it has the
// sequencer give pending entries their leaves and sign a head, and keeps each head in its own
// history, which the database cannot rewrite; verification reads them back (getSealedHeads).
// auditPurgeWorkflow is started daily by the schedule audit-purge (第二十七条).
import type { Duration } from '@temporalio/common';
import { continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SignedHead } from '../domain/audit-log';
import { getSealedHeads } from './messages';
import { dbActivity } from './options';
import { nowIso } from './support';

const { sealAuditHead, purgeAuditLog } = proxyActivities<Activities>(dbActivity);

/** Heads carried into the next run: enough to anchor the log; older ones stay in earlier runs' histories. */
export const SEALED_HEADS_KEPT = 100;
/** Seals per run before continue-as-new, so a history never grows past a few thousand events. */
export const SEALS_PER_RUN = 500;

export async function auditSealWorkflow(input: { interval: Duration; heads?: SignedHead[] }): Promise<never> {
  const heads = input.heads ?? [];
  setHandler(getSealedHeads, () => heads);
  for (let i = 0; i < SEALS_PER_RUN; i++) {
    const head = await sealAuditHead();
    if (heads.at(-1)?.signature !== head.signature) {
      heads.push(head);
      if (heads.length > SEALED_HEADS_KEPT) heads.splice(0, heads.length - SEALED_HEADS_KEPT);
    }
    await sleep(input.interval);
  }
  return continueAsNew<typeof auditSealWorkflow>({ interval: input.interval, heads });
}

/** 第二十七条: removes what is older than the retention, then seals a head that records the purge. */
export async function auditPurgeWorkflow(input: {
  retentionMonths: number;
}): Promise<{ purgedBelow: number; removed: number; head: SignedHead }> {
  const purged = await purgeAuditLog({ retentionMonths: input.retentionMonths, asOf: nowIso() });
  const head = await sealAuditHead();
  return { purgedBelow: purged.purgedBelow, removed: purged.removed, head };
}
