// The web console (issue 7) in Debian's chromium against the real stack: the Temporal dev
// server, the database, a worker and the API serving web/dist on a real port. Each journey
// saves a screenshot under test-output/screenshots/. Actions a role lacks are absent from the
// page, and the API refuses them anyway.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cnDate } from '../../web/src/format';
import { consoleUnderTest, menuOf, PHONE, screenshot, signIn } from '../helpers/browser';
import { eventually } from '../helpers/wait';

// Every page a journey visits, however briefly, shows labels and never a code.
const served = consoleUnderTest();

/** A market correction filed over the API, its deadline set by the workflow. */
async function fileCorrection(description: string) {
  const filed = await served.call('market-staff', 'POST', '/v1/corrections', {
    requestId: randomUUID(),
    departmentCode: 'market',
    resourceCode: 'MKT-001',
    dataItems: ['住所'],
    description,
    subject: { kind: 'organisation', idNumber: '91350100M000100Y43', name: '某某商贸有限公司' },
  });
  expect(filed.status).toBe(201);
  const view = await eventually(async () => {
    const res = await served.call('market-staff', 'GET', `/v1/corrections/${filed.body.id}`);
    expect(res.body.deadline).not.toBeNull();
    return res.body;
  }, 30_000);
  return {
    id: filed.body.id as string,
    workflowId: filed.body.workflowId as string,
    queryCode: filed.body.queryCode as string,
    due: view.deadline.due as string,
  };
}

async function requestExtension(id: string, days: number, reason: string) {
  const res = await served.call('market-staff', 'POST', `/v1/corrections/${id}/extensions`, { days, reason });
  expect(res.status).toBe(201);
}

describe('journey 1: department staff registers a correction at the counter', () => {
  it('checks the credit code as typed, files through the API and prints receipt number and query code', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    await page.getByText('受理异议登记', { exact: true }).click();
    await page.locator('[data-test=resource]').click();
    await page.getByRole('option', { name: 'MKT-001 市场主体登记信息' }).click();
    await page.locator('[data-test=data-items]').getByText('住所', { exact: true }).click();
    await page.getByText('法人或其他组织', { exact: true }).click();

    const idInput = page.locator('[data-test=id-number]');
    await idInput.fill('91350100M000100Y44');
    await page.getByText('统一社会信用代码校验位错误，应为 3').waitFor();
    expect(await page.locator('[data-test=submit-correction]').isDisabled()).toBe(true);
    await idInput.fill('91350100m000100Y43');
    await page.getByText(/统一社会信用代码字母应为大写/).waitFor();
    await idInput.fill('91350100M000100Y43');
    await page.locator('[data-test=id-ok]').waitFor();

    await page.locator('[data-test=subject-name]').fill('某某商贸有限公司');
    await page.locator('[data-test=description]').fill('住所登记为旧地址，实际已迁至新址');
    await page.locator('[data-test=submit-correction]').click();

    const receipt = page.locator('[data-test=receipt]');
    await receipt.waitFor();
    const id = (await page.locator('[data-test=receipt-id]').textContent())!.trim();
    const queryCode = (await page.locator('[data-test=receipt-query-code]').textContent())!.trim();
    expect(queryCode).toMatch(/^\d{6}$/);
    // The workflow sets the deadline a moment after it starts; the receipt shows 计算中 until then.
    await receipt.getByText(/24:00/).waitFor();
    await screenshot(page, 'journey1-counter-receipt');

    const view = await served.call('market-staff', 'GET', `/v1/corrections/${id}`);
    expect(view).toMatchObject({
      status: 200,
      body: { resourceCode: 'MKT-001', dataItems: ['住所'], subject: { kind: 'organisation', name: '某某商贸有限公司' } },
    });
    expect(await receipt.textContent()).toContain(cnDate(view.body.deadline.due));
    // the printed receipt (issue 15): department, applicant, matter, legal basis and period, clerk, seal area, QR code of the full address
    const printed = await receipt.textContent();
    for (const field of [
      '县市场监督管理局',
      '某某商贸有限公司',
      '市场主体登记信息：住所',
      '10 个工作日内予以校核',
      '市场监管局 张科员',
      '受理单位盖章',
    ])
      expect(printed).toContain(field);
    expect(await page.locator('[data-test=receipt-url]').textContent()).toBe(`${served.url}/query?id=${id}`);
    expect(await page.locator('[data-test=receipt-qr]').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.locator('[data-test=receipt-lapsed]').count()).toBe(0);
    expect((await served.call(null, 'GET', `/v1/public/corrections/${id}?queryCode=${queryCode}`)).status).toBe(200);
    await page.close();
  });

  it('an auditor is not offered the counter, and the API refuses the filing', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'auditor');
    expect(await menuOf(page)).not.toContain('受理异议登记');
    await page.close();
    const res = await served.call('auditor', 'POST', '/v1/corrections', {
      requestId: randomUUID(),
      departmentCode: 'market',
      resourceCode: 'MKT-001',
      dataItems: ['住所'],
      description: 'x',
      subject: { kind: 'organisation', idNumber: '91350100M000100Y43', name: 'x' },
    });
    expect(res).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_ROLE' } });
  });
});

