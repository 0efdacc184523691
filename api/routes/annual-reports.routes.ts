// 第四十六条: the yearly reports. Departments submit theirs (pre-filled from the system's own
// records), the authority its own department report too; the authority compares reported and
// system figures side by side, compiles and submits the county report; the county government
// submits to the city. Every decision is the workflow's validators' or domain/annual-report.ts's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { beijingIso } from '../../domain/deadline';
import { checkYearFileable, checkYearOpenable, filesFor } from '../../domain/annual-report';
import type { DomainError } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import { beijingDate } from '../../domain/working-days';
import { getCountyReport, listYear, systemFigures, yearFigures } from '../../db/repositories/annual-reports.repo';
import { getProcess, registryDeadline } from '../../db/repositories/registry.repo';
import { submitCountyReport, submitDepartmentReport, submitToCity } from '../../workflows/messages';
import { annualReportWorkflowId } from '../../workflows/options';
import { callerOf } from '../plugins/auth';
import { domainRefusal, httpError, notFound } from '../errors';
import { ReportContent, SubmissionRecord, YearDepartmentParams, YearFigures, YearParams, YearView } from '../schemas/annual-reports.schema';
import { errors } from '../schemas/common';
import { startOnce } from '../start-process';

const COUNTY_WIDE: Role[] = ['authority_reviewer', 'auditor', 'county_government'];
const DEPT: Role[] = ['department_staff', 'department_head'];
/** who files a department report: a department's own officials, and the authority's for its own (第四十六条第一款) */
const FILERS: Role[] = [...DEPT, 'authority_reviewer'];

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, temporal } = app.deps;
  const today = () => beijingDate((app.deps.clock ?? Date.now)());
  const refuseIf = (refused: DomainError | null) => {
    if (refused) throw domainRefusal(refused);
  };

  /** The workflow that owns year `year`, or 404 when the year's process has not been opened. */
  async function yearWorkflow(request: FastifyRequest, year: number): Promise<string> {
    const [first] = await listYear(db, year);
    if (!first) throw httpError(404, 'REPORT_YEAR_NOT_OPEN', `${year} 年度报告流程尚未开始`);
    request.auditTarget = first.workflowId;
    return first.workflowId;
  }

  /**
   * A department works only its own report, the authority's reviewers only the authority's own:
   * another department's is not found.
   */
  function ownDepartment(request: FastifyRequest, code: string): void {
    const caller = callerOf(request);
    const authority = caller.role === 'authority_reviewer' ? caller.departmentCode : null;
    if (!filesFor(caller, authority) || caller.departmentCode !== code) throw notFound('部门年度报告');
  }

  app.post(
    '/annual-reports/:year/start',
    {
      config: { roles: ['system_admin'] },
      schema: {
        summary: '手动开始某年度报告流程（通常由每年 12 月 1 日的计划任务自动开始）',
        tags: ['annual-reports'],
        params: YearParams,
        response: { 200: Type.Object({ workflowId: Type.String() }), ...errors(409) },
      },
    },
    async (request) => {
      // No year after the current one; no past year whose every date is over (domain/annual-report.ts).
      refuseIf(checkYearOpenable(request.params.year, today()));
      const workflowId = annualReportWorkflowId(request.params.year);
      request.auditTarget = workflowId;
      await startOnce(app.deps, { workflow: 'annualReportWorkflow', workflowId, args: [{ year: request.params.year }] });
      return { workflowId };
    },
  );

  app.get(
    '/annual-reports/:year',
    {
      config: { roles: [...COUNTY_WIDE, ...DEPT], auditRead: true },
      schema: {
        summary: '年度报告报送情况：哪些部门已报、未报、逾期',
        tags: ['annual-reports'],
        params: YearParams,
        response: { 200: YearView, ...errors(404) },
      },
    },
    async (request) => {
      const { year } = request.params;
      const workflowId = await yearWorkflow(request, year);
      const caller = callerOf(request);
      const [rows, process, county] = await Promise.all([listYear(db, year), getProcess(db, workflowId), getCountyReport(db, year)]);
      const mine = COUNTY_WIDE.includes(caller.role) ? rows : rows.filter((r) => r.departmentCode === caller.departmentCode);
      return {
        year,
        workflowId,
        stage: process?.stage ?? 'starting',
        deadline: registryDeadline(process),
        departments: mine.map((r) => ({
          departmentCode: r.departmentCode,
          dueDate: r.dueDate,
          submittedAt: r.submittedAt ? beijingIso(r.submittedAt.getTime()) : null,
          late: r.late,
        })),
        countyReport:
          county && COUNTY_WIDE.includes(caller.role)
            ? {
                submittedAt: beijingIso(county.submittedAt.getTime()),
                late: county.late,
                citySubmittedAt: county.citySubmittedAt ? beijingIso(county.citySubmittedAt.getTime()) : null,
                cityLate: county.cityLate,
                compiled: county.compiled,
              }
            : null,
      };
    },
  );

  app.get(
    '/annual-reports/:year/departments/:code/draft',
    {
      config: { roles: FILERS },
      schema: {
        summary: '本部门年度报告草稿：系统已有的数据预先填好（主管部门的本部门报告同样）',
        tags: ['annual-reports'],
        params: YearDepartmentParams,
        response: { 200: ReportContent, ...errors(404) },
      },
    },
    async (request) => {
      ownDepartment(request, request.params.code);
      refuseIf(checkYearFileable(request.params.year, today()));
      return { ...(await systemFigures(db, request.params.year, request.params.code)), securityWork: '', summary: '' };
    },
  );

  app.post(
    '/annual-reports/:year/departments/:code',
    {
      config: { roles: FILERS },
      schema: {
        summary: '报送本部门年度政务数据资源管理情况（12 月 31 日前；主管部门报送其本部门报告）',
        tags: ['annual-reports'],
        params: YearDepartmentParams,
        body: ReportContent,
        response: { 200: SubmissionRecord, ...errors(404, 409, 422) },
      },
    },
    async (request) => {
      ownDepartment(request, request.params.code);
      refuseIf(checkYearFileable(request.params.year, today()));
      const workflowId = await yearWorkflow(request, request.params.year);
      return temporal.workflow
        .getHandle(workflowId)
        .executeUpdate(submitDepartmentReport, { args: [{ actor: callerOf(request), content: request.body }] });
    },
  );

  app.get(
    '/annual-reports/:year/figures',
    {
      config: { roles: COUNTY_WIDE, auditRead: true },
      schema: {
        summary: '各部门报送的数字与系统统计并列对照（不一致的逐项列出，不直接相加）',
        tags: ['annual-reports'],
        params: YearParams,
        response: { 200: YearFigures, ...errors(404) },
      },
    },
    async (request) => {
      await yearWorkflow(request, request.params.year);
      return { year: request.params.year, departments: await yearFigures(db, request.params.year) };
    },
  );

  app.post(
    '/annual-reports/:year/county-report',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '主管部门汇总并向县人民政府提交县级年度报告（次年 1 月 15 日前）',
        tags: ['annual-reports'],
        params: YearParams,
        body: Type.Object({ summary: Type.String({ minLength: 1, maxLength: 10_000 }) }, { additionalProperties: false }),
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...errors(404, 409) },
      },
    },
    async (request) => {
      const workflowId = await yearWorkflow(request, request.params.year);
      return temporal.workflow
        .getHandle(workflowId)
        .executeUpdate(submitCountyReport, { args: [{ actor: callerOf(request), summary: request.body.summary }] });
    },
  );

  app.post(
    '/annual-reports/:year/city-submission',
    {
      config: { roles: ['county_government'] },
      schema: {
        summary: '县人民政府向市人民政府报送年度报告（次年 1 月 31 日前）',
        tags: ['annual-reports'],
        params: YearParams,
        body: Type.Object({ note: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: SubmissionRecord, ...errors(404, 409) },
      },
    },
    async (request) => {
      const workflowId = await yearWorkflow(request, request.params.year);
      return temporal.workflow
        .getHandle(workflowId)
        .executeUpdate(submitToCity, { args: [{ actor: callerOf(request), note: request.body.note }] });
    },
  );
};

export default routes;
