// 第五十二条, 第五十三条: the authority's penalty cases. The authority records the breach (the case
// row, then its workflow); each later step is an update the workflow's validator decides
// (domain/penalty.ts), so a fine out of range is a 400 naming the range and a fine before 告知
// and the 陈述申辩 period a 422. Auditors read; nobody else.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { domainError } from '../../domain/errors';
import { checkCase, isPenaltyClosed, PENALTY_READERS, PENALTY_WRITERS, type PenaltyPartyType } from '../../domain/penalty';
import { beijingDate } from '../../domain/working-days';
import { getAuthorityDepartment } from '../../db/repositories/catalog.repo';
import {
  getCase,
  getCaseByRequestId,
  getServiceUnit,
  getViolator,
  insertCaseOnce,
  listCases,
  type PenaltyCaseRow,
} from '../../db/repositories/penalties.repo';
import {
  concludePenaltyCase,
  decidePenaltyFine,
  orderPenaltyRectification,
  recordPenaltyNotice,
  recordPenaltyStatement,
  referPenaltyCase,
  reportPenaltyRectified,
} from '../../workflows/messages';
import { penaltyCaseWorkflowId } from '../../workflows/options';
import { domainRefusal, notFound } from '../errors';
import { callerOf } from '../plugins/auth';
import { errors, ProcessIdParams } from '../schemas/common';
import {
  ConclusionBody,
  FineBody,
  NoticeBody,
  PenaltyCaseBody,
  PenaltyCaseQuery,
  PenaltyCaseView,
  PenaltyOrderBody,
  RectifiedBody,
  ReferralBody,
  StatementBody,
} from '../schemas/penalties.schema';
import { mintCaseId, startProcess } from '../start-process';
import { penaltyCaseView } from '../views/penalty';

/** 404 for an unknown case; 409 once closed, before the engine is asked. */
async function caseFor(request: FastifyRequest, id: string, mode: 'read' | 'work') {
  const found = await getCase(request.server.deps.db, id);
  if (!found) throw notFound('处罚案件');
  request.auditTarget = found.penaltyCase.workflowId;
  if (mode === 'work' && isPenaltyClosed(found.penaltyCase)) throw domainRefusal(domainError('PROCESS_CLOSED'));
  return found;
}