describe('journey 2: the department head decides extension requests', () => {
  it('shows the reason, the current deadline and the one an approval gives; approval moves the deadline', async () => {
    const c = await fileCorrection('法定代表人变更未同步');
    await requestExtension(c.id, 3, '需向省级登记机关调取原始档案核实');
    const expected = (await served.call('market-head', 'GET', `/v1/calendar/deadline?from=${c.due}&workingDays=3`)).body.due as string;

    const page = await served.browser.page();
    await signIn(page, served.url, 'market-head');
    await page.getByText('延期审批', { exact: true }).click();
    const row = page.locator('[data-test=pending-extensions] tr', { hasText: c.id });
    await row.waitFor();
    expect(await row.textContent()).toContain('需向省级登记机关调取原始档案核实');
    expect(await row.locator('[data-test=current-due]').textContent()).toBe(`${cnDate(c.due)} 24:00`);
    expect(await row.locator('[data-test=new-due]').textContent()).toBe(`${cnDate(expected)} 24:00`);
    await screenshot(page, 'journey2-head-extensions');

    await row.locator('[data-test=approve]').click();
    await page.locator('[data-test=decision-reason]').fill('同意，请抓紧核实');
    await page.locator('[data-test=confirm-decision]').click();
    await page.getByText('已批准延期').waitFor();
    await page.locator('[data-test=pending-extensions] tr', { hasText: c.id }).waitFor({ state: 'detached' });
    await page.close();

    const after = await served.call('market-staff', 'GET', `/v1/corrections/${c.id}`);
    expect(after.body).toMatchObject({
      deadline: { due: expected },
      extensions: [{ status: 'approved', decisionReason: '同意，请抓紧核实' }],
    });
  });

  it('staff never see the decision, and the API refuses it; another department head gets 404', async () => {
    const c = await fileCorrection('经营范围登记有误');
    await requestExtension(c.id, 2, '等待企业提交材料');

    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    expect(await menuOf(page)).not.toContain('延期审批');
    await page.goto(`${served.url}/corrections/${c.id}`);
    await page.locator('[data-test=extensions]').getByText('等待企业提交材料').waitFor();
    expect(await page.getByText('去审批延期申请').count()).toBe(0);
    await page.goto(`${served.url}/extensions`);
    await page.locator('[data-test=pending-extensions]').waitFor();
    expect(await page.locator('[data-test=approve]').count()).toBe(0);
    await page.close();

    expect(await served.call('market-staff', 'POST', `/v1/corrections/${c.id}/extensions/decision`, { approve: true })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN_ROLE' },
    });
    expect((await served.call('civil-head', 'POST', `/v1/corrections/${c.id}/extensions/decision`, { approve: true })).status).toBe(404);
  });
});

