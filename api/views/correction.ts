// How a correction reads over HTTP: the subject's number masked, the workflow's live state when
// a worker answered (第二十三条第三款), the registry's otherwise; extensions from their table.
import type { CorrectionState, ExtensionRequest } from '../../domain/correction';
import { beijingIso } from '../../domain/deadline';
import type { CorrectionRow } from '../../db/repositories/corrections.repo';
import { type ProcessRow, registryDeadline } from '../../db/repositories/registry.repo';

const mask = (id: string): string => (id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****');

export const correctionView = (
  row: CorrectionRow,
  process: ProcessRow | null,
  state: CorrectionState | null,
  extensions: ExtensionRequest[],
) => ({
  id: row.id,
  workflowId: row.workflowId,
  departmentCode: row.departmentCode,
  resourceCode: row.resourceCode,
  dataItems: row.dataItems,
  description: row.description,
  subject: {
    kind: row.subjectKind,
    documentKind: row.subjectDocumentKind,
    name: row.subjectName,
    idNumberMasked: mask(row.subjectIdNumber),
  },
  receivedOn: row.receivedOn,
  stage: state?.stage ?? process?.stage ?? 'starting',
  level: process?.level ?? 'normal',
  deadline: state?.deadline ?? registryDeadline(process),
  originalDue: state?.originalDeadline.due ?? null,
  extensions,
  live: state !== null,
  outcome: row.outcome,
  outcomeDetail: row.outcomeDetail,
  finishedAt: row.finishedAt ? beijingIso(row.finishedAt.getTime()) : null,
});

/**
 * What an applicant reads of its own case (issue 16, SPEC §7): the days and dates of each
 * extension, not who asked or decided it nor the department's internal reasons.
 */
export const applicantView = (v: ReturnType<typeof correctionView>) => ({
  ...v,
  extensions: v.extensions.map(({ id, days, requestedAt, status, decidedAt }) => ({
    id,
    days,
    requestedAt,
    status,
    ...(decidedAt && { decidedAt }),
  })),
});
