import { seedOctoberAnomalies } from '../support/audit-fixtures';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  WAIT,
  accessLogFilteredBy,
  flush,
  menuLink,
  screenshot,
  settled,
  switchLanguage,
  totp,
  useBrowserSuite,
  waitForRoute,
} from '../support/browser';

const DPO = {
  email: 'dpo.review@example.test',
  password: 'amber harbour lantern 42',
  displayName: 'Hana DPO',
};
const AUDITOR = {
  email: 'auditor.review@example.test',
  password: 'copper valley kettle 93',
  displayName: 'Minjun Auditor',
};
const SECURITY = {
  email: 'security.review@example.test',
  password: 'granite meadow beacon 58',
  displayName: 'Yuna Security',
};
const SUPPORT = {
  email: 'support.review@example.test',
  password: 'velvet orchard signal 26',
  displayName: 'Jiho Support',
};
const ORG_TIME_ZONE = 'Asia/Seoul';
const REVIEWED_MONTH = '2026-10';
const NOTES = 'Off-hours read and the bulk reads were a data-migration job; denials were a misconfigured script.';
const EXPORT_REASON = 'Evidence of sign-ins for the October monthly review';
const ANOMALY_KINDS = ['bulkReads', 'offHours', 'phiWithoutCase', 'downloads', 'denialBursts'];
/** What `seedOctoberAnomalies` leaves in October: one anomaly of each kind. */
const OCTOBER_ANOMALY_COUNTS = {
  bulkReads: '1',
  offHours: '1',
  phiWithoutCase: '1',
  downloads: '1',
  denialBursts: '1',
};

