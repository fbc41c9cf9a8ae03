import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { WAIT, flush, screenshot, settled, useBrowserSuite, waitForRoute } from '../support/browser';
import { agent, signIn } from '../support/server';
import { createSubject } from '../support/subject-factory';

const SECURITY = { email: 'security.ir@example.test', password: 'harbour lantern quiet 52', displayName: '보안 민준' };
const DPO = { email: 'dpo.ir@example.test', password: 'meadow copper signal 47', displayName: '보호책임자 지우' };
const DPO_EN = { email: 'dpo2.ir@example.test', password: 'pebble orchard violet 58', displayName: 'Mina DPO' };
const READER = { email: 'support.ir@example.test', password: 'orchard violet pebble 23', displayName: '지원 도윤' };

const TITLE = '상담 기록 서버 외부 침입';
const PEOPLE = ['김하늘', '이바다', '박구름'];

/** A `datetime-local` value for `instant`, in the time zone the browser and this process share. */
const localInput = (instant: Date): string =>
  new Intl.DateTimeFormat('sv-SE', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(instant)
    .replace(' ', 'T');
const hoursFromNow = (hours: number) => new Date(suite.clock.now().getTime() + hours * 3_600_000);

const suite = useBrowserSuite({
  staff: [
    { ...SECURITY, role: 'security' },
    { ...DPO, role: 'dpo' },
    { ...DPO_EN, role: 'dpo' },
    { ...READER, role: 'support' },
  ],
  setup: async () => {
    // The leak: a support account (its password taken) read three people's records.
    const reader = agent(suite.server);
    await signIn(suite.server, reader, READER.email, READER.password);
    for (const name of PEOPLE) {
      const person = await createSubject(suite.server, { name, phone: '010-5555-0101' });
      await reader.get(`/api/subjects/${person.id}`).expect(200);
    }
    await flush(suite.server);
  },
});

/** Picks an option of a MUI select by its value, the select found by its label. */
const choose = async (page: Page, label: string, value: string) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.locator(`li[role=option][data-value="${value}"]`).click();
};

const tab = async (page: Page, name: string) => {
  await page.click(`[data-testid=incident-tab-${name}]`);
  await settled(page);
};

/** Saves a file the page downloads after `click`, as text. */
const download = async (page: Page, click: () => Promise<void>) => {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await file.path());
};

let incidentPath = '';
let reference = '';

