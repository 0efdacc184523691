// Records loaded for a caller: what it may not see is not found (existence is not disclosed).
import type { FastifyRequest } from 'fastify';
import { canSeeSharing } from '../domain/sharing';
import { getSharingRequest } from '../db/repositories/sharing.repo';
import { notFound } from './errors';
import { callerOf } from './plugins/auth';
import type { FoundSharingRequest } from './views/sharing';

/** 404 for a request the caller is neither requester nor provider of (nor county-wide reader). */
export async function sharingRequestFor(request: FastifyRequest, id: string): Promise<FoundSharingRequest> {
  const found = await getSharingRequest(request.server.deps.db, id);
  if (!found || !canSeeSharing(callerOf(request), found.request)) throw notFound('共享申请');
  request.auditTarget = found.request.workflowId ?? found.request.id;
  return found;
}
