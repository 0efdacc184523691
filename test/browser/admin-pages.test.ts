// Issue 15: the calendar, the annual evaluation and data conflicts worked in the console, in
// Debian's chromium against the real stack. The admin corrects a day and withdraws the correction
// (SPEC §2); anyone counts a deadline; the authority sets, publishes and submits the year's
// evaluation indicators (第四十五条); two departments negotiate a data conflict to agreement
// (第二十六条).
import { describe, expect, it } from 'vitest';
import { cnDate } from '../../web/src/format';
import { addTags, confirmDialog, consoleUnderTest, menuOf, openFromInbox, screenshot, signIn } from '../helpers/browser';
import { eventually } from '../helpers/wait';

const served = consoleUnderTest();

/** Fills an Element Plus date picker by typing the day. */
async function pickDate(page: import('playwright-core').Page, testId: string, day: string) {
  const input = page.locator(`[data-test=${testId}] input, input[data-test=${testId}]`).first();
  await input.fill(day);
  await input.press('Enter');
}

describe('calendar', () => {
  it('the admin corrects a day and withdraws it; a reviewer counts a deadline', async () => {
    const admin = await served.browser.page();
    await signIn(admin, served.url, 'admin');
    await admin.getByText('工作日日历', { exact: true }).click();
    await admin.locator('[data-test=correct-day]').waitFor();
    await pickDate(admin, 'override-date', '2031-06-03');
    await admin.locator('[data-test=override-reason]').fill('县政府临时通知停止办公');
    await admin.locator('[data-test=submit-override]').click();
    await confirmDialog(admin);
    const row = admin.locator('[data-test=overrides] tr', { hasText: cnDate('2031-06-03') });
    await row.getByText('休息日').waitFor();
    expect((await served.call('admin', 'GET', '/v1/calendar/overrides')).body.overrides).toContainEqual({
      date: '2031-06-03',
      kind: 'holiday',
      reason: '县政府临时通知停止办公',
    });
    await screenshot(admin, 'calendar-admin');
    await row.locator('[data-test=remove-override]').click();
    await confirmDialog(admin);
    await row.waitFor({ state: 'detached' });
    await admin.close();

    // 2026-12-02 is a Wednesday; five working days after it (the day itself not counted), with no
    // holiday in December: Thu 3, Fri 4, Mon 7, Tue 8, Wed 9.
    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    await reviewer.getByText('工作日日历', { exact: true }).click();
    await pickDate(reviewer, 'count-from', '2026-12-02');
    await reviewer.locator('[data-test=count]').click();
    expect(await reviewer.locator('[data-test=count-due]').textContent()).toBe('2026年12月9日（星期三） 24:00');
    expect(await reviewer.locator('[data-test=submit-override]').count()).toBe(0);
    await reviewer.close();
  });
});

describe('annual evaluation', () => {
  it('the authority sets weights, publishes and submits; the county government sees the submission', async () => {
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    await reviewer.getByText('年度评价', { exact: true }).click();
    await reviewer.locator('[data-test=evaluation-ranking]').waitFor();
    expect(await reviewer.locator('[data-test=submit-evaluation]').isDisabled()).toBe(true);
    await reviewer.getByRole('tab', { name: '评价指标' }).click();
    const gathering = reviewer.locator('[data-test=weight-gathering] input');
    await gathering.fill('40');
    await gathering.blur();
    await reviewer.locator('[data-test=weight-sum]').getByText('110（须为 100）').waitFor();
    expect(await reviewer.locator('[data-test=save-indicators]').isDisabled()).toBe(true);
    const sharing = reviewer.locator('[data-test=weight-sharing] input');
    await sharing.fill('20');
    await sharing.blur();
    await reviewer.locator('[data-test=save-indicators]').click();
    await reviewer.getByText('评价指标已保存').waitFor();
    await reviewer.locator('[data-test=publish-indicators]').click();
    await confirmDialog(reviewer);
    await reviewer.getByText(/已于 .* 发布，不能再修改/).waitFor();
    expect(await reviewer.locator('[data-test=save-indicators]').count()).toBe(0);
    expect((await served.call('reviewer', 'GET', `/v1/evaluation/indicators/${year}`)).body.weights).toEqual({
      gathering: 40,
      sharing: 20,
      application: 20,
      security: 20,
    });
    await reviewer.getByRole('tab', { name: '评价结果' }).click();
    await reviewer.locator('[data-test=submit-evaluation]').click();
    await confirmDialog(reviewer);
    await reviewer.getByText('评价结果已报送县人民政府').waitFor();
    await reviewer.locator('[data-test=evaluation-submissions] tbody tr').first().waitFor();
    await screenshot(reviewer, 'evaluation-authority');
    await reviewer.close();

    const county = await served.browser.page();
    await signIn(county, served.url, 'county');
    expect(await menuOf(county)).toContain('年度评价');
    await county.getByText('年度评价', { exact: true }).click();
    await county.locator('[data-test=evaluation-submissions] tbody tr').first().waitFor();
    expect(await county.locator('[data-test=submit-evaluation]').count()).toBe(0);
    await county.close();
  });
});

