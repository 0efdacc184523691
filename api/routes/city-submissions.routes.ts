// 第十六条, SPEC §3.7: the report of the county 目录清单 and 需求清单 to the city as a recorded
// submission — catalog version, day, who, and the SHA-256 of each file as downloaded from
// /v1/catalog/export — written to city_submissions and, as every action, to the audit log.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { beijingDate } from '../../domain/working-days';
import { type CitySubmissionRow, insertCitySubmission, listCitySubmissions } from '../../db/repositories/shared-directory.repo';
import { countyList } from '../county-lists';
import { callerOf } from '../plugins/auth';
import { errors } from '../schemas/common';

const sha256 = (file: string): string => createHash('sha256').update(file, 'utf8').digest('hex');

const SubmissionView = Type.Object({
  id: Type.Integer(),
  catalogVersion: Type.Integer(),
  submittedOn: Type.String(),
  submittedBy: Type.String(),
  submittedAt: Type.String(),
  catalogDigest: Type.String({ description: '目录清单 CSV 文件的 SHA-256' }),
  catalogRows: Type.Integer(),
  demandDigest: Type.String({ description: '需求清单 CSV 文件的 SHA-256' }),
  demandRows: Type.Integer(),
  note: Type.Union([Type.Null(), Type.String()]),
});

const submissionView = (s: CitySubmissionRow) => ({ ...s, submittedAt: beijingIso(s.submittedAt.getTime()) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.post(
    '/catalog/city-submissions',
    {
      config: { roles: ['authority_reviewer'] },
      schema: {
        summary: '记录向市政务数据资源主管部门报送县级目录清单和需求清单（第十六条）：目录版本、日期、报送人、文件摘要',
        tags: ['catalog'],
        body: Type.Object(
          { note: Type.Optional(Type.String({ maxLength: 500, description: '报送说明' })) },
          { additionalProperties: false },
        ),
        response: { 201: SubmissionView, ...errors() },
      },
    },
    async (request, reply) => {
      const [catalog, demands] = await Promise.all([countyList(db, 'catalog'), countyList(db, 'demand')]);
      const now = new Date();
      const row = await insertCitySubmission(db, {
        catalogVersion: catalog.catalogVersion,
        submittedOn: beijingDate(now.getTime()),
        submittedBy: callerOf(request).userId,
        submittedAt: now,
        catalogDigest: sha256(catalog.file),
        catalogRows: catalog.rows,
        demandDigest: sha256(demands.file),
        demandRows: demands.rows,
        note: request.body.note ?? null,
      });
      request.auditTarget = `city-submission-${row.id}`;
      return reply.status(201).send(submissionView(row));
    },
  );

  app.get(
    '/catalog/city-submissions',
    {
      config: { roles: ['authority_reviewer', 'auditor'] },
      schema: {
        summary: '历次向市级报送的记录',
        tags: ['catalog'],
        response: { 200: Type.Object({ items: Type.Array(SubmissionView) }), ...errors() },
      },
    },
    async () => ({ items: (await listCitySubmissions(db)).map(submissionView) }),
  );
};

export default routes;
