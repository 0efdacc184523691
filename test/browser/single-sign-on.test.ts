// 统一身份认证 in chromium (issue 17): the login page's button, the provider's own pages (a real
// OpenID provider in this process, on another site than the console: localhost, not 127.0.0.1),
// and back in the console as the user the platform named; a refused sign-in is told why in words.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser, screenshot } from '../helpers/browser';
import { startOidcProvider, type TestProvider } from '../helpers/oidc-provider';
import { freePort } from '../helpers/ports';
import { type ServedStack, servedStack } from '../helpers/stack';

let served: ServedStack;
let browser: Browser;
let provider: TestProvider;
let url: string;

beforeAll(async () => {
  // the provider must know the callback before the API listens: the API's port is chosen here
  const port = await freePort();
  const redirectUrl = `http://127.0.0.1:${port}/v1/session/oidc/callback`;
  provider = await startOidcProvider({
    redirectUrl,
    host: 'localhost',
    accounts: {
      zhang: { preferred_username: 'market-staff', department: 'market', county_role: 'keyuan' },
      anquan: { preferred_username: 'security-admin', county_role: 'keyuan' },
    },
  });
  [served, browser] = await Promise.all([servedStack({ env: { PORT: String(port), ...provider.env(redirectUrl) } }), launchBrowser()]);
  ({ url } = served);
});
afterEach(() => browser?.expectNoCodesShown());
afterAll(async () => {
  await browser?.close();
  await served?.stack.close();
  await provider?.close();
});

/** The button on the login page, then the provider's login and consent pages as `login`. */
async function signInThroughPlatform(page: Page, login: string) {
  await page.goto(`${url}/login`);
  await page.getByText('统一身份认证登录', { exact: true }).click();
  await page.waitForURL((u) => u.origin === provider.issuer);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('统一身份认证登录', () => {
  it('the button leads to the platform; signed in there, the console opens the inbox as 市场监管局 张科员', async () => {
    const page = await browser.page();
    await page.goto(`${url}/login`);
    await page.locator('[data-test=sso]').waitFor();
    await screenshot(page, 'sso-login-page');
    await signInThroughPlatform(page, 'zhang');
    await page.waitForURL(`${url}/inbox`);
    await page.locator('[data-test=inbox]').waitFor();
    expect(await page.locator('[data-test=who]').textContent()).toContain('市场监管局 张科员');
    await screenshot(page, 'sso-inbox');
    await page.close();
  });

  it('an administrator is sent back to the login page, told to use the password', async () => {
    const page = await browser.page();
    await signInThroughPlatform(page, 'anquan');
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByText('系统管理员、安全管理员和审计管理员不能通过统一身份认证登录，请使用用户名和密码登录').waitFor();
    await screenshot(page, 'sso-admin-refused');
    await page.close();
  });
});
