// The worker's only workflowsPath.
export { correctionWorkflow } from './correction.workflow';
export { calendarChangeWorkflow } from './calendar-change.workflow';
export { calendarReminderWorkflow } from './calendar-reminder.workflow';
export { catalogUpdateWorkflow } from './catalog-update.workflow';
export { rectificationWorkflow } from './rectification.workflow';
export { annualReportWorkflow } from './annual-report.workflow';
export { sharingRequestWorkflow } from './sharing-request.workflow';
export { sharingDisputeWorkflow } from './sharing-dispute.workflow';
export { conflictWorkflow } from './conflict.workflow';
export { findingWorkflow } from './finding.workflow';
export { penaltyCaseWorkflow } from './penalty-case.workflow';
export { catalogCompilationWorkflow } from './catalog-compilation.workflow';
export { historyArchiveWorkflow } from './history-archive.workflow';
export { auditSealWorkflow, auditPurgeWorkflow } from './audit.workflow';
export { itProjectWorkflow } from './it-project.workflow';
