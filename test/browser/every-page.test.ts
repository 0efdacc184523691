// Every page of the console as every role (issue 15), in Debian's chromium against the real
// stack at 1366×768: each menu page, once its requests have settled, shows no snake_case code,
// no department code and no English error text, and scrolls nothing sideways. A screenshot of
// each role's last page is kept.
import { describe, expect, it } from 'vitest';
import { DEMO_DEPARTMENTS, DEMO_USERS } from '../../db/seed';
import { consoleUnderTest, DESKTOP, fitsWidth, menuOf, screenshot, signIn, wrongTextIn } from '../helpers/browser';

const served = consoleUnderTest({ checkCodes: false });

const departmentCodes = DEMO_DEPARTMENTS.map((d) => d.code);

describe('every page as every role', () => {
  it('the check itself names a code, an English error and a department code, and passes names', () => {
    expect(wrongTextIn('部门：market；环节 under_review；Error: Not Found', departmentCodes)).toEqual([
      'under_review',
      'Error',
      'Not Found',
      'market',
    ]);
    expect(wrongTextIn('县市场监督管理局 MKT-001 市场主体登记信息 2026年12月2日', departmentCodes)).toEqual([]);
  });

  for (const user of DEMO_USERS) {
    it(`${user.username}: every menu page in Chinese, names not codes, within 1366 px`, async () => {
      const page = await served.browser.page(DESKTOP);
      await signIn(page, served.url, user.username);
      const titles = await menuOf(page);
      expect(titles.length, 'a signed-in role is offered at least its inbox').toBeGreaterThan(0);
      const wrong: string[] = [];
      for (const title of titles) {
        await page.locator('[data-test=menu] li', { hasText: title }).first().click();
        // networkidle: no request for 500 ms, so the last answers have rendered
        await page.waitForLoadState('networkidle');
        const text = await page.evaluate<string>('document.body.innerText');
        for (const t of wrongTextIn(text, departmentCodes)) wrong.push(`${title}: ${t}`);
        if (!(await fitsWidth(page))) wrong.push(`${title}: 横向滚动`);
      }
      expect(wrong).toEqual([]);
      served.browser.expectNoCodesShown();
      await screenshot(page, `every-page-${user.username}`);
      await page.close();
    });
  }

  it('the public query page too', async () => {
    const page = await served.browser.page(DESKTOP);
    await page.goto(`${served.url}/query`);
    await page.waitForLoadState('networkidle');
    expect(wrongTextIn(await page.evaluate<string>('document.body.innerText'), departmentCodes)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    served.browser.expectNoCodesShown();
    await page.close();
  });
});
