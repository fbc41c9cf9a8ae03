import type { Page } from 'playwright-core';
import {
  NEW_PASSWORD,
  TEST_TIMEOUT,
  WAIT,
  confirmRecoveryCodesSaved,
  menuLink,
  readTotpSecret,
  recoveryCodeItems,
  route,
  screenshot,
  settled,
  submitCredentials,
  submitNewPassword,
  submitTotpCode,
  switchLanguage,
  totp,
  useBrowserSuite,
  waitForRoute,
  type Credentials,
} from '../support/browser';
import type { FakeClock } from '../support/fake-clock';

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
const INVITED = { email: 'invited.browser@example.test', displayName: 'Minseo Invited' };

/** Email and password, then whatever stage the server asks for, up to the enrollment page. */
const signInToEnrollment = async (page: Page, account: Credentials, shot: string) => {
  await submitCredentials(page, account, shot);

  let path = await waitForRoute(page, (p) => ['/password-change', '/mfa/enroll', '/mfa/verify'].includes(p));
  if (path === '/password-change') {
    await screenshot(page, `${shot}-password-change`);
    await submitNewPassword(page);
    path = await waitForRoute(page, (p) => p === '/mfa/enroll' || p === '/mfa/verify');
  }
  expect(path).toBe('/mfa/enroll');
};

/** Reads the key off the enrollment page, confirms a code, keeps the recovery codes, reaches home. */
const enrollTotp = async (
  page: Page,
  clock: FakeClock,
  shot: string,
): Promise<{ secret: string; recoveryCodes: string[] }> => {
  const secret = await readTotpSecret(page);
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(page.locator('[data-testid=totp-qr]').getAttribute('src')).resolves.toMatch(/^data:image\//);
  await screenshot(page, `${shot}-mfa-enroll`);

  await submitTotpCode(page, clock, secret);

  const codes = await recoveryCodeItems(page);
  expect(await codes.count()).toBe(10);
  const recoveryCodes = (await codes.allTextContents()).map((code) => code.trim());
  await screenshot(page, `${shot}-recovery-codes`);

  await confirmRecoveryCodesSaved(page);
  expect(route(page)).toBe('/');
  return { secret, recoveryCodes };
};

/** Signs the enrolled sysadmin in again with one of their recovery codes. */
const signInWithRecoveryCode = async (page: Page, recoveryCode: string): Promise<void> => {
  await submitCredentials(page, SYSADMIN);
  await waitForRoute(page, (p) => p === '/mfa/verify');
  await page.click('[data-testid=toggle-recovery]');
  await page.fill('input[name=recoveryCode]', recoveryCode);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=home]').waitFor(WAIT);
};

const signOut = async (page: Page): Promise<void> => {
  await page.click('.RaUserMenu-userButton');
  await page.click('[data-testid=sign-out]');
  await waitForRoute(page, (p) => p === '/login');
  await page.locator('input[name=email]').waitFor(WAIT);
};

