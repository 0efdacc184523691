// How a data conflict reads over HTTP: the departments' positions, the registry's deadline.
import type { FastifyRequest } from 'fastify';
import { beijingIso } from '../../domain/deadline';
import { type getConflict, listPositions } from '../../db/repositories/conflicts.repo';
import { clockView } from './clock';

export type FoundConflict = NonNullable<Awaited<ReturnType<typeof getConflict>>>;

export async function conflictView(request: FastifyRequest, { conflict: c, process }: FoundConflict) {
  const positions = await listPositions(request.server.deps.db, c.id);
  return {
    id: c.id,
    workflowId: c.workflowId,
    departments: c.departments,
    resources: c.resources,
    description: c.description,
    status: c.status,
    ...clockView(process),
    decision: c.decision,
    openedAt: beijingIso(c.openedAt.getTime()),
    positions: positions.map((p) => ({
      departmentCode: p.departmentCode,
      position: p.position,
      agrees: p.agrees,
      recordedAt: beijingIso(p.recordedAt.getTime()),
    })),
  };
}
