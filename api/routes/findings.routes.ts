// SPEC §3.6, §6 (第四十九条, 第五十条): the authority registers a 政务部门's conduct; every finding,
// registered or recorded by a process, is told to its party, who may file one statement (陈述申辩)
// within 5 working days; its supervisor confirms or annuls it with a reason. The finding
// workflow's validators decide; these routes authorise and translate.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { beijingIso } from '../../domain/deadline';
import { domainError } from '../../domain/errors';
import { canStateFor, checkRegistration, checkRegistrationTarget, type FindingDecision, type FindingStatement } from '../../domain/finding';
import { findingStatusLabel } from '../../domain/responsibility';
import { type Actor, canReadDepartment } from '../../domain/roles';
import { findingLabel } from '../../domain/vocabulary';
import { beijingDate } from '../../domain/working-days';
import { getDepartment, insertRegisteredFinding, type ViolationRow } from '../../db/repositories/findings.repo';
import { getProcess, type ProcessRow } from '../../db/repositories/registry.repo';
import { getViolation } from '../../db/repositories/supervision.repo';
import { decideFinding, fileStatement } from '../../workflows/messages';
import { findingWorkflowIdOf, registeredFindingWorkflowId } from '../../workflows/options';
import { domainRefusal, notFound } from '../errors';
import { callerOf } from '../plugins/auth';
import { errors } from '../schemas/common';
import { DecisionBody, FindingBody, FindingView, StatementBody } from '../schemas/findings.schema';
import { ViolationIdParams } from '../schemas/supervision.schema';
import { mintCaseId, startProcess } from '../start-process';

const DEPT = ['department_staff', 'department_head'] as const;
const READERS = [...DEPT, 'authority_reviewer', 'auditor', 'county_government'] as const;

/** County-wide readers and the party's own department; the county government also reads what it decides or answers for. */
const mayRead = (actor: Actor, v: ViolationRow): boolean =>
  canReadDepartment(actor, v.departmentCode) ||
  (actor.role === 'county_government' && (v.partyKind === 'authority' || v.partyKind === 'county_government'));

interface Found {
  violation: ViolationRow;
  workflowId: string;
  process: ProcessRow | null;
}

/** 404 for what the caller may not see; 403 for a statement by anyone but the party; 409 for a finding without a workflow. */
async function findingFor(request: FastifyRequest, id: string, mode: 'read' | 'state' | 'decide'): Promise<Found> {
  const { db } = request.server.deps;
  const violation = await getViolation(db, Number(id));
  const actor = callerOf(request);
  if (!violation || !mayRead(actor, violation)) throw notFound('违规记录');
  const workflowId = findingWorkflowIdOf(violation);
  request.auditTarget = workflowId;
  if (mode === 'state' && !canStateFor(actor, violation)) throw domainRefusal(domainError('NOT_FINDING_PARTY'));
  const process = await getProcess(db, workflowId);
  // Closed, or recorded before findings had a workflow (confirmed by migration 0009): nothing left to state or decide.
  if (mode !== 'read' && process?.status !== 'open') throw domainRefusal(domainError('FINDING_ALREADY_DECIDED'));
  return { violation, workflowId, process };
}