describe('data conflicts', () => {
  it('a department registers one; both departments agree within the period', async () => {
    const market = await served.browser.page();
    await signIn(market, served.url, 'market-staff');
    await market.getByText('数据冲突', { exact: true }).click();
    await market.locator('[data-test=new-conflict]').click();
    await market.locator('[data-test=conflict-departments]').click();
    await market.getByRole('option', { name: '县市场监督管理局' }).click();
    await market.getByRole('option', { name: '县民政局' }).click();
    await market.keyboard.press('Escape');
    await market.locator('[data-test=conflict-resource-0]').fill('MKT-001');
    await addTags(market, '[data-test=conflict-items-0]', ['住所']);
    await market.locator('[data-test=conflict-description]').fill('同一社会组织的住所两部门登记不一致');
    await market.locator('[data-test=submit-conflict]').click();
    await confirmDialog(market);
    await market.waitForURL(/\/conflicts\/CT/);
    const id = decodeURIComponent(market.url().split('/').pop()!);
    const open = await eventually(async () => {
      const res = await served.call('civil-staff', 'GET', `/v1/conflicts/${id}`);
      expect(res.body.status).toBe('conflict_negotiating');
      expect(res.body.deadline).not.toBeNull();
      return res.body;
    }, 30_000);

    const civil = await served.browser.page();
    await signIn(civil, served.url, 'civil-staff');
    await eventually(() => openFromInbox(civil, `/conflicts/${id}`), 30_000);
    const form = civil.locator('[data-test=position-form]');
    expect(await form.locator('[data-test=due]').textContent()).toBe(`${cnDate(open.deadline.due)} 24:00`);
    await civil.locator('[data-test=position]').fill('以市场监管局登记的住所为准');
    await civil.locator('[data-test=submit-position]').click();
    await civil.locator('[data-test=conflict-positions]').getByText('以市场监管局登记的住所为准').waitFor();
    await screenshot(civil, 'conflict-position');

    await market.reload();
    await market.locator('[data-test=position]').fill('同意，本局登记为准');
    await market.locator('[data-test=submit-position]').click();
    // Both agree: the workflow closes the case as agreed (第二十六条).
    await eventually(async () => {
      await market.reload();
      await market.locator('[data-test=conflict-stage]').getByText('协商一致').waitFor({ timeout: 2000 });
    }, 30_000);
    expect(await market.locator('[data-test=position-form]').count()).toBe(0);
    for (const p of [market, civil]) await p.close();
  }, 180_000);
});

describe('incidents', () => {
  it('the admin and the auditor find the incident list; only the admin may act, and the API refuses the auditor', async () => {
    for (const user of ['admin', 'auditor']) {
      const page = await served.browser.page();
      await signIn(page, served.url, user);
      expect(await menuOf(page)).toContain('故障事件');
      await page.getByText('故障事件', { exact: true }).click();
      await page.locator('[data-test=incidents]').waitFor();
      if (user === 'auditor') expect(await page.locator('[data-test=retry-incident]').count()).toBe(0);
      await screenshot(page, `incidents-${user}`);
      await page.close();
    }
    expect((await served.call('auditor', 'POST', '/v1/incidents/1/retry', {})).status).toBe(403);
  });
});
