// How a rectification order reads over HTTP: with the registry's deadline and level.
import { beijingIso } from '../../domain/deadline';
import type { CircularRow, RectificationOrderRow, ReferralRow } from '../../db/repositories/rectifications.repo';
import type { ProcessRow } from '../../db/repositories/registry.repo';
import { clockView } from './clock';

const iso = (d: Date | null): string | null => (d ? beijingIso(d.getTime()) : null);

export const rectificationView = (
  o: RectificationOrderRow,
  p: ProcessRow | null,
  circular: { id: number; number: string; issuedOn: string } | null = null,
) => ({
  id: o.id,
  violationId: o.violationId,
  workflowId: o.workflowId,
  departmentCode: o.departmentCode,
  requirement: o.requirement,
  periodWorkingDays: o.periodWorkingDays,
  status: o.status,
  issuedBy: o.issuedBy,
  issuedAt: beijingIso(o.issuedAt.getTime()),
  ...clockView(p),
  report: o.report,
  reportedBy: o.reportedBy,
  reportedAt: iso(o.reportedAt),
  criticizedAt: iso(o.criticizedAt),
  acceptedBy: o.acceptedBy,
  acceptedAt: iso(o.acceptedAt),
  rejectionReason: o.rejectionReason,
  rejectedAt: iso(o.rejectedAt),
  circular,
});

export const referralView = (r: ReferralRow) => ({
  orderId: r.orderId,
  organ: r.organ,
  persons: r.persons,
  referredOn: r.referredOn,
  reason: r.reason,
  serious: r.serious,
  recordedBy: r.recordedBy,
  recordedAt: beijingIso(r.recordedAt.getTime()),
});

export const circularView = (c: CircularRow) => ({
  id: c.id,
  number: c.number,
  year: c.year,
  issuedOn: c.issuedOn,
  orderId: c.orderId,
  violationId: c.violationId,
  departmentCode: c.departmentCode,
  issuedBy: c.issuedBy,
  text: c.text,
});
