// Issue 15: findings, rectification and the annual reports worked in the console, in Debian's
// chromium against the real stack. The authority registers a 政务部门's conduct (SPEC §3.6); the
// department states its case within the period; the authority confirms the finding and orders it
// rectified (第五十一条); the department reports, the authority rejects the first report and accepts
// the second. The admin opens the year's reports (第四十六条) and the department files its own from
// the system's draft. Each step opens from the inbox or the menu and asks before it is done.
import { describe, expect, it } from 'vitest';
import { cnDate } from '../../web/src/format';
import { addTags, confirmDialog, consoleUnderTest, menuOf, openFromInbox, screenshot, signIn } from '../helpers/browser';
import { eventually } from '../helpers/wait';

const served = consoleUnderTest();

/** Beijing's today, 'YYYY-MM-DD'. */
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('a registered finding: statement, decision, rectification report, rejection and acceptance', () => {
  it('each party works its step in the console; the page offers each step only to its party', async () => {
    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    await reviewer.getByText('登记违规行为', { exact: true }).click();
    await reviewer.locator('[data-test=finding-department]').click();
    await reviewer.getByRole('option', { name: '县市场监督管理局' }).click();
    await reviewer.locator('[data-test=finding-kind]').click();
    await reviewer.getByRole('option', { name: /^第四十九条\(一\)/ }).click();
    await reviewer.locator('[data-test=finding-facts]').fill('未按目录要求汇聚市场主体登记信息');
    await addTags(reviewer, '[data-test=finding-evidence]', ['云数督〔2026〕3 号核查记录']);
    await reviewer.locator('[data-test=finding-basis]').fill('《条例》第四十九条第（一）项');
    await reviewer.locator('[data-test=submit-finding]').click();
    await confirmDialog(reviewer);
    await reviewer.waitForURL(/\/findings\/\d+$/);
    const findingId = reviewer.url().split('/').pop()!;

    const stated = await eventually(async () => {
      const res = await served.call('market-staff', 'GET', `/v1/findings/${findingId}`);
      expect(res.body.stage).toBe('statement_period');
      expect(res.body.statementDue).not.toBeNull();
      return res.body;
    }, 30_000);
    expect(stated).toMatchObject({ departmentCode: 'market', partyKind: 'department', notifiedOn: beijingToday() });
    // The reviewer who registered it is not its party: no statement, and no decision before the period.
    await reviewer.reload();
    await reviewer.locator('[data-test=finding]').waitFor();
    expect(await reviewer.locator('[data-test=statement-form]').count()).toBe(0);
    expect(await reviewer.locator('[data-test=finding-decision]').count()).toBe(0);

    // The inbox offers the statement to the party's department (第四十九条, SPEC §3.6).
    await eventually(async () => {
      const inbox = (await served.call('market-staff', 'GET', '/v1/inbox')).body;
      expect(inbox.items).toContainEqual(
        expect.objectContaining({ action: 'file_finding_statement', process: expect.objectContaining({ workflowId: stated.workflowId }) }),
      );
    }, 30_000);
    const findingPage = `/findings/process/${stated.workflowId}`;
    const market = await served.browser.page();
    await signIn(market, served.url, 'market-staff');
    await eventually(async () => {
      await openFromInbox(market, findingPage);
    }, 30_000);
    const form = market.locator('[data-test=statement-form]');
    expect(await form.locator('[data-test=due]').textContent()).toBe(`${cnDate(stated.statementDue)} 24:00`);
    expect(await form.locator('[data-test=time-left]').textContent()).toMatch(/^剩余 /);
    await market.locator('[data-test=statement]').fill('汇聚延迟系接口改造所致，现已恢复');
    await screenshot(market, 'finding-statement');
    await market.locator('[data-test=submit-statement]').click();
    await confirmDialog(market);
    await market.getByText('陈述申辩已提交').waitFor();
    await market.locator('[data-test=statement-form]').waitFor({ state: 'detached' });

    await eventually(async () => {
      await openFromInbox(reviewer, findingPage);
      await reviewer.locator('[data-test=finding-decision]').waitFor({ timeout: 1000 });
    }, 30_000);
    expect(await reviewer.locator('[data-test=finding]').textContent()).toContain('汇聚延迟系接口改造所致，现已恢复');
    await reviewer.locator('[data-test=finding-reason]').fill('接口改造不免除汇聚义务，违规属实');
    await reviewer.locator('[data-test=submit-finding-decision]').click();
    await confirmDialog(reviewer);
    await reviewer.locator('[data-test=finding-status]').getByText('已认定').waitFor();

    // 第五十一条: the order (its own page is in issue 7's violations list), then the report and acceptance here.
    const order = await served.call('reviewer', 'POST', `/v1/violations/${findingId}/rectification-orders`, {
      requirement: '限期完成市场主体登记信息汇聚',
      periodWorkingDays: 5,
    });
    expect(order.status).toBe(201);
    const orderId = order.body.id as string;
    const open = await eventually(async () => {
      const res = await served.call('market-staff', 'GET', `/v1/rectifications/${orderId}`);
      expect(res.body.deadline).not.toBeNull();
      return res.body;
    }, 30_000);

    await eventually(async () => {
      await openFromInbox(market, `/rectifications/${orderId}`);
    }, 30_000);
    const report = market.locator('[data-test=rectification-report-form]');
    expect(await report.locator('[data-test=due]').textContent()).toBe(`${cnDate(open.deadline.due)} 24:00`);
    expect(await market.locator('[data-test=rectification]').textContent()).toContain('县市场监督管理局');
    await market.locator('[data-test=rectification-report]').fill('已完成接口改造，数据每日汇聚');
    await market.locator('[data-test=submit-rectification-report]').click();
    await confirmDialog(market);
    await market.locator('[data-test=rectification-status]').getByText('整改中（整改情况待验收）').waitFor();
    expect(await market.locator('[data-test=rectification-report-form]').count()).toBe(0);

    await eventually(async () => {
      await openFromInbox(reviewer, `/rectifications/${orderId}`);
    }, 30_000);
    await reviewer.locator('[data-test=reject-rectification]').click();
    expect(await reviewer.locator('[data-test=submit-acceptance]').isDisabled()).toBe(true);
    await reviewer.locator('[data-test=acceptance-reason]').fill('未提供汇聚日志，请补充');
    await screenshot(reviewer, 'rectification-acceptance');
    await reviewer.locator('[data-test=submit-acceptance]').click();
    await confirmDialog(reviewer);
    await reviewer.getByText('已不予验收').waitFor();
    await reviewer.locator('[data-test=rectification-acceptance]').waitFor({ state: 'detached' });

    // The order stays in force: the department reports again, and the authority accepts.
    await market.reload();
    await market.locator('[data-test=rectification]').getByText('未提供汇聚日志，请补充').waitFor();
    await market.locator('[data-test=rectification-report]').fill('已补充近 5 日汇聚日志');
    await market.locator('[data-test=submit-rectification-report]').click();
    await confirmDialog(market);
    await market.locator('[data-test=rectification-status]').getByText('整改情况待验收', { exact: false }).waitFor();

    await reviewer.reload();
    await reviewer.locator('[data-test=rectification-acceptance]').waitFor();
    await reviewer.locator('[data-test=submit-acceptance]').click();
    await confirmDialog(reviewer);
    await reviewer.locator('[data-test=rectification-status]').getByText('已整改').waitFor();
    expect((await served.call('reviewer', 'GET', `/v1/rectifications/${orderId}`)).body).toMatchObject({
      status: 'rectified',
      report: '已补充近 5 日汇聚日志',
      rejectionReason: '未提供汇聚日志，请补充',
    });
    for (const p of [market, reviewer]) await p.close();
  }, 240_000);
});

