import type { Page } from 'playwright-core';
import { WAIT, hashPath, menuLink, screenshot, settled, useBrowserSuite, waitForRoute } from '../support/browser';
import { createSubject } from '../support/subject-factory';

const DPO = { email: 'dpo.complaints@example.test', password: 'harbour quill meadow 31', displayName: 'Hana DPO' };
const SUPPORT = {
  email: 'support.complaints@example.test',
  password: 'copper lantern ferry 52',
  displayName: '박지호',
};

const pick = async (page: Page, source: string, value: string) => {
  await page.locator(`.ra-input-${source} [role=combobox]`).click();
  await page.locator(`li[data-value=${value}]`).click();
};

/** The page's content is no wider than the phone. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * The complaint inbox as its users meet it: support records a complaint (and cannot open the
 * inbox); the DPO records one about a person picked by name, escalates it to KISA 118 and resolves
 * it, reading the timeline; list and detail fit a phone.
 */
describe('the complaint inbox in a browser', () => {
  const suite = useBrowserSuite({
    staff: [
      { ...DPO, role: 'dpo' },
      { ...SUPPORT, role: 'support' },
    ],
    setup: async () => {
      await createSubject(suite.server, { name: '최민원', phone: '010-7777-4321' });
    },
  });

  suite.itSignedIn('lets support record a complaint, and nothing more (ko)', 'ko-KR', SUPPORT, async (page) => {
    await menuLink(page, '#/complaints/create').click();
    await waitForRoute(page, (p) => p === '/complaints/create');
    await pick(page, 'channel', 'phone');
    await pick(page, 'category', 'unwanted_marketing');
    await pick(page, 'severity', 'medium');
    await page.fill('textarea[name=summary]', '수신 거부 후에도 할인 문자가 온다는 전화 민원');
    await screenshot(page, 'ko-complaint-support-create');
    await page.getByRole('button', { name: '저장' }).click();
    await page.getByText(/민원 CP-\d{4}-\d{6}을\(를\) 접수했습니다/).waitFor(WAIT);
    await waitForRoute(page, (p) => p === '/');
    // The inbox itself is the DPO's.
    expect(await page.locator('a[href="#/complaints"]').count()).toBe(0);
  });

  suite.itSignedIn(
    'walks a complaint from intake through escalation to resolution (en)',
    'en-US',
    DPO,
    async (page) => {
      await menuLink(page, '#/complaints/create').click();
      await waitForRoute(page, (p) => p === '/complaints/create');
      await pick(page, 'channel', 'email');
      await pick(page, 'category', 'breach_concern');
      await pick(page, 'severity', 'critical');
      await page.fill(
        'textarea[name=summary]',
        "Saw another client's booking in the app and wants to know what was exposed",
      );
      await page.locator('[data-testid=picker-subjectId] input').fill('010-7777-4321');
      const person = page.locator('[data-testid=picker-option-subject-people]');
      await person.first().waitFor(WAIT);
      await person.first().click();
      await screenshot(page, 'en-complaint-create');
      await page.getByRole('button', { name: 'Save' }).click();
      await waitForRoute(page, (p) => /^\/complaints\/[^/]+\/show$/.test(p));
      await page.locator('[data-testid=complaint-title]', { hasText: /Complaint CP-\d{4}-\d{6}/ }).waitFor(WAIT);
      // Received today: ten days on the calendar (or more, past a weekend or holiday).
      const target = page.locator('[data-testid=complaint-target]');
      await target.waitFor(WAIT);
      expect(await target.getAttribute('data-state')).toBe('on_time');
      expect(await target.textContent()).toMatch(/1\d days left|10 days left/);
      await page.locator('[data-testid=complaint-facts]', { hasText: '최**' }).waitFor(WAIT);

      // Escalation to KISA 118, with its case number: appears on the page and in the timeline.
      await page.locator('[data-testid=complaint-escalate]').click();
      await page.locator('[data-testid=escalation-body]').locator('..').click();
      await page.locator('[data-testid=escalation-body-kisa_118]').click();
      await page.fill('[data-testid=escalation-reference]', '118-2026-5521');
      await screenshot(page, 'en-complaint-escalate');
      await page.locator('[data-testid=escalate-submit]').click();
      await page.locator('[data-testid=complaint-escalation]', { hasText: '118-2026-5521' }).waitFor(WAIT);
      await page.locator('[data-testid=complaint-status]', { hasText: 'Escalated' }).waitFor(WAIT);
      await page.locator('[data-testid=timeline-escalated]').waitFor(WAIT);

      // Resolving needs the resolution: an empty one is refused in the dialog.
      await page.locator('[data-testid=complaint-resolve]').click();
      await page.locator('[data-testid=resolve-submit]').click();
      await page.locator('[data-testid=resolve-dialog]').getByText('Required', { exact: true }).waitFor(WAIT);
      await page.fill(
        '[data-testid=resolution-input]',
        'Access to bookings fixed on the 3rd; wrote to the client with what was visible.',
      );
      await page.locator('[data-testid=resolve-submit]').click();
      await page.locator('[data-testid=complaint-status]', { hasText: 'Resolved' }).waitFor(WAIT);
      await page.locator('[data-testid=complaint-resolution]', { hasText: 'Access to bookings fixed' }).waitFor(WAIT);
      await page.locator('[data-testid=timeline-resolved]', { hasText: 'on time' }).waitFor(WAIT);
      expect(await page.locator('[data-testid=complaint-target]').getAttribute('data-state')).toBe('resolved_on_time');
      await settled(page);
      await screenshot(page, 'en-complaint-detail');
      const detail = hashPath(new URL(page.url()));

      // The inbox lists it without its text; list and detail fit a phone.
      await suite.open(page, '/complaints');
      await page.locator('[data-testid=complaint-reference]').first().waitFor(WAIT);
      expect(await page.locator('main').textContent()).not.toContain("another client's booking");
      await settled(page);
      await screenshot(page, 'en-complaint-list');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('[data-testid=complaint-status]').first().waitFor(WAIT);
      await settled(page);
      await screenshot(page, 'en-complaint-list-390');
      expect(await overflow(page)).toBe(0);
      await suite.open(page, detail);
      await page.locator('[data-testid=complaint-show]').waitFor(WAIT);
      await settled(page);
      await screenshot(page, 'en-complaint-detail-390');
      expect(await overflow(page)).toBe(0);
    },
  );
});
