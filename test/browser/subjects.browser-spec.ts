import type { Page } from 'playwright-core';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import {
  TEST_TIMEOUT,
  WAIT,
  flush,
  menuLink,
  screenshot,
  switchLanguage,
  totp,
  useBrowserSuite,
  waitForRoute,
} from '../support/browser';
import type { TestServer } from '../support/server';
import { createSubject, type CreatedSubject } from '../support/subject-factory';
import { MAUMJUUI_CLIENT_CONSENTS, addProfileDetails } from '../support/subject-fixtures';

const SUPPORT = {
  email: 'support.subjects@example.test',
  password: 'amber harbor lantern 61',
  displayName: 'Minji Support',
};
const DPO = { email: 'dpo.subjects@example.test', password: 'cobalt meadow ledger 44', displayName: 'Hana DPO' };
const OTHERS = [
  { email: 'security.subjects@example.test', password: 'granite willow signal 73', role: 'security' as const },
  { email: 'sysadmin.subjects@example.test', password: 'copper orchard beacon 29', role: 'sysadmin' as const },
  { email: 'auditor.subjects@example.test', password: 'linen valley compass 85', role: 'auditor' as const },
];

const EMAIL = 'hong.gildong@example.com';
const NOTES = 'Panic attacks before exams; agreed on a CBT worksheet and weekly sessions.';
const RESULT = '불안 척도 점수가 6주 동안 18점에서 9점으로 낮아짐';
const REVEAL_PURPOSE = 'Caller asks which email address the account uses (call of today)';
const NICKNAME_PURPOSE = 'Caller gives only the Kakao nickname of the account (call of today)';
const PHI_PURPOSE = '열람 요구의 범위를 확인하기 위해 상담 기록을 검토함';

