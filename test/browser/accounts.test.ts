// Accounts in the console (issue 17), in chromium against the served stack: password sign-in and
// out, the forced first change, lockout, idle expiry, and changes made by the security
// administrator taking effect at the user's next request.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema';
import { consoleUnderTest, screenshot, signIn, submitSignIn } from '../helpers/browser';

// 3 failures lock; no lookup cache, so a row changed by the test is seen at once
const served = consoleUnderTest({ env: { SIGN_IN_MAX_FAILURES: '3', AUTH_CACHE_TTL_MS: '0' } });

const db = () => served.stack.database.db;
const userId = async (username: string) => (await db().select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
const header = async (page: Page) => (await page.locator('[data-test=who]').textContent()) ?? '';

describe('sign in and out', () => {
  it('signs in with user name and password, shows 我的账号, and after 退出 every page asks to sign in again', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    await page.getByText('我的账号', { exact: true }).click();
    await page.locator('[data-test=previous-sign-in]').waitFor();
    await screenshot(page, 'accounts-my-account');
    await page.getByText('退出', { exact: true }).click();
    await page.locator('[data-test=sign-in]').waitFor();
    await page.goto(`${served.url}/inbox`);
    await page.locator('[data-test=sign-in]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });
});

describe('forced first change', () => {
  it('a reset password opens only the change page; after the change the inbox opens', async () => {
    await db().update(users).set({ mustChangePassword: true }).where(eq(users.username, 'civil-head'));
    const page = await served.browser.page();
    await submitSignIn(page, served.url, 'civil-head');
    await page.locator('[data-test=must-change]').waitFor();
    await page.goto(`${served.url}/inbox`);
    await page.locator('[data-test=must-change]').waitFor();
    await page.locator('[data-test=current-password]').fill('Test-Passw0rd');
    await page.locator('[data-test=new-password]').fill('Civil#Head2025');
    await page.locator('[data-test=repeat-password]').fill('Civil#Head2025');
    await screenshot(page, 'accounts-forced-change');
    await page.locator('[data-test=change-password]').click();
    await page.waitForURL(`${served.url}/inbox`);
    await page.locator('[data-test=menu]').waitFor();
    await page.close();
  });
});

describe('lockout', () => {
  it('the 3rd wrong password locks the account: the right one is refused too, with the time it opens again', async () => {
    const page = await served.browser.page();
    for (let i = 0; i < 2; i++) {
      await submitSignIn(page, served.url, 'auditor', 'Wrong-Passw0rd');
      await page.getByText('用户名或密码错误').first().waitFor();
    }
    await submitSignIn(page, served.url, 'auditor', 'Wrong-Passw0rd');
    await page.getByText('账号已锁定至').first().waitFor();
    await submitSignIn(page, served.url, 'auditor');
    await page.getByText('账号已锁定至').first().waitFor();
    await screenshot(page, 'accounts-locked');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });
});

describe('session expiry', () => {
  it('a session idle for 30 minutes has ended: the next page asks to sign in', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'reviewer');
    const id = await userId('reviewer');
    await db()
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.userId, id));
    await page.reload();
    await page.locator('[data-test=sign-in]').waitFor();
    await page.close();
  });
});

describe('the security administrator’s changes', () => {
  it('a deactivated user is refused at the very next request; 账号管理 then offers to reactivate it', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'civil-staff');
    // the security administrator over the API: one browser profile holds one session cookie
    const res = await served.call('security-admin', 'PATCH', `/v1/admin/users/${await userId('civil-staff')}`, { active: false });
    expect(res.status).toBe(200);
    await page.getByText('我的账号', { exact: true }).click();
    await page.locator('[data-test=sign-in]').waitFor();
    await signIn(page, served.url, 'security-admin');
    await page.getByText('账号管理', { exact: true }).click();
    const row = page.locator('[data-test=users] tr').filter({ hasText: 'civil-staff' });
    await row.getByText('启用', { exact: true }).waitFor();
    await screenshot(page, 'accounts-admin-users');
    await page.close();
  });

  it('a role change takes effect at the next request', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'county');
    expect(await header(page)).toContain('县人民政府');
    const res = await served.call('security-admin', 'PATCH', `/v1/admin/users/${await userId('county')}`, { role: 'auditor' });
    expect(res.status).toBe(200);
    await page.reload();
    await page.locator('[data-test=menu]').waitFor();
    expect(await header(page)).toContain('审计人员');
    await page.close();
  });
});
