// 第四十七条 in the console: market staff file a project with its 目录清单 (MKT-001 and a new
// entry); the authority passes the review, 发展改革 approves 立项, 财政 budgets it; the authority's
// 验收 is refused while the new entry is missing from the catalog, and passes once it is there.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { catalogEntries } from '../../db/schema';
import { consoleUnderTest, screenshot, signIn } from '../helpers/browser';

const served = consoleUnderTest();

describe('第四十七条: an IT project from filing to 验收 in the console', () => {
  it('each role acts at its step; 验收 refused naming the missing entry, then accepted', async () => {
    const code = `MKT-${randomUUID().slice(0, 6).toUpperCase()}`;
    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    await page.getByText('政务信息化项目', { exact: true }).click();
    expect(await page.locator('[data-test=it-project-periods]').textContent()).toContain('本系统设置，非条例规定');
    await page.locator('[data-test=it-project-name]').fill('市场监管智慧监管平台');
    await page.locator('[data-test=catalog-code-0]').fill('MKT-001');
    await page.locator('[data-test=catalog-name-0]').fill('市场主体登记信息');
    await page.getByText('添加目录条目').click();
    await page.locator('[data-test=catalog-code-1]').fill(code);
    await page.locator('[data-test=catalog-name-1]').fill('智慧监管检查记录');
    await page.getByText('本项目新增（尚未纳入目录）').nth(1).click();
    await page.locator('[data-test=file-it-project]').click();
    await page.waitForURL(/\/it-projects\/XM/);
    await page.locator('[data-test=it-project-stage]', { hasText: '审核中' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test=it-project]').textContent()).toContain('县市场监督管理局');
    expect(await page.locator('[data-test=it-project-actions]').count()).toBe(0);
    const url = page.url();
    await screenshot(page, 'it-project-filed');
    await page.close();

    const act = async (username: string, stageAfter: string, text?: string) => {
      const p = await served.browser.page();
      await signIn(p, served.url, username);
      await p.goto(url);
      await p.locator('[data-test=it-project-yes]').click();
      if (text) await p.locator('[data-test=it-project-text]').fill(text);
      await p.locator('[data-test=it-project-confirm]').click();
      await p.locator('[data-test=it-project-stage]', { hasText: stageAfter }).waitFor();
      await p.close();
    };
    await act('reviewer', '发展改革部门立项审批中', '符合集约建设要求');
    await act('dev-reform-staff', '财政部门资金安排中');
    await act('finance-staff', '建设中（待验收）');

    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    await reviewer.goto(url);
    await reviewer.locator('[data-test=accept-it-project]').click();
    await reviewer.locator('[data-test=refused-acceptances]', { hasText: code }).waitFor();
    expect(await reviewer.locator('[data-test=it-project-stage]').textContent()).toBe('建设中（待验收）');
    await screenshot(reviewer, 'it-project-acceptance-refused');

    const { db } = served.stack.database;
    const [base] = await db.select().from(catalogEntries).where(eq(catalogEntries.code, 'MKT-001'));
    await db.insert(catalogEntries).values({ ...base!, code, name: '智慧监管检查记录' });
    await reviewer.locator('[data-test=accept-it-project]').click();
    await reviewer.locator('[data-test=it-project-stage]', { hasText: '已办结' }).waitFor();
    await screenshot(reviewer, 'it-project-accepted');
    await reviewer.close();
  });

  it('the authority sets the periods (第四十七条 sets none); departments read them and cannot change them', async () => {
    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    await reviewer.getByText('政务信息化项目', { exact: true }).click();
    await reviewer.locator('[data-test=period-review] input').fill('12');
    await reviewer.locator('[data-test=save-it-project-settings]').click();
    await reviewer
      .getByText(
        '此后申报的项目按：主管部门评审评估 12 个工作日，发展改革部门立项审批 20 个工作日，财政部门资金安排 20 个工作日；已申报的项目不受影响。',
      )
      .waitFor();
    await reviewer.getByRole('button', { name: '确定' }).click();
    await reviewer.locator('[data-test=it-project-periods]', { hasText: '主管部门评审评估 12 个工作日' }).waitFor();
    await reviewer.close();

    const staff = await served.browser.page();
    await signIn(staff, served.url, 'market-staff');
    await staff.getByText('政务信息化项目', { exact: true }).click();
    await staff.locator('[data-test=it-project-periods]', { hasText: '主管部门评审评估 12 个工作日' }).waitFor();
    expect(await staff.locator('[data-test=it-project-settings]').count()).toBe(0);
    await staff.close();
    // put back: the journey above reads the default periods
    expect((await served.call('reviewer', 'PUT', '/v1/it-projects/settings', { review: 15, approval: 20, funding: 20 })).status).toBe(200);
  });
});
