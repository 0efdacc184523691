// 第五十二条 and 第五十一条 in the console: the authority registers a service unit and opens a case
// against it through the page, records the 告知, reads the 陈述申辩 deadline in Chinese and is
// offered the next step only; a department reads a circular of 通报批评 in full, fit for paper.
import { describe, expect, it } from 'vitest';
import { addCalendarDays, beijingDate } from '../../domain/working-days';
import { confirmDialog, consoleUnderTest, openFromInbox, screenshot, signIn } from '../helpers/browser';
import { VALID_CREDIT_CODE } from '../helpers/penalties';
import { seedCriticizedOrder, seedProcess, seedViolation } from '../helpers/supervision';

const served = consoleUnderTest();

/** 2026-12-02 → 2026年12月2日（星期三）, written out here rather than asked of the console. */
function chineseDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日（星期${'日一二三四五六'[new Date(`${iso}T00:00:00Z`).getUTCDay()]}）`;
}

/**
 * The 5th Monday-to-Friday after `from` (the day itself not counted): the working days of late
 * 2026, which has no statutory holiday between National Day and 2027-01-01; a period reaching
 * into 2027 (no official schedule loaded yet) counts weekdays too and is marked （暂定）.
 */
function fiveWorkingDaysAfter(from: string): string {
  let d = from;
  for (let n = 0; n < 5; ) {
    d = addCalendarDays(d, 1);
    const day = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (day !== 0 && day !== 6) n += 1;
  }
  return d;
}

describe('第五十二条: a penalty case opened and notified in the console', () => {
  it('the authority registers the unit, opens the case, records the notice and sees the deadline and the next step only', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'reviewer');
    await page.locator('[data-test=menu] li', { hasText: '行政处罚案件' }).click();
    await page.locator('[data-test=penalty-open-form]').waitFor();

    await page.locator('[data-test=register-party]').click();
    await page.locator('[data-test=unit-name]').fill('云阳数据运维服务有限公司');
    await page.locator('[data-test=unit-services]').fill('县政务云平台运行维护');
    // A wrong check character (GB 32100-2015: this code's is X) is refused in the API's words; the dialog stays.
    await page.locator('[data-test=unit-credit-code]').fill('91500235MA5U000000');
    await page.locator('[data-test=save-unit]').click();
    await page.locator('.el-message', { hasText: '统一社会信用代码校验位错误，应为 X' }).waitFor();
    await page.locator('[data-test=unit-credit-code]').fill(VALID_CREDIT_CODE);
    await page.locator('[data-test=save-unit]').click();
    await page.locator('[data-test=penalty-party]', { hasText: '云阳数据运维服务有限公司' }).waitFor();

    // A service unit may breach its 第三十八条 duties; the 第五十条 items are offered too.
    await page.getByText('第三十八条 未建立安全管理制度').click();
    await page.locator('[data-test=penalty-facts]').fill('经核查，该单位未建立安全管理制度');
    await page.locator('[data-test=open-penalty-case]').click();
    await confirmDialog(page);
    await page.waitForURL(/\/penalty-cases\/CF/);
    await page.locator('[data-test=penalty-stage]', { hasText: '待告知当事人' }).waitFor();
    const facts = await page.locator('[data-test=penalty-case]').textContent();
    expect(facts).toContain('云阳数据运维服务有限公司（服务单位）');
    expect(facts).toContain('第五十二条');
    expect(await page.locator('[data-test=fine-range]').textContent()).toBe('1万元以上3万元以下（第五十二条）');
    expect(await page.locator('[data-test=penalty-step-notice]').count()).toBe(1);
    expect(await page.locator('[data-test=penalty-step-statements]').count()).toBe(0);
    expect(await page.locator('[data-test=penalty-step-fine]').count()).toBe(0);
    // The inbox's 告知当事人 task opens this page, not the read-only process page.
    await openFromInbox(page, new URL(page.url()).pathname);
    await page.locator('[data-test=penalty-step-notice]').waitFor();

    // The notice is dated today (the form's default): the period runs from tomorrow.
    const today = beijingDate(Date.now());
    const due = fiveWorkingDaysAfter(today);
    const dueText = `${chineseDay(due)} 24:00${due >= '2027-01-01' ? '（暂定）' : ''}`;
    await page.locator('[data-test=field-content]').fill('拟责令限期改正，可在五个工作日内陈述申辩');
    await page.locator('[data-test=submit-notice]').click();
    await confirmDialog(page);
    await page.locator('[data-test=penalty-stage]', { hasText: '陈述申辩期内' }).waitFor();
    expect(await page.locator('[data-test=penalty-case] [data-test=due]').textContent()).toBe(dueText);
    expect(await page.locator('[data-test=penalty-timeline]').textContent()).toContain(`告知当事人：拟责令限期改正`);

    // Only the statement is offered now; 移送司法机关 stays open at every stage (第五十四条).
    expect(await page.locator('[data-test=penalty-step-statements]').count()).toBe(1);
    for (const step of ['notice', 'rectification-order', 'rectification', 'fine', 'conclusion'])
      expect(await page.locator(`[data-test=penalty-step-${step}]`).count(), step).toBe(0);
    expect(await page.locator('[data-test=penalty-step-referral]').count()).toBe(1);
    await screenshot(page, 'penalty-case-notified');

    // The list reads the case with its party, article, stage and deadline in words.
    await page.locator('[data-test=menu] li', { hasText: '行政处罚案件' }).click();
    const row = page.locator('[data-test=penalty-cases] tr', { hasText: '云阳数据运维服务有限公司' });
    await row.waitFor();
    const rowText = await row.textContent();
    for (const words of ['第五十二条', '陈述申辩期内', dueText]) expect(rowText).toContain(words);
    await screenshot(page, 'penalty-cases-list');
    await page.close();
  });

  it('the auditor reads the case list and is offered no 立案', async () => {
    const page = await served.browser.page();
    await signIn(page, served.url, 'auditor');
    await page.locator('[data-test=menu] li', { hasText: '行政处罚案件' }).click();
    await page.locator('[data-test=penalty-cases] tr', { hasText: '云阳数据运维服务有限公司' }).waitFor();
    expect(await page.locator('[data-test=penalty-open-form]').count()).toBe(0);
    await page.close();
  });
});

describe('第五十一条: a circular of 通报批评 in full', () => {
  it('a department reads the circular with the department named and the date in Chinese, and prints it without the menu', async () => {
    const { db } = served.stack.database;
    const due = addCalendarDays(beijingDate(Date.now()), -3);
    const workflowId = await seedProcess(db, { departmentCode: 'civil', type: 'rectification', due, status: 'closed', level: 'overdue' });
    const violationId = await seedViolation(db, {
      workflowId,
      departmentCode: 'civil',
      occurredAt: `${due}T00:00:00+08:00`,
      kind: 'catalog_submission_overdue',
    });
    const circularId = await seedCriticizedOrder(db, {
      orderId: 'ZG-browser-criticized',
      violationId,
      workflowId,
      text: [
        '关于对县民政局未按期完成整改的通报（云数通〔2025〕1号）',
        '各政务部门、县人民政府：',
        '县民政局在期限内未完成整改，现依照第五十一条予以通报批评。',
        '县政务数据资源主管部门　2025年10月17日',
      ].join('\n'),
    });

    const page = await served.browser.page();
    await signIn(page, served.url, 'market-staff');
    await page.locator('[data-test=menu] li', { hasText: '通报批评' }).click();
    const row = page.locator('[data-test=circulars] tr', { hasText: '云数通〔2025〕1号' });
    await row.waitFor();
    expect(await row.textContent()).toContain('县民政局');
    expect(await row.textContent()).toContain('2025年10月17日（星期五）');
    await row.getByRole('link').click();
    await page.waitForURL((u) => u.pathname === `/circulars/${circularId}`);
    const sheet = page.locator('[data-test=circular-text]');
    await sheet.waitFor();
    expect(await sheet.locator('h1').textContent()).toBe('关于对县民政局未按期完成整改的通报（云数通〔2025〕1号）');
    expect(await sheet.textContent()).toContain('县民政局在期限内未完成整改，现依照第五十一条予以通报批评。');
    expect(await page.locator('[data-test=circular-facts]').textContent()).toContain('被通报部门县民政局');

    // On paper: the text alone, no menu, header or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await sheet.isVisible()).toBe(true);
    for (const hidden of ['[data-test=menu]', '[data-test=who]', '[data-test=print-circular]', '[data-test=circular-facts]'])
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'circular-full-text');
    await page.close();
  });
});
