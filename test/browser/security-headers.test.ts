// Issue 16: the console and the API documentation work in chromium under the Content Security
// Policy that @fastify/helmet sends: no page breaks on a refused script or style.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser, signIn } from '../helpers/browser';
import { type ServedStack, servedStack } from '../helpers/stack';

let served: ServedStack;
let browser: Browser;

beforeAll(async () => {
  [served, browser] = await Promise.all([servedStack({ worker: false }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await served?.stack.close();
});

describe('under the CSP', () => {
  it('the console signs in and shows its pages, the API documentation renders; chromium reports no violation', async () => {
    const page = await browser.page();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(String(e)));
    const res = await page.goto(`${served.url}/login`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await signIn(page, served.url, 'reviewer');
    await page.goto(`${served.url}/deadlines`);
    await page.locator('[data-test=menu]').waitFor();
    await page.goto(`${served.url}/docs`);
    await page.locator('.swagger-ui .info').waitFor();
    expect(refused).toEqual([]);
  });
});
