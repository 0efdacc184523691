// 第四十五条: the yearly evaluation (JSON or CSV), the authority's indicator set of a year (edited
// until published, then frozen), and the result sent to the county government. All read the
// registry, never Temporal.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { DEFAULT_INDICATORS, evaluationCsv, weightsError } from '../../domain/evaluation';
import { domainError } from '../../domain/errors';
import {
  getIndicatorSet,
  listSubmissions,
  publishIndicatorSet,
  recordSubmission,
  saveIndicatorSet,
  type SubmissionRow,
} from '../../db/repositories/evaluation.repo';
import { callerOf } from '../plugins/auth';
import { domainRefusal } from '../errors';
import { errors } from '../schemas/common';
import {
  EvaluationQuery,
  EvaluationView,
  IndicatorSetBody,
  IndicatorSetView,
  SubmissionView,
  YearParams,
} from '../schemas/evaluation.schema';
import { EVALUATED_TYPES, indicatorSetView, loadEvaluation, visibleTo } from '../views/evaluation';

const DEPT = ['department_staff', 'department_head'] as const;
const COUNTY_READERS = ['authority_reviewer', 'county_government', 'auditor'] as const;
const AUTHORITY = ['authority_reviewer'] as const;

const submissionView = (s: SubmissionRow) => ({
  id: s.id,
  year: s.year,
  digest: s.digest,
  submittedBy: s.submittedBy,
  submittedAt: beijingIso(s.submittedAt.getTime()),
  result: JSON.parse(s.result) as unknown,
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/evaluation',
    {
      config: { roles: [...COUNTY_READERS, ...DEPT], auditRead: true },
      schema: {
        summary: '年度评价（第四十五条）：各部门汇聚、共享、应用、安全得分与总分排名，主管部门与县政府各自的评价另列（JSON 或 CSV）',
        description: '只计各责任主体本身已认定（confirmed）的违规；部门用户只能看到本部门一行。',
        tags: ['supervision'],
        querystring: EvaluationQuery,
        response: {
          200: {
            description: 'JSON，或 format=csv 时为带中文表头的 CSV（UTF-8，带 BOM）',
            content: { 'application/json': { schema: EvaluationView }, 'text/csv': { schema: Type.String() } },
          },
          ...errors(),
        },
      },
    },
    async (request, reply) => {
      const { year, format } = request.query;
      const now = new Date();
      const e = visibleTo(callerOf(request), await loadEvaluation(db, year, now));
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="evaluation-${year}.csv"`)
          .send(`\uFEFF${evaluationCsv(EVALUATED_TYPES, e.departments)}`);
      }
      return { year, generatedAt: beijingIso(now.getTime()), ...e };
    },
  );

  app.get(
    '/evaluation/indicators/:year',
    {
      config: { roles: [...COUNTY_READERS, ...DEPT] },
      schema: {
        summary: '年度评价指标：各维度权重与计分参数；未设定的年度适用默认指标',
        tags: ['supervision'],
        params: YearParams,
        response: { 200: IndicatorSetView, ...errors() },
      },
    },
    async (request) => indicatorSetView(request.params.year, await getIndicatorSet(db, request.params.year)),
  );

  app.put(
    '/evaluation/indicators/:year',
    {
      config: { roles: AUTHORITY },
      schema: {
        summary: '主管部门设定年度评价指标（发布前可修改）',
        tags: ['supervision'],
        params: YearParams,
        body: IndicatorSetBody,
        response: { 200: IndicatorSetView, ...errors(409) },
      },
    },
    async (request) => {
      const { year } = request.params;
      request.auditTarget = `evaluation-${year}`;
      const { weights, parameters = DEFAULT_INDICATORS.parameters } = request.body;
      const wrong = weightsError(weights);
      if (wrong) throw domainRefusal(wrong);
      const row = await saveIndicatorSet(db, year, { weights, parameters }, callerOf(request).userId);
      if (!row) throw domainRefusal(domainError('EVALUATION_INDICATORS_PUBLISHED'));
      return indicatorSetView(year, row);
    },
  );

  app.post(
    '/evaluation/indicators/:year/publish',
    {
      config: { roles: AUTHORITY },
      schema: {
        summary: '主管部门发布年度评价指标；发布后不能再修改',
        tags: ['supervision'],
        params: YearParams,
        response: { 200: IndicatorSetView, ...errors(404, 409) },
      },
    },
    async (request) => {
      const { year } = request.params;
      request.auditTarget = `evaluation-${year}`;
      const row = await publishIndicatorSet(db, year, callerOf(request).userId);
      if (row) return indicatorSetView(year, row);
      const existing = await getIndicatorSet(db, year);
      throw domainRefusal(domainError(existing ? 'EVALUATION_INDICATORS_PUBLISHED' : 'EVALUATION_INDICATORS_NOT_FOUND'));
    },
  );

  app.post(
    '/evaluation/:year/submissions',
    {
      config: { roles: AUTHORITY },
      schema: {
        summary: '主管部门将年度评价结果报送县人民政府（目标考核），并通知县政府',
        tags: ['supervision'],
        params: YearParams,
        response: { 201: SubmissionView, ...errors(409) },
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      request.auditTarget = `evaluation-${year}`;
      const set = await getIndicatorSet(db, year);
      if (!set?.publishedAt) throw domainRefusal(domainError('EVALUATION_INDICATORS_NOT_PUBLISHED'));
      const now = new Date();
      const result = { year, generatedAt: beijingIso(now.getTime()), ...(await loadEvaluation(db, year, now)) };
      const row = await recordSubmission(db, {
        year,
        result,
        by: callerOf(request).userId,
        message: `县政务数据资源主管部门报送 ${year} 年度政务数据工作评价结果（第四十五条），请用于目标考核`,
      });
      return reply.code(201).send(submissionView(row));
    },
  );

  app.get(
    '/evaluation/:year/submissions',
    {
      config: { roles: COUNTY_READERS, auditRead: true },
      schema: {
        summary: '年度评价结果的报送记录：报送人、时间、结果及其摘要，最新的在前',
        tags: ['supervision'],
        params: YearParams,
        response: { 200: Type.Object({ items: Type.Array(SubmissionView) }), ...errors() },
      },
    },
    async (request) => ({ items: (await listSubmissions(db, request.params.year)).map(submissionView) }),
  );
};

export default routes;
