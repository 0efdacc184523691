import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles';
import type { Db } from '../../db/client';
import { insertCorrectionOnce } from '../../db/repositories/corrections.repo';
import { correctionWorkflowId } from '../../workflows/options';

/** A correction row as the API writes it before starting the workflow. */
export async function insertCorrection(db: Db, filedBy: Actor, receivedOn: string) {
  const requestId = randomUUID();
  const { row } = await insertCorrectionOnce(db, {
    id: `JZ-${requestId.slice(0, 8)}`,
    requestId,
    workflowId: correctionWorkflowId(requestId),
    departmentCode: 'market',
    resourceCode: 'MKT-001',
    dataItems: ['住所'],
    description: '登记住所与实际不符',
    subjectKind: 'organisation',
    subjectDocumentKind: 'credit_code',
    subjectIdNumber: '91350100M000100Y43',
    subjectName: '某某商贸有限公司',
    filedByUserId: filedBy.userId,
    filedByRole: filedBy.role,
    receivedOn,
  });
  return row;
}

/** The body of a valid POST /v1/corrections against the market department, with a fresh request id. */
export const correctionFiling = (over: Record<string, unknown> = {}) => ({
  requestId: randomUUID(),
  departmentCode: 'market',
  resourceCode: 'MKT-001',
  dataItems: ['住所'],
  description: '住所有误',
  subject: { kind: 'person', idNumber: '11010519491231002X', name: '张三' },
  ...over,
});
