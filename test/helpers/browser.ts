// Debian's chromium driven by playwright-core (`npx playwright install` cannot download here):
// headless, a fresh context (cookies, storage) per tab, and the flags that keep it off the closed network.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TEST_PASSWORD } from './db';
import { OUTPUT_DIR } from './paths';
import { type ServedStack, type StackOptions, servedStack } from './stack';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(OUTPUT_DIR, 'screenshots');
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A stable code (snake_case) where an official should read Chinese. */
export const CODE_SHOWN = /\b[a-z]+(_[a-z]+)+\b/g;

/** English refusal or failure text where the API's Chinese message belongs (issue 15). */
export const ENGLISH_ERROR_SHOWN =
  /\b(Error|Failed|Bad Request|Unauthorized|Forbidden|Not Found|Internal Server|undefined|NaN|\[object Object\])\b/g;

/** What a page shows that an official should not read: codes, department codes, English errors. */
export function wrongTextIn(text: string, departmentCodes: readonly string[]): string[] {
  const departmentCode = new RegExp(`(?<![A-Za-z0-9-])(${departmentCodes.join('|')})(?![A-Za-z0-9-])`, 'g');
  return [
    ...new Set([...(text.match(CODE_SHOWN) ?? []), ...(text.match(ENGLISH_ERROR_SHOWN) ?? []), ...(text.match(departmentCode) ?? [])]),
  ];
}

export interface Browser {
  /** a new tab at the given viewport, in a context (cookies, storage) of its own */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  /** Fails naming every code any page of this browser has shown since the last call. */
  expectNoCodesShown(): void;
  close(): Promise<void>;
}

/**
 * Runs in every page: 50 ms after a change of the DOM, reports the codes its rendered text shows
 * that it has not reported yet, so that a code shown only while loading is caught too.
 */
const WATCH_FOR_CODES = `(() => {
  const code = new RegExp(${JSON.stringify(CODE_SHOWN.source)}, 'g');
  const reported = new Set();
  let queued = false;
  const look = () => {
    queued = false;
    const found = [...new Set(document.body?.innerText.match(code) ?? [])].filter((c) => !reported.has(c));
    if (!found.length) return;
    for (const c of found) reported.add(c);
    window.__codesShown(found);
  };
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    setTimeout(look, 50);
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

const codesMessage = (shown: { url: string; codes: string[] }[]) =>
  `pages show codes instead of Chinese labels:\n${shown.map((s) => `  ${s.url}: ${s.codes.join(', ')}`).join('\n')}`;

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const chromiumBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  const contexts: BrowserContext[] = [];
  let shown: { url: string; codes: string[] }[] = [];
  return {
    // Each tab its own context: its own cookie jar, so two officials can be signed in side by side
    // (as each tab kept its own token before sessions were cookies).
    async page(viewport = DESKTOP) {
      // The browser's zone is not Beijing on purpose: the console must show Beijing time anyway.
      const context = await chromiumBrowser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'UTC', acceptDownloads: true });
      contexts.push(context);
      await context.exposeBinding(
        '__codesShown',
        ({ page }, codes: string[]) => void shown.push({ url: new URL(page.url()).pathname, codes }),
      );
      await context.addInitScript(WATCH_FOR_CODES);
      return context.newPage();
    },
    expectNoCodesShown() {
      const seen = shown;
      shown = [];
      if (seen.length) throw new Error(codesMessage(seen));
    },
    async close() {
      for (const context of contexts) await context.close();
      await chromiumBrowser.close();
    },
  };
}

/** The served stack and chromium of a browser test file, read once its `beforeAll` has started them. */
export interface ConsoleUnderTest extends ServedStack {
  browser: Browser;
}

/**
 * Starts the served stack and chromium before the file's tests and closes both after them (each
 * closed even when the other failed to start); unless `checkCodes` is false, every test ends by
 * failing on the codes its pages showed.
 */
export function consoleUnderTest(opts: StackOptions & { worker?: boolean; checkCodes?: boolean } = {}): ConsoleUnderTest {
  const { checkCodes = true, ...stackOptions } = opts;
  let served: ServedStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    await Promise.all([
      servedStack(stackOptions).then((s) => {
        served = s;
      }),
      launchBrowser().then((b) => {
        browser = b;
      }),
    ]);
  });
  if (checkCodes) afterEach(() => browser?.expectNoCodesShown());
  afterAll(async () => {
    await browser?.close();
    await served?.stack.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('consoleUnderTest: read before beforeAll started the stack and chromium');
    return value;
  };
  return {
    get stack() {
      return started(served).stack;
    },
    get url() {
      return started(served).url;
    },
    get call() {
      return started(served).call;
    },
    get client() {
      return started(served).client;
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Fills and sends the login form (user name and password). */
export async function submitSignIn(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('[data-test=username]').fill(username);
  await page.locator('[data-test=password]').fill(password);
  await page.locator('[data-test=sign-in]').click();
}

/** Signs in through the login form with the seeded user's password; waits for the header (the menu is a drawer on phones). */
export async function signIn(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
  await submitSignIn(page, baseUrl, username, password);
  await page.locator('[data-test=who]').waitFor();
}

/** Saves the page, once its rendered text shows no code. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const codes = [...new Set((await page.evaluate<string>('document.body.innerText')).match(CODE_SHOWN) ?? [])];
  if (codes.length) throw new Error(`${name}: ${codesMessage([{ url: new URL(page.url()).pathname, codes }])}`);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** What the console's menu offers the signed-in user. */
export const menuOf = async (page: Page): Promise<string[]> =>
  (await page.locator('[data-test=menu] li').allTextContents()).map((t) => t.trim());

/** The page fits the window's width: nothing to scroll sideways (1366×768 desktops, phones). */
export const fitsWidth = async (page: Page): Promise<boolean> =>
  (await page.evaluate<number>('document.documentElement.scrollWidth')) <= page.viewportSize()!.width;

/** Accepts the confirmation the console asks before an irreversible action. */
export async function confirmDialog(page: Page): Promise<void> {
  await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
}

/** Opens the inbox (afresh) and follows the 办理 that leads to `href` (the case's own page). */
export async function openFromInbox(page: Page, href: string): Promise<void> {
  await page.goto(new URL('/inbox', page.url()).href);
  await page.locator(`[data-test=inbox] a[href="${href}"]`).click();
  await page.waitForURL((u) => u.pathname === href);
}

/** Types each value into a multiple select that allows new entries, and adds it. */
export async function addTags(page: Page, select: string, values: string[]): Promise<void> {
  const input = page.locator(`${select} input`);
  for (const value of values) {
    await page.locator(select).click();
    await input.fill(value);
    await page.getByRole('option', { name: value, exact: true }).click();
    await page.locator(`${select} .el-tag`, { hasText: value }).waitFor();
  }
}
