// Updates, queries and signals of every workflow, with their payload types; shared with api/.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AnnualReportState, DepartmentReportContent, SubmissionRecord } from '../domain/annual-report';
import type { Actor } from '../domain/roles';
import type { CorrectionState, ExtensionRequest, VerificationResult } from '../domain/correction';
import type { Deadline } from '../domain/deadline';
import type { CatalogChange } from '../domain/catalog';
import type { CatalogUpdateStage, CatalogUpdateState, Submission } from '../domain/catalog-update';
import type { RectificationState } from '../domain/rectification';

/** Every message that changes something carries the authenticated caller, set by the API. */
export interface ActorInput {
  actor: Actor;
}

export interface RequestExtensionInput extends ActorInput {
  days: number;
  reason: string;
}
export interface DecideExtensionInput extends ActorInput {
  approve: boolean;
  reason?: string;
}
export interface DecideExtensionOutput {
  extension: ExtensionRequest;
  deadline: Deadline;
}
export type RecordVerificationInput = ActorInput & VerificationResult;

export const requestExtension = defineUpdate<ExtensionRequest, [RequestExtensionInput]>('requestExtension');
export const decideExtension = defineUpdate<DecideExtensionOutput, [DecideExtensionInput]>('decideExtension');
export const recordVerification = defineUpdate<CorrectionState, [RecordVerificationInput]>('recordVerification');
export const getCorrectionState = defineQuery<CorrectionState | null>('getCorrectionState');

// 第十八条: the department submits (and resubmits) its application; the authority reviews it.
export interface SubmitCatalogApplicationInput extends ActorInput {
  changes: CatalogChange[];
}
export interface ReviewCatalogApplicationInput extends ActorInput {
  approve: boolean;
  reason?: string;
}
export interface ReviewCatalogApplicationOutput {
  stage: CatalogUpdateStage;
  submission: Submission;
  catalogVersion?: number;
}

export const submitCatalogApplication = defineUpdate<Submission, [SubmitCatalogApplicationInput]>('submitCatalogApplication');
export const reviewCatalogApplication = defineUpdate<ReviewCatalogApplicationOutput, [ReviewCatalogApplicationInput]>('reviewCatalogApplication');
export const getCatalogUpdateState = defineQuery<CatalogUpdateState | null>('getCatalogUpdateState');

/** Sent to every open process when the working-day calendar changes (an override, a newly loaded year). */
export interface CalendarChangedInput {
  calendarVersion: string;
}
export const calendarChanged = defineSignal<[CalendarChangedInput]>('calendarChanged');

// 第五十一条: the ordered department reports its rectification before the period ends.
export interface ReportRectificationInput extends ActorInput {
  report: string;
}
export const reportRectification = defineUpdate<RectificationState, [ReportRectificationInput]>('reportRectification');
export const getRectificationState = defineQuery<RectificationState | null>('getRectificationState');

// 第四十六条: the yearly reports.
export interface SubmitDepartmentReportInput extends ActorInput {
  content: DepartmentReportContent;
}
export interface SubmitCountyReportInput extends ActorInput {
  summary: string;
}
export interface SubmitToCityInput extends ActorInput {
  note: string;
}
export const submitDepartmentReport = defineUpdate<SubmissionRecord, [SubmitDepartmentReportInput]>('submitDepartmentReport');
export const submitCountyReport = defineUpdate<Record<string, unknown>, [SubmitCountyReportInput]>('submitCountyReport');
export const submitToCity = defineUpdate<SubmissionRecord, [SubmitToCityInput]>('submitToCity');
export const getAnnualReportState = defineQuery<AnnualReportState | null>('getAnnualReportState');