describe('journey 4: the auditor follows a process and checks the audit log', () => {
  it('searches, opens the timeline, extension history and raw Temporal history, exports CSV, verifies the chain', async () => {
    const c = await fileCorrection('名称登记错字');
    await requestExtension(c.id, 2, '需现场核查');
    expect(
      (
        await served.call('market-head', 'POST', `/v1/corrections/${c.id}/extensions/decision`, {
          approve: false,
          reason: '材料已齐，无需延期',
        })
      ).status,
    ).toBe(200);

    const page = await served.browser.page();
    await signIn(page, served.url, 'auditor');
    await page.getByText('流程查询', { exact: true }).click();
    // the department is picked by name; the receipt number searches on the server, and the search stays in the address
    await page.locator('[data-test=filter-department]').click();
    await page.getByRole('option', { name: '县市场监督管理局' }).click();
    await page.locator('input[data-test=filter-number]').fill(c.id);
    await page.locator('[data-test=search]').click();
    await page.locator('[data-test=pagination]').getByText('共 1 条').waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ number: c.id, departmentCode: 'market' });
    await page.locator('[data-test=processes]').getByText(c.id, { exact: true }).click();

    await page.locator('[data-test=timeline]').getByText('受理登记').waitFor();
    const timeline = await page.locator('[data-test=timeline]').textContent();
    expect(timeline).toContain('申请延期');
    expect(timeline).toContain('不同意延期');
    // Who acted, by name (the API joins the users), not by user id.
    expect(timeline).toContain('市场监管局 张科员');
    expect(timeline).toContain('市场监管局 李局长');
    // The page asks again while the engine is busy (under the full suite's load it may be).
    await page.locator('[data-test=extension-history]').getByText('需现场核查').waitFor({ timeout: 30_000 });
    const extensions = await page.locator('[data-test=extension-history]').textContent();
    expect(extensions).toContain('需现场核查');
    expect(extensions).toContain('材料已齐，无需延期');
    expect(extensions).toContain('市场监管局 李局长');
    expect(await page.locator('[data-test=process]').textContent()).toContain(cnDate(c.due));

    await page.getByText(/Temporal 原始事件历史/).click();
    await page.getByText('WORKFLOW_EXECUTION_STARTED', { exact: true }).waitFor();
    // The engine's events name who acted with the role in Chinese (issue 15); the codes stay in the raw JSON.
    expect(await page.locator('[data-test=temporal-history]').textContent()).toContain(
      '市场监管局 李局长（部门主要负责人 · 县市场监督管理局）',
    );
    // SPEC §5: the history says where it came from (the engine here; the archive after its retention).
    expect(await page.locator('[data-test=history-source]').textContent()).toContain('来源：流程引擎');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export-process]').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('时间（北京时间）');
    expect(csv).toContain('需现场核查');
    await screenshot(page, 'journey4-auditor-process');

    await page.getByText('审计日志校验', { exact: true }).click();
    // the auditor's own reads are entries too: the list shows them with Chinese role names
    await page.locator('[data-test=audit-entries]').getByText('审计人员').first().waitFor();
    // what was done and how it ended, in words: the route's own summary, never `GET /v1/…`
    await page.locator('[data-test=audit-action-filter]').click();
    await page.getByRole('option', { name: '审计：业务时间线、违规记录与 Temporal 完整事件历史' }).click();
    await page.locator('[data-test=audit-search]').click();
    await page.locator('[data-test=audit-entries]').getByText(c.workflowId).first().waitFor();
    const entriesText = await page.locator('[data-test=audit-entries]').textContent();
    expect(entriesText).toContain('审计：业务时间线、违规记录与 Temporal 完整事件历史');
    expect(entriesText).toContain('成功（200）');
    expect(entriesText).not.toContain('GET /v1');
    const [auditCsv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=audit-export-csv]').click()]);
    expect(await readFile((await auditCsv.path())!, 'utf8')).toContain('序号,时间,操作人,角色,部门,操作,对象,结果');
    await page.locator('[data-test=verify-audit]').click();
    await page
      .locator('[data-test=audit-result]')
      .getByText(/完整：树中 \d+ 条记录，与签名树头一致/)
      .waitFor();
    await screenshot(page, 'journey4-auditor-audit-verify');
    await page.close();
  });

  it('department staff see neither the raw history nor the audit check, and the API refuses both', async () => {
    const c = await fileCorrection('住所门牌号有误');
    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    expect(await menuOf(page)).not.toContain('审计日志校验');
    await page.goto(`${served.url}/processes/${c.workflowId}`);
    await page.locator('[data-test=timeline]').getByText('受理登记').waitFor();
    expect(await page.locator('[data-test=temporal-history]').count()).toBe(0);
    await page.close();

    expect(await served.call('market-staff', 'GET', `/v1/processes/${c.workflowId}/history`)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN_ROLE' },
    });
    expect(await served.call('market-staff', 'GET', '/v1/audit/verify')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_ROLE' } });
  });
});

