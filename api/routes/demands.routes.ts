// 第十六条: each department's demand list (需求清单), and the county-wide catalog list and demand
// list the authority exports, as JSON or CSV, to report to the city.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { type CsvCell, toCsv } from '../../domain/csv';
import { CATALOG_FIELDS } from '../../domain/catalog';
import { beijingIso } from '../../domain/deadline';
import { ownDepartment } from '../../domain/roles';
import { getCatalogEntry, getDepartment, latestCatalogVersion, listEntries, toEntry } from '../../db/repositories/catalog.repo';
import { type DemandRow, insertDemand, listDemands } from '../../db/repositories/demands.repo';
import { httpError } from '../errors';
import { callerOf } from '../plugins/auth';
import { DemandBody, DemandView, ExportParams, ExportQuery } from '../schemas/catalog.schema';
import { errors } from '../schemas/common';

const DEPT = ['department_staff', 'department_head'] as const;

const demandView = (d: DemandRow) => ({ ...d, createdAt: beijingIso(d.createdAt.getTime()) });

// The export's columns: the entry's code and owner around its 第十五条 metadata, then its version.
const CATALOG_COLUMNS = ['code', 'name', 'departmentCode', ...CATALOG_FIELDS.filter((f) => f !== 'name'), 'version'];
const DEMAND_COLUMNS = [
  'id',
  'departmentCode',
  'providerDepartmentCode',
  'resourceCode',
  'name',
  'dataItems',
  'purpose',
  'duty',
  'createdAt',
] as const;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.post(
    '/catalog/demands',
    {
      config: { roles: DEPT },
      schema: {
        summary: '登记本部门需要其他部门提供的数据（需求清单，第十六条）',
        tags: ['catalog'],
        body: DemandBody,
        response: { 201: DemandView, ...errors() },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      const body = request.body;
      if (body.providerDepartmentCode) {
        const provider = await getDepartment(db, body.providerDepartmentCode);
        if (!provider?.active || provider.kind !== 'department') {
          throw httpError(400, 'UNKNOWN_DEPARTMENT', `部门不存在：${body.providerDepartmentCode}`, [
            { path: 'body.providerDepartmentCode', message: '部门不存在' },
          ]);
        }
        if (provider.code === user.departmentCode) {
          throw httpError(400, 'DEMAND_OWN_DEPARTMENT', '需求清单列的是需要其他部门提供的数据', [
            { path: 'body.providerDepartmentCode', message: '不能是本部门' },
          ]);
        }
      }
      if (body.resourceCode) {
        const resource = await getCatalogEntry(db, body.resourceCode);
        if (resource?.status !== 'active' || (body.providerDepartmentCode && resource.departmentCode !== body.providerDepartmentCode)) {
          throw httpError(400, 'UNKNOWN_RESOURCE', `目录中没有该部门的资源 ${body.resourceCode}`, [
            { path: 'body.resourceCode', message: '资源不存在或不属于提供部门' },
          ]);
        }
      }
      const row = await insertDemand(db, { ...body, departmentCode: user.departmentCode!, createdByUserId: user.userId });
      request.auditTarget = `demand-${row.id}`;
      return reply.status(201).send(demandView(row));
    },
  );

  app.get(
    '/catalog/demands',
    {
      config: { roles: [...DEPT, 'authority_reviewer', 'auditor'] },
      schema: {
        summary: '需求清单：部门看到本部门的，主管部门和审计人员看到全县的',
        tags: ['catalog'],
        response: { 200: Type.Object({ items: Type.Array(DemandView) }), ...errors() },
      },
    },
    async (request) => {
      return { items: (await listDemands(db, ownDepartment(callerOf(request)))).map(demandView) };
    },
  );

  app.get(
    '/catalog/export/:list',
    {
      config: { roles: ['authority_reviewer', 'auditor'], auditRead: true },
      schema: {
        summary: '导出县级目录清单或需求清单（JSON 或 CSV），报送市政务数据资源主管部门（第十六条）',
        tags: ['catalog'],
        params: ExportParams,
        querystring: ExportQuery,
        response: {
          200: {
            content: {
              'application/json': {
                schema: Type.Object({
                  list: Type.String(),
                  catalogVersion: Type.Integer(),
                  exportedAt: Type.String(),
                  items: Type.Array(Type.Unknown()),
                }),
              },
              'text/csv': { schema: Type.String({ description: 'UTF-8（带 BOM）CSV，首行为字段名' }) },
            },
          },
          ...errors(),
        },
      },
    },
    async (request, reply) => {
      const { list } = request.params;
      request.auditTarget = `export-${list}`;
      const catalogVersion = await latestCatalogVersion(db);
      const items =
        list === 'catalog' ? (await listEntries(db, { status: 'active' })).map(toEntry) : (await listDemands(db)).map(demandView);
      if (request.query.format === 'json') return { list, catalogVersion, exportedAt: beijingIso(Date.now()), items };
      const columns: readonly string[] = list === 'catalog' ? CATALOG_COLUMNS : DEMAND_COLUMNS;
      const csv = toCsv(
        columns,
        items.map((i) => columns.map((c) => (i as Record<string, CsvCell>)[c])),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${list}-v${catalogVersion}.csv"`)
        .send(`\uFEFF${csv}`);
    },
  );
};

export default routes;
