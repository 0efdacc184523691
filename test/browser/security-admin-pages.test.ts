// Issue 17/15: the administrators' pages in chromium against the served stack. The security
// administrator creates and changes a department, appoints a dated deputy and ends it early,
// issues a token that is shown once and revokes it (the API then refuses it); the audit
// administrator reads those operations in Chinese; department staff are offered none of it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { confirmDialog, consoleUnderTest, menuOf, screenshot, signIn } from '../helpers/browser';

// no lookup cache: a revoked token is refused at its very next request
const served = consoleUnderTest({ env: { AUTH_CACHE_TTL_MS: '0' } });

/** A Beijing date `offset` days from today, as the API takes it, and as a page reads it (年月日, by hand). */
const beijingDay = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const written = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const ADMIN_ENTRIES = ['部门管理', '代理人', '访问令牌'];

async function open(page: Page, title: string) {
  await page.locator('[data-test=menu]').getByText(title, { exact: true }).click();
}

/** A new tab signed in as `username`, at the menu entry `title`. */
async function signedInAt(username: string, title: string): Promise<Page> {
  const page = await served.browser.page();
  await signIn(page, served.url, username);
  await open(page, title);
  return page;
}

/** An Element Plus field's own input, wherever the component put the test id. */
const input = (page: Page, testId: string) => page.locator(`[data-test=${testId}] input, input[data-test=${testId}]`).first();

