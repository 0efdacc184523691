// Issue 16: the console and the API documentation work in chromium under the Content Security
// Policy that @fastify/helmet sends: no page breaks on a refused script or style.
import { describe, expect, it } from 'vitest';
import { consoleUnderTest, signIn } from '../helpers/browser';

const served = consoleUnderTest({ worker: false, checkCodes: false });

describe('under the CSP', () => {
  it('the console signs in and shows its pages, the API documentation renders; chromium reports no violation', async () => {
    const page = await served.browser.page();
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
