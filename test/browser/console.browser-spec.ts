import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startTestServer, type TestServer } from '../support/server';

const SCREENSHOTS = resolve(__dirname, '..', '..', 'test-results');
const WAIT = { timeout: 20_000 };
// Set per test: jest ignores `testTimeout` inside a project's config.
const TEST_TIMEOUT = 150_000;

const SYSADMIN = {
  email: 'sysadmin.browser@example.test',
  password: 'gentle harbor lantern 42',
  displayName: 'Sora Admin',
};
const SUPPORT = {
  email: 'support.browser@example.test',
  password: 'quiet meadow compass 17',
  displayName: 'Jiho Support',
};
const NEW_PASSWORD = 'a brand new passphrase for the console';

const screenshot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

const hashPath = (url: URL): string => url.hash.replace(/^#/, '').split('?')[0] ?? '';

/** The path part of the hash route, e.g. "/mfa/enroll" for ".../#/mfa/enroll?x". */
const route = (page: Page): string => hashPath(new URL(page.url()));

const waitForRoute = async (page: Page, predicate: (path: string) => boolean): Promise<string> => {
  await page.waitForURL((url) => predicate(hashPath(url)), WAIT);
  return route(page);
};

/** Email and password, then whatever stage the server asks for, up to the enrollment page. */
const signInToEnrollment = async (page: Page, account: { email: string; password: string }, shot: string) => {
  await page.locator('input[name=email]').waitFor(WAIT);
  await screenshot(page, `${shot}-sign-in`);
  await page.fill('input[name=email]', account.email);
  await page.fill('input[name=password]', account.password);
  await page.click('button[type=submit]');

  let path = await waitForRoute(page, (p) => ['/password-change', '/mfa/enroll', '/mfa/verify'].includes(p));
  if (path === '/password-change') {
    await screenshot(page, `${shot}-password-change`);
    await page.fill('input[name=newPassword]', NEW_PASSWORD);
    await page.fill('input[name=confirmPassword]', NEW_PASSWORD);
    await page.click('button[type=submit]');
    path = await waitForRoute(page, (p) => p === '/mfa/enroll' || p === '/mfa/verify');
  }
  expect(path).toBe('/mfa/enroll');
};

/** Reads the key off the enrollment page, confirms a code, keeps the recovery codes, reaches home. */
const enrollTotp = async (page: Page, shot: string): Promise<string> => {
  const secretElement = page.locator('[data-testid=totp-secret]');
  await secretElement.waitFor({ state: 'attached', ...WAIT });
  const secret = (await secretElement.textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(page.locator('[data-testid=totp-qr]').getAttribute('src')).resolves.toMatch(/^data:image\//);
  await screenshot(page, `${shot}-mfa-enroll`);

  await page.fill('input[name=code]', await generate({ secret }));
  await page.click('button[type=submit]');

  const codes = page.locator('[data-testid=recovery-codes] li');
  await codes.first().waitFor(WAIT);
  expect(await codes.count()).toBe(10);
  await screenshot(page, `${shot}-recovery-codes`);

  await page.click('[data-testid=recovery-saved]');
  await page.locator('[data-testid=home]').waitFor(WAIT);
  expect(route(page)).toBe('/');
  return secret;
};

const signOut = async (page: Page): Promise<void> => {
  await page.click('.RaUserMenu-userButton');
  await page.click('[data-testid=sign-out]');
  await waitForRoute(page, (p) => p === '/login');
  await page.locator('input[name=email]').waitFor(WAIT);
};

describe('the admin console in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({ serveUi: true });
    browser = await launchChromium();
    await server.createStaff({ ...SYSADMIN, role: 'sysadmin' });
    await server.createStaff({ ...SUPPORT, role: 'support' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const newPage = async (locale: string): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[browser ${locale}] ${error.message}`));
    page.on('response', (r) => { if (r.status() >= 400) console.log('DEBUG', r.request().method(), r.url(), r.status()); });
    await page.goto(`${server.url}/`);
    return { context, page };
  };

  it('lets a sysadmin enroll TOTP, see the staff list and invite someone, in English', async () => {
    const { context, page } = await newPage('en-US');
    try {
      await signInToEnrollment(page, SYSADMIN, 'en-01-sysadmin');
      await enrollTotp(page, 'en-01-sysadmin');
      await expect(page.locator('[data-testid=home-role]').textContent()).resolves.toBe('System administrator');
      await screenshot(page, 'en-02-sysadmin-home');

      const staffMenuItem = page.locator('.RaMenu-open a[href="#/staff"], .RaMenu-closed a[href="#/staff"]');
      await staffMenuItem.waitFor(WAIT);
      await staffMenuItem.click();
      const rows = page.locator('table tbody tr');
      await rows.filter({ hasText: SUPPORT.email }).waitFor(WAIT);
      await expect(rows.filter({ hasText: SYSADMIN.email }).count()).resolves.toBe(1);
      await screenshot(page, 'en-03-staff-list');

      await rows.filter({ hasText: SUPPORT.email }).click();
      await page.locator('[data-testid=staff-sessions]').waitFor(WAIT);
      await screenshot(page, 'en-04-staff-show');

      await page.goto(`${server.url}/#/staff/create`);
      await page.fill('input[name=email]', 'invited.browser@example.test');
      await page.fill('input[name=displayName]', 'Minseo Invited');
      await page.click('button[type=submit]');
      const temporaryPassword = page.locator('[data-testid=temporary-password]');
      await temporaryPassword.waitFor(WAIT);
      expect(((await temporaryPassword.textContent()) ?? '').length).toBeGreaterThanOrEqual(12);
      await screenshot(page, 'en-05-staff-invited');

      await signOut(page);
      await screenshot(page, 'en-06-signed-out');
    } finally {
      await context.close();
    }
  }, TEST_TIMEOUT);

  it('shows a support user, in Korean, no staff screens', async () => {
    const { context, page } = await newPage('ko-KR');
    try {
      await signInToEnrollment(page, SUPPORT, 'ko-01-support');
      await enrollTotp(page, 'ko-01-support');
      await expect(page.locator('[data-testid=home-role]').textContent()).resolves.toBe('고객지원');
      await page.locator('[data-testid=no-sections]').waitFor(WAIT);
      await expect(page.locator('a[href="#/staff"]').count()).resolves.toBe(0);
      await screenshot(page, 'ko-02-support-home');

      await page.goto(`${server.url}/#/staff`);
      await page.getByText('접근 거부').first().waitFor(WAIT);
      await expect(page.locator('table tbody tr').count()).resolves.toBe(0);
      await expect(page.getByText(SYSADMIN.email).count()).resolves.toBe(0);
      await screenshot(page, 'ko-03-support-staff-denied');

      await signOut(page);
    } finally {
      await context.close();
    }
  }, TEST_TIMEOUT);
});
