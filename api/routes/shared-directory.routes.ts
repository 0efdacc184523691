// 第三十一条: the 共享目录. The authority publishes it with a catalog version; every department
// browses and searches every department's published entries (metadata, never data) and starts
// a sharing request from one through POST /v1/sharing/requests.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { CatalogEntry } from '../../domain/catalog';
import { beijingIso } from '../../domain/deadline';
import { domainError } from '../../domain/errors';
import { checkPublication } from '../../domain/shared-directory';
import { catalogAt, latestCatalogVersion } from '../../db/repositories/catalog.repo';
import {
  type DirectoryPublicationRow,
  departmentNames,
  insertPublication,
  latestPublication,
  listPublications,
  publishedDirectory,
} from '../../db/repositories/shared-directory.repo';
import { domainRefusal, notFound } from '../errors';
import { callerOf } from '../plugins/auth';
import { EntryParams } from '../schemas/catalog.schema';
import { errors } from '../schemas/common';
import { DirectoryEntryView, DirectoryQuery, DirectoryView, PublicationView, PublishBody } from '../schemas/shared-directory.schema';

const DIRECTORY_READERS = ['department_staff', 'department_head', 'authority_reviewer', 'auditor'] as const;

const publicationView = (p: DirectoryPublicationRow) => ({ ...p, publishedAt: beijingIso(p.publishedAt.getTime()) });

const entryView = (e: CatalogEntry, names: ReadonlyMap<string, string>) => ({
  code: e.code,
  name: e.name,
  departmentCode: e.departmentCode,
  departmentName: names.get(e.departmentCode) ?? '',
  dataItems: e.dataItems,
  summary: e.summary,
  sharingType: e.sharingType,
  sharingBasis: e.sharingBasis,
  sharingMethod: e.sharingMethod,
  updateCycle: e.updateCycle,
  updateFrequency: e.updateFrequency,
  usageRequirements: e.usageRequirements,
  encodingFormat: e.encodingFormat,
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.get(
    '/shared-directory',
    {
      config: { roles: DIRECTORY_READERS },
      schema: {
        summary: '共享目录：全县各部门已发布的目录条目（只有元数据，没有数据），可按名称、部门、共享类型查找（第三十一条）',
        tags: ['catalog'],
        querystring: DirectoryQuery,
        response: { 200: DirectoryView, ...errors() },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      const [found, names] = await Promise.all([publishedDirectory(db, filter), departmentNames(db)]);
      if (!found) return { published: null, total: 0, items: [] };
      return {
        published: publicationView(found.published),
        total: found.entries.length,
        items: found.entries.slice(offset, offset + limit).map((e) => entryView(e, names)),
      };
    },
  );

  app.get(
    '/shared-directory/entries/:code',
    {
      config: { roles: DIRECTORY_READERS },
      schema: {
        summary: '共享目录中的一个条目；未发布或已撤销的条目 404',
        tags: ['catalog'],
        params: EntryParams,
        response: { 200: DirectoryEntryView, ...errors(404) },
      },
    },
    async (request) => {
      const [found, names] = await Promise.all([publishedDirectory(db, {}), departmentNames(db)]);
      const entry = found?.entries.find((e) => e.code === request.params.code);
      if (!entry) throw notFound('共享目录条目');
      return entryView(entry, names);
    },
  );

  app.get(
    '/shared-directory/publications',
    {
      config: { roles: DIRECTORY_READERS },
      schema: {
        summary: '共享目录的历次发布',
        tags: ['catalog'],
        response: { 200: Type.Object({ items: Type.Array(PublicationView) }), ...errors() },
      },
    },
    async () => ({ items: (await listPublications(db)).map(publicationView) }),
  );

  app.post(
    '/shared-directory/publications',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '主管部门随目录版本发布共享目录（第三十一条）',
        tags: ['catalog'],
        body: PublishBody,
        response: { 201: PublicationView, ...errors(409) },
      },
    },
    async (request, reply) => {
      const latest = await latestCatalogVersion(db);
      const version = request.body.catalogVersion ?? latest;
      request.auditTarget = `shared-directory-v${version}`;
      const last = await latestPublication(db);
      const refused = checkPublication(version, latest, last?.catalogVersion ?? null);
      if (refused) throw domainRefusal(refused);
      const entryCount = (await catalogAt(db, version)).length;
      const row = await insertPublication(db, {
        catalogVersion: version,
        publishedBy: callerOf(request).userId,
        publishedAt: new Date(),
        entryCount,
      });
      if (!row) throw domainRefusal(domainError('DIRECTORY_ALREADY_PUBLISHED'));
      return reply.status(201).send(publicationView(row));
    },
  );
};

export default routes;
