// The process registry (list, one process, its timeline), the inbox, and the auditors' full
// history: the domain timeline joined with the workflow's Temporal event history.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Stage } from '../../domain/vocabulary';
import { Type } from '@sinclair/typebox';
import { isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { FastifyRequest } from 'fastify';
import { beijingIso } from '../../domain/deadline';
import { inboxRules } from '../../domain/inbox';
import { addCalendarDays } from '../../domain/working-days';
import { canReadDepartment, isDepartmentUser, type Role } from '../../domain/roles';
import { conflictIdsAwaitingPosition } from '../../db/repositories/conflicts.repo';
import { listCorrectionIdsFiledBy } from '../../db/repositories/corrections.repo';
import { readHistoryArchive } from '../../db/repositories/history-archives.repo';
import {
  countProcesses,
  getProcess,
  listProcesses,
  listTimeline,
  listViolations,
  type ProcessRow,
} from '../../db/repositories/registry.repo';
import { httpError, notFound } from '../errors';
import { decodeHistoryPayloads } from '../history-payloads';
import { errors, pageOf, ProcessIdParams } from '../schemas/common';
import { InboxItem, ProcessQuery, ProcessView, TemporalHistory, TimelineEvent, ViolationView } from '../schemas/processes.schema';

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

const goneFromEngine = (err: unknown) => err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === 5);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  /**
   * SPEC §5: the engine's history while it has one; after its retention (or a deletion) the
   * archive, served only when it matches the digest the audit log recorded.
   */
  async function engineHistory(workflowId: string) {
    try {
      const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
      return { ...(JSON.parse(historyToJSON(history)) as { events: unknown[] }), source: 'engine' as const, archive: null };
    } catch (err) {
      if (!goneFromEngine(err)) throw err;
    }
    const archived = await readHistoryArchive(db, workflowId);
    if (!archived) throw httpError(404, 'HISTORY_NOT_ARCHIVED', '流程引擎已不再保存该流程的事件历史，且没有归档');
    if (!archived.ok) {
      throw httpError(
        500,
        archived.reason === 'DIGEST_NOT_RECORDED' ? 'HISTORY_ARCHIVE_DIGEST_NOT_RECORDED' : 'HISTORY_ARCHIVE_DIGEST_MISMATCH',
        archived.reason === 'DIGEST_NOT_RECORDED'
          ? '归档的事件历史在审计日志中没有摘要记录，无法核验，未予提供'
          : '归档的事件历史与审计日志记录的摘要不符，可能已被改动，未予提供',
      );
    }
    const { row } = archived;
    return {
      ...(JSON.parse(archived.json) as { events: unknown[] }),
      source: 'archive' as const,
      archive: { algorithm: row.algorithm, digest: row.digest, archivedAt: beijingIso(row.archivedAt.getTime()), verified: true as const },
    };
  }

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
        response: { 200: pageOf(ProcessView), ...errors() },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.from && q.to && q.from > q.to) throw httpError(400, 'DATE_RANGE_INVERTED', '开始日期不能晚于结束日期');
      // The schema has checked it; read as the domain's Stage: the union of every stage is too deep for tsc (TS2589).
      const { stage } = q as { stage?: Stage };
      const filter = {
        ...(await scope(request)),
        type: q.type,
        departmentCode: q.departmentCode,
        stages: stage ? [stage] : undefined,
        level: q.level,
        status: q.status,
        number: q.number?.trim() || undefined,
        applicant: q.applicant?.trim() || undefined,
        // dates are Beijing days, both ends included
        startedFrom: q.from ? new Date(`${q.from}T00:00:00+08:00`) : undefined,
        startedBefore: q.to ? new Date(`${addCalendarDays(q.to, 1)}T00:00:00+08:00`) : undefined,
        sort: q.sort ? { by: q.sort, order: q.order ?? 'asc' } : undefined,
        limit: q.limit,
        offset: q.offset,
      };
      const [rows, total] = await Promise.all([listProcesses(db, filter), countProcesses(db, filter)]);
      return { items: rows.map(view), total, limit: q.limit, offset: q.offset };
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
            temporalHistory: TemporalHistory,
          }),
          ...errors(404, 500),
        },
      },
    },
    async (request) => {
      const row = await readable(request, request.params.id);
      const [events, violations, history] = await Promise.all([
        listTimeline(db, row.workflowId),
        listViolations(db, row.workflowId),
        engineHistory(row.workflowId),
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
        // SPEC §5: auditors read the values, decoded with the client's own codec.
        temporalHistory: {
          ...history,
          events: (await decodeHistoryPayloads(history.events, temporal.options.loadedDataConverter.payloadCodecs)) as unknown[],
        },
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
          'system_admin',
          'security_admin',
          'audit_admin',
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
            type: rule.type,
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
