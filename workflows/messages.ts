// Updates, queries and signals of every workflow, with their payload types; shared with api/.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AnnualReportState, DepartmentReportContent, SubmissionRecord } from '../domain/annual-report';
import type { Actor } from '../domain/roles';
import type { CorrectionState, ExtensionRequest, VerificationResult } from '../domain/correction';
import type { Deadline } from '../domain/deadline';
import type { CatalogChange } from '../domain/catalog';
import type { CatalogUpdateStage, CatalogUpdateState, Submission } from '../domain/catalog-update';
import type { CatalogCompilationStage, CatalogCompilationState } from '../domain/catalog-compilation';
import type { RectificationState } from '../domain/rectification';
import type { DisputeDecision, DisputeState, ProviderDecision, SharingRequestState } from '../domain/sharing';
import type { ConflictState } from '../domain/conflict';
import type { FindingState } from '../domain/finding';
import type { PenaltyCaseState } from '../domain/penalty';
import type { SignedHead } from '../domain/audit-log';
import type { ItProjectState } from '../domain/it-project';

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
export const reviewCatalogApplication = defineUpdate<ReviewCatalogApplicationOutput, [ReviewCatalogApplicationInput]>(
  'reviewCatalogApplication',
);
export const getCatalogUpdateState = defineQuery<CatalogUpdateState | null>('getCatalogUpdateState');

// 第十六条: the department resubmits a returned compilation; the authority reviews each receipt.
export interface ReviewCatalogCompilationOutput {
  stage: CatalogCompilationStage;
  submission: Submission;
  catalogVersion?: number;
}
export const submitCatalogCompilation = defineUpdate<Submission, [SubmitCatalogApplicationInput]>('submitCatalogCompilation');
export const reviewCatalogCompilation = defineUpdate<ReviewCatalogCompilationOutput, [ReviewCatalogApplicationInput]>(
  'reviewCatalogCompilation',
);
export const getCatalogCompilationState = defineQuery<CatalogCompilationState | null>('getCatalogCompilationState');

/** Sent to every open process when the working-day calendar changes (an override, a newly loaded year). */
export interface CalendarChangedInput {
  calendarVersion: string;
}
export const calendarChanged = defineSignal<[CalendarChangedInput]>('calendarChanged');

/** How far a calendar change has got, carried from run to run. */
export interface CalendarChangeProgress {
  /** the calendar version being propagated; null until the first page has read it */
  version: string | null;
  /** the cursor: the last workflow id signalled, null before the first page */
  after: string | null;
  pages: number;
  signalled: number;
  /** runs that continued as new before this one */
  runs: number;
  done: boolean;
  /** stopped because the calendar changed again: the newer version's run recounts */
  superseded: boolean;
}

export const getCalendarChangeProgress = defineQuery<CalendarChangeProgress>('getCalendarChangeProgress');

/** A recount revised a finding (SPEC §2): withdrawn when the new deadline was met, notified when a provisional one stands. */
export const findingRevised = defineSignal<[{ status: 'withdrawn' | 'notified'; reason: string }]>('findingRevised');

// 第五十一条: the ordered department reports its rectification before the period ends.
export interface ReportRectificationInput extends ActorInput {
  report: string;
}
export const reportRectification = defineUpdate<RectificationState, [ReportRectificationInput]>('reportRectification');
export const getRectificationState = defineQuery<RectificationState | null>('getRectificationState');
// 第五十一条: the authority accepts the rectification or rejects the report with its reasons.
export interface AcceptRectificationInput extends ActorInput {
  accept: boolean;
  reason?: string;
}
export const acceptRectification = defineUpdate<RectificationState, [AcceptRectificationInput]>('acceptRectification');

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

// 第三十一条, 第三十二条: the provider decides a conditional sharing request; a refusal may be
// disputed, coordinated by the authority and, if referred, decided by the county government.
export type DecideSharingInput = ActorInput & ProviderDecision;
export interface ReferDisputeInput extends ActorInput {
  reason: string;
}
export type DecideDisputeInput = ActorInput & DisputeDecision;
export const decideSharing = defineUpdate<SharingRequestState, [DecideSharingInput]>('decideSharing');
export const getSharingRequestState = defineQuery<SharingRequestState | null>('getSharingRequestState');
export const referDispute = defineUpdate<DisputeState, [ReferDisputeInput]>('referDispute');
export const decideDispute = defineUpdate<DisputeState, [DecideDisputeInput]>('decideDispute');
export const getDisputeState = defineQuery<DisputeState | null>('getDisputeState');