describe('a hacking incident from detection to the breach register (F8 walk)', () => {
  suite.itSignedIn('security opens it from the leak template and contains it (ko)', 'ko', SECURITY, async (page) => {
    // 1. From the board: a new incident from the personal-data-leak checklist.
    await suite.open(page, '/incidents');
    await page.locator('[data-testid=incident-board]').waitFor(WAIT);
    await page.click('[data-testid=incident-create]');
    await page.click('[data-testid=incident-template-personal_data_leak]');
    await page.fill('input[name=title]', TITLE);
    await page.fill('input[name=detectedAt]', localInput(hoursFromNow(-3)));
    await page.fill('input[name=awareAt]', localInput(hoursFromNow(-2)));
    await page.fill('input[name=reporter]', '보안관제 야간 근무자');
    await choose(page, '유형', 'outside_hacking');
    await choose(page, '위험도', 'high');
    await page.fill('input[name=affectedEstimated]', '3');
    await settled(page);
    // A filled form shows no field in error (the processor picker once failed to load its list).
    await expect(page.locator('form .Mui-error').count()).resolves.toBe(0);
    await screenshot(page, 'incident-create-ko');
    await page.click('[data-testid=incident-create-submit]');
    incidentPath = await waitForRoute(page, (p) => /^\/incidents\/[0-9a-f-]{36}\/show$/.test(p));
    await page.locator('[data-testid=incident-show][data-status=open]').waitFor(WAIT);
    reference = ((await page.locator('[data-testid=incident-title]').textContent()) ?? '').split(' · ')[0] ?? '';
    expect(reference).not.toBe('');
    // The app bar names the incident, as every other page names itself.
    await page.locator('#react-admin-title', { hasText: reference }).waitFor(WAIT);
    // Hacking from outside: the people and the regulator, both within 72 hours.
    for (const code of ['kr_subjects', 'kr_regulator'])
      await page.locator(`[data-testid=incident-obligation][data-code=${code}][data-status=pending]`).waitFor(WAIT);

    // 2. The people whose data the support account read, from the access log: counted, then added.
    await tab(page, 'people');
    await page.click('[data-testid=people-select-access_log]');
    await page.locator('[data-testid=picker-actorId] input').fill('지원');
    await page.locator('[data-testid=picker-option-staff]').first().click();
    await page.fill('[data-testid=select-from]', localInput(hoursFromNow(-24)));
    await page.fill('[data-testid=select-to]', localInput(hoursFromNow(1)));
    await page.click('[data-testid=select-preview]');
    await page.locator(`[data-testid=select-preview-count][data-matched="${PEOPLE.length}"]`).waitFor(WAIT);
    await page.click('[data-testid=select-submit]');
    await page.locator(`[data-testid=incident-people-count][data-total="${PEOPLE.length}"]`).waitFor(WAIT);
    await page
      .locator('[data-testid=affected-person]')
      .nth(PEOPLE.length - 1)
      .waitFor(WAIT);
    // Masked, for security as for anyone.
    for (const name of PEOPLE) await expect(page.getByText(name, { exact: true }).count()).resolves.toBe(0);
    await screenshot(page, 'incident-people-ko');

    // 3. The containment tasks, each ticked off.
    await tab(page, 'checklist');
    const containment = page.locator(
      '[data-testid=incident-phase-containment_eradication_recovery] [data-testid=incident-task][data-done=false]',
    );
    await containment.first().waitFor(WAIT);
    while ((await containment.count()) > 0) {
      const before = await containment.count();
      await containment.first().locator('[data-testid=task-complete]').click();
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll(
            '[data-testid=incident-phase-containment_eradication_recovery] [data-testid=incident-task][data-done=false]',
          ).length < n,
        before,
        WAIT,
      );
    }
    await choose(page, '상태', 'contained');
    await page.locator('[data-testid=incident-show][data-status=contained]').waitFor(WAIT);
    await screenshot(page, 'incident-checklist-ko');
  });

  suite.itSignedIn(
    'the DPO sees the 72 h clocks, drafts the notices and notifies people (ko)',
    'ko',
    DPO,
    async (page) => {
      await suite.open(page, incidentPath);
      await page.locator('[data-testid=incident-show]').waitFor(WAIT);
      // 4. The two 72-hour clocks, counted from awareness two hours ago: about 70 hours left.
      for (const code of ['kr_subjects', 'kr_regulator']) {
        const clock = page.locator(`[data-testid=obligation-clock][data-code=${code}]`);
        await clock.waitFor(WAIT);
        await expect(clock.getAttribute('data-state')).resolves.toBe('on_time');
        await expect(clock.textContent()).resolves.toMatch(/2일 2[0-2]시간 남음/);
      }
      // The law each clock comes from, cited in Korean on the Korean screen.
      await expect(
        page
          .locator('[data-testid=incident-obligation][data-code=kr_subjects] [data-testid=obligation-source]')
          .textContent(),
      ).resolves.toBe('「개인정보 보호법」 제34조제1항, 같은 법 시행령 제39조제1항');
      await screenshot(page, 'incident-obligations-ko');

      // The Korean notice to people and the PIPC report, prefilled from the facts and saved.
      await tab(page, 'notices');
      for (const kind of ['kr_subject_notice', 'kr_regulator_report']) {
        await page.locator('[data-testid=notice-kind]').locator('..').click();
        await page.click(`[data-testid=notice-kind-${kind}]`);
        await page.click('[data-testid=notice-prefill]');
        await page.locator('[data-testid=notice-editor]').waitFor(WAIT);
        // Every item the law requires is on the form, marked; what the facts cannot tell (the
        // help contact, …) the DPO writes before saving.
        const required = page.locator('[data-testid=notice-editor] [data-testid^=notice-item-][required]');
        await required.first().waitFor(WAIT);
        for (const item of await required.all())
          if ((await item.inputValue()).trim() === '')
            await item.fill((await item.getAttribute('data-type')) === 'count' ? '3' : '개인정보보호팀 02-555-0100');
        await page.click('[data-testid=notice-save]');
        await page.locator(`[data-testid=incident-notice][data-kind=${kind}][data-locale=ko]`).waitFor(WAIT);
      }
      // Each saved version names its language as the language menu does.
      await expect(
        page.locator('[data-testid=incident-notice][data-kind=kr_subject_notice]').first().textContent(),
      ).resolves.toContain('한국어 · v1');
      const pdf = await download(page, () =>
        page
          .locator('[data-testid=incident-notice][data-kind=kr_subject_notice] [data-testid=notice-pdf]')
          .first()
          .click(),
      );
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await screenshot(page, 'incident-notices-ko');

      // Every selected person gets the saved notice through the outbox.
      await tab(page, 'people');
      await page.click('[data-testid=people-notify]');
      await page.click('[data-testid=notify-submit]');
      await page.locator('[data-testid=people-message]').waitFor(WAIT);
      await page
        .locator('[data-testid=affected-person][data-notified=true]')
        .nth(PEOPLE.length - 1)
        .waitFor(WAIT);

      // Both notifications recorded as made (on time: no reason asked).
      await tab(page, 'obligations');
      for (const code of ['kr_subjects', 'kr_regulator']) {
        await page.click(`[data-testid=obligation-done-${code}]`);
        if (code === 'kr_regulator') await page.fill('[data-testid=field-externalReference]', 'PIPC-2026-0001');
        await page.click('[data-testid=obligation-done-dialog-submit]');
        await page.locator(`[data-testid=incident-obligation][data-code=${code}][data-status=done]`).waitFor(WAIT);
      }
    },
  );

  suite.itSignedIn(
    'the DPO closes it with the review; the breach register shows it (en)',
    'en',
    DPO_EN,
    async (page) => {
      await suite.open(page, incidentPath);
      await page.locator('[data-testid=incident-show]').waitFor(WAIT);
      await page.click('[data-testid=incident-close]');
      // Without the review the console asks for it before sending.
      await page.click('[data-testid=incident-close-submit]');
      await page.locator('[data-testid=incident-close-dialog] .Mui-error').first().waitFor(WAIT);
      await page.fill('[data-testid=field-lessonsLearned]', 'Support accounts need MFA and a read-rate alert.');
      await page.fill('[data-testid=field-registerFacts]', 'A stolen support password was used to read three records.');
      await page.fill('[data-testid=field-registerEffects]', 'Names and phone numbers of three people were read.');
      await page.fill('[data-testid=field-registerRemedialAction]', 'Password reset, sessions ended, MFA enforced.');
      await page.click('[data-testid=incident-close-submit]');
      await page.locator('[data-testid=incident-show][data-status=closed]').waitFor(WAIT);
      await screenshot(page, 'incident-closed-en');

      // 5. The breach register (GDPR Art. 33(5)) lists it with the lessons learned.
      await suite.open(page, '/incidents');
      await page.locator(`[data-testid=incident-column-closed] [data-reference="${reference}"]`).waitFor(WAIT);
      await screenshot(page, 'incident-board-en');
      const csv = (await download(page, () => page.click('[data-testid=incident-register-csv]'))).toString('utf8');
      expect(csv).toContain(reference);
      expect(csv).toContain('Support accounts need MFA');
    },
  );
});
