// How a rectification order reads over HTTP: with the registry's deadline and level.
import { beijingIso } from '../../domain/deadline';
import type { RectificationOrderRow } from '../../db/repositories/rectifications.repo';
import type { ProcessRow } from '../../db/repositories/registry.repo';
import { clockView } from './clock';

const iso = (d: Date | null): string | null => (d ? beijingIso(d.getTime()) : null);

export const rectificationView = (o: RectificationOrderRow, p: ProcessRow | null) => ({
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
});
