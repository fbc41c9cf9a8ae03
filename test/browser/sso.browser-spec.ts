import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { FakeClock } from '../support/fake-clock';
import { startServerWithIdp, type TestIdp } from '../support/oidc-provider';
import { PASSWORD, type TestServer } from '../support/server';
import {
  SCREENSHOTS,
  TEST_TIMEOUT,
  WAIT,
  confirmRecoveryCodesSaved,
  newPage,
  readTotpSecret,
  screenshot,
  submitTotpCode,
  waitForRoute,
} from '../support/browser';
import { mkdirSync } from 'node:fs';

const PERSON = { sub: 'browser-person', email: 'hana.sso@example.com', amr: ['pwd'] };

describe('single sign-on in the browser', () => {
  const clock = new FakeClock();
  let idp: TestIdp;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ idp, server } = await startServerWithIdp(
      { SSO_ALLOWED_DOMAINS: 'example.com', SSO_PROVIDER_NAME: 'Example Workspace' },
      { serveUi: true, clock },
    ));
    browser = await launchChromium();
    await server.createStaff({ email: PERSON.email, role: 'dpo', password: PASSWORD, displayName: 'Hana SSO' });
    idp.signInAs(PERSON);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idp?.close();
  });

  it(
    'signs in through the provider, enrolls the console’s TOTP, lands on the dashboard, and enters a code the next time',
    async () => {
      const { context, page } = await newPage(browser, server.url, 'en-US');
      const button = page.locator('[data-testid=sso-sign-in]');
      await button.waitFor(WAIT);
      expect(await button.textContent()).toContain('Sign in with Example Workspace');
      await screenshot(page, 'sso-sign-in');

      await button.click();
      await waitForRoute(page, (p) => p === '/mfa/enroll');
      const secret = await readTotpSecret(page);
      await submitTotpCode(page, clock, secret);
      await confirmRecoveryCodesSaved(page);
      await screenshot(page, 'sso-dashboard');
      await context.close();

      // A new browser: the provider again, then the console's own TOTP code.
      const next = await newPage(browser, server.url, 'en-US');
      await next.page.locator('[data-testid=sso-sign-in]').click(WAIT);
      await waitForRoute(next.page, (p) => p === '/mfa/verify');
      clock.advance(30_000);
      await submitTotpCode(next.page, clock, secret);
      await next.page.locator('[data-testid=home]').waitFor(WAIT);
      await next.context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'offers the provider in Korean, and shows why a refused sign-in was refused',
    async () => {
      idp.signInAs({ sub: 'stranger', email: 'stranger@example.com' });
      const { context, page } = await newPage(browser, server.url, 'ko-KR');
      const button = page.locator('[data-testid=sso-sign-in]');
      await button.waitFor(WAIT);
      expect(await button.textContent()).toContain('Example Workspace(으)로 로그인');
      await button.click();
      const alert = page.locator('[data-testid=sso-error]');
      await alert.waitFor(WAIT);
      expect(await alert.textContent()).toContain('시스템 관리자에게 초대를 요청하세요');
      await screenshot(page, 'sso-refused-ko');
      await context.close();
    },
    TEST_TIMEOUT,
  );
});