describe('the admin console in a browser', () => {
  const suite = useBrowserSuite({
    staff: [
      { ...SYSADMIN, role: 'sysadmin' },
      { ...SUPPORT, role: 'support' },
    ],
  });
  // A clock the test moves, to let the sysadmin's step-up verification lapse.
  const { clock } = suite;
  let sysadminSecret = '';
  /** Set by the sysadmin's invitation, used by the invited person's first sign-in. */
  let invitedPassword = '';
  /** The sysadmin's unused recovery codes, for signing in again without waiting for a new TOTP step. */
  let sysadminRecoveryCodes: string[] = [];

  /** A fresh page in `locale` with the enrolled sysadmin signed in again by one of their unused recovery codes. */
  const asSysadminAgain = async (locale: string, use: (page: Page) => Promise<void>): Promise<void> => {
    expect(sysadminRecoveryCodes.length).toBeGreaterThan(0);
    await suite.withPage(locale, async (page) => {
      await signInWithRecoveryCode(page, sysadminRecoveryCodes.pop() ?? '');
      await use(page);
    });
  };

  it(
    'lets a sysadmin enroll TOTP, see the staff list and invite someone, in English',
    async () => {
      await suite.withPage('en-US', async (page) => {
        await signInToEnrollment(page, SYSADMIN, 'en-01-sysadmin');
        const { secret, recoveryCodes } = await enrollTotp(page, clock, 'en-01-sysadmin');
        sysadminSecret = secret;
        await expect(page.locator('[data-testid=home-role]').textContent()).resolves.toBe('System administrator');
        await screenshot(page, 'en-02-sysadmin-home');

        const staffMenuItem = menuLink(page, '#/staff');
        await staffMenuItem.waitFor(WAIT);
        await staffMenuItem.click();
        const rows = page.locator('table tbody tr');
        await rows.filter({ hasText: SUPPORT.email }).waitFor(WAIT);
        await expect(rows.filter({ hasText: SYSADMIN.email }).count()).resolves.toBe(1);
        await screenshot(page, 'en-03-staff-list');
        await page.setViewportSize({ width: 390, height: 844 });
        await screenshot(page, 'en-03-staff-list-phone');
        await page.setViewportSize({ width: 1280, height: 900 });

        await rows.filter({ hasText: SUPPORT.email }).click();
        await page.locator('[data-testid=staff-sessions]').waitFor(WAIT);
        await screenshot(page, 'en-04-staff-show');
        await page.click('[data-testid=staff-change_role]');
        await page.locator('[data-testid=staff-action-change_role] textarea[name=reason]').waitFor(WAIT);
        await screenshot(page, 'en-04-staff-change-role-dialog');
        await page.keyboard.press('Escape');

        await suite.open(page, '/staff/create');
        await page.fill('input[name=email]', INVITED.email);
        await page.fill('input[name=displayName]', INVITED.displayName);
        await page.click('button[type=submit]');
        const temporaryPassword = page.locator('[data-testid=temporary-password]');
        await temporaryPassword.waitFor(WAIT);
        invitedPassword = (await temporaryPassword.textContent())?.trim() ?? '';
        expect(invitedPassword.length).toBeGreaterThanOrEqual(12);
        await screenshot(page, 'en-05-staff-invited');

        await signOut(page);
        await screenshot(page, 'en-06-signed-out');

        // Signing in again asks for a code; a recovery code works once instead.
        await submitCredentials(page, SYSADMIN);
        await waitForRoute(page, (p) => p === '/mfa/verify');
        await page.locator('input[name=code]').waitFor(WAIT);
        await screenshot(page, 'en-07-mfa-verify');
        await page.click('[data-testid=toggle-recovery]');
        await page.fill('input[name=recoveryCode]', recoveryCodes[0] ?? '');
        sysadminRecoveryCodes = recoveryCodes.slice(1);
        await page.click('button[type=submit]');
        await page.locator('[data-testid=home]').waitFor(WAIT);
        await screenshot(page, 'en-08-home-after-recovery-code');
        await signOut(page);
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'shows a support user, in Korean, no staff screens',
    async () => {
      await suite.withPage('ko-KR', async (page) => {
        await signInToEnrollment(page, SUPPORT, 'ko-01-support');
        await enrollTotp(page, clock, 'ko-01-support');
        await expect(page.locator('[data-testid=home-role]').textContent()).resolves.toBe('고객지원');
        // Support's own sections, and none of the staff administration.
        await page.locator('[data-testid=section-subjects]').waitFor(WAIT);
        await expect(page.locator('a[href="#/staff"]').count()).resolves.toBe(0);
        // Hangul is drawn with the console's own Noto Sans KR, not left to the machine's fonts
        // (a browser without a Korean font would show this screen as empty boxes).
        const bundledHangul = await page.evaluate(async () => {
          await document.fonts.ready;
          let loaded = 0;
          document.fonts.forEach((face) => {
            if (face.family.replace(/"/g, '') === 'Noto Sans KR Variable' && face.status === 'loaded') loaded += 1;
          });
          return loaded;
        });
        expect(bundledHangul).toBeGreaterThan(0);
        await screenshot(page, 'ko-02-support-home');

        await suite.openDenied(page, '/staff', '접근 거부');
        await expect(page.locator('table tbody tr').count()).resolves.toBe(0);
        await expect(page.getByText(SYSADMIN.email).count()).resolves.toBe(0);
        await screenshot(page, 'ko-03-support-staff-denied');

        await signOut(page);
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'makes an invited staff member choose a password of their own, in Korean',
    async () => {
      expect(invitedPassword).not.toBe('');
      await suite.withPage('ko-KR', async (page) => {
        await submitCredentials(page, { email: INVITED.email, password: invitedPassword });
        await waitForRoute(page, (p) => p === '/password-change');
        await page.locator('input[name=newPassword]').waitFor(WAIT);

        // The server refuses the email address as a password; the field says why, in Korean.
        await submitNewPassword(page, INVITED.email);
        await page.getByText('비밀번호는 이메일 주소와 같을 수 없습니다.').waitFor(WAIT);
        await screenshot(page, 'ko-04-password-change-refused');

        await submitNewPassword(page, NEW_PASSWORD);
        await waitForRoute(page, (p) => p === '/mfa/enroll');
        await enrollTotp(page, clock, 'ko-05-invited');
        await expect(page.locator('[data-testid=home-role]').textContent()).resolves.toBe('고객지원');
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'asks the sysadmin for a fresh code before resetting two-step verification, then does it',
    async () => {
      await asSysadminAgain('en-US', async (page) => {
        clock.advance(6 * 60_000); // past the 5-minute step-up window that signing in opened

        await suite.open(page, `/staff/${suite.staffId(SUPPORT)}/show`);
        await page.click('[data-testid=staff-reset_mfa]');
        await page.fill('[data-testid=staff-action-reset_mfa] textarea[name=reason]', 'Lost phone, identity checked');
        await page.click('[data-testid=staff-action-reset_mfa] button[type=submit]');

        const stepUp = page.getByRole('dialog', { name: 'Confirm it is you' });
        await stepUp.waitFor(WAIT);
        await settled(page); // let the dialog finish fading in
        await screenshot(page, 'en-09-step-up-dialog');
        await stepUp.locator('input[name=code]').fill(await totp(clock, sysadminSecret));
        await stepUp.locator('button[type=submit]').click();

        await page.getByText('Two-step verification reset').waitFor(WAIT);
        // Not enrolled any more, so there is nothing left to reset.
        await page.locator('[data-testid=staff-reset_mfa]').waitFor({ state: 'detached', ...WAIT });
        await screenshot(page, 'en-10-mfa-reset-done');
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'returns to the sign-in page saying the session expired when the server ends it',
    async () => {
      await asSysadminAgain('ko-KR', async (page) => {
        // Ending all of one's own sessions is the quickest way to lose the current one.
        await suite.open(page, `/staff/${suite.staffId(SYSADMIN)}/show`);
        await page.locator('[data-testid=staff-sessions] table tbody tr').first().waitFor(WAIT);
        await screenshot(page, 'ko-06-own-staff-record-with-sessions');
        await page.click('[data-testid=staff-sessions] button:has-text("모든 세션 종료")');
        await page.click('.ra-confirm');

        await waitForRoute(page, (p) => p === '/login');
        await page.locator('[data-testid=session-expired]').waitFor(WAIT);
        await expect(page.locator('[data-testid=session-expired]').textContent()).resolves.toBe(
          '세션이 만료되었습니다. 다시 로그인하세요.',
        );
        await screenshot(page, 'ko-07-session-expired');
      });
    },
    TEST_TIMEOUT,
  );

  it(
    'starts in Korean for a Korean browser and keeps the language chosen in the app bar',
    async () => {
      await suite.withPage('ko-KR', async (page) => {
        await page.getByRole('heading', { name: '로그인' }).waitFor(WAIT);
        await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ko');
        await switchLanguage(page, '한국어', 'English');
        await page.getByRole('heading', { name: 'Sign in' }).waitFor(WAIT);

        await page.reload();
        await page.getByRole('heading', { name: 'Sign in' }).waitFor(WAIT);
        await expect(page.title()).resolves.toBe('Privacy Operations Console');
      });
    },
    TEST_TIMEOUT,
  );
});
