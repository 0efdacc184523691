// The browser suite's own check: a page that shows a code fails, naming the code and the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser, screenshot } from '../helpers/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** The check's message, or '' when no page has shown a code since it last ran. */
const failure = (): string => {
  try {
    browser.expectNoCodesShown();
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('the codes-shown check', () => {
  it('fails naming a code a page showed after it loaded, even one gone since; passes on labels', async () => {
    const page = await browser.page();
    await page.setContent('<main>待办：审批延期申请</main>');
    await page.locator('main').evaluate((main) => {
      main.textContent = '环节：awaiting_sharing_decision';
    });
    await expect.poll(failure).toContain('awaiting_sharing_decision');
    await page.locator('main').evaluate((main) => {
      main.textContent = '环节：待提供部门答复';
    });
    expect(failure()).toBe('');
    await page.close();
  });

  it('fails the screenshot of a page that shows a code, naming it', async () => {
    const page = await browser.page();
    await page.setContent('<main>待办：decide_sharing_request</main>');
    await expect(screenshot(page, 'codes-shown-check')).rejects.toThrow(/decide_sharing_request/);
    await page.setContent('<main>待办：答复共享申请（第三十一条）</main>');
    await screenshot(page, 'codes-shown-check');
    await page.close();
    failure();
  });
});
