// The web console's catalog and supervision pages (issue 7, journeys 1 and 3) in Debian's chromium
// against the real stack: department staff submit a catalog update application; the authority
// reviews it against the entries in force (returns, then approves) and orders a violation
// rectified. Roles without these actions never see them, and the API refuses them anyway.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../domain/working-days';
import { cnDate } from '../../web/src/format';
import { consoleUnderTest, fitsWidth, menuOf, screenshot, signIn } from '../helpers/browser';
import { addEntry, changeEntry } from '../helpers/catalog';
import { eventually } from '../helpers/wait';

// Every page a journey visits, however briefly, shows labels and never a code.
const served = consoleUnderTest();

const uniqueCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6).toUpperCase()}`;

/** A change registered over the API, once its workflow waits for the application. */
async function registerChange(user: string, changeDate = beijingDate(Date.now())) {
  const res = await served.call(user, 'POST', '/v1/catalog/changes', {
    requestId: randomUUID(),
    trigger: 'law_amended',
    changeDate,
    legalBasis: '《婚姻登记条例》修订',
    description: '登记事项调整',
  });
  expect(res.status).toBe(201);
  await eventually(
    async () => expect((await served.call(user, 'GET', `/v1/catalog/changes/${res.body.id}`)).body.stage).toBe('awaiting_application'),
    30_000,
  );
  return { id: res.body.id as string, workflowId: res.body.workflowId as string };
}

const entryVersion = async (user: string, code: string) =>
  (await served.call(user, 'GET', `/v1/catalog/entries/${code}`)).body.entry.version as number;

describe('journey 1: department staff submit a catalog update application', () => {
  it('registers a change, adds one entry and changes another from its current version; the stage moves to review', async () => {
    const code = uniqueCode('MKT');
    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    await page.getByText('目录更新', { exact: true }).click();
    await page.locator('[data-test=register-change]').click();
    await page.locator('[data-test=legal-basis]').fill('《食品安全法》修订');
    await page.locator('[data-test=change-description]').fill('新增食品经营许可信息，行政处罚信息改为每日更新');
    await page.locator('[data-test=submit-change]').click();
    await page.waitForURL(/\/catalog\/changes\/ML/);
    const id = page.url().split('/').pop()!;
    const form = page.locator('[data-test=application-form]');
    await form.waitFor();
    expect(await page.locator('[data-test=change-stage]').textContent()).toBe('待提交申请');

    // Change MKT-002: the form starts from the entry as it stands, at its current version.
    await form.locator('[data-test=change-entry]').click();
    const changed = form.locator('[data-test=change-0]');
    await changed.locator('[data-test=entry]').click();
    await page.getByRole('option', { name: /^MKT-002 行政处罚信息/ }).click();
    expect(await changed.locator('[data-test=base-version]').textContent()).toContain(
      `依据条目第 ${await entryVersion('market-staff', 'MKT-002')} 版`,
    );
    expect(await changed.locator('[data-test=name]').inputValue()).toBe('行政处罚信息');
    await changed.locator('[data-test=updateFrequency]').fill('每日');

    // Add a new entry, every 第十五条 field stated.
    await form.locator('[data-test=add-entry]').click();
    const added = form.locator('[data-test=change-1]');
    await added.locator('[data-test=code]').fill(code);
    await added.locator('[data-test=name]').fill('食品经营许可信息');
    await added.locator('[data-test=encodingFormat]').fill('JSON（UTF-8）');
    await added.locator('[data-test=dataItems]').fill('许可证编号、经营者名称');
    await added.locator('[data-test=summary]').fill('食品经营许可的发放、变更和注销');
    for (const [field, value] of [
      ['sharingMethod', '共享交换平台接口'],
      ['securityLevel', '一般'],
      ['updateFrequency', '每日'],
      ['updateCycle', '每日'],
      ['usageRequirements', '仅用于履行法定职责'],
    ]) {
      await added.locator(`[data-test=${field}]`).fill(value!);
    }
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'journey1-catalog-application-form');

    await form.locator('[data-test=submit-application]').click();
    await page.getByText(/第 1 次申请已提交/).waitFor();
    await page.locator('[data-test=change-stage]', { hasText: '审核中' }).waitFor();
    expect(await page.locator('[data-test=applications]').textContent()).toContain(`变更 MKT-002、新增 ${code}`);
    const diff = page.locator('[data-test=diff-MKT-002]');
    await diff.getByText('更新频度').waitFor();
    expect(await diff.textContent()).toMatch(/每周.*每日/);
    expect(await page.locator('[data-test=application-form]').count()).toBe(0);
    expect(await page.locator('[data-test=review-actions]').count()).toBe(0);
    await screenshot(page, 'journey1-catalog-application-submitted');

    await page.getByText('目录更新', { exact: true }).click();
    const row = page.locator('[data-test=catalog-changes] tr', { hasText: id });
    await row.waitFor();
    expect(await row.locator('[data-test=stage]').textContent()).toBe('审核中');
    await page.close();

    const view = await served.call('market-staff', 'GET', `/v1/catalog/changes/${id}`);
    expect(view.body).toMatchObject({ stage: 'under_review', applications: [{ n: 1, decision: null }] });
    expect(view.body.applications[0].changes).toEqual([
      expect.objectContaining({
        action: 'change',
        code: 'MKT-002',
        entry: expect.objectContaining({ updateFrequency: '每日', name: '行政处罚信息' }),
      }),
      {
        action: 'add',
        code,
        entry: expect.objectContaining({
          dataItems: ['许可证编号', '经营者名称'],
          sharingType: 'unconditional',
          sharingBasis: null,
          baseDatabase: null,
        }),
      },
    ]);
  });
});

describe('journey 3: the authority reviews catalog applications against the entries in force', () => {
  it('shows each field before and after; returns with a reason, then approves the resubmission into a new catalog version', async () => {
    const code = uniqueCode('CIV');
    const change = await registerChange('civil-staff');
    const base = await entryVersion('civil-staff', 'CIV-001');
    const changes = [
      changeEntry('CIV-001', base, { securityLevel: '重要', dataItems: ['姓名', '公民身份号码', '登记日期', '登记类别', '登记机关'] }),
      addEntry(code),
    ];
    expect((await served.call('civil-staff', 'POST', `/v1/catalog/changes/${change.id}/applications`, { changes })).status).toBe(201);

    const page = await served.browser.page();
    await signIn(page, served.url, 'reviewer');
    await page.locator('[data-test=inbox] tr', { hasText: change.id }).getByText('办理', { exact: true }).click();
    const diff = page.locator('[data-test=diff-CIV-001]');
    await diff.getByText('安全级别').waitFor();
    const rows = (await diff.locator('tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ''));
    expect(rows).toEqual([
      '数据项姓名、公民身份号码、登记日期、登记类别姓名、公民身份号码、登记日期、登记类别、登记机关',
      '安全级别敏感重要',
    ]);
    expect(await page.locator(`[data-test=diff-${code}]`).textContent()).toContain('食品经营许可信息');
    expect(await page.locator('[data-test=stale]').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'journey3-reviewer-application-diff');

    await page.locator('[data-test=return-application]').click();
    await page.locator('[data-test=review-reason]').fill('新增条目的共享方式请与平台接口规范一致');
    await page.locator('[data-test=confirm-review]').click();
    await page.locator('[data-test=change-stage]', { hasText: '已退回' }).waitFor();
    expect(await page.locator('[data-test=applications]').textContent()).toContain('新增条目的共享方式请与平台接口规范一致');
    expect(await page.locator('[data-test=review-actions]').count()).toBe(0);

    expect((await served.call('civil-staff', 'POST', `/v1/catalog/changes/${change.id}/applications`, { changes })).status).toBe(201);
    await page.reload();
    await page.locator('[data-test=approve-application]').click();
    await page.locator('[data-test=confirm-review]').click();
    await page.getByText(/已批准，目录更新为第 \d+ 版/).waitFor();
    await page.locator('[data-test=change-stage]', { hasText: '已批准' }).waitFor();
    expect(await page.locator('[data-test=application-diff]').count()).toBe(0);
    await screenshot(page, 'journey3-reviewer-application-approved');
    await page.close();

    const entry = await served.call('civil-staff', 'GET', '/v1/catalog/entries/CIV-001');
    expect(entry.body.entry).toMatchObject({ securityLevel: '重要', version: base + 1 });
    expect((await served.call('civil-staff', 'GET', `/v1/catalog/entries/${code}`)).status).toBe(200);
  });

  it('the department never sees the review, and the API refuses it to every role but the authority', async () => {
    const change = await registerChange('civil-staff');
    const changes = [addEntry(uniqueCode('CIV'))];
    expect((await served.call('civil-staff', 'POST', `/v1/catalog/changes/${change.id}/applications`, { changes })).status).toBe(201);

    for (const user of ['civil-staff', 'auditor']) {
      const page = await served.browser.page();
      await signIn(page, served.url, user);
      await page.goto(`${served.url}/catalog/changes/${change.id}`);
      await page.locator('[data-test=change-stage]', { hasText: '审核中' }).waitFor();
      await page.locator('[data-test=application-diff] .el-card').first().waitFor();
      expect(await page.locator('[data-test=approve-application], [data-test=return-application]').count()).toBe(0);
      await page.close();
    }
    for (const user of ['civil-staff', 'civil-head', 'auditor']) {
      expect(await served.call(user, 'POST', `/v1/catalog/changes/${change.id}/review`, { approve: true })).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN_ROLE' },
      });
    }
    expect((await served.call('civil-staff', 'GET', `/v1/catalog/changes/${change.id}`)).body.stage).toBe('under_review');
  });
});

describe('journey 3: the authority orders a violation rectified', () => {
  /**
   * A change registered 60 days after the fact: its application period is long over, a violation
   * of 第四十九条(八). The department states its case and the authority confirms it (SPEC §3.6):
   * only a confirmed violation is ordered rectified.
   */
  async function lateChange(user: string) {
    const change = await registerChange(user, beijingDate(Date.now() - 60 * 86_400_000));
    const violation = await eventually(async () => {
      const v = (await served.call('reviewer', 'GET', '/v1/violations?limit=500')).body.items.find(
        (i: { process: { workflowId: string } }) => i.process.workflowId === change.workflowId,
      );
      expect(v).toMatchObject({ status: 'notified', rectifiable: true, orderable: false });
      return v as { id: number; departmentCode: string };
    }, 30_000);
    // the finding's review workflow answers once it has opened the statement period
    await eventually(async () =>
      expect(
        (await served.call(user, 'POST', `/v1/findings/${violation.id}/statement`, { statement: '职能调整交接延误，未及时申请' })).status,
      ).toBe(200),
    );
    expect(
      (await served.call('reviewer', 'POST', `/v1/findings/${violation.id}/decision`, { confirm: true, reason: '逾期申请属实' })).status,
    ).toBe(200);
    return { ...change, violationId: violation.id };
  }

  it('from the violations list: requirement and period, the due date shown before issuing; the order starts its workflow', async () => {
    const late = await lateChange('market-staff');
    const expected = (await served.call('reviewer', 'GET', `/v1/calendar/deadline?from=${beijingDate(Date.now())}&workingDays=5`)).body
      .due as string;

    const page = await served.browser.page();
    await signIn(page, served.url, 'reviewer');
    await page.getByText('违规与整改', { exact: true }).click();
    const row = page.locator('[data-test=violations] tr').filter({ has: page.locator(`a[href="/processes/${late.workflowId}"]`) });
    await row.waitFor();
    expect(await row.textContent()).toContain('超过规定时间申请更新政务数据资源目录');
    expect(await row.locator('[data-test=finding-status]').textContent()).toBe('已认定');
    await row.locator('[data-test=order-rectification]').click();
    await page.locator('[data-test=order-requirement]').fill('限期提交目录更新申请，并说明迟交原因');
    await page.locator('[data-test=order-period] input').fill('5');
    await page.locator('[data-test=order-period] input').blur();
    await page.locator('[data-test=order-due]', { hasText: `${cnDate(expected)} 24:00` }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'journey3-reviewer-rectification-order');
    await page.locator('[data-test=confirm-order]').click();
    await page.getByText(/已下达整改通知 ZG/).waitFor();
    const orderId = (await row.locator('[data-test=order-id]').textContent())!.trim();
    expect(await row.locator('[data-test=order-rectification]').count()).toBe(0);
    await page.locator('[data-test=confirm-order]').waitFor({ state: 'hidden' });
    await page.locator('[data-test=violations] .el-loading-mask').waitFor({ state: 'detached' });
    await screenshot(page, 'journey3-reviewer-violations');
    await page.close();

    const order = await eventually(async () => {
      const res = await served.call('market-staff', 'GET', `/v1/rectifications/${orderId}`);
      expect(res.body.deadline).not.toBeNull();
      return res.body;
    }, 30_000);
    expect(order).toMatchObject({
      violationId: late.violationId,
      departmentCode: 'market',
      requirement: '限期提交目录更新申请，并说明迟交原因',
      periodWorkingDays: 5,
      status: 'open',
      deadline: { due: expected },
    });
  });

  it('departments and auditors see the violations but never the order, and the API refuses it', async () => {
    const late = await lateChange('market-staff');
    for (const user of ['market-staff', 'auditor']) {
      const page = await served.browser.page();
      await signIn(page, served.url, user);
      expect(await menuOf(page)).toContain('违规与整改');
      await page.getByText('违规与整改', { exact: true }).click();
      const row = page.locator('[data-test=violations] tr').filter({ has: page.locator(`a[href="/processes/${late.workflowId}"]`) });
      await row.getByText('未下达').waitFor();
      expect(await page.locator('[data-test=order-rectification]').count()).toBe(0);
      await page.close();
    }
    const body = { requirement: '限期整改', periodWorkingDays: 5 };
    for (const user of ['market-staff', 'market-head', 'auditor']) {
      expect(await served.call(user, 'POST', `/v1/violations/${late.violationId}/rectification-orders`, body)).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN_ROLE' },
      });
    }
    expect(
      (await served.call('reviewer', 'GET', '/v1/violations?limit=500')).body.items.find((v: { id: number }) => v.id === late.violationId)
        .rectificationOrder,
    ).toBeNull();
  });
});
