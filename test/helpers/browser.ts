// Debian's chromium driven by playwright-core (`npx playwright install` cannot download here):
// headless, a new empty profile per run, and the flags that keep it off the closed network.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { tokenOf } from './actors';
import { OUTPUT_DIR } from './paths';

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

export interface Browser {
  context: BrowserContext;
  /** a new tab at the given viewport */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'chromium-profile-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  // The browser's zone is not Beijing on purpose: the console must show Beijing time anyway.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'UTC',
    acceptDownloads: true,
  });
  return {
    context,
    async page(viewport = DESKTOP) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form with the demo user's token; waits for the menu. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('[data-test=token]').fill(tokenOf(username));
  await page.locator('[data-test=sign-in]').click();
  await page.locator('[data-test=menu]').waitFor();
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** What the console's menu offers the signed-in user. */
export const menuOf = async (page: Page): Promise<string[]> =>
  (await page.locator('[data-test=menu] li').allTextContents()).map((t) => t.trim());

/** The page fits the window's width: nothing to scroll sideways (1366×768 desktops, phones). */
export const fitsWidth = async (page: Page): Promise<boolean> =>
  (await page.evaluate<number>('document.documentElement.scrollWidth')) <= page.viewportSize()!.width;