describe('data subjects in a browser', () => {
  /** The dormant client at the centre of the story: phone 010-2000-0001. */
  let hong: CreatedSubject;
  let guardian: CreatedSubject;

  /** The people of the story, with their profiles, and the others the searches and findings need. */
  const createSubjects = async (server: TestServer): Promise<void> => {
    hong = await createSubject(server, {
      kind: 'client',
      service: 'maumjuui',
      status: 'dormant',
      name: '홍길동',
      email: EMAIL,
      phone: '010-2000-0001',
      birthDate: '1985-03-02',
      socialLinks: ['kakao', 'google'],
      records: [
        { kind: 'session_note', content: { notes: NOTES }, psychotherapyNotes: true },
        { kind: 'result', content: { result: RESULT, recommendations: '주 1회 상담을 4주 더 이어 가기' } },
      ],
      sensitive: [{ category: 'medication', content: 'sertraline 50 mg daily since March' }],
      // One recording lacks the counselor's consent: a compliance finding on the profile.
      recordings: [{}, { counselorConsent: false }],
    });
    const [{ counselor_id: counselorId }] = (await server.db.query(
      'SELECT counselor_id FROM subject_counseling_records WHERE subject_id = $1 LIMIT 1',
      [hong.id],
    )) as { counselor_id: string }[];
    await addProfileDetails(server, hong.id, {
      nickname: '길동이',
      gender: 'male',
      residence: '서울특별시 마포구',
      occupation: '회사원',
      counselingInterest: '불안, 스트레스',
      createdDaysAgo: 900,
      lastActiveDaysAgo: 420,
      consents: MAUMJUUI_CLIENT_CONSENTS,
      bookings: [
        { counselorId, daysFromNow: -440, topic: '시험 불안', mode: 'video' },
        { counselorId, daysFromNow: -433, topic: '시험 불안', mode: 'voice' },
        { counselorId, daysFromNow: -426, topic: '수면 문제', status: 'no_show' },
      ],
      reviews: [{ counselorId, rating: 5, body: '차분하게 들어 주셔서 도움이 되었습니다.', daysAgo: 430 }],
      payments: [
        { amount: '55000.00', daysAgo: 440 },
        { amount: '55000.00', daysAgo: 433, method: 'easy_pay', gateway: 'kakaopay', cardMask: null },
        { amount: '55000.00', daysAgo: 426, status: 'refunded' },
      ],
      devices: [{ model: 'Galaxy S23', os: 'Android 14', lastSeenDaysAgo: 420 }],
    });
    // A Kakao nickname that is the given name: beside the masked name it would undo the mask.
    await server.db.query(
      `UPDATE subject_social_links SET provider_nickname = '길동' WHERE subject_id = $1 AND provider = 'kakao'`,
      [hong.id],
    );
    // A name that starts the same way, so the name search finds two people.
    await createSubject(server, { name: '홍길순', email: 'gilsun@example.com', phone: '010-2000-0009' });
    guardian = await createSubject(server, {
      kind: 'guardian',
      service: 'shelby',
      name: '이영희',
      email: 'younghee.lee@example.com',
      phone: '010-2000-0003',
    });
    // A child under 14 whose guardian never consented: the second kind of finding.
    await createSubject(server, {
      kind: 'child',
      service: 'shelby',
      name: '이서준',
      email: null,
      guardianId: guardian.id,
      birthDate: '2017-05-10',
    });
  };

  const suite = useBrowserSuite({
    staff: [{ ...SUPPORT, role: 'support' }, { ...DPO, role: 'dpo' }, ...OTHERS],
    setup: () => createSubjects(suite.server),
    timeout: 240_000,
  });
  const { clock } = suite;

  /** The events about one person, in order, once the sequencer has moved them into the log. */
  async function trail(subjectId: string): Promise<CanonicalAuditEvent[]> {
    await flush(suite.server);
    const rows: { canonical: Buffer }[] = await suite.server.db.query(
      'SELECT canonical FROM audit_events WHERE subject_id = $1 ORDER BY seq',
      [`subject:${subjectId}`],
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  }

  /** Waits until open dialogs have faded in, so a screenshot shows them and not the fade. */
  const dialogsSettled = (page: Page) =>
    page.waitForFunction(
      () =>
        [...document.querySelectorAll('.MuiDialog-container')].every(
          (element) => getComputedStyle(element).opacity === '1',
        ),
      undefined,
      WAIT,
    );

  /** Whether each profile tab is inside the tab bar's visible part (not scrolled out of view). */
  const tabsInView = (page: Page, keys: string[]) =>
    page.evaluate((wanted) => {
      const bar = document.querySelector('.MuiTabs-scroller')?.getBoundingClientRect();
      return wanted.map((key) => {
        const tab = document.querySelector(`[data-testid=subject-tab-${key}]`)?.getBoundingClientRect();
        return bar !== undefined && tab !== undefined && tab.left >= bar.left && tab.right <= bar.right + 0.5;
      });
    }, keys);

  const searchInput = (page: Page) => page.locator('[data-testid=subject-search-input]');
  const resultRows = (page: Page) => page.locator('[data-testid=subject-results] table tbody tr');

  it(
    'lets a support agent find a person by phone, reveal the email with a purpose and reactivate the dormant account after an identity check, but not open counseling notes',
    async () => {
      await suite.signedIn('en-US', SUPPORT, async (page) => {
        await page.setViewportSize({ width: 1440, height: 900 });
        await menuLink(page, '#/subjects').click();
        await page.locator('[data-testid=subject-search-start]').waitFor(WAIT);
        // Nothing is listed before a search.
        await expect(resultRows(page).count()).resolves.toBe(0);
        await screenshot(page, 'en-50-subjects-search');

        // The server refuses an address that is not one; the field says so in words.
        await page.click('[data-testid=subject-search-mode-email]');
        await searchInput(page).fill('hong.gildong@');
        await searchInput(page).press('Enter');
        const helper = page.locator('[data-testid=subject-search-helper]');
        await page.waitForFunction(
          () => document.querySelector('[data-testid=subject-search-helper]')?.textContent?.includes('not a valid'),
          undefined,
          WAIT,
        );
        await expect(helper.textContent()).resolves.toBe('This is not a valid email address.');
        await screenshot(page, 'en-51-subjects-invalid-email');

        // Any way of writing the number finds the person: the field switches to a phone search.
        await page.click('[data-testid=subject-search-mode-phone]');
        await searchInput(page).fill('010 2000 0001');
        await searchInput(page).press('Enter');
        await page.locator('[data-testid=subject-results-count]').waitFor(WAIT);
        await expect(resultRows(page).count()).resolves.toBe(1);
        await expect(page.locator('[data-testid=subject-row-name]').textContent()).resolves.toBe('홍**');
        await expect(page.locator('[data-testid=subject-row-phone]').textContent()).resolves.toBe('010-****-0001');
        await expect(page.locator('[data-testid=subject-row-email]').textContent()).resolves.toBe('ho***@example.com');
        await expect(page.locator('[data-testid=subject-status]').getAttribute('data-status')).resolves.toBe('dormant');
        await screenshot(page, 'en-52-subjects-found-by-phone');

        // The profile: masked, with the findings on top.
        await resultRows(page).first().click();
        await waitForRoute(page, (p) => p === `/subjects/${hong.id}/show`);
        const email = page.locator('[data-testid=subject-email]');
        await email.waitFor(WAIT);
        await expect(email.textContent()).resolves.toBe('ho***@example.com');
        await expect(page.locator('[data-testid=subject-phone]').textContent()).resolves.toBe('010-****-0001');
        await expect(page.locator('[data-testid=subject-finding]').first().getAttribute('data-kind')).resolves.toBe(
          'recording_without_both_consents',
        );
        await expect(page.locator('[data-testid=subject-tab-access_history]').count()).resolves.toBe(0);
        // Support's most-used tab is in view at 1440 px without scrolling the tab bar.
        await expect(tabsInView(page, ['account', 'account_actions'])).resolves.toEqual([true, true]);
        // Nicknames are masked like contact data; the counseling interest (health data) is not there at all.
        await expect(page.locator('[data-testid=subject-nickname]').textContent()).resolves.toBe('***');
        await expect(page.locator('[data-testid=provider-nickname]').allTextContents()).resolves.toEqual(
          expect.arrayContaining(['***']),
        );
        await expect(page.locator('[data-testid=counseling-interest]').count()).resolves.toBe(0);
        for (const hidden of ['길동', '불안, 스트레스']) expect(await page.content()).not.toContain(hidden);
        await screenshot(page, 'en-53-subject-profile-masked');

        // Reveal the email with a purpose: shown for this view only.
        await page.click('[data-testid=reveal-email]');
        const revealDialog = page.locator('[data-testid=reveal-dialog]');
        await revealDialog.waitFor(WAIT);
        await revealDialog.locator('textarea[name=purpose]').fill('short');
        await revealDialog.locator('[data-testid=reveal-submit]').click();
        await revealDialog.getByText('State the purpose in at least 10 characters (now 5).').waitFor(WAIT);
        await revealDialog.locator('textarea[name=purpose]').fill(REVEAL_PURPOSE);
        await dialogsSettled(page);
        await screenshot(page, 'en-54-reveal-dialog');
        await revealDialog.locator('[data-testid=reveal-submit]').click();
        await page.locator('[data-testid=subject-email][data-revealed=true]').waitFor(WAIT);
        await expect(email.textContent()).resolves.toBe(EMAIL);
        await expect(page.locator('[data-testid=subject-phone]').getAttribute('data-revealed')).resolves.toBe('false');
        await screenshot(page, 'en-55-email-revealed');
        // Nothing of it in the browser's storage.
        const stored = await page.evaluate(
          () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
        );
        expect(stored).not.toContain(EMAIL);
        expect(stored).not.toContain('2000');

        // The social-login nickname, revealed the same way: with a purpose, named in the log.
        await page.click('[data-testid=reveal-providerNicknames]');
        await revealDialog.waitFor(WAIT);
        await revealDialog.locator('textarea[name=purpose]').fill(NICKNAME_PURPOSE);
        await revealDialog.locator('[data-testid=reveal-submit]').click();
        await page.locator('[data-testid=provider-nickname][data-revealed=true]').first().waitFor(WAIT);
        await expect(page.locator('[data-testid=provider-nickname]').allTextContents()).resolves.toContain('길동');

        // The other tabs, masked where they hold contact or payment data; a missing consent shows in red.
        for (const [tab, ready] of [
          ['consents', '[data-testid=consents] tbody tr'],
          ['bookings', '[data-testid=bookings] tbody tr'],
          ['recordings', '[data-testid=missing-counselor-consent]'],
          ['payments', '[data-testid=payments] tbody tr'],
          ['devices', '[data-testid=devices] tbody tr'],
        ] as const) {
          await page.click(`[data-testid=subject-tab-${tab}]`);
          await page.locator(ready).first().waitFor(WAIT);
          await screenshot(page, `en-60-subject-tab-${tab}`);
        }
        // Booking topics are health data: support has no topic column and no way to reveal them.
        await page.click('[data-testid=subject-tab-bookings]');
        await page.locator('[data-testid=bookings] tbody tr').first().waitFor(WAIT);
        await expect(page.locator('[data-testid=reveal-topics]').count()).resolves.toBe(0);
        for (const topic of ['시험 불안', '수면 문제']) expect(await page.content()).not.toContain(topic);

        // Counseling records: not for support. No button, and the API refuses a direct call.
        await page.click('[data-testid=subject-tab-records]');
        await page.locator('[data-testid=phi-not-available]').waitFor(WAIT);
        await expect(page.locator('[data-testid=reveal-records]').count()).resolves.toBe(0);
        await page.click('[data-testid=subject-tab-sensitive]');
        await page.locator('[data-testid=phi-not-available]').waitFor(WAIT);
        await screenshot(page, 'en-56-support-no-phi');
        const direct = await page.evaluate(async (id) => {
          const response = await fetch(`/api/subjects/${id}/phi/reveal`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Protection': '1' },
            body: JSON.stringify({ purpose: 'Just curious what the notes say' }),
          });
          return { status: response.status, body: (await response.json()) as { code?: string } };
        }, hong.id);
        expect(direct.status).toBe(403);
        expect(direct.body.code).toBe('FORBIDDEN');

        // Account tools: only what the state allows, each explained.
        await page.click('[data-testid=subject-tab-account]');
        // Where support works: no identity check holds yet.
        const identityWindow = page.locator('[data-testid=identity-window]');
        await expect(identityWindow.getAttribute('data-minutes-left')).resolves.toBeNull();
        await expect(page.locator('[data-testid=tool-unlock]').isDisabled()).resolves.toBe(true);
        await expect(
          page.locator('[data-testid=tool-unlock-wrapper]').getAttribute('data-disabled-reason'),
        ).resolves.toBe('Only a locked account can be unlocked.');
        await expect(page.locator('[data-testid=tool-reactivate]').isEnabled()).resolves.toBe(true);

        // Reactivating needs an identity check; with none recorded, the dialog asks for one.
        await page.click('[data-testid=tool-reactivate]');
        let actionDialog = page.locator('[data-testid=account-action-dialog-reactivate]');
        await actionDialog.locator('[data-testid=no-valid-check]').waitFor(WAIT);
        await actionDialog.locator('button:has-text("Cancel")').click();

        // Record the identity check first…
        await page.click('[data-testid=tool-record-check]');
        const checkDialog = page.locator('[data-testid=identity-check-dialog]');
        await checkDialog.waitFor(WAIT);
        await checkDialog.locator('input[name=evidenceRef]').fill('OTP-TX-20261122-0042');
        await checkDialog.locator('textarea[name=note]').first().fill('Caller answered the one-time code at once.');
        await dialogsSettled(page);
        await screenshot(page, 'en-57-subject-identity-check');
        await checkDialog.locator('[data-testid=identity-check-submit]').click();
        await page.getByText('Identity check recorded').waitFor(WAIT);
        await checkDialog.waitFor({ state: 'detached', ...WAIT });
        // …and the tools say how long it holds, as the server counts it.
        await page.locator('[data-testid=identity-window][data-minutes-left]').waitFor(WAIT);
        expect(Number(await identityWindow.getAttribute('data-minutes-left'))).toBeGreaterThan(0);
        await expect(identityWindow.textContent()).resolves.toMatch(
          /Identity checked \(.+\): valid until .+, \d+ minutes? left/,
        );
        await screenshot(page, 'en-57-subject-identity-window');

        // …then reactivate with it, which the dialog now picks.
        await page.click('[data-testid=tool-reactivate]');
        actionDialog = page.locator('[data-testid=account-action-dialog-reactivate]');
        await actionDialog.waitFor(WAIT);
        await expect(actionDialog.locator('input[type=radio]:checked').count()).resolves.toBe(1);
        await expect(actionDialog.locator('[data-testid=no-valid-check]').count()).resolves.toBe(0);
        await actionDialog.locator('textarea[name=reason]').first().fill('The person called to use the service again.');
        await dialogsSettled(page);
        await screenshot(page, 'en-58-reactivate-dialog');
        await actionDialog.locator('[data-testid=account-action-submit]').click();
        await page.getByText('The account is active again').waitFor(WAIT);
        await page.locator('[data-testid=subject-status][data-status=active]').waitFor(WAIT);
        const [{ status }] = (await suite.server.db.query('SELECT status FROM subjects WHERE id = $1', [hong.id])) as {
          status: string;
        }[];
        expect(status).toBe('active');
        await expect(page.locator('[data-testid=tool-reactivate]').isDisabled()).resolves.toBe(true);
        await page.click('[data-testid=subject-tab-account_actions]');
        await page.locator('[data-testid=account-actions] tbody tr').first().waitFor(WAIT);
        await expect(page.locator('[data-testid=identity-checks] tbody tr').count()).resolves.toBe(1);
        await screenshot(page, 'en-59-reactivated');

        // The revealed email was for that view only: back to the search and in again, it is masked.
        await page.click('a:has-text("Back to search")');
        await resultRows(page).first().waitFor(WAIT);
        await resultRows(page).first().click();
        await page.locator('[data-testid=subject-email]').waitFor(WAIT);
        await expect(page.locator('[data-testid=subject-email]').textContent()).resolves.toBe('ho***@example.com');

        // The same screens in Korean.
        await switchLanguage(page, 'English', '한국어');
        await page.getByText('정보주체 · 홍**').first().waitFor(WAIT);
        // A masked value is set in monospace, and its Hangul falls back to the bundled Korean font
        // (the machine's monospace font may have none: the name would show as an empty box).
        await expect(
          page.locator('[data-testid=subject-name]').evaluate((el) => getComputedStyle(el).fontFamily),
        ).resolves.toContain('Noto Sans KR Variable');
        await screenshot(page, 'ko-50-subject-profile');
        await page.click('[data-testid=tool-record-check]');
        await page.locator('[data-testid=identity-check-dialog]').getByText('본인 확인 기록').first().waitFor(WAIT);
        await dialogsSettled(page);
        await screenshot(page, 'ko-51-subject-identity-check');
        await page.locator('[data-testid=identity-check-dialog] button:has-text("취소")').click();
        await page.click('[data-testid=subject-tab-records]');
        await page.locator('[data-testid=phi-not-available]').waitFor(WAIT);
        await expect(page.locator('[data-testid=phi-not-available]').textContent()).resolves.toContain(
          '현재 역할로는 볼 수 없습니다',
        );
        await menuLink(page, '#/subjects').click();
        await resultRows(page).first().waitFor(WAIT);
        await screenshot(page, 'ko-52-subjects-search');
        await switchLanguage(page, '한국어', 'English');
      });

      const events = await trail(hong.id);
      const reveals = events.filter((e) => e.action === 'reveal' && e.resource === 'subject');
      expect(reveals).toEqual([
        expect.objectContaining({
          actorId: suite.staffId(SUPPORT),
          fields: ['email'],
          purpose: REVEAL_PURPOSE,
          outcome: 'success',
        }),
        expect.objectContaining({ fields: ['providerNicknames'], purpose: NICKNAME_PURPOSE, outcome: 'success' }),
      ]);
      // The refused PHI call is in the log as a denial of the support agent (by path, not under the person).
      const [denials] = (await suite.server.db.query(
        `SELECT count(*)::int AS n FROM audit_events
         WHERE actor_id = $1 AND action = 'deny' AND convert_from(canonical, 'UTF8') LIKE $2`,
        [suite.staffId(SUPPORT), `%/api/subjects/${hong.id}/phi/reveal%`],
      )) as { n: number }[];
      expect(denials.n).toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    'lets a DPO open the counseling notes with step-up, in Korean, and see both reveals in the access history',
    async () => {
      await suite.signedIn('ko-KR', DPO, async (page, secret) => {
        await page.setViewportSize({ width: 1440, height: 900 });
        // A name prefix finds both people whose names begin with it.
        await menuLink(page, '#/subjects').click();
        await page.click('[data-testid=subject-search-mode-name]');
        await searchInput(page).fill('홍길');
        await searchInput(page).press('Enter');
        await page.locator('[data-testid=subject-results-count]').waitFor(WAIT);
        await expect(resultRows(page).count()).resolves.toBe(2);
        await expect(page.locator('[data-testid=subject-results-count]').textContent()).resolves.toBe(
          '2명을 찾았습니다',
        );
        await screenshot(page, 'ko-60-subjects-by-name');

        await suite.open(page, `/subjects/${hong.id}/show`);
        await page.locator('[data-testid=subject-profile]').waitFor(WAIT);
        // The DPO reveals but has no account tools.
        await expect(page.locator('[data-testid=account-tools]').count()).resolves.toBe(0);
        // The most-used tabs are in view at 1440 px without scrolling the tab bar.
        await expect(tabsInView(page, ['account', 'account_actions', 'access_history'])).resolves.toEqual([
          true,
          true,
          true,
        ]);
        await screenshot(page, 'ko-60-subject-profile-1440');

        // Past the five minutes the sign-in code counts for: the server will ask again.
        clock.advance(6 * 60_000);
        await page.click('[data-testid=subject-tab-records]');
        await page.locator('[data-testid=psychotherapy-notes-flag]').waitFor(WAIT);
        await expect(page.locator('[data-testid=record-content]').count()).resolves.toBe(0);
        // Nothing is opened until records are chosen; psychotherapy notes need an explicit yes.
        await expect(page.locator('[data-testid=reveal-records]').isDisabled()).resolves.toBe(true);
        await page.locator('[data-testid=record-choose][data-psychotherapy=true] input').check();
        await page.locator('[data-testid=record-choose][data-psychotherapy=false] input').check();
        await page.click('[data-testid=reveal-records]');
        const phiDialog = page.locator('[data-testid=phi-reveal-dialog]');
        await phiDialog.waitFor(WAIT);
        await expect(phiDialog.locator('[data-testid=phi-chosen-records] li').count()).resolves.toBe(2);
        await phiDialog.locator('textarea[name=purpose]').first().fill(PHI_PURPOSE);
        await phiDialog.locator('input[name=caseId]').fill('RR-2026-0042');
        await phiDialog.locator('[data-testid=phi-submit]').click();
        await phiDialog.getByText('확인란에 표시하거나, 심리치료 메모를 선택에서 빼세요.').waitFor(WAIT);
        await phiDialog.locator('[data-testid=confirm-psychotherapy-notes] input').check();
        await dialogsSettled(page);
        await screenshot(page, 'ko-61-phi-dialog');
        await phiDialog.locator('[data-testid=phi-submit]').click();

        const stepUp = page.getByRole('dialog', { name: '본인 확인' });
        await stepUp.waitFor(WAIT);
        await dialogsSettled(page);
        await screenshot(page, 'ko-62-phi-step-up');
        await stepUp.locator('input[name=code]').fill(await totp(clock, secret));
        await stepUp.locator('button[type=submit]').click();
        await page.locator('[data-testid=record-content]').first().waitFor(WAIT);
        const contents = await page.locator('[data-testid=record-content]').allTextContents();
        expect(contents.join('\n')).toContain(NOTES);
        expect(contents.join('\n')).toContain(RESULT);
        await screenshot(page, 'ko-63-notes-revealed');

        // Booking topics and the counseling interest are health data too: sealed until revealed with a purpose.
        await page.click('[data-testid=subject-tab-bookings]');
        await page.locator('[data-testid=reveal-topics]').click();
        await phiDialog.waitFor(WAIT);
        await phiDialog.locator('textarea[name=purpose]').first().fill(PHI_PURPOSE);
        await phiDialog.locator('[data-testid=phi-submit]').click();
        await page.locator('[data-testid=booking-topic]').first().waitFor(WAIT);
        await expect(page.locator('[data-testid=booking-topic]').allTextContents()).resolves.toEqual(
          expect.arrayContaining(['시험 불안', '수면 문제']),
        );
        await screenshot(page, 'ko-63-booking-topics-revealed');
        await page.click('[data-testid=subject-tab-account]');
        await page.locator('[data-testid=reveal-counseling-interest]').click();
        await phiDialog.waitFor(WAIT);
        await phiDialog.locator('textarea[name=purpose]').first().fill(PHI_PURPOSE);
        await phiDialog.locator('[data-testid=phi-submit]').click();
        await page.locator('[data-testid=counseling-interest][data-revealed=true]').waitFor(WAIT);
        await expect(page.locator('[data-testid=counseling-interest]').textContent()).resolves.toBe('불안, 스트레스');

        await page.click('[data-testid=subject-tab-consents]');
        await page.locator('[data-testid=consent-state][data-state=withdrawn]').waitFor(WAIT);
        await screenshot(page, 'ko-63-subject-consents');
        await page.click('[data-testid=subject-tab-recordings]');
        await page.locator('[data-testid=missing-counselor-consent]').waitFor(WAIT);
        await screenshot(page, 'ko-63-subject-recordings');

        // Both reveals in this person's access history, with the fields named.
        await flush(suite.server);
        await page.click('[data-testid=subject-tab-access_history]');
        const reveals = page.locator('[data-testid=access-history] tbody tr[data-action=reveal]');
        await reveals.nth(1).waitFor(WAIT);
        // Staff by name and role, as the access log names them.
        await reveals.locator('[data-testid=log-staff-name]', { hasText: SUPPORT.displayName }).first().waitFor(WAIT);
        const texts = await reveals.allTextContents();
        expect(
          texts.some(
            (t) =>
              t.includes('이메일') &&
              t.includes(REVEAL_PURPOSE) &&
              t.includes(SUPPORT.displayName) &&
              t.includes('고객지원'),
          ),
        ).toBe(true);
        expect(
          texts.some(
            (t) =>
              t.includes('상담 일지') &&
              t.includes('상담 결과') &&
              t.includes('심리치료 메모') &&
              t.includes(PHI_PURPOSE),
          ),
        ).toBe(true);
        // The step-up prompt before the reveal is shown as what it was, not as a refusal.
        const prompts = await page
          .locator('[data-testid=access-history] tbody tr[data-action=authenticate]')
          .allTextContents();
        expect(prompts.some((t) => t.includes('추가 인증 요청'))).toBe(true);
        await screenshot(page, 'ko-64-subject-access-history');

        // Compliance findings: a list with a kind filter, each linking to the person.
        await menuLink(page, '#/compliance-findings').click();
        await page.locator('[data-testid=finding-kind]').first().waitFor(WAIT);
        await screenshot(page, 'ko-65-compliance-findings');
        const kinds = await page.locator('[data-testid=finding-kind]').allTextContents();
        expect(kinds).toEqual(
          expect.arrayContaining(['양측 동의 없는 녹음·녹화', '보호자 동의 없는 만 14세 미만 아동']),
        );
        await page.getByRole('combobox', { name: '위반 사항' }).click();
        await page.locator('li[data-value=child_without_guardian_consent]').click();
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('[data-testid=finding-kind]')].every((chip) =>
              chip.textContent?.includes('보호자 동의'),
            ),
          undefined,
          WAIT,
        );
        await page.locator('[data-testid=finding-person]').first().click();
        await page.locator('[data-testid=subject-profile]').waitFor(WAIT);
        await screenshot(page, 'ko-66-subject-child-profile');
        // From the child to the guardian, whose children tab names the missing consent.
        await page.click('[data-testid=subject-tab-family]');
        await page.locator('[data-testid=subject-guardian] [data-testid=person-link]').click();
        await page.locator(`[data-testid=subject-profile][data-subject-id="${guardian.id}"]`).waitFor(WAIT);
        await page.click('[data-testid=subject-tab-family]');
        await page.locator('[data-testid=children] tbody tr').first().waitFor(WAIT);
        await expect(page.locator('[data-testid=children] tbody tr').textContent()).resolves.toContain('없음');
        await screenshot(page, 'ko-67-subject-guardian-children');
        await switchLanguage(page, '한국어', 'English');
        await page.getByText('Data subject · 이**').first().waitFor(WAIT);
        await screenshot(page, 'en-67-subject-guardian-children');
      });

      const events = await trail(hong.id);
      const phi = events.find((e) => e.action === 'reveal' && e.resource === 'phi' && e.outcome === 'success');
      expect(phi).toMatchObject({ actorId: suite.staffId(DPO), purpose: PHI_PURPOSE });
      expect(phi?.fields).toEqual(['counselingNotes', 'counselingRecord', 'psychotherapyNotes']);
      expect(phi?.detail).toMatchObject({ caseId: 'RR-2026-0042', psychotherapyNoteIds: [hong.recordIds[0]] });
      expect((phi?.detail as { recordIds: string[] }).recordIds.sort()).toEqual([...hong.recordIds].sort());
      // Each reveal names exactly what it opened; the step-up prompt is no denial of the DPO.
      expect(events.filter((e) => e.resource === 'phi' && e.outcome === 'success').map((e) => e.fields)).toEqual([
        ['counselingNotes', 'counselingRecord', 'psychotherapyNotes'],
        ['bookingTopic'],
        ['counselingInterest'],
      ]);
      expect(events.filter((e) => e.actorId === suite.staffId(DPO) && e.action === 'deny')).toEqual([]);
      expect(events).toContainEqual(
        expect.objectContaining({ actorId: suite.staffId(DPO), action: 'authenticate', outcome: 'step_up_required' }),
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'shows security, sysadmin and auditor no data subjects',
    async () => {
      for (const other of OTHERS) {
        await suite.signedIn('en-US', other, async (page) => {
          await expect(page.locator('a[href="#/subjects"]').count()).resolves.toBe(0);
          await expect(page.locator('a[href="#/compliance-findings"]').count()).resolves.toBe(0);
          await suite.openDenied(page, `/subjects/${hong.id}/show`, 'Access denied');
          await expect(page.locator('[data-testid=subject-profile]').count()).resolves.toBe(0);
          if (other.role === 'sysadmin') await screenshot(page, 'en-68-sysadmin-no-subjects');
        });
      }
    },
    TEST_TIMEOUT,
  );
});
