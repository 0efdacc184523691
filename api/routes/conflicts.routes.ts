// 第二十六条: a data conflict between departments. Any department concerned, or the authority,
// opens a case; the departments record positions; the authority decides if they do not agree.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { canSeeConflict, checkConflictCase } from '../../domain/conflict';
import { domainError } from '../../domain/errors';
import { ownDepartment } from '../../domain/roles';
import { beijingDate } from '../../domain/working-days';
import { entriesByCode, getDepartment } from '../../db/repositories/catalog.repo';
import {
  type ConflictCaseRow,
  getConflict,
  getConflictByClientId,
  insertConflictOnce,
  listConflicts,
} from '../../db/repositories/conflicts.repo';
import { decideConflict, recordPosition } from '../../workflows/messages';
import { conflictWorkflowId } from '../../workflows/options';
import type { Inserted } from '../../db/insert-once';
import { callerOf } from '../plugins/auth';
import { conflictView, type FoundConflict } from '../views/conflict';
import { domainRefusal, notFound } from '../errors';
import { errors, ProcessIdParams } from '../schemas/common';
import { mintCaseId, startProcess } from '../start-process';
import { ConflictBody, ConflictDecisionBody, ConflictView, PageQuery, PositionBody } from '../schemas/sharing.schema';

const DEPT = ['department_staff', 'department_head'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor'] as const;

/** 404 for a department not concerned; 409 once closed. */
async function conflictFor(request: FastifyRequest, id: string, mode: 'read' | 'work'): Promise<FoundConflict> {
  const found = await getConflict(request.server.deps.db, id);
  if (!found || !canSeeConflict(callerOf(request), found.conflict)) throw notFound('数据冲突');
  request.auditTarget = found.conflict.workflowId;
  if (mode === 'work' && (found.conflict.status === 'agreed' || found.conflict.status === 'decided'))
    throw domainRefusal(domainError('PROCESS_CLOSED'));
  return found;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  app.post(
    '/conflicts',
    {
      config: { roles: [...DEPT, 'authority_reviewer'], startsProcess: true },
      schema: {
        summary: '登记数据冲突：不同部门提供的同类数据不一致（第二十六条）',
        tags: ['sharing'],
        body: ConflictBody,
        response: { 200: ConflictView, 201: ConflictView, ...errors(409) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = callerOf(request);
      async function open(): Promise<Inserted<ConflictCaseRow>> {
        const known = {
          departments: new Set(
            (await Promise.all(body.departments.map((c) => getDepartment(db, c))))
              .filter((d) => d?.active && d.kind === 'department')
              .map((d) => d!.code),
          ),
          entries: await entriesByCode(
            db,
            body.resources.map((r) => r.code),
          ),
        };
        const refused = checkConflictCase(actor, body, known);
        if (refused) throw domainRefusal(refused);
        const openedAt = new Date();
        const id = mintCaseId('CT', beijingDate(openedAt.getTime()));
        request.auditTarget = conflictWorkflowId(id);
        return insertConflictOnce(db, {
          id,
          requestId: body.requestId,
          workflowId: conflictWorkflowId(id),
          departments: body.departments,
          resources: body.resources,
          description: body.description,
          openedBy: actor.userId,
          openedRole: actor.role,
          openedAt,
        });
      }
      const again = await getConflictByClientId(db, body.requestId);
      const { row, created } = await startProcess<ConflictCaseRow>(app.deps, {
        insert: async () => (again ? { row: again, created: false } : open()),
        onRepeat: (r) => {
          if (!canSeeConflict(actor, r)) throw notFound('数据冲突');
          request.auditTarget = r.workflowId;
        },
        workflow: (r) => ({
          workflow: 'conflictWorkflow',
          workflowId: r.workflowId,
          args: [{ conflictId: r.id, departments: r.departments, openedOn: beijingDate(r.openedAt.getTime()), openedBy: actor }],
          process: { type: 'conflict', departmentCode: r.departments[0]! },
        }),
      });
      return reply.status(created ? 201 : 200).send(await conflictView(request, (await getConflict(db, row.id))!));
    },
  );

  app.get(
    '/conflicts',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '数据冲突：部门只看本部门为相关方的',
        tags: ['sharing'],
        querystring: PageQuery,
        response: { 200: Type.Object({ items: Type.Array(ConflictView) }), ...errors() },
      },
    },
    async (request) => {
      const actor = callerOf(request);
      const rows = await listConflicts(db, { departmentCode: ownDepartment(actor)?.[0], ...request.query });
      return { items: await Promise.all(rows.map((r) => conflictView(request, r))) };
    },
  );

  app.get(
    '/conflicts/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '数据冲突：各部门意见、期限与结论',
        tags: ['sharing'],
        params: ProcessIdParams,
        response: { 200: ConflictView, ...errors(404) },
      },
    },
    async (request) => conflictView(request, await conflictFor(request, request.params.id, 'read')),
  );

  app.post(
    '/conflicts/:id/positions',
    {
      config: { roles: DEPT },
      schema: {
        summary: '相关部门登记（或修改）本部门意见',
        tags: ['sharing'],
        params: ProcessIdParams,
        body: PositionBody,
        response: { 200: ConflictView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const found = await conflictFor(request, request.params.id, 'work');
      await temporal.workflow
        .getHandle(found.conflict.workflowId)
        .executeUpdate(recordPosition, { args: [{ actor: callerOf(request), ...request.body }] });
      return conflictView(request, (await getConflict(db, found.conflict.id))!);
    },
  );

  app.post(
    '/conflicts/:id/decision',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '协商期满未形成一致意见的，主管部门协调核实并作出结论',
        tags: ['sharing'],
        params: ProcessIdParams,
        body: ConflictDecisionBody,
        response: { 200: ConflictView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const found = await conflictFor(request, request.params.id, 'work');
      await temporal.workflow
        .getHandle(found.conflict.workflowId)
        .executeUpdate(decideConflict, { args: [{ actor: callerOf(request), ...request.body }] });
      return conflictView(request, (await getConflict(db, found.conflict.id))!);
    },
  );
};

export default routes;
