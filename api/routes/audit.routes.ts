// SPEC §5 (第二十七条): reading the audit log. Auditors read, filter and export all of it; a
// department reads the entries about the data it provided and obtained; everyone may check an
// entry's inclusion proof against the signed head and the public key that signed it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { AUDIT_FINDINGS, type AuditFinding, auditResultLabel, auditRoleLabel, type SignedHead } from '../../domain/audit-log';
import { isDepartmentUser, ROLES } from '../../domain/roles';
import { type AuditEntryRow, inclusionProof, latestHead, listAuditEntries, verifyAuditLog } from '../../db/repositories/audit.repo';
import { keyring } from '../../db/audit-keys';
import { getSealedHeads } from '../../workflows/messages';
import { AUDIT_SEAL_WORKFLOW_ID } from '../../workflows/options';
import { httpError, notFound } from '../errors';
import { callerOf } from '../plugins/auth';
import { errors } from '../schemas/common';
import { MAX_BIGINT_ID } from '../../domain/bounds';

const AUDIT_READERS = ['auditor', 'department_staff', 'department_head'] as const;

const Head = Type.Object({
  treeSize: Type.Integer(),
  rootHash: Type.String({ description: '十六进制根哈希' }),
  at: Type.String({ description: '签名时间（ISO 8601）' }),
  hashAlgorithm: Type.String({ description: 'sm3 或 sha256' }),
  keyId: Type.String(),
  signature: Type.String({ description: 'Ed25519 签名（base64）' }),
  purgedBelow: Type.Integer({ description: '序号小于此值的记录正文已依保存期清除' }),
});

const Entry = Type.Object({
  id: Type.Integer(),
  seq: Type.Union([Type.Integer(), Type.Null()], { description: '默克尔树叶子序号；尚未排序时为 null' }),
  at: Type.String(),
  userId: Type.Union([Type.String(), Type.Null()]),
  userName: Type.Union([Type.String(), Type.Null()], { description: '操作人姓名' }),
  role: Type.Union([Type.String(), Type.Null()]),
  departmentCode: Type.Union([Type.String(), Type.Null()]),
  departmentName: Type.Union([Type.String(), Type.Null()], { description: '部门名称' }),
  action: Type.String({ description: '操作代码：请求为“方法 路由”，系统操作为其名称' }),
  actionLabel: Type.String({ description: '操作（中文）' }),
  target: Type.String(),
  result: Type.String({ description: 'HTTP 状态码，或 attempt（执行前写入的记录）等系统结果' }),
  resultLabel: Type.String({ description: '结果（中文）' }),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

const Filters = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 200, description: '操作人（用户 ID）' })),
  role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)))),
  department: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(Type.String({ maxLength: 300 })),
  target: Type.Optional(Type.String({ maxLength: 300 })),
  result: Type.Optional(Type.String({ maxLength: 20 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
const ListQuery = Type.Composite([
  Filters,
  Type.Object({
    cursor: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BIGINT_ID, description: '上一页最后一条的 id' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  }),
]);
const ExportQuery = Type.Composite([Filters, Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) })]);