/** The steps after the case is recorded: path, update, body, summary. */
const STEPS = [
  ['notice', recordPenaltyNotice, NoticeBody, '告知当事人（记录告知日期），陈述申辩期自次日起算 5 个工作日'],
  ['statements', recordPenaltyStatement, StatementBody, '登记当事人在陈述申辩期内的陈述申辩'],
  ['rectification-order', orderPenaltyRectification, PenaltyOrderBody, '陈述申辩期满后责令限期改正（期限为工作日）'],
  ['rectification', reportPenaltyRectified, RectifiedBody, '登记当事人在期限内改正'],
  ['fine', decidePenaltyFine, FineBody, '逾期未改正已警告、造成严重后果的，在法定幅度内决定罚款（不收缴款项）'],
  ['conclusion', concludePenaltyCase, ConclusionBody, '警告后未造成严重后果的，结案'],
  ['referral', referPenaltyCase, ReferralBody, '涉嫌犯罪的，移送司法机关'],
] as const;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;

  app.post(
    '/penalty-cases',
    {
      config: { roles: PENALTY_WRITERS, startsProcess: true },
      schema: {
        summary: '登记服务单位（第五十二条）或公民、法人和其他组织（第五十三条）的违法行为，立案',
        tags: ['penalties'],
        body: PenaltyCaseBody,
        response: { 200: PenaltyCaseView, 201: PenaltyCaseView, ...errors(409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const actor = callerOf(request);
      const again = await getCaseByRequestId(db, b.requestId);
      const open = async () => {
        if ((b.serviceUnitId === undefined) === (b.violatorId === undefined)) throw domainRefusal(domainError('PENALTY_PARTY_REQUIRED'));
        const partyType: PenaltyPartyType = b.serviceUnitId !== undefined ? 'service_unit' : 'violator';
        if (partyType === 'service_unit' && !(await getServiceUnit(db, b.serviceUnitId!)))
          throw domainRefusal(domainError('UNKNOWN_SERVICE_UNIT'));
        if (partyType === 'violator' && !(await getViolator(db, b.violatorId!))) throw domainRefusal(domainError('UNKNOWN_VIOLATOR'));
        const refused = checkCase({ partyType, conduct: b.conduct ?? null, breaches: b.breaches, facts: b.facts });
        if (refused) throw domainRefusal(refused);
        const openedAt = new Date();
        const id = mintCaseId('CF', beijingDate(openedAt.getTime()));
        request.auditTarget = penaltyCaseWorkflowId(id);
        return insertCaseOnce(db, {
          id,
          requestId: b.requestId,
          workflowId: penaltyCaseWorkflowId(id),
          partyType,
          serviceUnitId: b.serviceUnitId ?? null,
          violatorId: b.violatorId ?? null,
          conduct: b.conduct ?? null,
          breaches: b.breaches,
          facts: b.facts,
          evidence: b.evidence ?? null,
          openedBy: actor.userId,
          openedAt,
        });
      };
      const authority = await getAuthorityDepartment(db);
      if (!authority) throw domainRefusal(domainError('UNKNOWN_DEPARTMENT', '未设置县政务数据资源主管部门'));
      const { row, created } = await startProcess<PenaltyCaseRow>(app.deps, {
        insert: async () => (again ? { row: again, created: false } : open()),
        onRepeat: (r) => {
          request.auditTarget = r.workflowId;
        },
        workflow: (r) => ({
          workflow: 'penaltyCaseWorkflow',
          workflowId: r.workflowId,
          args: [
            {
              caseId: r.id,
              partyType: r.partyType,
              conduct: r.conduct,
              breaches: r.breaches,
              departmentCode: authority.code,
              openedOn: beijingDate(r.openedAt.getTime()),
              openedBy: actor,
            },
          ],
          process: { type: 'penalty_case', departmentCode: authority.code },
        }),
      });
      return reply.status(created ? 201 : 200).send(penaltyCaseView((await getCase(db, row.id))!));
    },
  );

  app.get(
    '/penalty-cases',
    {
      config: { roles: PENALTY_READERS, auditRead: true },
      schema: {
        summary: '处罚案件列表，最近立案的在前',
        tags: ['penalties'],
        querystring: PenaltyCaseQuery,
        response: { 200: Type.Object({ items: Type.Array(PenaltyCaseView) }), ...errors() },
      },
    },
    async (request) => ({ items: (await listCases(db, request.query)).map(penaltyCaseView) }),
  );

  app.get(
    '/penalty-cases/:id',
    {
      config: { roles: PENALTY_READERS, auditRead: true },
      schema: {
        summary: '处罚案件：违法事项、告知、陈述申辩、责令改正、警告、罚款或移送，及当前期限',
        tags: ['penalties'],
        params: ProcessIdParams,
        response: { 200: PenaltyCaseView, ...errors(404) },
      },
    },
    async (request) => penaltyCaseView(await caseFor(request, request.params.id, 'read')),
  );

  for (const [path, update, body, summary] of STEPS) {
    app.post(
      `/penalty-cases/:id/${path}`,
      {
        config: { roles: PENALTY_WRITERS },
        schema: {
          summary,
          tags: ['penalties'],
          params: ProcessIdParams,
          body,
          response: { 200: PenaltyCaseView, ...errors(404, 409, 422) },
        },
      },
      async (request) => {
        const found = await caseFor(request, request.params.id, 'work');
        const args = { actor: callerOf(request), ...(request.body as object) };
        // biome-ignore lint/suspicious/noExplicitAny: each step's body is its update's input, checked by its schema
        await temporal.workflow.getHandle(found.penaltyCase.workflowId).executeUpdate(update as any, { args: [args] });
        return penaltyCaseView((await getCase(db, found.penaltyCase.id))!);
      },
    );
  }
};

export default routes;
