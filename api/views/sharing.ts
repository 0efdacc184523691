// How sharing requests and grants read over HTTP: camelCase, Beijing times, the registry's deadline.
import { beijingIso } from '../../domain/deadline';
import type { getSharingRequest, SharingGrantRow } from '../../db/repositories/sharing.repo';
import { clockView } from './clock';

const iso = (d: Date | null): string | null => (d ? beijingIso(d.getTime()) : null);
export const grantView = (g: SharingGrantRow) => ({
  id: g.id,
  sharingRequestId: g.sharingRequestId,
  requesterDepartment: g.requesterDepartment,
  providerDepartment: g.providerDepartment,
  resourceCode: g.resourceCode,
  dataItems: g.dataItems,
  purpose: g.purpose,
  source: g.source,
  orderedRole: g.orderedRole,
  grantedAt: beijingIso(g.grantedAt.getTime()),
  revokedAt: iso(g.revokedAt),
  revokeReason: g.revokeReason,
});

export type FoundSharingRequest = NonNullable<Awaited<ReturnType<typeof getSharingRequest>>>;
export const requestView = ({
  request: r,
  process,
  grant,
  dispute,
}: Pick<FoundSharingRequest, 'request' | 'process'> & Partial<Pick<FoundSharingRequest, 'grant' | 'dispute'>>) => ({
  id: r.id,
  workflowId: r.workflowId,
  requesterDepartment: r.requesterDepartment,
  providerDepartment: r.providerDepartment,
  resourceCode: r.resourceCode,
  dataItems: r.dataItems,
  purpose: r.purpose,
  duty: r.duty,
  sharingType: r.sharingType,
  status: r.status,
  reason: r.reason,
  ...clockView(process),
  decidedLate: r.decidedLate,
  createdAt: beijingIso(r.createdAt.getTime()),
  grant: grant ? grantView(grant) : null,
  disputeId: dispute?.id ?? null,
});