function findingView({ violation: v, workflowId, process }: Found): FindingView {
  const d = v.detail as {
    caseId?: string;
    facts?: string;
    evidence?: string[];
    basis?: string;
    statementPeriod?: { notifiedOn: string; due: string };
    statement?: FindingStatement;
    decision?: FindingDecision;
    withdrawal?: { reason: string; at: string };
  };
  const registered = v.workflowId === workflowId;
  return {
    id: v.id,
    caseId: d.caseId ?? null,
    origin: registered ? 'registered' : 'automatic',
    kind: v.kind,
    kindLabel: findingLabel(v.kind),
    article: v.article,
    departmentCode: v.departmentCode,
    partyKind: v.partyKind,
    supervisor: v.supervisor,
    findingClass: v.findingClass,
    status: v.status,
    statusLabel: findingStatusLabel(v.status),
    sourceWorkflowId: v.workflowId,
    workflowId,
    stage: (process?.stage as FindingView['stage']) ?? null,
    facts: d.facts ?? null,
    evidence: d.evidence ?? [],
    basis: d.basis ?? null,
    notifiedOn: d.statementPeriod?.notifiedOn ?? null,
    // The registry's count is current while the period runs (a recount moves it); the row keeps it after.
    statementDue: (process?.stage === 'statement_period' ? process.dueDate : null) ?? d.statementPeriod?.due ?? null,
    statement: d.statement ?? null,
    decision: d.decision
      ? {
          confirm: d.decision.confirm,
          reason: d.decision.reason,
          decidedBy: d.decision.decidedBy,
          byLapse: d.decision.byLapse,
          decidedAt: d.decision.decidedAt,
        }
      : null,
    withdrawal: d.withdrawal ?? null,
    occurredAt: beijingIso(v.occurredAt.getTime()),
  };
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  const reread = async (found: Found): Promise<FindingView> =>
    findingView({ ...found, violation: (await getViolation(db, found.violation.id))!, process: await getProcess(db, found.workflowId) });

  app.post(
    '/findings',
    {
      config: { roles: ['authority_reviewer'], startsProcess: true },
      schema: {
        summary: '登记政务部门违规行为（第四十九条(一)–(七)、第五十条）：事实、证据、依据；随即告知并开始陈述申辩期',
        tags: ['supervision'],
        body: FindingBody,
        response: { 201: FindingView, ...errors(422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const refused = checkRegistrationTarget(await getDepartment(db, body.departmentCode)) ?? checkRegistration(body);
      if (refused) throw domainRefusal(refused);
      const actor = callerOf(request);
      const registeredAt = new Date();
      const caseId = mintCaseId('WG', beijingDate(registeredAt.getTime()));
      const workflowId = registeredFindingWorkflowId(caseId);
      request.auditTarget = workflowId;
      const { row } = await startProcess<ViolationRow>(app.deps, {
        insert: () =>
          insertRegisteredFinding(db, {
            caseId,
            workflowId,
            departmentCode: body.departmentCode,
            kind: body.kind,
            facts: body.facts,
            evidence: body.evidence,
            basis: body.basis,
            registeredBy: actor,
            registeredAt,
          }),
        workflow: (v) => ({
          workflow: 'findingWorkflow',
          workflowId: v.workflowId,
          args: [
            {
              violationId: v.id,
              kind: v.kind,
              article: v.article,
              partyKind: v.partyKind,
              departmentCode: v.departmentCode,
              origin: 'registered',
              provisional: false,
              registeredBy: actor,
            },
          ],
          process: { type: 'finding', departmentCode: v.departmentCode },
        }),
      });
      return reply.status(201).send(findingView({ violation: row, workflowId, process: await getProcess(db, workflowId) }));
    },
  );

  app.get(
    '/findings/:id',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '违规记录的认定情况：告知、陈述申辩期、陈述申辩、认定或撤销',
        tags: ['supervision'],
        params: ViolationIdParams,
        response: { 200: FindingView, ...errors(404) },
      },
    },
    async (request) => findingView(await findingFor(request, request.params.id, 'read')),
  );

  app.post(
    '/findings/:id/statement',
    {
      config: { roles: [...DEPT, 'authority_reviewer', 'county_government'] },
      schema: {
        summary: '被认定违规的一方在陈述申辩期内提出陈述申辩（一次）',
        tags: ['supervision'],
        params: ViolationIdParams,
        body: StatementBody,
        response: { 200: FindingView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const found = await findingFor(request, request.params.id, 'state');
      await temporal.workflow
        .getHandle(found.workflowId)
        .executeUpdate(fileStatement, { args: [{ actor: callerOf(request), statement: request.body.statement }] });
      return reread(found);
    },
  );

  app.post(
    '/findings/:id/decision',
    {
      config: { roles: ['authority_reviewer', 'county_government'] },
      schema: {
        summary: '监督主体认定或撤销违规并说明理由：主管部门认定政务部门的违规，县人民政府认定主管部门的违规',
        tags: ['supervision'],
        params: ViolationIdParams,
        body: DecisionBody,
        response: { 200: FindingView, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      const found = await findingFor(request, request.params.id, 'decide');
      await temporal.workflow
        .getHandle(found.workflowId)
        .executeUpdate(decideFinding, { args: [{ actor: callerOf(request), ...request.body }] });
      return reread(found);
    },
  );
};

export default routes;