/** The export's columns and their Chinese headers, in order: what a person reads, in words. */
const COLUMNS: [keyof Static<typeof Entry>, string][] = [
  ['seq', '序号'],
  ['at', '时间'],
  ['userName', '操作人'],
  ['role', '角色'],
  ['departmentName', '部门'],
  ['actionLabel', '操作'],
  ['target', '对象'],
  ['resultLabel', '结果'],
  ['action', '操作代码'],
];
/** Rows one export may hold: a larger period is exported in parts (narrow the time range). */
const EXPORT_LIMIT = 50_000;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  const view = (r: AuditEntryRow): Static<typeof Entry> => ({
    ...r,
    at: new Date(r.at).toISOString(),
    actionLabel: app.auditActionLabel(r.action),
    resultLabel: auditResultLabel(r.result),
    detail: r.detail ?? null,
  });
  const publicKeys = () => {
    const keys = app.deps.auditPublicKeys;
    if (!keys?.length) throw httpError(503, 'AUDIT_KEY_UNAVAILABLE', '未配置审计树头签名公钥');
    return keys;
  };
  /** The heads kept in the seal workflow's history; null when the engine cannot be asked. */
  const sealedHeads = async (): Promise<SignedHead[] | null> => {
    try {
      return await app.deps.temporal.workflow.getHandle(AUDIT_SEAL_WORKFLOW_ID).query(getSealedHeads);
    } catch {
      return null;
    }
  };
  /** 第二十七条: a department user sees only the entries about its own data. */
  const scopeOf = (request: Parameters<typeof callerOf>[0]) => {
    const caller = callerOf(request);
    return isDepartmentUser(caller) ? (caller.departmentCode ?? '') : undefined;
  };

  app.get(
    '/audit/verify',
    {
      config: { roles: ['auditor'], auditRead: true },
      schema: {
        summary: '对照签名树头（含工作流中封存的树头）校验审计日志，指出被清空、删除或修改之处',
        tags: ['audit'],
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            treeSize: Type.Integer(),
            entries: Type.Integer(),
            pending: Type.Integer(),
            purgedBelow: Type.Integer(),
            head: Type.Union([Head, Type.Null()]),
            sealed: Type.Boolean({ description: '是否对照了封存在工作流历史中的树头' }),
            problems: Type.Array(
              Type.Object({
                reason: Type.Unsafe<AuditFinding>(Type.String({ enum: Object.keys(AUDIT_FINDINGS) })),
                message: Type.String(),
                firstSeq: Type.Optional(Type.Integer()),
                count: Type.Optional(Type.Integer()),
              }),
            ),
          }),
          ...errors(),
        },
      },
    },
    async () => verifyAuditLog(db, { publicKeys: publicKeys(), sealedHeads: await sealedHeads() }),
  );

  app.get(
    '/audit/heads/latest',
    {
      config: { roles: AUDIT_READERS },
      schema: {
        summary: '最新的签名树头及验签公钥（含已轮换的签名密钥的公钥）',
        tags: ['audit'],
        response: {
          200: Type.Object({
            head: Type.Union([Head, Type.Null()]),
            publicKeyPem: Type.String({ description: '最新树头所用密钥的公钥（尚无树头时为当前密钥的）' }),
            publicKeys: Type.Array(
              Type.Object({
                keyId: Type.String(),
                publicKeyPem: Type.String(),
                current: Type.Boolean({ description: '是否为当前签名密钥' }),
              }),
            ),
          }),
          ...errors(),
        },
      },
    },
    async () => {
      const head = await latestHead(db);
      const keys = [...keyring(publicKeys())].map(([keyId, publicKeyPem], i) => ({ keyId, publicKeyPem, current: i === 0 }));
      return { head, publicKeyPem: (keys.find((k) => k.keyId === head?.keyId) ?? keys[0]!).publicKeyPem, publicKeys: keys };
    },
  );

  app.get(
    '/audit/entries',
    {
      config: { roles: AUDIT_READERS, auditRead: true },
      schema: {
        summary:
          '查询审计日志（按操作人、角色、部门、操作、对象、结果、时间筛选，游标分页）；部门只看本部门提供和获取的数据的记录（第二十七条）',
        tags: ['audit'],
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(Entry), nextCursor: Type.Union([Type.Integer(), Type.Null()]) }), ...errors() },
      },
    },
    async (request) => {
      const { cursor, limit = 100, ...filters } = request.query;
      request.auditTarget = 'audit-log';
      const rows = await listAuditEntries(db, filters, { scope: scopeOf(request), before: cursor, limit: limit + 1 });
      const items = rows.slice(0, limit).map(view);
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/audit/actions',
    {
      config: { roles: AUDIT_READERS },
      schema: {
        summary: '审计日志记载的各种操作及其中文名称（供筛选）',
        tags: ['audit'],
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ action: Type.String(), label: Type.String() })) }), ...errors() },
      },
    },
    async () => ({ items: app.auditActions() }),
  );

  app.get(
    '/audit/entries/export',
    {
      config: { roles: AUDIT_READERS, auditRead: true },
      schema: {
        summary: '导出审计日志（CSV 或 XLSX，中文表头），筛选同查询',
        tags: ['audit'],
        querystring: ExportQuery,
        response: {
          200: {
            content: {
              'text/csv': { schema: Type.String({ description: 'UTF-8（带 BOM）CSV' }) },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: Type.Unsafe<Buffer>(Type.String({ format: 'binary' })),
              },
            },
          },
          ...errors(),
        },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      request.auditTarget = 'audit-log-export';
      const rows = (await listAuditEntries(db, filters, { scope: scopeOf(request), limit: EXPORT_LIMIT })).map(view);
      const cells = rows.map((r) => COLUMNS.map(([k]) => (k === 'role' ? auditRoleLabel(r.role) : (r[k] ?? ''))) as (string | number)[]);
      const name = `audit-log-${new Date().toISOString().slice(0, 10)}`;
      if (format === 'csv') {
        const csv = stringify([COLUMNS.map(([, h]) => h), ...cells]);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(`\uFEFF${csv}`);
      }
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('审计日志');
      sheet.addRow(COLUMNS.map(([, h]) => h));
      for (const c of cells) sheet.addRow(c);
      const buffer = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(buffer);
    },
  );

  app.get(
    '/audit/entries/:seq/proof',
    {
      config: { roles: AUDIT_READERS, auditRead: true },
      schema: {
        summary: '一条记录的包含证明（RFC 6962 §2.1.1）及其所对照的签名树头',
        tags: ['audit'],
        params: Type.Object({ seq: Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 }) }),
        response: {
          200: Type.Object({ seq: Type.Integer(), leafHash: Type.String(), path: Type.Array(Type.String()), head: Head }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const { seq } = request.params;
      request.auditTarget = `audit-leaf-${seq}`;
      const scope = scopeOf(request);
      if (scope !== undefined) {
        const [own] = await listAuditEntries(db, {}, { scope, limit: 1, seq });
        if (!own) throw notFound('审计记录');
      }
      const proof = await inclusionProof(db, seq);
      if (!proof) throw notFound('已封存的审计记录');
      return proof;
    },
  );
};

export type AuditEntryView = Static<typeof Entry>;
export default routes;
