// The supervision board (issue 15) in Debian's chromium against the real stack: the authority
// reads red/yellow/green, the ranking, the trend and the due-date calendar drawn by ECharts,
// sees an overdue row counted in working days, urges it (督办) and opens the case, whose
// timeline records the urging. Department staff see the board without the action.
import { describe, expect, it } from 'vitest';
import { addCalendarDays, beijingDate } from '../../domain/working-days';
import { consoleUnderTest, fitsWidth, screenshot, signIn } from '../helpers/browser';
import { seedProcess } from '../helpers/supervision';

const served = consoleUnderTest();

const today = beijingDate(Date.now());
/**
 * Monday to Friday after `from` up to today: the working days of late 2026, which has no
 * statutory holiday between National Day and 2027-01-01 (the State Council's 2026 schedule).
 */
function weekdaysSince(from: string): number {
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= today; d = addCalendarDays(d, 1)) {
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6) n += 1;
  }
  return n;
}

describe('the supervision board', () => {
  it('the authority sees the figures and an overdue row in working days, urges it and opens the case', async () => {
    expect(today < '2027-01-01' && today > '2026-10-15', 'the hand count assumes a date of late 2026').toBe(true);
    const due = addCalendarDays(today, -7);
    const { db } = served.stack.database;
    const overdue = await seedProcess(db, { departmentCode: 'market', type: 'conflict', due });
    await seedProcess(db, {
      departmentCode: 'civil',
      type: 'conflict',
      due: addCalendarDays(today, 20),
      warningOn: addCalendarDays(today, 18),
    });

    const page = await served.browser.page();
    await signIn(page, served.url, 'reviewer');
    await page.getByText('期限看板', { exact: true }).click();
    await page.locator('[data-test=totals]').getByText('红色超期').waitFor();
    const row = page.locator('[data-test=deadlines] tr', { hasText: overdue });
    await row.waitFor();
    expect(await row.locator('[data-test=remaining]').textContent()).toContain(`已超期 ${weekdaysSince(due)} 个工作日`);
    expect(await row.textContent()).toContain('县市场监督管理局');
    expect(await page.locator('[data-test=ranking]').textContent()).toContain('县民政局');
    // the ranking, the trend and the calendar are ECharts canvases, served by the console itself
    expect(await page.locator('.board-charts canvas').count()).toBeGreaterThanOrEqual(3);
    expect(await fitsWidth(page)).toBe(true);

    await row.locator('[data-test=urge]').click();
    await page.locator('[data-test=urge-note]').fill('请于两个工作日内答复并报告');
    await page.locator('[data-test=send-urge]').click();
    await page.getByText('已督办，已通知县市场监督管理局').waitFor();
    await row.getByText('已督办 1 次').waitFor();
    await screenshot(page, 'board-authority');

    // the row opens the case's own page (a conflict's), and the 督办 stands on the process timeline
    await row.getByRole('link', { name: overdue }).click();
    await page.waitForURL(`**/conflicts/${overdue}`);
    await page.goto(`${served.url}/processes/${overdue}`);
    await page.locator('[data-test=timeline]').getByText('督办', { exact: true }).waitFor();
    expect(await page.locator('h2').textContent()).toBe(`数据冲突 ${overdue}`);
    await page.close();
  });

  it('department staff see their own rows and no 督办; the filters stay in the address', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    await page.goto(`${served.url}/deadlines?level=overdue`);
    await page.locator('[data-test=deadlines] tbody tr').first().waitFor();
    expect(await page.locator('[data-test=deadlines]').textContent()).not.toContain('县民政局');
    expect(await page.locator('[data-test=urge]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('level')).toBe('overdue');
    await screenshot(page, 'board-department');
    await page.close();
  });
});
