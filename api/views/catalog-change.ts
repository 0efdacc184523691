// How a catalog change reads over HTTP: its stage and deadline from the registry, every application.
import { beijingIso } from '../../domain/deadline';
import type { CatalogChangeRow, listApplications } from '../../db/repositories/catalog-changes.repo';
import { type ProcessRow, registryDeadline } from '../../db/repositories/registry.repo';

export const catalogChangeView = (
  row: CatalogChangeRow,
  process: ProcessRow | null,
  applications: Awaited<ReturnType<typeof listApplications>>,
) => ({
  id: row.id,
  workflowId: row.workflowId,
  departmentCode: row.departmentCode,
  trigger: row.trigger,
  changeDate: row.changeDate,
  legalBasis: row.legalBasis,
  description: row.description,
  stage: process?.stage ?? 'starting',
  level: process?.level ?? 'normal',
  deadline: registryDeadline(process),
  catalogVersion: row.catalogVersion,
  applications: applicationViews(applications),
});

/** Every application of a change (第十八条) or a compilation (第十六条), as received and decided. */
export const applicationViews = (applications: Awaited<ReturnType<typeof listApplications>>) =>
  applications.map((a) => ({
    n: a.n,
    changes: a.changes,
    submittedAt: beijingIso(a.submittedAt.getTime()),
    receivedOn: a.receivedOn,
    reviewDue: a.reviewDue,
    decision: a.decision,
    decidedAt: a.decidedAt ? beijingIso(a.decidedAt.getTime()) : null,
    reason: a.reason,
  }));
