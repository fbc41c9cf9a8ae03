import { join, resolve } from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { FakeClock } from './fake-clock';
import type { TestServer } from './server';

/** Where browser tests put their screenshots (`test-results/` at the repository root). */
export const SCREENSHOTS = resolve(__dirname, '..', '..', 'test-results');
/** How long any single wait in a browser test may take. */
export const WAIT = { timeout: 20_000 };
/** Pass to each `it`: jest ignores `testTimeout` inside a project's config. */
export const TEST_TIMEOUT = 150_000;
/** What a staff member chooses when the server asks for a new password. */
export const NEW_PASSWORD = 'a brand new passphrase for the console';

/** A staff member's sign-in details. */
export interface Credentials {
  email: string;
  password: string;
}

/** The TOTP code for the server's (fake) time. */
export const totp = (clock: FakeClock, secret: string): Promise<string> =>
  generate({ secret, epoch: clock.epochSeconds() });

/** A full-page screenshot, saved as `<SCREENSHOTS>/<name>.png`. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

/** The path part of a hash route, e.g. "/mfa/enroll" for ".../#/mfa/enroll?x". */
export const hashPath = (url: URL): string => url.hash.replace(/^#/, '').split('?')[0] ?? '';

/** The path part of the page's current hash route. */
export const route = (page: Page): string => hashPath(new URL(page.url()));

/** Waits until the hash route's path satisfies `predicate`, then returns that path. */
export const waitForRoute = async (page: Page, predicate: (path: string) => boolean): Promise<string> => {
  await page.waitForURL((url) => predicate(hashPath(url)), WAIT);
  return route(page);
};

/**
 * A fresh browser context (1280×900, in `locale`) with the console's start page open. Errors thrown
 * in the page are printed to the test's output.
 */
export const newPage = async (
  browser: Browser,
  url: string,
  locale: string,
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser ${locale}] ${error.message}`));
  await page.goto(`${url}/`);
  return { context, page };
};

/** Sequences what is pending and signs a tree head, as the sequencer does every few seconds. */
export const flush = (server: TestServer): Promise<void> => server.app.get(AuditSequencer).flush();

/**
 * Fills in and submits the sign-in form once it shows. With `shot`, takes the screenshot
 * `<shot>-sign-in` of the empty form first.
 */
export const submitCredentials = async (page: Page, account: Credentials, shot?: string): Promise<void> => {
  await page.locator('input[name=email]').waitFor(WAIT);
  if (shot) await screenshot(page, `${shot}-sign-in`);
  await page.fill('input[name=email]', account.email);
  await page.fill('input[name=password]', account.password);
  await page.click('button[type=submit]');
};

/** Fills in the password-change form with `password` (new and confirmation) and submits it. */
export const submitNewPassword = async (page: Page, password: string = NEW_PASSWORD): Promise<void> => {
  await page.fill('input[name=newPassword]', password);
  await page.fill('input[name=confirmPassword]', password);
  await page.click('button[type=submit]');
};

/** Waits for the TOTP key on the enrollment page and reads it. */
export const readTotpSecret = async (page: Page): Promise<string> => {
  const secretElement = page.locator('[data-testid=totp-secret]');
  await secretElement.waitFor({ state: 'attached', ...WAIT });
  return (await secretElement.textContent())?.trim() ?? '';
};

/** Enters a TOTP code in the page's code field and submits it. */
export const submitTotpCode = async (page: Page, clock: FakeClock, secret: string): Promise<void> => {
  await page.fill('input[name=code]', await totp(clock, secret));
  await page.click('button[type=submit]');
};

/** The recovery codes shown after enrollment, once they show. */
export const recoveryCodeItems = async (page: Page): Promise<Locator> => {
  const codes = page.locator('[data-testid=recovery-codes] li');
  await codes.first().waitFor(WAIT);
  return codes;
};

/** Says the recovery codes are kept and waits for the home page. */
export const confirmRecoveryCodesSaved = async (page: Page): Promise<void> => {
  await page.click('[data-testid=recovery-saved]');
  await page.locator('[data-testid=home]').waitFor(WAIT);
};

/**
 * Email and password, a new password if asked, then TOTP enrollment, up to the home page.
 * Returns the TOTP secret.
 */
export const signInAndEnroll = async (page: Page, clock: FakeClock, account: Credentials): Promise<string> => {
  await submitCredentials(page, account);
  const path = await waitForRoute(page, (p) => ['/password-change', '/mfa/enroll'].includes(p));
  if (path === '/password-change') {
    await submitNewPassword(page);
    await waitForRoute(page, (p) => p === '/mfa/enroll');
  }
  const secret = await readTotpSecret(page);
  await submitTotpCode(page, clock, secret);
  await recoveryCodeItems(page);
  await confirmRecoveryCodesSaved(page);
  return secret;
};

/** The link to `href` (e.g. "#/staff") in the side menu, open or collapsed. */
export const menuLink = (page: Page, href: string): Locator =>
  page.locator(`.RaMenu-open a[href="${href}"], .RaMenu-closed a[href="${href}"]`);

/** Switches the console's language with the app bar's language menu, from `from` to `to` (their own names). */
export const switchLanguage = async (page: Page, from: string, to: string): Promise<void> => {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
};
