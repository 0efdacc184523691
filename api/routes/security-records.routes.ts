// 第四十二条、第四十三条: a department's register of its security risk assessments and emergency
// drills (the 安全 dimension of the evaluation, 第四十五条). A department records its own; the
// authority and the auditors read every department's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { beijingIso } from '../../domain/deadline';
import { securityRecordLabel } from '../../domain/evaluation';
import { domainError } from '../../domain/errors';
import { departmentScope } from '../../domain/roles';
import { beijingDate } from '../../domain/working-days';
import { addSecurityRecord, listSecurityRecords, type SecurityRecordRow } from '../../db/repositories/evaluation.repo';
import { callerOf } from '../plugins/auth';
import { domainRefusal } from '../errors';
import { errors } from '../schemas/common';
import { SecurityRecordBody, SecurityRecordQuery, SecurityRecordView } from '../schemas/evaluation.schema';

const DEPT = ['department_staff', 'department_head'] as const;

const recordView = (r: SecurityRecordRow) => ({
  id: r.id,
  departmentCode: r.departmentCode,
  kind: r.kind,
  kindLabel: securityRecordLabel(r.kind),
  heldOn: r.heldOn,
  summary: r.summary,
  recordedBy: r.recordedBy,
  recordedAt: beijingIso(r.recordedAt.getTime()),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;

  app.post(
    '/security-records',
    {
      config: { roles: DEPT },
      schema: {
        summary: '部门登记本部门开展的安全风险评估（第四十二条）或应急演练（第四十三条）',
        tags: ['supervision'],
        body: SecurityRecordBody,
        response: { 201: SecurityRecordView, ...errors() },
      },
    },
    async (request, reply) => {
      const actor = callerOf(request);
      if (request.body.heldOn > beijingDate(Date.now())) throw domainRefusal(domainError('SECURITY_RECORD_IN_FUTURE'));
      const row = await addSecurityRecord(db, { ...request.body, departmentCode: actor.departmentCode!, recordedBy: actor.userId });
      request.auditTarget = `security-record-${row.id}`;
      return reply.code(201).send(recordView(row));
    },
  );

  app.get(
    '/security-records',
    {
      config: { roles: [...DEPT, 'authority_reviewer', 'auditor'], auditRead: true },
      schema: {
        summary: '安全风险评估与应急演练登记：主管部门与审计查看各部门，部门查看本部门',
        tags: ['supervision'],
        querystring: SecurityRecordQuery,
        response: { 200: Type.Object({ items: Type.Array(SecurityRecordView) }), ...errors() },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listSecurityRecords(db, { departments: departmentScope(callerOf(request)), ...q });
      return { items: rows.map(recordView) };
    },
  );
};

export default routes;
