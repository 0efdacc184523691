// The 需求清单 page (第十六条, SPEC §3.7) in Debian's chromium against the real stack: 县民政局
// staff turn a demand into a sharing request from the 共享目录 entry it matches; the authority
// sees the demand nothing answers and records the report of both lists to the city.
import { describe, expect, it } from 'vitest';
import { consoleUnderTest, menuOf, screenshot, signIn } from '../helpers/browser';

const served = consoleUnderTest();

describe('需求清单', () => {
  it('a department turns a matched demand into a request; the authority sees the unmatched one and records the report to the city', async () => {
    expect((await served.call('reviewer', 'POST', '/v1/shared-directory/publications', {})).status).toBe(201);
    const demand = (body: Record<string, unknown>) =>
      served.call('civil-staff', 'POST', '/v1/catalog/demands', { purpose: '社会组织登记审查', duty: '社会组织登记管理', ...body });
    expect((await demand({ providerDepartmentCode: 'market', name: '行政处罚信息', dataItems: ['处罚类别'] })).status).toBe(201);
    expect((await demand({ name: '不动产登记信息', dataItems: ['不动产单元号'] })).status).toBe(201);

    const civil = await served.browser.page();
    await signIn(civil, served.url, 'civil-staff');
    expect(await menuOf(civil)).toContain('需求清单');
    await civil.getByText('需求清单', { exact: true }).click();
    await civil.getByText('共享目录中暂无对应条目').waitFor();
    await civil.locator('[data-test=turn]').getByText('申请 县市场监督管理局 的“行政处罚信息”').click();
    await civil.locator('[data-test=demands]').getByText('已转为共享申请').waitFor();
    await screenshot(civil, 'demands-turned-into-request');
    const requests = (await served.call('civil-staff', 'GET', '/v1/sharing/requests')).body.items;
    expect(requests).toContainEqual(expect.objectContaining({ resourceCode: 'MKT-002', dataItems: ['处罚类别'], status: 'pending' }));

    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    await reviewer.getByText('需求清单', { exact: true }).click();
    await reviewer.locator('[data-test=unmatched]').getByText('不动产登记信息').waitFor();
    expect(await reviewer.locator('[data-test=unmatched]').getByText('行政处罚信息').count()).toBe(0);
    await reviewer.locator('[data-test=submit-city]').click();
    await reviewer.locator('[data-test=submissions]').getByText('第 1 版').waitFor();
    await screenshot(reviewer, 'demands-city-submission');
    expect((await served.call('auditor', 'GET', '/v1/catalog/city-submissions')).body.items).toHaveLength(1);
  });
});
