// 第十六条 in the console (Debian's chromium against the real stack): market staff upload their
// 目录清单 as an XLSX written here; a sheet with a bad row is refused with the row and column
// shown and nothing reported; a good one becomes a compilation under review, which the authority
// approves into a new catalog version.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { consoleUnderTest, screenshot, signIn } from '../helpers/browser';

const served = consoleUnderTest();

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
const entryRow = (code: string, name: string) => [
  code,
  '',
  name,
  '许可证编号、经营者名称',
  '食品经营许可信息',
  'JSON（UTF-8）',
  '无条件共享',
  '',
  '共享交换平台接口',
  '实时',
  '内部',
  '仅用于履行行政管理职能',
  '每日',
  '',
];

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目录清单');
  for (const r of [HEADERS, ...rows]) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const file = async (rows: string[][]) => ({ name: '目录清单.xlsx', mimeType: 'application/octet-stream', buffer: await xlsx(rows) });

describe('第十六条: a department reports its 目录清单 as a spreadsheet; the authority approves it', () => {
  it('a bad row is shown by row and column; a good sheet is reported, reviewed and approved', async () => {
    const code = `MKT-${randomUUID().slice(0, 6).toUpperCase()}`;
    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    await page.getByText('目录清单编制', { exact: true }).click();
    const upload = page.locator('[data-test=compilation-upload]');
    await upload.getByText('新增目录', { exact: true }).click();
    await page.locator('[data-test=compilation-description]').fill('新增食品经营许可目录');

    await page.locator('[data-test=compilation-file]').setInputFiles(await file([entryRow(code, '')]));
    await page.locator('[data-test=compilation-submit]').click();
    const errors = page.locator('[data-test=sheet-errors]');
    await errors.waitFor();
    expect(await errors.textContent()).toMatch(/2.*资源名称.*必填/);
    await screenshot(page, 'compilation-sheet-errors');

    await page.locator('[data-test=compilation-file]').setInputFiles(await file([entryRow(code, '食品经营许可信息')]));
    await page.locator('[data-test=compilation-submit]').click();
    await page.waitForURL(/\/catalog\/compilations\/MB/);
    await page.locator('[data-test=compilation-stage]', { hasText: '审核中' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test=catalog-compilation]').textContent()).toContain('县市场监督管理局');
    expect(await page.locator('[data-test=review-actions]').count()).toBe(0);
    const id = page.url().split('/').pop()!;
    await screenshot(page, 'compilation-submitted');
    await page.close();

    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    await reviewer.goto(`${served.url}/catalog/compilations/${id}`);
    await reviewer.locator('[data-test=approve-compilation]').click();
    await reviewer.locator('[data-test=confirm-review]').click();
    await reviewer.locator('[data-test=compilation-stage]', { hasText: '已批准' }).waitFor();
    await screenshot(reviewer, 'compilation-approved');
    await reviewer.close();
    expect((await served.call('market-staff', 'GET', `/v1/catalog/entries/${code}`)).body.entry).toMatchObject({
      name: '食品经营许可信息',
      version: 1,
    });
  });
});
