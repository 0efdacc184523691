// Issue 15: the sharing processes worked in the console (第二十九条 to 第三十二条), in Debian's
// chromium against the real stack. 民政局 asks 市场监管局 for its conditional 行政处罚信息; the
// provider refuses within its period; 民政局 disputes; the authority refers the dispute to the county
// government, which orders sharing; the provider then revokes the grant. Each step is opened from
// the inbox, shows its deadline and time left, and asks before it is done.
import { describe, expect, it } from 'vitest';
import { cnDate } from '../../web/src/format';
import { addTags, confirmDialog, consoleUnderTest, menuOf, openFromInbox, screenshot, signIn } from '../helpers/browser';
import { eventually } from '../helpers/wait';

const served = consoleUnderTest();

describe('sharing: request, refusal, dispute, referral, county decision, revocation', () => {
  it('each party works its step from the inbox, and the page offers no step to anyone else', async () => {
    // 民政局 files the request in the console.
    const civil = await served.browser.page();
    await signIn(civil, served.url, 'civil-staff');
    expect(await menuOf(civil)).toContain('数据共享');
    await civil.getByText('数据共享', { exact: true }).click();
    await civil.locator('[data-test=new-sharing-request]').click();
    await civil.locator('[data-test=sharing-resource]').fill('MKT-002');
    await addTags(civil, '[data-test=sharing-items]', ['统一社会信用代码', '处罚类别']);
    await civil.locator('[data-test=sharing-purpose]').fill('社会组织登记审查');
    await civil.locator('[data-test=sharing-duty]').fill('社会组织登记管理');
    await civil.locator('[data-test=submit-sharing-request]').click();
    await civil.waitForURL(/\/sharing\/requests\/GX/);
    const id = decodeURIComponent(civil.url().split('/').pop()!);
    expect(await civil.locator('[data-test=sharing-status]').textContent()).toBe('待提供部门答复');
    // The requester cannot answer its own request.
    expect(await civil.locator('[data-test=sharing-decision]').count()).toBe(0);

    // The workflow counts the provider's period (5 working days by default, 第三十一条) and registers it.
    const pending = await eventually(async () => {
      const res = await served.call('market-staff', 'GET', `/v1/sharing/requests/${id}`);
      expect(res.body.deadline).not.toBeNull();
      return res.body;
    }, 30_000);
    expect(pending).toMatchObject({
      status: 'pending',
      requesterDepartment: 'civil',
      providerDepartment: 'market',
      dataItems: ['统一社会信用代码', '处罚类别'],
    });

    // 市场监管局 answers from its inbox: the page shows the period and the time left.
    const market = await served.browser.page();
    await signIn(market, served.url, 'market-staff');
    await eventually(async () => {
      await openFromInbox(market, `/sharing/requests/${id}`);
    }, 30_000);
    const card = market.locator('[data-test=sharing-decision]');
    await card.waitFor();
    expect(await card.locator('[data-test=due]').textContent()).toBe(`${cnDate(pending.deadline.due)} 24:00`);
    expect(await card.locator('[data-test=time-left]').textContent()).toMatch(/^剩余 /);
    expect(await market.locator('[data-test=sharing-request]').textContent()).toContain('县民政局');
    await market.getByText('不同意', { exact: true }).click();
    expect(await market.locator('[data-test=submit-sharing-decision]').isDisabled()).toBe(true);
    await market.locator('[data-test=decision-reason]').fill('涉及未公开的处罚信息');
    await screenshot(market, 'sharing-provider-decision');
    await market.locator('[data-test=submit-sharing-decision]').click();
    await confirmDialog(market);
    await market.locator('[data-test=sharing-status]').getByText('不同意共享').waitFor();
    expect(await market.locator('[data-test=sharing-decision]').count()).toBe(0);

    // 民政局 disputes the refusal (第三十二条).
    await civil.reload();
    await civil.locator('[data-test=dispute-grounds]').fill('登记审查是法定职责，须核查处罚记录');
    await civil.locator('[data-test=submit-dispute]').click();
    await confirmDialog(civil);
    await civil.locator('[data-test=dispute-link]').waitFor();
    const disputeId = (await civil.locator('[data-test=dispute-link]').textContent())!.trim();
    // The parties see the dispute but are not offered its decision.
    await civil.locator('[data-test=dispute-link]').click();
    await civil.locator('[data-test=dispute-stage]').getByText('主管部门协调争议').waitFor({ timeout: 30_000 });
    expect(await civil.locator('[data-test=dispute-decision]').count()).toBe(0);

    // The authority refers it to the county government.
    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    await eventually(async () => {
      await openFromInbox(reviewer, `/sharing/disputes/${disputeId}`);
    }, 30_000);
    await reviewer.locator('[data-test=dispute-decision] [data-test=time-left]').waitFor();
    await reviewer.locator('[data-test=referral-reason]').fill('涉及两部门职责划分，报请县政府决定');
    await screenshot(reviewer, 'sharing-authority-dispute');
    await reviewer.locator('[data-test=refer-dispute]').click();
    await confirmDialog(reviewer);
    await reviewer.locator('[data-test=dispute-stage]').getByText('报县政府决定').waitFor();
    expect(await reviewer.locator('[data-test=dispute-decision]').count()).toBe(0);

    // The county government, which had nothing in its console before, decides it.
    const county = await served.browser.page();
    await signIn(county, served.url, 'county');
    expect(await menuOf(county)).toContain('数据共享');
    await eventually(async () => {
      await openFromInbox(county, `/sharing/disputes/${disputeId}`);
    }, 30_000);
    await county.getByText('决定共享', { exact: true }).click();
    await county.locator('[data-test=dispute-reason]').fill('登记审查依法需要处罚信息，决定共享');
    await screenshot(county, 'sharing-county-decision');
    await county.locator('[data-test=submit-dispute-decision]').click();
    await confirmDialog(county);
    await county.locator('[data-test=dispute-stage]').getByText('决定共享').waitFor();

    // The grant is 民政局's and the county government ordered it (第三十二条, SPEC §3.7): 市场监管局,
    // the provider overruled, is offered no revocation; the county government revokes it, with a
    // reason, after confirming.
    const grant = await eventually(async () => {
      const res = await served.call('civil-staff', 'GET', `/v1/sharing/requests/${id}`);
      expect(res.body.grant).not.toBeNull();
      return res.body.grant;
    }, 30_000);
    expect(grant).toMatchObject({ requesterDepartment: 'civil', dataItems: ['统一社会信用代码', '处罚类别'], revokedAt: null });
    await market.getByText('数据共享', { exact: true }).click();
    await market.getByRole('tab', { name: '共享授权' }).click();
    await market.locator('[data-test=sharing-grants] tr', { hasText: id }).waitFor();
    expect(await market.locator('[data-test=sharing-grants] tr', { hasText: id }).locator('[data-test=revoke-grant]').count()).toBe(0);
    await county.getByText('数据共享', { exact: true }).click();
    await county.getByRole('tab', { name: '共享授权' }).click();
    const row = county.locator('[data-test=sharing-grants] tr', { hasText: id });
    await row.locator('[data-test=revoke-grant]').click();
    expect(await county.locator('[data-test=confirm-revoke]').isDisabled()).toBe(true);
    await county.locator('[data-test=revoke-reason]').fill('处罚信息已依法公开，改由公开渠道取得');
    await county.locator('[data-test=confirm-revoke]').click();
    await row.getByText(/已撤销/).waitFor();
    await screenshot(county, 'sharing-grants-revoked');
    expect((await served.call('civil-staff', 'GET', `/v1/sharing/grants/${grant.id}/data`)).body.code).toBe('GRANT_REVOKED');
    for (const p of [civil, market, reviewer, county]) await p.close();
  }, 240_000);

  it('the auditor reads sharing but is offered no action; the API refuses the decision', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'auditor');
    await page.getByText('数据共享', { exact: true }).click();
    await page.locator('[data-test=sharing-requests]').waitFor();
    expect(await page.locator('[data-test=new-sharing-request]').count()).toBe(0);
    await page.getByRole('tab', { name: '共享授权' }).click();
    expect(await page.locator('[data-test=revoke-grant]').count()).toBe(0);
    await page.close();
    expect((await served.call('auditor', 'POST', '/v1/sharing/requests/GX-0/decision', { decision: 'approve' })).status).toBe(403);
  });
});
