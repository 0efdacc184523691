// The process registry (list, one process, its timeline), the inbox, and the auditors' full
// history: the domain timeline joined with the workflow's Temporal event history.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { FastifyRequest } from 'fastify';
import { beijingIso } from '../../domain/deadline';
import { inboxRules } from '../../domain/inbox';
import { canReadDepartment, isDepartmentUser, type Role } from '../../domain/roles';
import { conflictIdsAwaitingPosition } from '../../db/repositories/conflicts.repo';
import { listCorrectionIdsFiledBy } from '../../db/repositories/corrections.repo';
import { getProcess, listProcesses, listTimeline, listViolations, type ProcessRow } from '../../db/repositories/registry.repo';
import { notFound } from '../errors';
import { errors, ProcessIdParams } from '../schemas/common';
import { InboxItem, ProcessQuery, ProcessView, TimelineEvent, ViolationView } from '../schemas/processes.schema';

const READERS: readonly Role[] = ['applicant', 'department_staff', 'department_head', 'authority_reviewer', 'auditor'];

const view = (p: ProcessRow) => ({
  workflowId: p.workflowId,
  type: p.type,
  departmentCode: p.departmentCode,
  subjectId: p.subjectId,
  stage: p.stage,
  status: p.status,
  dueDate: p.dueDate,
  endsAt: p.endsAt ? beijingIso(p.endsAt.getTime()) : null,
  level: p.level,
  provisional: p.provisional,
  calendarVersion: p.calendarVersion,
  startedAt: beijingIso(p.startedAt.getTime()),
  closedAt: p.closedAt ? beijingIso(p.closedAt.getTime()) : null,
});

const timeline = (rows: Awaited<ReturnType<typeof listTimeline>>) =>
  rows.map(({ event: e, actorName }) => ({
    kind: e.kind,
    occurredAt: beijingIso(e.occurredAt.getTime()),
    actorUserId: e.actorUserId,
    actorName,
    actorRole: e.actorRole,
    actorDepartment: e.actorDepartment,
    detail: e.detail,
  }));

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  /** Applicants see the processes of their own filings; departments their own; the authority and auditors all. */
  async function scope(request: FastifyRequest): Promise<{ departments?: string[]; subjectIds?: string[] }> {
    const user = request.user!;
    if (user.role === 'applicant') return { subjectIds: await listCorrectionIdsFiledBy(db, user.userId) };
    if (isDepartmentUser(user)) return { departments: [user.departmentCode!] };
    return {};
  }

  async function readable(request: FastifyRequest, workflowId: string): Promise<ProcessRow> {
    const row = await getProcess(db, workflowId);
    if (!row) throw notFound('流程');
    const s = await scope(request);
    const visible = s.subjectIds ? s.subjectIds.includes(row.subjectId) : canReadDepartment(request.user!, row.departmentCode);
    if (!visible) throw notFound('流程');
    request.auditTarget = workflowId;
    return row;
  }

  app.get(
    '/processes',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '按类型、部门、环节、期限状态列出流程（读流程登记表，不扫描 Temporal）',
        tags: ['processes'],
        querystring: ProcessQuery,
        response: { 200: Type.Object({ items: Type.Array(ProcessView) }), ...errors() },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listProcesses(db, {
        ...(await scope(request)),
        type: q.type,
        departmentCode: q.departmentCode,
        stages: q.stage ? [q.stage] : undefined,
        level: q.level,
        status: q.status,
        limit: q.limit,
        offset: q.offset,
      });
      return { items: rows.map(view) };
    },
  );

  app.get(
    '/processes/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '流程概况与办理时间线',
        tags: ['processes'],
        params: ProcessIdParams,
        response: { 200: Type.Object({ process: ProcessView, timeline: Type.Array(TimelineEvent) }), ...errors(404) },
      },
    },
    async (request) => {
      const row = await readable(request, request.params.id);
      return { process: view(row), timeline: timeline(await listTimeline(db, row.workflowId)) };
    },
  );

  app.get(
    '/processes/:id/history',
    {
      config: { roles: ['auditor'], auditRead: true },
      schema: {
        summary: '审计：业务时间线、违规记录与 Temporal 完整事件历史',
        tags: ['processes'],
        params: ProcessIdParams,
        response: {
          200: Type.Object({
            process: ProcessView,
            timeline: Type.Array(TimelineEvent),
            violations: Type.Array(ViolationView),
            temporalHistory: Type.Object({ events: Type.Array(Type.Unknown()) }),
          }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const row = await readable(request, request.params.id);
      const [events, violations, history] = await Promise.all([
        listTimeline(db, row.workflowId),
        listViolations(db, row.workflowId),
        temporal.workflow.getHandle(row.workflowId).fetchHistory(),
      ]);
      return {
        process: view(row),
        timeline: timeline(events),
        violations: violations.map((v) => ({
          article: v.article,
          kind: v.kind,
          departmentCode: v.departmentCode,
          dueDate: v.dueDate,
          occurredAt: beijingIso(v.occurredAt.getTime()),
        })),
        temporalHistory: JSON.parse(historyToJSON(history)) as { events: unknown[] },
      };
    },
  );

  app.get(
    '/inbox',
    {
      config: {
        roles: [
          'department_staff',
          'department_head',
          'authority_reviewer',
          'applicant',
          'auditor',
          'county_government',
          'admin',
          'development_reform',
          'finance',
        ],
      },
      schema: {
        summary: '待办：当前角色需要处理的事项，按期限先后排列',
        tags: ['processes'],
        response: { 200: Type.Object({ items: Type.Array(InboxItem) }), ...errors() },
      },
    },
    async (request) => {
      const user = request.user!;
      if (user.role === 'applicant') {
        const mine = await listProcesses(db, { ...(await scope(request)), status: 'open', limit: 200, offset: 0 });
        return { items: mine.map((p) => ({ action: 'follow' as const, process: view(p) })) };
      }
      const groups = await Promise.all(
        inboxRules(user).map(async (rule) => {
          const parties = rule.asConflictParty
            ? { subjectIds: await conflictIdsAwaitingPosition(db, user.departmentCode ?? '') }
            : { departments: rule.departments };
          const rows = await listProcesses(db, {
            ...parties,
            stages: rule.stages,
            departmentKinds: rule.partyKinds,
            status: 'open',
            limit: 200,
            offset: 0,
          });
          return rows.map((p) => ({ action: rule.action, process: view(p) }));
        }),
      );
      return { items: groups.flat().sort((a, b) => (a.process.endsAt ?? '').localeCompare(b.process.endsAt ?? '')) };
    },
  );
};

export default routes;
