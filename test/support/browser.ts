import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { launchChromium } from './chromium';
import { FakeClock } from './fake-clock';
import { startTestServer, type TestServer } from './server';

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

// A message key shown as it is (`resources.complaints.intro`, `ra.action.save`): a screen whose
// messages were not loaded, or a key nobody wrote. Not preceded by what a host name or a path has.
const RAW_MESSAGE_KEY = /(?<![\w/@.-])(?:resources|ra)\.[\w-]+\.[\w.-]*\w/;

/**
 * A full-page screenshot, saved as `<SCREENSHOTS>/<name>.png`; fails when the page shows a
 * message key in place of its text (every screenshot of every browser test checks it).
 */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const raw = RAW_MESSAGE_KEY.exec(await page.locator('body').innerText());
  if (raw) throw new Error(`the screen "${name}" shows the message key ${raw[0]} instead of its text`);
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

/** Where and when the browser is, when a test needs it elsewhere than the machine's zone and time. */
export interface BrowserPlace {
  timezoneId?: string;
  /** The browser's fixed "now" (Date.now, new Date()); timers keep running. */
  now?: Date;
}

/**
 * A fresh browser context (1280×900, in `locale`) with the console's start page open. Errors thrown
 * in the page are printed to the test's output.
 */
export const newPage = async (
  browser: Browser,
  url: string,
  locale: string,
  place: BrowserPlace = {},
): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({
    locale,
    viewport: { width: 1280, height: 900 },
    timezoneId: place.timezoneId,
  });
  const page = await context.newPage();
  if (place.now) await page.clock.setFixedTime(place.now);
  page.on('pageerror', (error) => console.error(`[browser ${locale}] ${error.message}`));
  await page.goto(`${url}/`);
  return { context, page };
};

/**
 * Waits until nothing on the page moves (a dialog fading in, a scroll): two frames so that
 * transitions just triggered have started, then the end of every finite animation. A condition,
 * not a delay: as fast as the page is, however slow the machine.
 */
export const settled = async (page: Page): Promise<void> => {
  await page.evaluate(async () => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    await frame();
    await frame();
    const finite = document
      .getAnimations()
      .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity && a.playState !== 'paused');
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
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

/** The hash route of the access log filtered to one action, e.g. "/access-log?filter=%7B%22action%22…". */
export const accessLogFilteredBy = (action: string): string =>
  `/access-log?filter=${encodeURIComponent(JSON.stringify({ action }))}`;

/** A staff member a browser suite creates before its tests. */
export type StaffInput = Parameters<TestServer['createStaff']>[0];

/** What the tests of one browser spec share; `server`, `browser` and `staffId` work once `beforeAll` has run. */
export interface BrowserSuite {
  /** The server's clock, which the tests move. */
  readonly clock: FakeClock;
  readonly server: TestServer;
  readonly browser: Browser;
  /** The id of a staff member the suite created, by their email. */
  staffId(account: { email: string }): string;
  /** Opens the console's hash route `path` (e.g. "/staff") in `page`. */
  open(page: Page, path: string): Promise<void>;
  /** Opens `path` and waits for the page to say access is denied, in the page's language (`deniedText`). */
  openDenied(page: Page, path: string, deniedText: string): Promise<void>;
  /** A fresh page in `locale` (see `newPage`) for `use`; its context is closed afterwards, whatever happens. */
  withPage<T>(locale: string, use: (page: Page) => Promise<T>, place?: BrowserPlace): Promise<T>;
  /** As `withPage`, signed in and enrolled as `account` first (`signInAndEnroll`); `use` gets the TOTP secret. */
  signedIn<T>(
    locale: string,
    account: Credentials,
    use: (page: Page, secret: string) => Promise<T>,
    place?: BrowserPlace,
  ): Promise<T>;
  /** A test (`it`, with `TEST_TIMEOUT`) that runs `use` on a page `signedIn` as `account` in `locale`. */
  itSignedIn(
    name: string,
    locale: string,
    account: Credentials,
    use: (page: Page, secret: string) => Promise<void>,
  ): void;
}

/**
 * Registers the `beforeAll`/`afterAll` every browser spec needs: the screenshots folder, a test server serving
 * the UI on a fake clock, Chromium, the `staff` (created in order), then `setup` if given; afterwards closes the
 * browser and the server.
 */
export const useBrowserSuite = (options: {
  staff: readonly StaffInput[];
  setup?: () => Promise<void>;
  timeout?: number;
  /** More environment for the server (e.g. `JOBS_ENABLED: 'true'`). */
  env?: Record<string, string>;
}): BrowserSuite => {
  const clock = new FakeClock();
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const staffIds = new Map<string, string>();
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test or beforeAll`);
    return value;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startTestServer({ serveUi: true, clock, env: options.env });
    browser = await launchChromium();
    for (const staff of options.staff) staffIds.set(staff.email, (await server.createStaff(staff)).id);
    await options.setup?.();
  }, options.timeout ?? 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const suite: BrowserSuite = {
    clock,
    get server() {
      return started(server, 'The test server');
    },
    get browser() {
      return started(browser, 'The browser');
    },
    staffId: (account) => started(staffIds.get(account.email), `Staff ${account.email}`),
    open: async (page, path) => {
      await page.goto(`${suite.server.url}/#${path}`);
    },
    openDenied: async (page, path, deniedText) => {
      await suite.open(page, path);
      await page.getByText(deniedText).first().waitFor(WAIT);
    },
    withPage: async (locale, use, place) => {
      const { context, page } = await newPage(suite.browser, suite.server.url, locale, place);
      try {
        return await use(page);
      } finally {
        await context.close();
      }
    },
    signedIn: (locale, account, use, place) =>
      suite.withPage(locale, async (page) => use(page, await signInAndEnroll(page, clock, account)), place),
    itSignedIn: (name, locale, account, use) => {
      it(name, () => suite.signedIn(locale, account, use), TEST_TIMEOUT);
    },
  };
  return suite;
};
