// 第二十九条, 第三十一条: filing a sharing request, as POST /v1/sharing/requests does it and as a
// demand (需求清单) becomes one in one step: checked against the entry, answered by its sharing
// type, idempotent on the client's request id; a conditional one starts its workflow.
import type { Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { checkSharingRequest, initialAnswer } from '../domain/sharing';
import { beijingDate } from '../domain/working-days';
import { getCatalogEntry, toEntry } from '../db/repositories/catalog.repo';
import type { Inserted } from '../db/insert-once';
import {
  decisionWorkingDays,
  getRequestByClientId,
  grantFor,
  insertGrant,
  insertRequestOnce,
  type SharingRequestRow,
} from '../db/repositories/sharing.repo';
import { sharingRequestWorkflowId } from '../workflows/options';
import { domainRefusal, httpError } from './errors';
import { callerOf } from './plugins/auth';
import type { SharingRequestBody } from './schemas/sharing.schema';
import { mintCaseId, startProcess } from './start-process';

export async function fileSharingRequest(
  request: FastifyRequest,
  body: Static<typeof SharingRequestBody>,
): Promise<Inserted<SharingRequestRow>> {
  const { db } = request.server.deps;
  const actor = callerOf(request);
  /** 第二十九条: the request answered by the entry's sharing type; an unconditional one is granted with it. */
  async function file(): Promise<Inserted<SharingRequestRow>> {
    const row = await getCatalogEntry(db, body.resourceCode);
    const entry = row ? toEntry(row) : null;
    const refused = checkSharingRequest(entry, { requesterDepartment: actor.departmentCode!, ...body });
    if (refused) throw domainRefusal(refused);
    const answer = initialAnswer(entry!.sharingType, entry!.sharingBasis, body.dataItems);
    const now = new Date();
    const id = mintCaseId('GX', beijingDate(now.getTime()));
    const workflowId = answer.status === 'pending' ? sharingRequestWorkflowId(id) : null;
    request.auditTarget = workflowId ?? id;
    return db.transaction(async (tx) => {
      const inserted = await insertRequestOnce(tx, {
        id,
        requestId: body.requestId,
        workflowId,
        requesterDepartment: actor.departmentCode!,
        providerDepartment: entry!.departmentCode,
        resourceCode: entry!.code,
        dataItems: body.dataItems,
        purpose: body.purpose,
        duty: body.duty,
        sharingType: entry!.sharingType,
        status: answer.status,
        reason: answer.status === 'refused' ? answer.reason : null,
        decisionWorkingDays: answer.status === 'pending' ? await decisionWorkingDays(tx) : null,
        decidedAt: answer.status === 'pending' ? null : now,
        createdBy: actor.userId,
        createdAt: now,
      });
      if (inserted.created && answer.status === 'granted')
        await insertGrant(tx, grantFor(inserted.row, answer.dataItems, 'unconditional', null, now.toISOString()));
      return inserted;
    });
  }
  const again = await getRequestByClientId(db, body.requestId);
  return startProcess<SharingRequestRow>(request.server.deps, {
    insert: async () => (again ? { row: again, created: false } : file()),
    onRepeat: (r) => {
      if (r.requesterDepartment !== actor.departmentCode) throw httpError(409, 'REQUEST_ID_TAKEN', '该请求编号已被使用');
    },
    // 第三十一条: only a conditional request waits for its provider's decision.
    workflow: (r) =>
      r.workflowId
        ? {
            workflow: 'sharingRequestWorkflow',
            workflowId: r.workflowId,
            args: [
              {
                requestId: r.id,
                requesterDepartment: r.requesterDepartment,
                providerDepartment: r.providerDepartment,
                resourceCode: r.resourceCode,
                dataItems: r.dataItems,
                receivedOn: beijingDate(r.createdAt.getTime()),
                decisionWorkingDays: r.decisionWorkingDays!,
                requestedBy: actor,
              },
            ],
            process: { type: 'sharing_request', departmentCode: r.providerDepartment },
          }
        : null,
  });
}
