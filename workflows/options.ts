// Task queue, activity option profiles and workflow ids, shared by the worker, the API and tests.
import type { ActivityOptions } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Database writes: short, idempotent (keyed by workflow id and step), retried with a backoff
 * capped at a minute until the database is back, so an outage loses no process. One that keeps
 * failing, or fails in a way no retry fixes, is an incident the admin sees (domain/incidents.ts).
 */
export const dbActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

/** A calendar change's fan-out (issue 18): processes per page, one registry read and one activity each. */
export const CALENDAR_CHANGE_PAGE_SIZE = 500;
/** Pages one run signals before it continues as new: about 6 history events a page. */
export const CALENDAR_CHANGE_PAGES_PER_RUN = 50;

export const correctionWorkflowId = (requestId: string): string => `correction-${requestId}`;

export const catalogUpdateWorkflowId = (requestId: string): string => `catalog-update-${requestId}`;

export const catalogCompilationWorkflowId = (requestId: string): string => `catalog-compilation-${requestId}`;

/** 第四十七条: one IT project per filing request. */
export const itProjectWorkflowId = (requestId: string): string => `it-project-${requestId}`;

/** 第五十一条: one rectification order per violation. */
export const rectificationWorkflowId = (orderId: string): string => `rectification-${orderId}`;

/** One process per year; a second start for the same year finds the first and stops. */
export const annualReportWorkflowId = (year: number): string => `annual-report-${year}`;

/** 第四十六条: the schedule that starts each year's process by itself on 1 December. */
export const ANNUAL_REPORT_SCHEDULE_ID = 'annual-report';

/** SPEC §2: from 1 November the admins are reminded daily while next year's schedule is missing. */
export const CALENDAR_REMINDER_SCHEDULE_ID = 'calendar-year-reminder';
export const CALENDAR_REMINDER_WORKFLOW_ID = 'calendar-year-reminder';

/** SPEC §5: the one workflow that seals the audit log's signed heads in its history. */
export const AUDIT_SEAL_WORKFLOW_ID = 'audit-seal';
/** 第二十七条: the schedule of the daily audit purge, and the workflow id it starts. */
export const AUDIT_PURGE_SCHEDULE_ID = 'audit-purge';
export const AUDIT_PURGE_WORKFLOW_ID = 'audit-purge';

/** 第三十一条: a conditional sharing request waits for its provider; 第三十二条: one dispute per refused request. */
export const sharingRequestWorkflowId = (id: string): string => `sharing-request-${id}`;
export const sharingDisputeWorkflowId = (id: string): string => `sharing-dispute-${id}`;

/** 第二十六条: one process per conflict case. */
export const conflictWorkflowId = (id: string): string => `conflict-${id}`;

/** SPEC §3.6: one finding workflow per recorded violation (automatic findings, started by the recordViolation activity). */
export const findingWorkflowId = (violationId: number): string => `finding-${violationId}`;
/** A finding the authority registered: its case number is its process, created with its row. */
export const registeredFindingWorkflowId = (caseId: string): string => `finding-${caseId}`;
/** The finding workflow of a stored violation: its own process when registered, `finding-<id>` otherwise. */
export const findingWorkflowIdOf = (v: { id: number; workflowId: string }): string =>
  v.workflowId.startsWith('finding-') ? v.workflowId : findingWorkflowId(v.id);
/** 第五十二条, 第五十三条: one process per penalty case. */
export const penaltyCaseWorkflowId = (id: string): string => `penalty-case-${id}`;

// Search attributes: process type, department, stage and due date only, never personal data
// (Temporal stores them unencrypted). Registered on the dev server by scripts/start.ts.
export const SA_PROCESS_TYPE = defineSearchAttributeKey('ProcessType', SearchAttributeType.KEYWORD);
export const SA_DEPARTMENT = defineSearchAttributeKey('DepartmentCode', SearchAttributeType.KEYWORD);
export const SA_STAGE = defineSearchAttributeKey('ProcessStage', SearchAttributeType.KEYWORD);
export const SA_DUE = defineSearchAttributeKey('DueDate', SearchAttributeType.DATETIME);
export const SEARCH_ATTRIBUTES = [SA_PROCESS_TYPE, SA_DEPARTMENT, SA_STAGE, SA_DUE];

/**
 * SPEC §5: the archiver of closed processes' histories. A round reads the engine's histories one
 * by one: heartbeats, and a longer timeout than a database write.
 */
export const HISTORY_ARCHIVE_SCHEDULE_ID = 'history-archive';
export const HISTORY_ARCHIVE_WORKFLOW_ID = 'history-archive';
export const archiveActivity: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: dbActivity.retry,
};