describe('annual reports: the admin opens the year, the department files from the draft', () => {
  it('the draft carries the system figures; the submission shows in the year view', async () => {
    const year = Number(beijingToday().slice(0, 4));
    // In January the page opens the past year, whose reports are still being compiled.
    if (beijingToday().slice(5, 7) === '01') return;
    const admin = await served.browser.page();
    await signIn(admin, served.url, 'admin');
    expect(await menuOf(admin)).toContain('年度报告');
    await admin.getByText('年度报告', { exact: true }).click();
    await admin.locator('[data-test=start-year]').click();
    await confirmDialog(admin);
    await admin.getByText(`${year} 年度报告流程已开始`).waitFor();
    await screenshot(admin, 'annual-report-admin-start');
    await admin.close();

    const draft = await eventually(async () => {
      const res = await served.call('market-staff', 'GET', `/v1/annual-reports/${year}/departments/market/draft`);
      expect(res.status).toBe(200);
      const view = await served.call('market-staff', 'GET', `/v1/annual-reports/${year}`);
      expect(view.body.stage).toBe('departments_reporting');
      return res.body;
    }, 30_000);

    const market = await served.browser.page();
    await signIn(market, served.url, 'market-staff');
    await market.getByText('年度报告', { exact: true }).click();
    await market.locator('[data-test=report-form]').waitFor();
    expect(await market.locator('[data-test=figure-catalogEntries] input').inputValue()).toBe(String(draft.catalogEntries));
    const row = market.locator('[data-test=report-departments] tr', { hasText: '县市场监督管理局' });
    expect(await row.textContent()).toContain(`${cnDate(`${year}-12-31`)} 24:00`);
    await market.locator('[data-test=report-summary]').fill('全年完成目录更新与数据校核');
    await screenshot(market, 'annual-report-department-form');
    await market.locator('[data-test=submit-report]').click();
    await confirmDialog(market);
    await market.getByText('年度报告已报送').waitFor();
    await eventually(async () => expect(await row.locator('[data-test=submitted-at]').textContent()).toMatch(/^\d{4}年.* \d{2}:\d{2}$/));
    await market.close();

    const view = (await served.call('reviewer', 'GET', `/v1/annual-reports/${year}`)).body;
    expect(view.departments.find((d: { departmentCode: string }) => d.departmentCode === 'market').submittedAt).not.toBeNull();
  });
});
