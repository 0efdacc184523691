import { createAnnualReportActivities } from './annual-report.activities';
import { type AuditDeps, createAuditActivities } from './audit.activities';
import { createCalendarActivities, type CalendarDeps } from './calendar.activities';
import { createCatalogActivities } from './catalog.activities';
import { createCorrectionActivities } from './correction.activities';
import { createNotifyActivities } from './notify.activities';
import { createRectificationActivities } from './rectification.activities';
import { createRegistryActivities } from './registry.activities';
import { createSharingActivities } from './sharing.activities';
import { createFindingActivities } from './finding.activities';
import { createPenaltyActivities } from './penalty.activities';
import { createHistoryArchiveActivities } from './history-archive.activities';

export type ActivityDeps = CalendarDeps & AuditDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCalendarActivities(deps),
    ...createRegistryActivities(deps),
    ...createCorrectionActivities(deps),
    ...createCatalogActivities(deps),
    ...createNotifyActivities(deps),
    ...createAnnualReportActivities(deps),
    ...createRectificationActivities(deps),
    ...createSharingActivities(deps),
    ...createFindingActivities(deps),
    ...createPenaltyActivities(deps),
    ...createHistoryArchiveActivities(deps),
    ...createAuditActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