describe('journey 5: an applicant without an account looks up a correction', () => {
  it('on a phone: receipt number and query code show status and deadline, no sign-in, nothing wider than the screen', async () => {
    const c = await fileCorrection('住所登记为旧地址');
    const page = await served.browser.page(PHONE);
    await page.goto(`${served.url}/query`);
    await page.locator('[data-test=receipt-id]').fill(c.id);
    await page.locator('[data-test=query-code]').fill(c.queryCode);
    await page.locator('[data-test=look-up]').click();
    const result = page.locator('[data-test=query-result]');
    await result.waitFor();
    const text = await result.textContent();
    expect(text).toContain(c.id);
    expect(text).toContain('县市场监督管理局');
    expect(text).toContain('市场主体登记信息');
    expect(text).toContain(`${cnDate(c.due)} 24:00`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'journey5-public-query-390x844');

    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'journey5-public-query-1366x768');

    const wrong = c.queryCode === '000000' ? '111111' : '000000';
    await page.locator('[data-test=query-code]').fill(wrong);
    await page.locator('[data-test=look-up]').click();
    await page.locator('[data-test=query-error]').waitFor();
    expect(await result.count()).toBe(0);
    await page.close();
  });
});

describe('journey 6: a provider reads its sharing and conflict tasks in Chinese', () => {
  it('the inbox names each task, stage and process type; the search offers every type by name', async () => {
    const asked = await served.call('civil-staff', 'POST', '/v1/sharing/requests', {
      requestId: randomUUID(),
      resourceCode: 'MKT-002',
      dataItems: ['处罚类别'],
      purpose: '社会组织登记审查',
      duty: '社会组织登记管理',
    });
    expect(asked.status).toBe(201);
    const opened = await served.call('market-staff', 'POST', '/v1/conflicts', {
      requestId: randomUUID(),
      departments: ['market', 'civil'],
      resources: [{ code: 'MKT-001', dataItems: ['住所'] }],
      description: '同一社会组织住所不一致',
    });
    expect(opened.status).toBe(201);
    await eventually(async () => {
      const actions = (await served.call('market-staff', 'GET', '/v1/inbox')).body.items.map((i: { action: string }) => i.action);
      expect(actions).toEqual(expect.arrayContaining(['decide_sharing_request', 'record_conflict_position']));
    }, 30_000);

    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    const inbox = page.locator('[data-test=inbox]');
    await inbox.getByText('答复共享申请').first().waitFor();
    const text = await inbox.textContent();
    for (const label of ['答复共享申请', '待提供部门答复', '共享申请', '提出数据冲突意见', '部门协商中', '数据冲突'])
      expect(text).toContain(label);
    await screenshot(page, 'journey6-provider-inbox');

    await page.getByText('流程查询', { exact: true }).click();
    await page.locator('[data-test=filter-type]').click();
    await page.getByRole('option', { name: '共享争议' }).waitFor();
    expect((await page.getByRole('option').allTextContents()).map((t) => t.trim())).toEqual([
      '数据校核',
      '目录更新',
      '限期整改',
      '年度报告',
      '共享申请',
      '共享争议',
      '数据冲突',
      '违规认定',
      '行政处罚案件',
      '目录清单编制',
      '政务信息化项目',
    ]);
    await page.getByRole('option', { name: '数据冲突' }).click();
    await page.locator('[data-test=search]').click();
    await page.locator('[data-test=processes]').getByText('部门协商中').first().waitFor();
    await screenshot(page, 'journey6-provider-conflicts');
    await page.close();
  });
});

describe('serving', () => {
  it('reloads a console route (SPA fallback) while unknown /v1 routes keep the JSON 404', async () => {
    const page = await fetch(`${served.url}/processes/anything`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    expect(await served.call(null, 'GET', '/v1/no-such-route')).toMatchObject({ status: 404, body: { code: 'ROUTE_NOT_FOUND' } });
    expect(await served.call('auditor', 'GET', '/v1/me')).toMatchObject({
      status: 200,
      body: { username: 'auditor', role: 'auditor', departmentCode: null },
    });
  });
});
