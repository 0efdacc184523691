// 第十六条: each department's demand list (需求清单), each demand matched against the published
// 共享目录 and turned into a sharing request in one step (SPEC §3.7), the unmatched ones listed
// for the authority, and the county-wide catalog list and demand list exported for the city.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { ownDepartment } from '../../domain/roles';
import { getCatalogEntry, getDepartment } from '../../db/repositories/catalog.repo';
import { type DemandRow, getDemand, insertDemand, linkDemand, listDemands } from '../../db/repositories/demands.repo';
import { departmentNames, publishedDirectory } from '../../db/repositories/shared-directory.repo';
import { getRequestByClientId, getSharingRequest } from '../../db/repositories/sharing.repo';
import type { DbOrTx } from '../../db/client';
import { domainError } from '../../domain/errors';
import { demandRequestItems, matchDemand } from '../../domain/shared-directory';
import { fileSharingRequest } from '../sharing-start';
import { countyList, demandRow } from '../county-lists';
import { requestView } from '../views/sharing';
import { SharingRequestView } from '../schemas/sharing.schema';
import { domainRefusal, httpError, notFound } from '../errors';
import { callerOf } from '../plugins/auth';
import { DemandBody, DemandRequestBody, DemandView, ExportParams, ExportQuery } from '../schemas/catalog.schema';
import { errors, IntegerId } from '../schemas/common';

const DEPT = ['department_staff', 'department_head'] as const;

type Match = { code: string; name: string; departmentName: string };
const demandView = (d: DemandRow, matches: Match[]) => ({ ...demandRow(d), matches });

/** Each demand with the published entries that may answer it (none before the first publication). */
async function withMatches(db: DbOrTx, rows: DemandRow[]) {
  const [found, names] = await Promise.all([publishedDirectory(db, {}), departmentNames(db)]);
  return rows.map((d) => {
    const matches = matchDemand(d, found?.entries ?? []).map((e) => ({
      code: e.code,
      name: e.name,
      departmentName: names.get(e.departmentCode) ?? '',
    }));
    return demandView(d, matches);
  });
}

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
      return reply.status(201).send((await withMatches(db, [row]))[0]!);
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
      return { items: await withMatches(db, await listDemands(db, ownDepartment(callerOf(request)))) };
    },
  );

  app.get(
    '/catalog/demands/unmatched',
    {
      config: { roles: ['authority_reviewer', 'auditor'] },
      schema: {
        summary: '共享目录中没有可对应条目、也未转为共享申请的需求（供主管部门协调）',
        tags: ['catalog'],
        response: { 200: Type.Object({ items: Type.Array(DemandView) }), ...errors() },
      },
    },
    async () => {
      const all = await withMatches(db, await listDemands(db));
      return { items: all.filter((d) => d.matches.length === 0 && !d.sharingRequestId) };
    },
  );

  app.post(
    '/catalog/demands/:id/sharing-request',
    {
      config: { roles: DEPT, startsProcess: true },
      schema: {
        summary: '需求一步转为共享申请：用需求的用途和职能，申请共享目录中对应条目的数据项（SPEC §3.7）',
        tags: ['catalog'],
        params: Type.Object({ id: IntegerId() }, { additionalProperties: false }),
        body: DemandRequestBody,
        response: { 200: SharingRequestView, 201: SharingRequestView, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const demand = await getDemand(db, request.params.id);
      if (!demand || demand.departmentCode !== callerOf(request).departmentCode) throw notFound('需求');
      const found = await publishedDirectory(db, {});
      const entry = matchDemand(demand, found?.entries ?? []).find((e) => e.code === request.body.resourceCode);
      if (!entry) throw domainRefusal(domainError('DEMAND_NOT_MATCHED', request.body.resourceCode));
      if (demand.sharingRequestId && demand.sharingRequestId !== (await getRequestByClientId(db, request.body.requestId))?.id)
        throw domainRefusal(domainError('DEMAND_ALREADY_REQUESTED', demand.sharingRequestId));
      const { row, created } = await fileSharingRequest(request, {
        requestId: request.body.requestId,
        resourceCode: entry.code,
        dataItems: demandRequestItems(demand, entry),
        purpose: demand.purpose,
        duty: demand.duty,
      });
      await linkDemand(db, demand.id, row.id);
      return reply.status(created ? 201 : 200).send(requestView((await getSharingRequest(db, row.id))!));
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
      const { catalogVersion, items, file } = await countyList(db, list);
      if (request.query.format === 'json') return { list, catalogVersion, exportedAt: beijingIso(Date.now()), items };
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${list}-v${catalogVersion}.csv"`)
        .send(file);
    },
  );
};

export default routes;
