// The 共享目录 page (第三十一条) in Debian's chromium against the real stack: the authority
// publishes the directory with catalog version 1; 县民政局 staff find 县市场监督管理局's
// 行政处罚信息 by department and words, read its conditions, and ask for it from the page; the
// request reaches the sharing API. Its own department's entry offers no 申请共享.
import { describe, expect, it } from 'vitest';
import { consoleUnderTest, menuOf, screenshot, signIn } from '../helpers/browser';
import { eventually } from '../helpers/wait';

const served = consoleUnderTest();

describe('共享目录', () => {
  it('the authority publishes it; a department finds another’s entry, reads its conditions and asks for it', async () => {
    const reviewer = await served.browser.page();
    await signIn(reviewer, served.url, 'reviewer');
    expect(await menuOf(reviewer)).toContain('共享目录');
    await reviewer.getByText('共享目录', { exact: true }).click();
    await reviewer.getByText('共享目录尚未发布').waitFor();
    await reviewer.locator('[data-test=publish]').click();
    await reviewer.locator('[data-test=published]').getByText('第 1 版目录').waitFor();
    await screenshot(reviewer, 'shared-directory-published');

    const civil = await served.browser.page();
    await signIn(civil, served.url, 'civil-staff');
    await civil.getByText('共享目录', { exact: true }).click();
    await civil.locator('[data-test=directory]').getByText('婚姻登记信息').waitFor();
    // Three published entries; 申请共享 on the two of 县市场监督管理局 only.
    expect(await civil.locator('[data-test=ask]').count()).toBe(2);
    expect(await civil.locator('[data-test=publish]').count()).toBe(0);

    await civil.locator('[data-test=department]').click();
    await civil.getByRole('option', { name: '县市场监督管理局' }).click();
    await civil.locator('[data-test=q]').fill('处罚');
    await civil.locator('[data-test=search]').click();
    await eventually(async () => expect(await civil.locator('[data-test=directory] tbody tr').count()).toBe(1));
    await civil.locator('[data-test=detail]').click();
    await civil.locator('[data-test=entry-detail]').getByText('《优化营商环境条例》第五十三条').waitFor();
    await screenshot(civil, 'shared-directory-entry-detail');
    await civil.keyboard.press('Escape');

    await civil.locator('[data-test=ask]').click();
    await civil.locator('[data-test=ask-purpose]').fill('社会组织登记审查');
    await civil.locator('[data-test=ask-duty]').fill('社会组织登记管理（《社会团体登记管理条例》）');
    await screenshot(civil, 'shared-directory-ask');
    await civil.locator('[data-test=ask-submit]').click();
    await civil.getByText('申请已提交，等待提供部门决定').waitFor();

    const requests = (await served.call('civil-staff', 'GET', '/v1/sharing/requests')).body.items;
    expect(requests).toContainEqual(
      expect.objectContaining({
        resourceCode: 'MKT-002',
        status: 'pending',
        dataItems: ['统一社会信用代码', '处罚决定书文号', '处罚类别', '处罚日期'],
      }),
    );
  });
});
