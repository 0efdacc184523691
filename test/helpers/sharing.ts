// Sharing requests, disputes and conflict cases written as the API writes them before it
// starts their workflows: the workflow tests start the workflows themselves.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { notifications } from '../../db/schema';
import { insertConflictOnce } from '../../db/repositories/conflicts.repo';
import { grantFor, insertDisputeOnce, insertGrant, insertRequestOnce } from '../../db/repositories/sharing.repo';
import type { Actor } from '../../domain/roles';
import { conflictWorkflowId, sharingDisputeWorkflowId, sharingRequestWorkflowId } from '../../workflows/options';

/** civil asks market for its conditional MKT-002 (行政处罚信息). */
export async function seedSharingRequest(db: Db, requester: Actor, status: 'pending' | 'refused' | 'granted_in_part' = 'pending') {
  const id = `GX-${randomUUID()}`;
  const { row } = await insertRequestOnce(db, {
    id,
    requestId: randomUUID(),
    workflowId: sharingRequestWorkflowId(id),
    requesterDepartment: 'civil',
    providerDepartment: 'market',
    resourceCode: 'MKT-002',
    dataItems: ['统一社会信用代码', '处罚类别', '处罚日期'],
    purpose: '社会组织登记审查',
    duty: '社会组织登记管理（《社会团体登记管理条例》）',
    sharingType: 'conditional',
    status,
    reason: status === 'refused' ? '涉及未公开的处罚信息' : null,
    createdBy: requester.userId,
  });
  // market granted only the credit code, as its partial approval writes it
  if (status === 'granted_in_part') await insertGrant(db, grantFor(row, ['统一社会信用代码'], 'provider', null, new Date().toISOString()));
  return row;
}

export async function seedDispute(db: Db, requestId: string, filedBy: Actor) {
  const id = `YY-${randomUUID()}`;
  const { row } = await insertDisputeOnce(db, {
    id,
    sharingRequestId: requestId,
    workflowId: sharingDisputeWorkflowId(id),
    requesterDepartment: 'civil',
    providerDepartment: 'market',
    grounds: '登记审查是法定职责',
    filedBy: filedBy.userId,
    filedAt: new Date(),
  });
  return row;
}

export async function seedConflict(db: Db, openedBy: Actor) {
  const id = `CT-${randomUUID()}`;
  const { row } = await insertConflictOnce(db, {
    id,
    requestId: randomUUID(),
    workflowId: conflictWorkflowId(id),
    departments: ['market', 'civil'],
    resources: [
      { code: 'MKT-001', dataItems: ['住所'] },
      { code: 'CIV-001', dataItems: ['登记日期'] },
    ],
    description: '同一社会组织的住所两部门登记不一致',
    openedBy: openedBy.userId,
    openedRole: openedBy.role,
    openedAt: new Date(),
  });
  return row;
}

/** The notices a workflow wrote, in the order written. */
/** The texts officials read, in the order written. */
export const noticeTextsOf = async (db: Db, workflowId: string) =>
  (
    await db
      .select({ message: notifications.message })
      .from(notifications)
      .where(eq(notifications.workflowId, workflowId))
      .orderBy(notifications.id)
  ).map((n) => n.message);

export const noticesOf = (db: Db, workflowId: string) =>
  db
    .select({ key: notifications.key, kind: notifications.kind, departmentCode: notifications.departmentCode, role: notifications.role })
    .from(notifications)
    .where(eq(notifications.workflowId, workflowId))
    .orderBy(notifications.id);
