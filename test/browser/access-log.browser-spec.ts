import {
  WAIT,
  accessLogFilteredBy,
  flush,
  menuLink,
  screenshot,
  switchLanguage,
  useBrowserSuite,
  waitForRoute,
} from '../support/browser';

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
  const suite = useBrowserSuite({
    staff: [
      { ...DPO, role: 'dpo' },
      { ...SUPPORT, role: 'support' },
    ],
  });

  suite.itSignedIn(
    'lets a DPO read their own sign-in events, check one in the browser and verify the log',
    'en-US',
    DPO,
    async (page) => {
      await flush(suite.server);
      await screenshot(page, 'en-20-dpo-home');

      await menuLink(page, '#/access-log').click();
      const rows = page.locator('table tbody tr');
      const signIn = rows.filter({ hasText: 'Signed in (password)' });
      await signIn.first().waitFor(WAIT);
      // The actor shows as a short id until the page's names arrive, then by name.
      const byDpo = new RegExp(`${suite.staffId(DPO).slice(0, 8)}|${DPO.displayName}`);
      await expect(rows.filter({ hasText: byDpo }).count()).resolves.toBeGreaterThan(0);
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
      await suite.open(page, accessLogFilteredBy('authenticate'));
      await signIn.first().waitFor(WAIT);

      await flush(suite.server);
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
      // Who ran it, by name.
      await page.locator('[data-testid=verification-by]', { hasText: DPO.displayName }).waitFor(WAIT);
      await screenshot(page, 'en-26-integrity-verified');
      // The first run reads the whole log; the next one only what came after the head it verified.
      const mode = page.locator('[data-testid=verification-mode]');
      await expect(mode.getAttribute('data-mode')).resolves.toBe('full');
      await page.click('[data-testid=verify-now]');
      await page.locator('[data-testid=verification-mode][data-mode=incremental]').waitFor(WAIT);
      await page.click('[data-testid=verify-full]');
      await page.locator('[data-testid=verification-mode][data-mode=full]').waitFor(WAIT);
      await expect(mode.textContent()).resolves.toContain('Whole log');

      // The same screens in Korean.
      await switchLanguage(page, 'English', '한국어');
      await page.getByText('이상 없음').first().waitFor(WAIT);
      await screenshot(page, 'ko-20-integrity');
      await menuLink(page, '#/access-log').click();
      await rows.filter({ hasText: '로그인(비밀번호)' }).first().waitFor(WAIT);
      await screenshot(page, 'ko-21-access-log');
      // A row opens from the keyboard too: it takes the focus, and Enter opens it.
      await rows.filter({ hasText: '로그인(비밀번호)' }).first().focus();
      await page.keyboard.press('Enter');
      await waitForRoute(page, (p) => /^\/access-log\/\d+\/show$/.test(p));
      await page.locator('[data-testid=inclusion-check][data-result=ok]').waitFor(WAIT);
      await expect(page.locator('[data-testid=inclusion-check]').textContent()).resolves.toContain(
        '브라우저에서 증명을 확인했습니다 ✓',
      );
      // Who acted, and whom it was about, by name beside the ids (a sign-in is about the staff member).
      await page.locator('[data-testid=event-actor]').getByText(DPO.displayName).waitFor(WAIT);
      await page.locator('[data-testid=event-subject]').getByText(DPO.displayName).waitFor(WAIT);
      await screenshot(page, 'ko-22-access-log-event');
      await switchLanguage(page, '한국어', 'English');
    },
  );

  suite.itSignedIn('shows a support user no access log, in Korean', 'ko-KR', SUPPORT, async (page) => {
    await expect(page.locator('[data-testid=home-role]').textContent()).resolves.toBe('고객지원');
    await page.locator('[data-testid=section-subjects]').waitFor(WAIT);
    await expect(page.locator('a[href="#/access-log"]').count()).resolves.toBe(0);
    await expect(page.locator('a[href="#/integrity"]').count()).resolves.toBe(0);

    await suite.openDenied(page, '/access-log', '접근 거부');
    await expect(page.locator('table tbody tr').count()).resolves.toBe(0);
    await suite.openDenied(page, '/integrity', '접근 거부');
    await expect(page.locator('[data-testid=verify-now]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=verify-full]').count()).resolves.toBe(0);
    await screenshot(page, 'ko-23-support-access-log-denied');
  });
});
