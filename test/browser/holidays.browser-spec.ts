import { WAIT, screenshot, useBrowserSuite } from '../support/browser';

const DPO = { email: 'dpo.calendar@example.test', password: 'maple harbour ledger 61', displayName: 'Hana DPO' };
const SUPPORT = {
  email: 'support.calendar@example.test',
  password: 'willow compass meadow 34',
  displayName: 'Jiho Support',
};

const suite = useBrowserSuite({
  staff: [
    { ...DPO, role: 'dpo' },
    { ...SUPPORT, role: 'support' },
  ],
});

describe('holidays screen', () => {
  suite.itSignedIn('shows the DPO the year’s Korean holidays and lets them edit one', 'ko', DPO, async (page) => {
    await suite.open(page, '/calendar/holidays');
    await page.getByText('추석').first().waitFor(WAIT);
    await page.locator('a[href="#/calendar/holidays/create"]').first().waitFor(WAIT);
    await screenshot(page, 'holidays-dpo-ko');
    await page.getByText('제9회 전국동시지방선거일').click();
    await page.locator('[data-testid=holiday-history]').waitFor(WAIT);
    await page.locator('[data-testid=holiday-end]').waitFor(WAIT);
    // The seeding's version in Korean: by the system, for the reason it gives.
    await expect(page.locator('[data-testid=history-entry]').first().textContent()).resolves.toMatch(
      /시스템정부가 발표한 임시공휴일 또는 선거일$/,
    );
    await screenshot(page, 'holiday-show-dpo-ko');
  });

  suite.itSignedIn('shows support the holidays read-only', 'en', SUPPORT, async (page) => {
    await suite.open(page, '/calendar/holidays');
    await page.getByText('Korean Thanksgiving').first().waitFor(WAIT);
    await screenshot(page, 'holidays-support-en');
    expect(await page.locator('a[href="#/calendar/holidays/create"]').count()).toBe(0);
    await page.getByText('Korean Thanksgiving').first().click();
    await page.locator('[data-testid=holiday-history]').waitFor(WAIT);
    expect(await page.locator('[data-testid=holiday-end]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
  });
});
