// The API's views as the console reads them (api/schemas): one type per view, shared by the pages.
import type { ProcessType, Stage } from '../../domain/vocabulary';

/** A process in the registry (ProcessView): lists, the inbox and the process page. */
export interface ProcessView {
  workflowId: string;
  type: ProcessType;
  departmentCode: string;
  subjectId: string;
  stage: Stage;
  status: string;
  dueDate: string | null;
  endsAt: string | null;
  level: string;
  provisional: boolean;
  calendarVersion: string | null;
  startedAt: string;
  closedAt: string | null;
}

/** A correction's extension; an applicant's view leaves out who asked and decided, and the reasons. */
export interface ExtensionView {
  id: number;
  days: number;
  reason?: string;
  requestedBy?: string;
  requestedAt: string;
  status: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
}

/** A penalty case (PenaltyCaseView, 第五十二条 and 第五十三条): the list and the case page. */
export interface PenaltyCaseView {
  id: string;
  workflowId: string;
  partyType: 'service_unit' | 'violator';
  party: { id: number; name: string; kind: string; identifier: string };
  conduct: string | null;
  article: string;
  breaches: { code: string; article: string; label: string }[];
  facts: string;
  evidence: string | null;
  fineRange: { minYuan: number; maxYuan: number; article: string; text: string };
  stage: Stage;
  deadline: { due: string; endsAt: string; provisional: boolean } | null;
  level: string;
  openedAt: string;
  notice: { notifiedOn: string; content: string; statementDue: string | null } | null;
  statements: { statement: string; by: string; at: string }[];
  order: { requirement: string; periodWorkingDays: number; orderedOn: string; due: string | null } | null;
  rectification: { report: string; by: string; at: string } | null;
  warnedAt: string | null;
  fine: { amountYuan: number; consequences: string; by: string; at: string } | null;
  conclusion: { reason: string; by: string; at: string } | null;
  referral: { organ: string; reason: string; by: string; at: string } | null;
  closedAt: string | null;
}

/** A circular of 通报批评 (CircularView, 第五十一条). */
export interface CircularView {
  id: number;
  number: string;
  year: number;
  issuedOn: string;
  orderId: string;
  departmentCode: string;
  text: string;
}