// 第二十六条: the departments concerned record positions; the authority decides if they do not agree.
export interface RecordPositionInput extends ActorInput {
  position: string;
  agrees: boolean;
}
export interface DecideConflictInput extends ActorInput {
  decision: string;
}
export const recordPosition = defineUpdate<ConflictState, [RecordPositionInput]>('recordPosition');
export const decideConflict = defineUpdate<ConflictState, [DecideConflictInput]>('decideConflict');
export const getConflictState = defineQuery<ConflictState | null>('getConflictState');

// SPEC §3.6: the charged party's statement (陈述申辩) and its supervisor's decision on a finding.
export interface FileStatementInput extends ActorInput {
  statement: string;
}
export interface DecideFindingInput extends ActorInput {
  confirm: boolean;
  reason: string;
}
export const fileStatement = defineUpdate<FindingState, [FileStatementInput]>('fileStatement');
export const decideFinding = defineUpdate<FindingState, [DecideFindingInput]>('decideFinding');
export const getFindingState = defineQuery<FindingState | null>('getFindingState');
// 第五十二条, 第五十三条: the authority's penalty case, each step an update its validator decides.
export interface RecordPenaltyNoticeInput extends ActorInput {
  notifiedOn: string;
  content: string;
}
export interface RecordPenaltyStatementInput extends ActorInput {
  statement: string;
}
export interface OrderPenaltyRectificationInput extends ActorInput {
  requirement: string;
  periodWorkingDays: number;
}
export interface ReportPenaltyRectifiedInput extends ActorInput {
  report: string;
}
export interface DecidePenaltyFineInput extends ActorInput {
  amountYuan: number;
  consequences: string;
}
export interface ConcludePenaltyCaseInput extends ActorInput {
  reason: string;
}
export interface ReferPenaltyCaseInput extends ActorInput {
  organ: string;
  reason: string;
}
export const recordPenaltyNotice = defineUpdate<PenaltyCaseState, [RecordPenaltyNoticeInput]>('recordPenaltyNotice');
export const recordPenaltyStatement = defineUpdate<PenaltyCaseState, [RecordPenaltyStatementInput]>('recordPenaltyStatement');
export const orderPenaltyRectification = defineUpdate<PenaltyCaseState, [OrderPenaltyRectificationInput]>('orderPenaltyRectification');
export const reportPenaltyRectified = defineUpdate<PenaltyCaseState, [ReportPenaltyRectifiedInput]>('reportPenaltyRectified');
export const decidePenaltyFine = defineUpdate<PenaltyCaseState, [DecidePenaltyFineInput]>('decidePenaltyFine');
export const concludePenaltyCase = defineUpdate<PenaltyCaseState, [ConcludePenaltyCaseInput]>('concludePenaltyCase');
export const referPenaltyCase = defineUpdate<PenaltyCaseState, [ReferPenaltyCaseInput]>('referPenaltyCase');
export const getPenaltyCaseState = defineQuery<PenaltyCaseState | null>('getPenaltyCaseState');

/** SPEC §5: the signed heads auditSealWorkflow holds in its history, oldest first (the latest ones, carried over continue-as-new). */
export const getSealedHeads = defineQuery<SignedHead[]>('getSealedHeads');
// 第四十七条: IT projects.
export interface ReviewItProjectInput extends ActorInput {
  passed: boolean;
  opinion: string;
}
export interface ApproveItProjectInput extends ActorInput {
  approved: boolean;
  reason?: string;
}
export interface FundItProjectInput extends ActorInput {
  budgeted: boolean;
  reason?: string;
}
export const reviewItProject = defineUpdate<ItProjectState, [ReviewItProjectInput]>('reviewItProject');
export const approveItProject = defineUpdate<ItProjectState, [ApproveItProjectInput]>('approveItProject');
export const fundItProject = defineUpdate<ItProjectState, [FundItProjectInput]>('fundItProject');
export const acceptItProject = defineUpdate<ItProjectState, [ActorInput]>('acceptItProject');
export const getItProjectState = defineQuery<ItProjectState | null>('getItProjectState');
