// 第二十六条, 第二十九条 to 第三十二条: the writes of the sharing, dispute and conflict workflows,
// each with the timeline step it belongs to, in one transaction, idempotent on retry.
import type { ConflictPosition } from '../domain/conflict';
import type { Db } from '../db/client';
import { savePosition, setConflictStatus } from '../db/repositories/conflicts.repo';
import type { ProcessStep } from '../db/repositories/registry.repo';
import { decideDispute, decideRequest, getSharingRequest, grantFor, referDispute } from '../db/repositories/sharing.repo';
import { withStep } from './support';

export interface SharingDeps {
  db: Db;
}

export function createSharingActivities({ db }: SharingDeps) {
  /** 第三十一条: the provider's decision; an approval (in full or in part) writes the grant. */
  async function decideSharingRequest(
    d: {
      id: string;
      status: 'granted' | 'granted_in_part' | 'refused';
      reason: string | null;
      grantedItems: string[];
      decidedBy: string;
      decidedAt: string;
      late: boolean;
    },
    step: ProcessStep,
  ): Promise<void> {
    await withStep(db, step, async (tx) => {
      const found = await getSharingRequest(tx, d.id);
      if (!found) throw new Error(`sharing request ${d.id} missing`);
      const grant = d.status === 'refused' ? undefined : grantFor(found.request, d.grantedItems, 'provider', d.decidedBy, d.decidedAt);
      await decideRequest(tx, { ...d, grant });
    });
  }

  /** 第三十二条 必要时报请本级政府决定. */
  async function referSharingDispute(id: string, r: { by: string; at: string; reason: string }, step: ProcessStep): Promise<void> {
    await withStep(db, step, (tx) => referDispute(tx, id, r));
  }

  /** The decision that closes a dispute; an overturned refusal grants the items decided. */
  async function decideSharingDispute(
    d: {
      id: string;
      sharingRequestId: string;
      outcome: 'upheld' | 'overturned';
      grantedItems: string[];
      by: string;
      role: 'authority_reviewer' | 'county_government';
      at: string;
      reason: string;
    },
    step: ProcessStep,
  ): Promise<void> {
    await withStep(db, step, async (tx) => {
      const found = await getSharingRequest(tx, d.sharingRequestId);
      if (!found) throw new Error(`sharing request ${d.sharingRequestId} missing`);
      const grant = d.outcome === 'overturned' ? grantFor(found.request, d.grantedItems, 'dispute', d.by, d.at) : undefined;
      await decideDispute(tx, { ...d, grant });
    });
  }

  /** 第二十六条: a department's position, replacing its last. */
  async function saveConflictPosition(conflictId: string, p: ConflictPosition, step: ProcessStep): Promise<void> {
    await withStep(db, step, (tx) => savePosition(tx, conflictId, p));
  }

  /** The case moves on: to the authority's coordination, or closed by agreement or decision. */
  async function setConflictStage(
    conflictId: string,
    c: { status: 'conflict_coordinating' | 'agreed' | 'decided'; decision?: string; decidedBy?: string; closedAt?: string },
    step: ProcessStep,
  ): Promise<void> {
    await withStep(db, step, (tx) => setConflictStatus(tx, conflictId, c));
  }

  return { decideSharingRequest, referSharingDispute, decideSharingDispute, saveConflictPosition, setConflictStage };
}
