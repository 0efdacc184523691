// 第十五条, 第十七条: the catalog as it stands, every past version, the diff between two, and each
// department's responsibility list. Departments read their own entries and list; the authority
// and auditors read the county's, and auditors' reads of the history are audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { diffCatalogs } from '../../domain/catalog';
import { beijingIso } from '../../domain/deadline';
import { canReadDepartment, ownDepartment } from '../../domain/roles';
import {
  catalogAt,
  getCatalogEntry,
  getCatalogVersion,
  getResponsibilityList,
  latestCatalogVersion,
  listCatalogVersions,
  listEntries,
  listEntryVersions,
  toEntry,
} from '../../db/repositories/catalog.repo';
import { callerOf } from '../plugins/auth';
import { httpError, notFound } from '../errors';
import {
  CatalogDiffView,
  CatalogEntryView,
  DepartmentCode,
  DepartmentParams,
  DiffQuery,
  EntryParams,
  ResponsibilityListView,
  VersionParams,
  VersionView,
} from '../schemas/catalog.schema';
import { errors, IntegerId } from '../schemas/common';

const READERS = ['department_staff', 'department_head', 'authority_reviewer', 'auditor'] as const;
const COUNTY = ['authority_reviewer', 'auditor'] as const;

/** Departments are held to their own records; the authority and auditors see the county's. */
const ownDepartments = (request: FastifyRequest): string[] | undefined => ownDepartment(callerOf(request));

const versionView = (v: NonNullable<Awaited<ReturnType<typeof getCatalogVersion>>>) => ({
  ...v,
  approvedAt: beijingIso(v.approvedAt.getTime()),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  async function versionOr404(version: number) {
    const row = await getCatalogVersion(db, version);
    if (!row) throw notFound(`目录第 ${version} 版`);
    return row;
  }

  app.get(
    '/catalog/entries',
    {
      config: { roles: READERS },
      schema: {
        summary: '现行目录（部门只看到本部门的条目）',
        tags: ['catalog'],
        querystring: Type.Object(
          {
            departmentCode: Type.Optional(DepartmentCode),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('withdrawn')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ catalogVersion: Type.Integer(), items: Type.Array(CatalogEntryView) }), ...errors() },
      },
    },
    async (request) => {
      const { departmentCode, status } = request.query;
      const own = ownDepartments(request);
      const departments = departmentCode ? (own && !own.includes(departmentCode) ? [] : [departmentCode]) : own;
      const rows = await listEntries(db, { departments, status: status ?? 'active' });
      return { catalogVersion: await latestCatalogVersion(db), items: rows.map(toEntry) };
    },
  );

  app.get(
    '/catalog/entries/:code',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '目录条目及其各版本',
        tags: ['catalog'],
        params: EntryParams,
        response: {
          200: Type.Object({
            entry: CatalogEntryView,
            versions: Type.Array(
              Type.Object({ entryVersion: Type.Integer(), catalogVersion: Type.Integer(), action: Type.String(), entry: CatalogEntryView }),
            ),
          }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const row = await getCatalogEntry(db, request.params.code);
      if (!row || !canReadDepartment(callerOf(request), row.departmentCode)) throw notFound('目录条目');
      request.auditTarget = `catalog-entry-${row.code}`;
      return { entry: toEntry(row), versions: await listEntryVersions(db, row.code) };
    },
  );

  app.get(
    '/catalog/versions',
    {
      config: { roles: COUNTY, auditRead: true },
      schema: {
        summary: '目录版本历史',
        tags: ['catalog'],
        response: { 200: Type.Object({ items: Type.Array(VersionView) }), ...errors() },
      },
    },
    async () => ({ items: (await listCatalogVersions(db)).map(versionView) }),
  );

  app.get(
    '/catalog/versions/:version',
    {
      config: { roles: COUNTY, auditRead: true },
      schema: {
        summary: '任一历史版本的完整目录',
        tags: ['catalog'],
        params: VersionParams,
        response: { 200: Type.Object({ version: VersionView, items: Type.Array(CatalogEntryView) }), ...errors(404) },
      },
    },
    async (request) => {
      const version = await versionOr404(request.params.version);
      request.auditTarget = `catalog-version-${version.version}`;
      return { version: versionView(version), items: await catalogAt(db, version.version) };
    },
  );

  app.get(
    '/catalog/diff',
    {
      config: { roles: COUNTY, auditRead: true },
      schema: {
        summary: '两个目录版本之间的差异',
        tags: ['catalog'],
        querystring: DiffQuery,
        response: { 200: CatalogDiffView, ...errors(404) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from > to)
        throw httpError(400, 'VERSION_ORDER', '起始版本不得晚于目标版本', [{ path: 'querystring.from', message: '应不大于 to' }]);
      await Promise.all([versionOr404(from), versionOr404(to)]);
      request.auditTarget = `catalog-diff-${from}-${to}`;
      return diffCatalogs(from, await catalogAt(db, from), to, await catalogAt(db, to));
    },
  );

  app.get(
    '/catalog/responsibility-lists/:departmentCode',
    {
      config: { roles: READERS, auditRead: true },
      schema: {
        summary: '部门的政务数据资源采集责任清单（第十七条），可指定目录版本',
        tags: ['catalog'],
        params: DepartmentParams,
        querystring: Type.Object({ version: Type.Optional(IntegerId()) }, { additionalProperties: false }),
        response: { 200: ResponsibilityListView, ...errors(404) },
      },
    },
    async (request) => {
      const { departmentCode } = request.params;
      if (!canReadDepartment(callerOf(request), departmentCode)) throw notFound('责任清单');
      const list = await getResponsibilityList(db, departmentCode, request.query.version);
      if (!list) throw notFound('责任清单');
      request.auditTarget = `responsibility-list-${departmentCode}`;
      return { ...list, generatedAt: beijingIso(list.generatedAt.getTime()) };
    },
  );
};

export default routes;
