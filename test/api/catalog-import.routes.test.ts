// 第十六条: the 目录清单 spreadsheet through the API — the template's Chinese headers, a real XLSX
// written here with exceljs becoming one compilation application, a sheet with two bad rows
// answering both errors (row, column, code) and writing nothing.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApplications } from '../../db/repositories/catalog-changes.repo';
import { catalogApplications, catalogCompilations } from '../../db/schema';
import { tokenOf } from '../helpers/actors';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

// Written out by hand: the template's contract with the offices that fill it in.
const HEADERS = [
  '目录代码',
  '基于版本（新增留空）',
  '资源名称',
  '数据项',
  '数据内容摘要',
  '编码格式',
  '共享类型',
  '共享依据',
  '共享方式',
  '更新频度',
  '安全级别',
  '使用要求',
  '更新周期',
  '所属基础数据库',
];
const row = (code: string, over: Partial<Record<string, string>> = {}): string[] => {
  const cells: Record<string, string> = {
    目录代码: code,
    '基于版本（新增留空）': '',
    资源名称: '食品经营许可信息',
    数据项: '许可证编号、经营者名称、经营场所',
    数据内容摘要: '本县食品经营许可的发证、变更、注销信息',
    编码格式: 'JSON（UTF-8）',
    共享类型: '无条件共享',
    共享依据: '',
    共享方式: '共享交换平台接口',
    更新频度: '实时',
    安全级别: '内部',
    使用要求: '仅用于履行行政管理职能',
    更新周期: '每日',
    所属基础数据库: '',
    ...over,
  };
  return HEADERS.map((h) => cells[h]!);
};

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目录清单');
  for (const r of [HEADERS, ...rows]) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A multipart/form-data body as a browser sends it: the form fields, then the file. */
function upload(username: string, file: { name: string; bytes: Buffer }, fields: Record<string, string>) {
  const boundary = `----county${randomUUID()}`;
  const parts = [
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return api.app.inject({
    method: 'POST',
    url: '/v1/catalog/compilations/import',
    payload: Buffer.concat(parts),
    headers: { authorization: `Bearer ${tokenOf(username)}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const fields = (kind = 'yearly_review') => ({ requestId: randomUUID(), kind, description: '2026 年度目录清单复核' });
const counts = async () => ({
  compilations: (await api.database.db.select().from(catalogCompilations)).length,
  applications: (await api.database.db.select().from(catalogApplications)).length,
});

describe('GET /v1/catalog/compilations/template', () => {
  it('XLSX: the 第十五条 fields under Chinese headers, with an example row', async () => {
    const res = await api.call('market-staff', 'GET', '/v1/catalog/compilations/template?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('catalog-list-template.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getRow(2).getCell(7).text).toBe('无条件共享');
  });

  it('CSV: UTF-8 with a BOM, the same headers', async () => {
    const res = await api.call('market-staff', 'GET', '/v1/catalog/compilations/template?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith(`\uFEFF${HEADERS.join(',')}\r\n`)).toBe(true);
    expect((await api.call('auditor', 'GET', '/v1/catalog/compilations/template')).statusCode).toBe(403);
  });
});

describe('POST /v1/catalog/compilations/import', () => {
  it('a good XLSX becomes one compilation application under review: an addition and a change based on version 1', async () => {
    const before = await counts();
    const bytes = await xlsx([
      row('MKT-030'),
      row('MKT-002', {
        '基于版本（新增留空）': '1',
        资源名称: '行政处罚信息',
        数据项: '统一社会信用代码；处罚决定书文号；处罚类别；处罚日期；罚没金额',
        共享类型: '有条件共享',
        共享依据: '《优化营商环境条例》第五十三条',
      }),
    ]);
    const res = await upload('market-staff', { name: '目录清单.xlsx', bytes }, fields());
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string };
    const [compilation] = await api.database.db.select().from(catalogCompilations).where(eq(catalogCompilations.id, id));
    expect(compilation).toMatchObject({ departmentCode: 'market', kind: 'yearly_review' });
    const [application] = await eventually(async () => {
      const apps = await listApplications(api.database.db, id);
      expect(apps).toHaveLength(1);
      return apps;
    });
    // one row and one application, written by the workflow once started
    expect(await counts()).toEqual({ compilations: before.compilations + 1, applications: before.applications + 1 });
    expect(application!.changes).toEqual([
      expect.objectContaining({
        action: 'add',
        code: 'MKT-030',
        entry: expect.objectContaining({ dataItems: ['许可证编号', '经营者名称', '经营场所'] }),
      }),
      expect.objectContaining({
        action: 'change',
        code: 'MKT-002',
        baseVersion: 1,
        entry: expect.objectContaining({
          sharingType: 'conditional',
          dataItems: ['统一社会信用代码', '处罚决定书文号', '处罚类别', '处罚日期', '罚没金额'],
        }),
      }),
    ]);
    await eventually(async () =>
      expect((await api.call('reviewer', 'GET', `/v1/catalog/compilations/${id}`)).json()).toMatchObject({ stage: 'under_review' }),
    );
  });

  it('a body announced as multipart without its boundary is a 400, and nothing is written', async () => {
    const before = await counts();
    const res = await api.app.inject({
      method: 'POST',
      url: '/v1/catalog/compilations/import',
      payload: 'not a form',
      headers: { authorization: `Bearer ${tokenOf('market-staff')}`, 'content-type': 'multipart/form-data' },
    });
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'MULTIPART_INVALID' });
    expect(await counts()).toEqual(before);
  });

  it('two bad rows: 422 with both errors by row, column and code; nothing written', async () => {
    const before = await counts();
    const bytes = await xlsx([row('MKT-031', { 资源名称: '' }), row('MKT-032'), row('MKT-033', { 共享类型: '部分共享' })]);
    const res = await upload('market-staff', { name: 'list.xlsx', bytes }, fields('addition'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'SHEET_INVALID', message: '目录清单有 2 处错误，未导入任何条目' });
    expect(res.json().errors).toEqual([
      { row: 2, column: '资源名称', code: 'FIELD_REQUIRED', message: '必填' },
      { row: 4, column: '共享类型', code: 'SHARING_TYPE_UNKNOWN', message: '共享类型应为：无条件共享、有条件共享或不予共享' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('the catalog check names the row: a change on a stale version, 422 on row 3; a CSV file is read the same way', async () => {
    const before = await counts();
    const stale = [row('MKT-034'), row('MKT-001', { '基于版本（新增留空）': '5', 所属基础数据库: '法人单位基础信息库' })];
    const csv = (rows: string[][]) => Buffer.from(`\uFEFF${[HEADERS, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`);
    const refused = await upload('market-staff', { name: 'list.csv', bytes: csv(stale) }, fields());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ row: 3, code: 'CATALOG_ENTRY_CONFLICT' })]);
    expect(await counts()).toEqual(before);
    expect((await upload('market-staff', { name: 'list.csv', bytes: csv([row('MKT-035')]) }, fields('addition'))).statusCode).toBe(201);
    expect((await upload('market-staff', { name: 'list.txt', bytes: Buffer.from('x') }, fields())).json()).toMatchObject({
      statusCode: 400,
      code: 'SHEET_FORMAT_UNSUPPORTED',
    });
  });
});
