// 第三十八条, 第五十二条, 第五十三条: the authority's registers of service units (with their
// 第三十八条 duties as a checklist) and of citizens and organisations as violators. The
// authority writes; auditors read; nobody else. Identifiers are checked to their standards.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { type DomainError, domainError } from '../../domain/errors';
import { checkCreditCode, checkPartyDocument, type IdCheck, partyDocumentKind } from '../../domain/identifiers';
import { PENALTY_READERS, PENALTY_WRITERS } from '../../domain/penalty';
import {
  getServiceUnit,
  getViolator,
  insertServiceUnit,
  insertViolator,
  listServiceUnits,
  listViolators,
  updateServiceUnitDuties,
} from '../../db/repositories/penalties.repo';
import { domainRefusal, notFound } from '../errors';
import { callerOf } from '../plugins/auth';
import { errors } from '../schemas/common';
import {
  DutiesBody,
  PageQuery,
  RowIdParams,
  ServiceUnitBody,
  ServiceUnitView,
  ViolatorBody,
  ViolatorQuery,
  ViolatorView,
} from '../schemas/penalties.schema';
import { serviceUnitView, violatorView } from '../views/penalty';

/** A failed identifier check as a 400 naming the field. */
function refuseId(check: IdCheck, path: string): void {
  if (check.ok) return;
  const err: DomainError = { code: check.code, message: check.message, fields: [{ path, message: check.message }] };
  throw domainRefusal(err);
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.post(
    '/service-units',
    {
      config: { roles: PENALTY_WRITERS },
      schema: {
        summary: '登记提供政务数据资源管理建设、运行维护服务的单位及其第三十八条职责落实情况',
        tags: ['penalties'],
        body: ServiceUnitBody,
        response: { 201: ServiceUnitView, ...errors(409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      refuseId(checkCreditCode(b.creditCode), 'creditCode');
      const row = await insertServiceUnit(db, { ...b, recordedBy: callerOf(request).userId, recordedAt: new Date() });
      if (!row) throw domainRefusal(domainError('SERVICE_UNIT_EXISTS', b.creditCode));
      request.auditTarget = `service-unit-${row.id}`;
      return reply.status(201).send(serviceUnitView(row));
    },
  );

  app.get(
    '/service-units',
    {
      config: { roles: PENALTY_READERS, auditRead: true },
      schema: {
        summary: '服务单位登记簿，最近登记的在前',
        tags: ['penalties'],
        querystring: PageQuery,
        response: { 200: Type.Object({ items: Type.Array(ServiceUnitView) }), ...errors() },
      },
    },
    async (request) => ({ items: (await listServiceUnits(db, request.query)).map(serviceUnitView) }),
  );

  app.get(
    '/service-units/:id',
    {
      config: { roles: PENALTY_READERS, auditRead: true },
      schema: {
        summary: '服务单位及其第三十八条职责清单',
        tags: ['penalties'],
        params: RowIdParams,
        response: { 200: ServiceUnitView, ...errors(404) },
      },
    },
    async (request) => {
      const row = await getServiceUnit(db, request.params.id);
      if (!row) throw notFound('服务单位');
      request.auditTarget = `service-unit-${row.id}`;
      return serviceUnitView(row);
    },
  );

  app.put(
    '/service-units/:id/duties',
    {
      config: { roles: PENALTY_WRITERS },
      schema: {
        summary: '主管部门重新核查并登记服务单位的第三十八条职责清单',
        tags: ['penalties'],
        params: RowIdParams,
        body: DutiesBody,
        response: { 200: ServiceUnitView, ...errors(404) },
      },
    },
    async (request) => {
      const row = await updateServiceUnitDuties(db, request.params.id, {
        ...request.body,
        recordedBy: callerOf(request).userId,
        recordedAt: new Date(),
      });
      if (!row) throw notFound('服务单位');
      request.auditTarget = `service-unit-${row.id}`;
      return serviceUnitView(row);
    },
  );

  app.post(
    '/violators',
    {
      config: { roles: PENALTY_WRITERS },
      schema: {
        summary: '登记违反第五十条的公民（居民身份证号码）或法人和其他组织（统一社会信用代码）',
        tags: ['penalties'],
        body: ViolatorBody,
        response: { 201: ViolatorView, ...errors(409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const isPerson = b.kind === 'natural_person';
      const id = checkPartyDocument(isPerson, b.documentKind, b.identifier);
      refuseId(id, id.ok || id.code !== 'DOCUMENT_KIND_MISMATCH' ? 'identifier' : 'documentKind');
      const documentKind = partyDocumentKind(isPerson, b.documentKind);
      const row = await insertViolator(db, { ...b, documentKind, recordedBy: callerOf(request).userId, recordedAt: new Date() });
      if (!row) throw domainRefusal(domainError('VIOLATOR_EXISTS'));
      request.auditTarget = `violator-${row.id}`;
      return reply.status(201).send(violatorView(row));
    },
  );

  app.get(
    '/violators',
    {
      config: { roles: PENALTY_READERS, auditRead: true },
      schema: {
        summary: '公民、法人和其他组织登记簿（含个人信息，读取留痕）',
        tags: ['penalties'],
        querystring: ViolatorQuery,
        response: { 200: Type.Object({ items: Type.Array(ViolatorView) }), ...errors() },
      },
    },
    async (request) => ({ items: (await listViolators(db, request.query)).map(violatorView) }),
  );

  app.get(
    '/violators/:id',
    {
      config: { roles: PENALTY_READERS, auditRead: true },
      schema: {
        summary: '当事人登记信息',
        tags: ['penalties'],
        params: RowIdParams,
        response: { 200: ViolatorView, ...errors(404) },
      },
    },
    async (request) => {
      const row = await getViolator(db, request.params.id);
      if (!row) throw notFound('当事人');
      request.auditTarget = `violator-${row.id}`;
      return violatorView(row);
    },
  );
};

export default routes;
