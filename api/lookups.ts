// Records loaded for a caller: what it may not see is not found (existence is not disclosed).
import type { FastifyRequest } from 'fastify';
import { domainError } from '../domain/errors';
import { canReadDepartment, canWorkDepartment } from '../domain/roles';
import { canSeeSharing } from '../domain/sharing';
import { getProcess } from '../db/repositories/registry.repo';
import { getSharingRequest } from '../db/repositories/sharing.repo';
import { domainRefusal, notFound } from './errors';
import { callerOf } from './plugins/auth';
import type { FoundSharingRequest } from './views/sharing';

/** 404 for a request the caller is neither requester nor provider of (nor county-wide reader). */
export async function sharingRequestFor(request: FastifyRequest, id: string): Promise<FoundSharingRequest> {
  const found = await getSharingRequest(request.server.deps.db, id);
  if (!found || !canSeeSharing(callerOf(request), found.request)) throw notFound('共享申请');
  request.auditTarget = found.request.workflowId ?? found.request.id;
  return found;
}

/**
 * A department's case (a catalog change, a compilation): 404 for what the caller may not see
 * (`what` names it), 403 for what it sees but may not work; 409 to act on a process the registry
 * shows closed (its workflow has ended and no longer answers updates).
 */
export async function departmentCaseFor<R extends { departmentCode: string; workflowId: string }>(
  request: FastifyRequest,
  row: R | null,
  what: string,
  mode: 'read' | 'work' | 'review',
): Promise<R> {
  const actor = callerOf(request);
  if (!row || !canReadDepartment(actor, row.departmentCode)) throw notFound(what);
  request.auditTarget = row.workflowId;
  if (mode === 'read') return row;
  if (mode === 'work' && !canWorkDepartment(actor, row.departmentCode)) throw domainRefusal(domainError('FORBIDDEN_DEPARTMENT'));
  if ((await getProcess(request.server.deps.db, row.workflowId))?.status === 'closed') throw domainRefusal(domainError('PROCESS_CLOSED'));
  return row;
}
