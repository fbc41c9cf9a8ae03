import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import {
  SCREENSHOTS,
  TEST_TIMEOUT,
  WAIT,
  flush,
  menuLink,
  newPage,
  screenshot,
  signInAndEnroll,
  switchLanguage,
  waitForRoute,
} from '../support/browser';
import { launchChromium } from '../support/chromium';
import { FakeClock } from '../support/fake-clock';
import { startTestServer, type TestServer } from '../support/server';

const DPO = {
  email: 'dpo.browser@example.test',
  password: 'silver river notebook 58',
  displayName: 'Hana DPO',
};
const SUPPORT = {
  email: 'support.log@example.test',
  password: 'quiet meadow compass 17',
  displayName: 'Jiho Support',
};

describe('the access log in a browser', () => {
  const clock = new FakeClock();
  let server: TestServer;
  let browser: Browser;
  let dpoId = '';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({ serveUi: true, clock });
    browser = await launchChromium();
    dpoId = (await server.createStaff({ ...DPO, role: 'dpo' })).id;
    await server.createStaff({ ...SUPPORT, role: 'support' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'lets a DPO read their own sign-in events, check one in the browser and verify the log',
    async () => {
      const { context, page } = await newPage(browser, server.url, 'en-US');
      try {
        await signInAndEnroll(page, clock, DPO);
        await flush(server);
        await screenshot(page, 'en-20-dpo-home');

        await menuLink(page, '#/access-log').click();
        const rows = page.locator('table tbody tr');
        const signIn = rows.filter({ hasText: 'Signed in (password)' });
        await signIn.first().waitFor(WAIT);
        await expect(rows.filter({ hasText: dpoId.slice(0, 8) }).count()).resolves.toBeGreaterThan(0);
        await expect(rows.filter({ hasText: 'Two-step verification set up' }).count()).resolves.toBeGreaterThan(0);
        await screenshot(page, 'en-21-access-log');

        // Only authentication events once the action filter is set.
        await page.getByRole('combobox', { name: 'Action' }).click();
        await page.locator('li[data-value=authenticate]').click();
        await waitForRoute(page, (p) => p === '/access-log');
        await page.waitForURL(/authenticate/, WAIT);
        await page.waitForFunction(() => {
          const chips = [...document.querySelectorAll('[data-testid=event-action]')].map((chip) => chip.textContent);
          return chips.length > 0 && chips.every((text) => text === 'Authentication');
        }, WAIT);
        await screenshot(page, 'en-22-access-log-authenticate');

        // A range the server refuses is explained next to the filters, not as a generic error.
        await page.fill('input[name=from]', '2024-01-01T00:00');
        await page.fill('input[name=to]', '2026-01-01T00:00');
        const problems = page.locator('[data-testid=access-log-filter-problems]');
        await problems.waitFor(WAIT);
        await expect(problems.textContent()).resolves.toContain('366 days');
        await screenshot(page, 'en-23-access-log-filter-refused');
        await page.fill('input[name=from]', '');
        await page.fill('input[name=to]', '');
        await page.goto(`${server.url}/#/access-log?filter=${encodeURIComponent('{"action":"authenticate"}')}`);
        await signIn.first().waitFor(WAIT);

        await flush(server);
        await signIn.first().click();
        await waitForRoute(page, (p) => /^\/access-log\/\d+\/show$/.test(p));
        const check = page.locator('[data-testid=inclusion-check][data-result=ok]');
        await check.waitFor(WAIT);
        await expect(check.textContent()).resolves.toContain('Proof checks out in your browser ✓');
        await expect(page.locator('[data-testid=canonical-bytes]').textContent()).resolves.toContain('"sign_in"');
        await screenshot(page, 'en-24-access-log-event');

        await menuLink(page, '#/integrity').click();
        await page.locator('[data-testid=latest-head-size]').waitFor(WAIT);
        await screenshot(page, 'en-25-integrity-before');
        await page.click('[data-testid=verify-now]');
        const result = page.locator('[data-testid=verification-result]');
        await result.waitFor(WAIT);
        await expect(result.getAttribute('data-result')).resolves.toBe('intact');
        await expect(result.textContent()).resolves.toBe('Intact');
        await screenshot(page, 'en-26-integrity-verified');

        // The same screens in Korean.
        await switchLanguage(page, 'English', '한국어');
        await page.getByText('이상 없음').first().waitFor(WAIT);
        await screenshot(page, 'ko-20-integrity');
        await menuLink(page, '#/access-log').click();
        await rows.filter({ hasText: '로그인(비밀번호)' }).first().waitFor(WAIT);
        await screenshot(page, 'ko-21-access-log');
        await rows.filter({ hasText: '로그인(비밀번호)' }).first().click();
        await page.locator('[data-testid=inclusion-check][data-result=ok]').waitFor(WAIT);
        await expect(page.locator('[data-testid=inclusion-check]').textContent()).resolves.toContain(
          '브라우저에서 증명을 확인했습니다 ✓',
        );
        await screenshot(page, 'ko-22-access-log-event');
        await switchLanguage(page, '한국어', 'English');
      } finally {
        await context.close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a support user no access log, in Korean',
    async () => {
      const { context, page } = await newPage(browser, server.url, 'ko-KR');
      try {
        await signInAndEnroll(page, clock, SUPPORT);
        await expect(page.locator('[data-testid=home-role]').textContent()).resolves.toBe('고객지원');
        await page.locator('[data-testid=section-subjects]').waitFor(WAIT);
        await expect(page.locator('a[href="#/access-log"]').count()).resolves.toBe(0);
        await expect(page.locator('a[href="#/integrity"]').count()).resolves.toBe(0);

        await page.goto(`${server.url}/#/access-log`);
        await page.getByText('접근 거부').first().waitFor(WAIT);
        await expect(page.locator('table tbody tr').count()).resolves.toBe(0);
        await page.goto(`${server.url}/#/integrity`);
        await page.getByText('접근 거부').first().waitFor(WAIT);
        await expect(page.locator('[data-testid=verify-now]').count()).resolves.toBe(0);
        await screenshot(page, 'ko-23-support-access-log-denied');
      } finally {
        await context.close();
      }
    },
    TEST_TIMEOUT,
  );
});
