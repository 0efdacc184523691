// How a sharing dispute reads over HTTP: its stage's owner, the registry's deadline, Beijing times.
import { beijingIso } from '../../domain/deadline';
import type { getDispute } from '../../db/repositories/sharing.repo';
import { clockView } from './clock';

export type FoundDispute = NonNullable<Awaited<ReturnType<typeof getDispute>>>;

/** 第三十二条: who acts on a dispute at each open stage. */
const OWNER = { dispute_coordinating: 'authority_reviewer', dispute_referred: 'county_government' } as Record<string, string>;

export const disputeView = ({ dispute: d, process, request }: FoundDispute) => ({
  id: d.id,
  sharingRequestId: d.sharingRequestId,
  workflowId: d.workflowId,
  requesterDepartment: d.requesterDepartment,
  providerDepartment: d.providerDepartment,
  resourceCode: request.resourceCode,
  grounds: d.grounds,
  status: d.status,
  owner: OWNER[d.status] ?? null,
  ...clockView(process),
  referralReason: d.referralReason,
  decidedRole: d.decidedRole,
  decisionReason: d.decisionReason,
  filedAt: beijingIso(d.filedAt.getTime()),
});