/** "2026-11" for an instant, in the organisation's time zone. */
const monthInSeoul = (date: Date): string => {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: ORG_TIME_ZONE, year: 'numeric', month: '2-digit' })
    .formatToParts(date)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}`;
};

/** Picks a month in the review's month field and waits for that month's review. */
const chooseMonth = async (page: Page, month: string): Promise<void> => {
  await page.locator('[data-testid=review-month] [role=combobox]').click();
  await page.locator(`li[role=option][data-value="${month}"]`).click();
  await page.locator(`[data-testid=access-review] [data-month="${month}"]`).waitFor(WAIT);
  await page.locator('[data-testid=access-review] [role=progressbar]').waitFor({ state: 'detached', ...WAIT });
};

const anomalyCounts = (page: Page): Promise<Record<string, string | null>> =>
  page.evaluate(
    (kinds) =>
      Object.fromEntries(
        kinds.map((kind) => [
          kind,
          document.querySelector(`[data-testid=anomaly-count-${kind}]`)?.getAttribute('data-count') ?? null,
        ]),
      ),
    ANOMALY_KINDS,
  );

describe('the monthly access-log review and the CSV export in a browser', () => {
  const suite = useBrowserSuite({
    staff: [
      { ...DPO, role: 'dpo' },
      { ...AUDITOR, role: 'auditor' },
      { ...SUPPORT, role: 'support' },
      { ...SECURITY, role: 'security' },
    ],
    setup: async () => {
      await seedOctoberAnomalies(suite.server, suite.staffId(SUPPORT));
      await flush(suite.server);
    },
  });
  const { clock } = suite;

  suite.itSignedIn(
    'lets a DPO review October, sign it off, and export the filtered access log with a reason and a fresh code',
    'en-US',
    DPO,
    async (page, secret) => {
      await page.locator('[data-testid=section-access-review]').waitFor(WAIT);

      // The menu opens the last finished month in Seoul.
      await menuLink(page, '#/access-review').click();
      await waitForRoute(page, (p) => p === '/access-review');
      await page.locator('[data-testid=review-summary]').waitFor(WAIT);
      const [year, month] = monthInSeoul(clock.now()).split('-').map(Number) as [number, number];
      const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
      await page.locator(`[data-testid=access-review] [data-month="${previous}"]`).waitFor(WAIT);

      await chooseMonth(page, REVIEWED_MONTH);
      await expect(page.locator('h1').textContent()).resolves.toBe('Monthly review: October 2026');
      await expect(anomalyCounts(page)).resolves.toEqual(OCTOBER_ANOMALY_COUNTS);
      await expect(page.locator('[data-testid=review-total]').getAttribute('data-count')).resolves.toBe('5');
      await expect(page.locator('[data-testid=review-thresholds] li').count()).resolves.toBe(3);
      const bulk = page.locator('[data-testid=anomalies-bulkReads]');
      await expect(bulk.locator('[data-testid=review-row]').textContent()).resolves.toContain('250');
      await expect(bulk.locator('[data-testid=review-row]').textContent()).resolves.toContain('13:00–14:00');
      // Times are in Seoul whatever the browser's zone: the off-hours read was at 03:00 there.
      await expect(
        page.locator('[data-testid=anomalies-offHours] [data-testid=review-row]').textContent(),
      ).resolves.toContain('03:00:00');
      await expect(
        page.locator('[data-testid=anomalies-downloads] [data-testid=review-row]').textContent(),
      ).resolves.toContain('No reason');
      await expect(page.locator('[data-testid=review-sign-off]').isEnabled()).resolves.toBe(true);
      await screenshot(page, 'en-30-review-october');

      // Each seq opens its event.
      await page.locator('[data-testid=anomalies-offHours] [data-testid=review-seq-link]').click();
      await waitForRoute(page, (p) => /^\/access-log\/\d+\/show$/.test(p));
      await page.locator('[data-testid=canonical-bytes]').waitFor(WAIT);
      await expect(page.locator('[data-testid=canonical-bytes]').textContent()).resolves.toContain('subject-1');
      await page.goBack();
      await page.locator(`[data-testid=access-review] [data-month="${REVIEWED_MONTH}"]`).waitFor(WAIT);

      // Notes are required; then the sign-off shows who, when and what.
      await page.click('[data-testid=review-sign-off]');
      await page.getByText('Write your notes (at least 3 characters).').waitFor(WAIT);
      await page.fill('textarea[name=notes]', NOTES);
      await page.click('[data-testid=review-sign-off]');
      const signed = page.locator('[data-testid=review-signed-off]');
      await signed.waitFor(WAIT);
      await expect(page.locator('[data-testid=review-signed-notes]').textContent()).resolves.toBe(NOTES);
      await expect(page.locator('[data-testid=review-signed-anomalies]').textContent()).resolves.toBe('5');
      // The reviewer is named, not shown as an id.
      await page.locator('[data-testid=review-signed-by]', { hasText: DPO.displayName }).waitFor(WAIT);
      await expect(page.locator('[data-testid=review-status]').textContent()).resolves.toBe('Signed off');
      await expect(page.locator('[data-testid=review-sign-off]').count()).resolves.toBe(0);
      await page.getByText('The review of October 2026 is signed off').waitFor(WAIT);
      await screenshot(page, 'en-31-review-signed-off');

      // The running month cannot be signed off yet, and the page says why.
      await chooseMonth(page, monthInSeoul(clock.now()));
      await page.locator('[data-testid=review-not-over]').waitFor(WAIT);
      await expect(page.locator('[data-testid=review-sign-off]').isDisabled()).resolves.toBe(true);
      await expect(page.locator('[data-testid=review-next-month]').isDisabled()).resolves.toBe(true);
      await screenshot(page, 'en-32-review-current-month');

      // Export the sign-ins only; the fresh code from enrollment is too old by now.
      clock.advance(6 * 60_000);
      await suite.open(page, accessLogFilteredBy('authenticate'));
      await page.locator('table tbody tr').first().waitFor(WAIT);
      await page.click('[data-testid=access-log-export]');
      const dialog = page.locator('[data-testid=access-log-export-dialog]');
      await dialog.waitFor(WAIT);
      await expect(dialog.locator('[data-testid=export-filters]').textContent()).resolves.toBe(
        'Action: Authentication',
      );
      await page.fill('textarea[name=reason]', 'audit');
      await page.click('[data-testid=access-log-export-submit]');
      await dialog.getByText('State the reason in at least 10 characters (now 5).').waitFor(WAIT);
      await page.fill('textarea[name=reason]', EXPORT_REASON);
      await screenshot(page, 'en-33-export-dialog');

      await page.click('[data-testid=access-log-export-submit]');
      await page.locator('input[name=code]').waitFor(WAIT);
      await screenshot(page, 'en-34-export-step-up');
      const download = page.waitForEvent('download', WAIT);
      await page.fill('input[name=code]', await totp(clock, secret));
      await page.getByRole('button', { name: 'Confirm and continue' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^access-log-.+\.csv$/);
      const csv = readFileSync(await file.path(), 'utf8');
      expect(csv.startsWith('\ufeffseq,time,actorId')).toBe(true);
      const rows = csv
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n')
        .slice(1);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.includes(',authenticate,'))).toBe(true);
      await page.getByText(`${rows.length} rows exported`).waitFor(WAIT);
      await expect(dialog.count()).resolves.toBe(0);
      await screenshot(page, 'en-35-exported');

      // The download is in the log with its reason.
      await flush(suite.server);
      await suite.open(page, accessLogFilteredBy('download'));
      await page.locator('table tbody tr').filter({ hasText: EXPORT_REASON }).first().waitFor(WAIT);

      // The same screens in Korean.
      await switchLanguage(page, 'English', '한국어');
      await page.getByRole('button', { name: 'CSV 내보내기' }).click();
      await dialog.waitFor(WAIT);
      await expect(dialog.locator('[data-testid=export-filters]').textContent()).resolves.toBe('행위: 다운로드');
      // Let the dialog finish fading in before the picture.
      await settled(page);
      await screenshot(page, 'ko-33-export-dialog');
      await page.getByRole('button', { name: '취소' }).click();
      await menuLink(page, '#/access-review').click();
      await chooseMonth(page, REVIEWED_MONTH);
      await expect(page.locator('h1').textContent()).resolves.toBe('월간 점검: 2026년 10월');
      await page.getByText('이 달의 점검을 마치고 승인했습니다.').waitFor(WAIT);
      await screenshot(page, 'ko-31-review-signed-off');
      await chooseMonth(page, monthInSeoul(clock.now()));
      await page.locator('[data-testid=review-not-over]').waitFor(WAIT);
      await expect(page.locator('[data-testid=review-not-over]').textContent()).resolves.toContain(
        '아직 이번 달이 끝나지 않았습니다.',
      );
      await screenshot(page, 'ko-32-review-current-month');
      await switchLanguage(page, '한국어', 'English');
    },
  );

  suite.itSignedIn(
    'shows an auditor the review and its sign-off, in Korean, but no sign-off button and no export',
    'ko-KR',
    AUDITOR,
    async (page) => {
      await menuLink(page, '#/access-review').click();
      await page.locator('[data-testid=review-summary]').waitFor(WAIT);

      await chooseMonth(page, REVIEWED_MONTH);
      await expect(anomalyCounts(page)).resolves.toEqual(OCTOBER_ANOMALY_COUNTS);
      await expect(page.locator('[data-testid=review-signed-notes]').textContent()).resolves.toBe(NOTES);
      await page.getByRole('heading', { name: '배정된 건 없는 건강정보 열람' }).waitFor(WAIT);
      // What was read, in the glossary's words as the access log names it, not the server's identifiers.
      const phiRow = await page
        .locator('[data-testid=anomalies-phiWithoutCase] [data-testid=review-row]')
        .textContent();
      expect(phiRow).toContain('프로필·연락처');
      expect(phiRow).toContain('건강정보');
      expect(phiRow).not.toMatch(/\bphi\b/);
      // People are named in the review: the one who signed it off, and the one whose reads stood out.
      await page.locator('[data-testid=review-signed-by]', { hasText: DPO.displayName }).waitFor(WAIT);
      await page.locator('[data-testid=review-group]', { hasText: SUPPORT.displayName }).first().waitFor(WAIT);
      await screenshot(page, 'ko-30-auditor-review-october');

      // A month nobody signed off: the auditor reads that it is open, with nothing to press.
      await chooseMonth(page, '2026-09');
      await page.locator('[data-testid=review-not-signed]').waitFor(WAIT);
      await expect(page.locator('[data-testid=review-sign-off]').count()).resolves.toBe(0);
      await expect(page.locator('textarea[name=notes]').count()).resolves.toBe(0);
      await expect(anomalyCounts(page)).resolves.toEqual({
        bulkReads: '0',
        offHours: '0',
        phiWithoutCase: '0',
        downloads: '0',
        denialBursts: '0',
      });
      await screenshot(page, 'ko-34-auditor-review-unsigned');

      await menuLink(page, '#/access-log').click();
      await page.locator('table tbody tr').first().waitFor(WAIT);
      await expect(page.locator('[data-testid=access-log-export]').count()).resolves.toBe(0);
      await screenshot(page, 'ko-35-auditor-access-log-no-export');
    },
  );
  suite.itSignedIn(
    'lets security open an unauthorised-access incident from an anomaly group, and never sign off',
    'en-US',
    SECURITY,
    async (page) => {
      await menuLink(page, '#/access-review').click();
      await page.locator('[data-testid=review-summary]').waitFor(WAIT);
      await chooseMonth(page, REVIEWED_MONTH);
      await expect(anomalyCounts(page)).resolves.toEqual(OCTOBER_ANOMALY_COUNTS);
      await expect(page.locator('[data-testid=review-sign-off]').count()).resolves.toBe(0);
      const group = page.locator('[data-testid=review-group]', { hasText: SUPPORT.displayName }).first();
      await group.locator('[data-testid=review-open-incident]').click();
      const path = await waitForRoute(page, (p) => p.startsWith('/incidents/create'));
      expect(path).toBe('/incidents/create');
      await page.click('[data-testid=incident-template-unauthorised_staff_access]');
      await page.locator('[data-testid=incident-create-anomaly]').waitFor(WAIT);
      await screenshot(page, 'en-36-security-incident-from-anomaly');
    },
  );
});