async function pick(page: Page, select: string, option: string) {
  await page.locator(`[data-test=${select}]`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The API's answer to a bearer token. */
const meWith = async (token: string) => (await fetch(`${served.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('the security administrator', () => {
  it('creates a department, refused in Chinese for a code in use; changes its kind; deactivates it after confirming', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'security-admin');
    expect(await menuOf(page)).toEqual(expect.arrayContaining(['账号管理', ...ADMIN_ENTRIES]));
    expect(await menuOf(page)).not.toContain('操作日志');
    await open(page, '部门管理');
    const market = page.locator('[data-test=departments] tr', { hasText: '县市场监督管理局' });
    await market.getByText('政务部门').waitFor();
    expect(await market.textContent()).toContain('市场监管局 李局长');

    const create = async () => {
      await page.locator('[data-test=new-department]').click();
      await input(page, 'department-code').fill('culture');
      await input(page, 'department-name').fill('县文化和旅游局');
      await page.locator('[data-test=save-department]').click();
    };
    await create();
    const row = page.locator('[data-test=departments] tr', { hasText: '县文化和旅游局' });
    await row.waitFor();
    expect(await row.textContent()).toContain('政务部门');
    expect(await row.textContent()).toContain('在用');
    await create();
    await page.getByText('部门代码 culture 已存在').waitFor();
    await page.locator('.el-dialog').getByRole('button', { name: '取消' }).click();

    await row.locator('[data-test=edit-department]').click();
    await input(page, 'department-name').fill('县文化旅游局');
    await pick(page, 'department-kind', '项目审批部门（发展改革、财政）');
    await page.locator('[data-test=save-department]').click();
    const renamed = page.locator('[data-test=departments] tr', { hasText: '县文化旅游局' });
    await renamed.getByText('项目审批部门（发展改革、财政）').waitFor();

    await renamed.locator('[data-test=deactivate-department]').click();
    await page.locator('.el-message-box').getByText('停用“县文化旅游局”后').waitFor();
    await confirmDialog(page);
    await renamed.getByText('已停用').waitFor();
    const listed = (await served.call('security-admin', 'GET', '/v1/admin/departments')).body.items;
    expect(listed).toContainEqual({ code: 'culture', name: '县文化旅游局', kind: 'project_approval', active: false });
    await screenshot(page, 'admin-departments');
    await page.close();
  });

  it('appoints a deputy of 民政局 from its staff for three days, acting today, and ends it early', async () => {
    const page = await signedInAt('security-admin', '代理人');
    await page.locator('[data-test=new-deputy]').click();
    await pick(page, 'deputy-department', '县民政局');
    await page.locator('[data-test=deputy-user]').click();
    // only 民政局's own staff are offered: neither its head nor another department's staff
    expect((await page.getByRole('option').allTextContents()).map((t) => t.trim())).toContain('民政局 王科员');
    expect(await page.getByRole('option', { name: '民政局 赵局长' }).count()).toBe(0);
    expect(await page.getByRole('option', { name: '市场监管局 张科员' }).count()).toBe(0);
    await page.getByRole('option', { name: '民政局 王科员' }).click();
    const [from, to] = [beijingDay(0), beijingDay(2)];
    const range = page.locator('.el-dialog .el-range-input');
    await range.first().fill(from);
    await range.nth(1).fill(to);
    await range.nth(1).press('Enter');
    await page.locator('[data-test=appoint-deputy]').click();

    const row = page.locator('[data-test=deputies] tr', { hasText: '民政局 王科员' });
    await row.getByText('生效中').waitFor();
    expect(await row.textContent()).toContain('县民政局');
    expect(await row.textContent()).toContain(`${written(from)}`);
    expect(await row.textContent()).toContain(`至 ${written(to)}`);
    await screenshot(page, 'admin-deputies');

    await row.locator('[data-test=end-deputy]').click();
    await confirmDialog(page);
    await row.waitFor({ state: 'detached' });
    expect((await served.call('security-admin', 'GET', '/v1/admin/deputies')).body.items).toEqual([]);
    await page.close();
  });

  it('issues a token shown once with its warning, which works until it is revoked after confirming', async () => {
    const page = await signedInAt('security-admin', '访问令牌');
    await page.locator('[data-test=new-token]').click();
    await pick(page, 'token-user', '县政府 办公室（县人民政府）');
    // the holder's own role is filled in: a token must include it
    await page.locator('[data-test=token-roles]').getByText('县人民政府').waitFor();
    await input(page, 'token-label').fill('县政府数据接口');
    await input(page, 'token-days').fill('7');
    await page.locator('[data-test=issue-token]').click();

    await page.getByText('令牌只显示这一次，关闭后无法再次查看').waitFor();
    const token = await input(page, 'issued-token').inputValue();
    expect(token).toMatch(/^pat_/);
    await screenshot(page, 'admin-token-issued');
    expect(await meWith(token)).toBe(200);
    await page.locator('[data-test=close-token]').click();
    expect(await page.evaluate<string>('document.body.innerText')).not.toContain(token);

    const row = page.locator('[data-test=tokens] tr', { hasText: '县政府数据接口' });
    expect(await row.textContent()).toContain('县政府 办公室');
    expect(await row.textContent()).toContain('县人民政府');
    // issued now for 7 days: it ends on the 7th day from today (Beijing)
    expect(await row.textContent()).toContain(written(beijingDay(7)));
    await row.locator('[data-test=revoke-token]').click();
    await page.locator('.el-message-box').getByText('吊销县政府 办公室的令牌“县政府数据接口”后').waitFor();
    await confirmDialog(page);
    await row.locator('[data-test=token-state]', { hasText: '已吊销' }).waitFor();
    expect(await meWith(token)).toBe(401);
    await page.close();
  });
});

describe('the audit administrator', () => {
  it('reads the operation log: who, which role, what in Chinese; filtered by role', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'audit-admin');
    const menu = await menuOf(page);
    expect(menu).toContain('操作日志');
    for (const entry of [...ADMIN_ENTRIES, '账号管理']) expect(menu).not.toContain(entry);
    await open(page, '操作日志');
    const log = page.locator('[data-test=operations]');
    for (const operation of [
      '新建部门',
      '更名、调整类别或停用部门',
      '指定主要负责人的代理（起止日期）',
      '提前结束代理',
      '为用户签发访问令牌（仅此一次显示）',
      '吊销访问令牌',
    ])
      await log.getByText(operation, { exact: true }).first().waitFor();
    const created = log.locator('tr', { hasText: '新建部门' });
    // the first 新建部门 succeeded, the second was refused as the code was in use
    expect(await created.allTextContents()).toEqual([
      expect.stringMatching(/安全管理员安全管理员新建部门状态冲突（409）$/),
      expect.stringMatching(/安全管理员安全管理员新建部门已创建（201）$/),
    ]);
    const text = await log.textContent();
    expect(text).not.toContain('/v1/');
    await screenshot(page, 'admin-operation-log');

    await pick(page, 'operation-role', '系统管理员');
    await page.locator('[data-test=operation-search]').click();
    await log.getByText('没有符合条件的操作').waitFor();
    await page.close();
  });
});

describe('department staff', () => {
  it('are offered none of the administrators’ pages', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    const menu = await menuOf(page);
    for (const entry of [...ADMIN_ENTRIES, '账号管理', '操作日志']) expect(menu).not.toContain(entry);
    await page.close();
  });
});
