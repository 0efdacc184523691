// 第十六条: a department's 目录清单 as a spreadsheet. The template (XLSX or CSV) holds the 第十五条
// fields under Chinese headers; an uploaded sheet (@fastify/multipart) is read, every row and
// field checked, and the catalog checks named by row: any error answers 422 with all of them and
// writes nothing; a good sheet becomes one compilation application (api/catalog-compilation.ts).
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { STATUS_CODES } from 'node:http';
import { readCatalogSheet, type SheetError } from '../../domain/catalog-sheet';
import { formatOf, SHEET_MIME, sheetRows, sheetTemplate } from '../catalog-sheet';
import { compilationRefusal, startCompilation } from '../catalog-compilation';
import { httpError } from '../errors';
import { callerOf } from '../plugins/auth';
import { CreatedCompilation, ImportFields, SheetErrorsResponse, TemplateQuery } from '../schemas/catalog-compilation.schema';
import { errors } from '../schemas/common';

const DEPT = ['department_staff', 'department_head'] as const;
/** A 目录清单 of SHEET_MAX_ROWS rows is far below this. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 3, parts: 4 } });

  app.get(
    '/catalog/compilations/template',
    {
      config: { roles: DEPT },
      schema: {
        summary: '下载目录清单模板（XLSX 或 CSV，含第十五条各项，中文表头）',
        tags: ['catalog'],
        querystring: TemplateQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors() },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      return reply
        .header('content-type', SHEET_MIME[format])
        .header('content-disposition', `attachment; filename="catalog-list-template.${format}"`)
        .send(await sheetTemplate(format));
    },
  );

  app.post(
    '/catalog/compilations/import',
    {
      config: { roles: DEPT, startsProcess: true },
      schema: {
        summary: '上传目录清单表格（XLSX 或 CSV）：逐行逐项校验，有任何错误则全部不写入；无误则成为一次目录清单报送',
        tags: ['catalog'],
        consumes: ['multipart/form-data'],
        response: { 200: CreatedCompilation, 201: CreatedCompilation, 422: SheetErrorsResponse, ...errors(409, 413) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw httpError(415, 'MULTIPART_REQUIRED', '请以 multipart/form-data 上传表格文件');
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Buffer } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') fields[part.fieldname] = String(part.value);
          else if (part.fieldname === 'file') {
            const bytes = await part.toBuffer();
            file = { name: part.filename, bytes };
          } else await part.toBuffer();
        }
      } catch (err) {
        // the plugin's own limits (file too large) keep their 4xx; a body that is not multipart at all is a 400
        if ((err as { statusCode?: number }).statusCode) throw err;
        throw httpError(400, 'MULTIPART_INVALID', '上传内容不是有效的 multipart/form-data（缺少分隔符或格式错误）');
      }
      if (!Value.Check(ImportFields, fields)) {
        const details = [...Value.Errors(ImportFields, fields)].map((e) => ({
          path: `body${e.path.replaceAll('/', '.')}`,
          message: '缺少或格式不正确',
        }));
        throw httpError(400, 'VALIDATION_FAILED', '请填写请求号、编制类型和编制说明', details);
      }
      if (!file) throw httpError(400, 'SHEET_FILE_REQUIRED', '请选择目录清单表格文件（file）');
      const format = formatOf(file.name);
      if (!format) throw httpError(400, 'SHEET_FORMAT_UNSUPPORTED', '只接受 .xlsx 或 .csv 文件');
      const rows = await sheetRows(format, file.bytes);
      if (!rows) throw httpError(400, 'SHEET_UNREADABLE', '无法读取表格文件，请使用下载的模板');

      const invalid = (errs: SheetError[]) =>
        reply.status(422).send({
          statusCode: 422,
          code: 'SHEET_INVALID' as const,
          error: STATUS_CODES[422]!,
          message: `目录清单有 ${errs.length} 处错误，未导入任何条目`,
          errors: errs,
        });
      const read = readCatalogSheet(rows);
      if ('errors' in read) return invalid(read.errors);
      // The catalog as it stands and the kind's rules, named by the row they concern.
      const refused = await compilationRefusal(
        request,
        callerOf(request).departmentCode!,
        { kind: fields.kind as never, changes: read.changes },
        true,
      );
      if (refused) {
        const row = refused.index === undefined ? 0 : read.rows[refused.index]!;
        return invalid([{ row, column: row ? '目录代码' : '', code: refused.code, message: refused.message }]);
      }
      const out = await startCompilation(request, { ...(fields as typeof ImportFields.static), changes: read.changes });
      return reply.status(out.created ? 201 : 200).send(out);
    },
  );
};

export default routes;
