// Task queue, activity option profiles and workflow ids, shared by the worker, the API and tests.
import type { ActivityOptions } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Database writes: short, idempotent (keyed by workflow id and step), retried until the database is back. */
export const dbActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

export const correctionWorkflowId = (requestId: string): string => `correction-${requestId}`;

export const catalogUpdateWorkflowId = (requestId: string): string => `catalog-update-${requestId}`;

/** 第五十一条: one rectification order per violation. */
export const rectificationWorkflowId = (orderId: string): string => `rectification-${orderId}`;

/** One process per year; a second start for the same year finds the first and stops. */
export const annualReportWorkflowId = (year: number): string => `annual-report-${year}`;

/** 第四十六条: the schedule that starts each year's process by itself on 1 December. */
export const ANNUAL_REPORT_SCHEDULE_ID = 'annual-report';

/** 第三十一条: a conditional sharing request waits for its provider; 第三十二条: one dispute per refused request. */
export const sharingRequestWorkflowId = (id: string): string => `sharing-request-${id}`;
export const sharingDisputeWorkflowId = (id: string): string => `sharing-dispute-${id}`;

/** 第二十六条: one process per conflict case. */
export const conflictWorkflowId = (id: string): string => `conflict-${id}`;

/** 第五十二条, 第五十三条: one process per penalty case. */
export const penaltyCaseWorkflowId = (id: string): string => `penalty-case-${id}`;

// Search attributes: process type, department, stage and due date only, never personal data
// (Temporal stores them unencrypted). Registered on the dev server by scripts/start.ts.
export const SA_PROCESS_TYPE = defineSearchAttributeKey('ProcessType', SearchAttributeType.KEYWORD);
export const SA_DEPARTMENT = defineSearchAttributeKey('DepartmentCode', SearchAttributeType.KEYWORD);
export const SA_STAGE = defineSearchAttributeKey('ProcessStage', SearchAttributeType.KEYWORD);
export const SA_DUE = defineSearchAttributeKey('DueDate', SearchAttributeType.DATETIME);
export const SEARCH_ATTRIBUTES = [SA_PROCESS_TYPE, SA_DEPARTMENT, SA_STAGE, SA_DUE];
