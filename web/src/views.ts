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
