import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { addCalendarYears, calendarDaysBetween, localDateOf } from '../../server/src/calendar/local-date';
import { SubjectKeysService } from '../../server/src/subjects/subject-keys.service';
import { WAIT, flush, screenshot, settled, totp, useBrowserSuite, waitForRoute } from '../support/browser';
import { pdfText } from '../support/pdf-text';
import { agent, signIn } from '../support/server';
import { createSubject, type CreatedSubject } from '../support/subject-factory';
import { addProfileDetails } from '../support/subject-fixtures';

const SUPPORT = { email: 'support.rr@example.test', password: 'lantern quiet harbour 31', displayName: '지원 서연' };
const DPO = { email: 'dpo.rr@example.test', password: 'copper meadow signal 84', displayName: '보호책임자 하나' };
const DPO_EN = { email: 'dpo2.rr@example.test', password: 'violet pebble orchard 19', displayName: 'Mina DPO' };
const REGISTERS = { email: 'dpo.registers@example.test', password: 'beacon ferry quartz 66' };

const TIME_ZONE = 'Asia/Seoul';
const CHILD_NAME = '윤새봄';
const GUARDIAN_NAME = '윤보라';
const GUARDIAN_PHI = '보호자 본인 불안 장애';

let guardian: CreatedSubject;
let child: CreatedSubject;

const suite = useBrowserSuite({
  staff: [
    { ...SUPPORT, role: 'support' },
    { ...DPO, role: 'dpo' },
    { ...DPO_EN, role: 'dpo' },
    { ...REGISTERS, role: 'dpo', displayName: 'Registers' },
  ],
  setup: async () => {
    // The Shelby registers: the processors a child's erasure must notify (GDPR Art. 19, PIPA entrustment).
    const registers = agent(suite.server);
    await signIn(suite.server, registers, REGISTERS.email, REGISTERS.password);
    await registers.post('/api/registers/profiles/shelby/import').send({ reason: 'load shelby' }).expect(201);
    guardian = await createSubject(suite.server, {
      service: 'shelby',
      kind: 'guardian',
      name: GUARDIAN_NAME,
      phone: '010-7000-1212',
      birthDate: '1985-02-02',
      sensitive: [{ category: 'health', content: GUARDIAN_PHI }],
      consents: [{ purpose: 'phi' }],
    });
    // Twelve years old on the server's date.
    const birthDate = addCalendarYears(localDateOf(suite.clock.now(), TIME_ZONE), -12);
    child = await createSubject(suite.server, {
      service: 'shelby',
      kind: 'child',
      name: CHILD_NAME,
      email: null,
      guardianId: guardian.id,
      birthDate,
      sensitive: [{ category: 'health', content: '아동 주의력 결핍 진단' }],
      consents: [
        { purpose: 'guardian_for_child', givenBy: guardian.id },
        { purpose: 'phi', givenBy: guardian.id },
      ],
    });
    // Paid for a month ago: the e-commerce act keeps payment records 5 years.
    await addProfileDetails(suite.server, child.id, { payments: [{ amount: '55000.00', daysAgo: 30 }] });
    await flush(suite.server);
  },
});

/** Picks an option of a MUI select by its value, the select found by its label. */
const choose = async (page: Page, label: string, value: string) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.locator(`li[role=option][data-value="${value}"]`).click();
};

/** Types into a person picker and takes the first option offered. */
const pickPerson = async (page: Page, source: string, typed: string) => {
  await page.locator(`[data-testid=picker-${source}] input`).fill(typed);
  await page.locator('[data-testid=picker-option-subject-people]').first().click();
};

/** How far the page is wider than the window: nothing to scroll sideways to at 390 px. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Waits for the request page to show `status`. */
const waitForStatus = (page: Page, status: string) =>
  page.locator(`[data-testid=request-show][data-status=${status}]`).waitFor(WAIT);

/** Sends a step-up code when the server asks for one (approving runs the erasure). */
const stepUpIfAsked = async (page: Page, secret: string) => {
  const code = page.locator('[role=dialog] input[name=code]');
  if (await code.isVisible()) {
    await code.fill(await totp(suite.clock, secret));
    await page.locator('[role=dialog] button[type=submit]').last().click();
  }
};

let requestPath = '';

describe('a guardian erases their 12-year-old child’s data (F7 walk)', () => {
  suite.itSignedIn(
    'support takes the request, verifies the guardian and prepares the erasure (ko)',
    'ko',
    SUPPORT,
    async (page) => {
      await suite.open(page, '/rights-requests/create');
      // 1. The person: the child, found by name; the wizard shows the age the server computed.
      await pickPerson(page, 'subjectId', '윤새');
      await page
        .locator('[data-testid=wizard-step-0] [data-testid=wizard-person-facts]')
        .getByText('12세')
        .waitFor(WAIT);
      await page.click('[data-testid=wizard-next]');
      // 2. Who asks: the guardian, offered because the child is under 14, with the family register.
      await page.locator('input[type=radio][value=legal_representative]').check();
      await pickPerson(page, 'requesterSubjectId', '윤보');
      await page.fill('input[name=representationEvidence]', '가족관계증명서 발급번호 2026-0412-7781');
      await settled(page);
      await screenshot(page, 'rights-request-wizard-requester-ko');
      // The same step on a phone (resized in place: navigating at phone size opens the menu drawer).
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await screenshot(page, 'rights-request-wizard-390-ko');
      await expect(overflow(page)).resolves.toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.click('[data-testid=wizard-next]');
      // 3. What: erasure of everything (held data is kept by the server's rules).
      await choose(page, '유형', 'erasure');
      await page.click('[data-testid=wizard-next]');
      // 4. How it came in.
      await choose(page, '접수 경로', 'email');
      await settled(page);
      await screenshot(page, 'rights-request-wizard-intake-ko');
      await page.click('[data-testid=wizard-submit]');
      const path = await waitForRoute(page, (p) => /^\/rights-requests\/[0-9a-f-]{36}\/show$/.test(p));
      requestPath = path;
      await waitForStatus(page, 'received');
      await page.locator('[data-testid=request-reference]').getByText(/^RR-/).waitFor(WAIT);
      await page.locator('[data-testid=request-clock][data-regime=KR-PIPA][data-governs=true]').waitFor(WAIT);

      // The same request again: the server's 409, with a link to the open one.
      await suite.open(page, '/rights-requests/create');
      await pickPerson(page, 'subjectId', '윤새');
      await page.click('[data-testid=wizard-next]');
      await page.locator('input[type=radio][value=legal_representative]').check();
      await pickPerson(page, 'requesterSubjectId', '윤보');
      await page.fill('input[name=representationEvidence]', '가족관계증명서 발급번호 2026-0412-7781');
      await page.click('[data-testid=wizard-next]');
      await choose(page, '유형', 'erasure');
      await page.click('[data-testid=wizard-next]');
      await choose(page, '접수 경로', 'phone');
      await page.click('[data-testid=wizard-submit]');
      await page.locator('[data-testid=problem-alert][data-code=DUPLICATE_REQUEST]').waitFor(WAIT);
      await screenshot(page, 'rights-request-wizard-duplicate-ko');
      await page.click('[data-testid=duplicate-link]');
      await waitForRoute(page, (p) => p === requestPath);

      // Verification: an identity check of the guardian, then the request verified with it.
      await page.click('[data-testid=action-verify]');
      const verify = page.locator('[data-testid=request-verify]');
      await verify.locator('[role=combobox]').click();
      await page.locator('li[role=option][data-value=guardian_document]').click();
      await verify.locator('input[name=evidenceRef]').fill('가족관계증명서 대조, 신분증 뒷자리 확인');
      await page.click('[data-testid=request-verify-submit]');
      await page.locator('[data-testid=request-verified]').waitFor(WAIT);
      await page.click('[data-testid=action-start]');
      await waitForStatus(page, 'in_progress');

      // Prepare: each category erased, the payments kept under the e-commerce act's 5 years.
      await page.click('[data-testid=action-prepare]');
      const payments = page.locator('[data-testid=prepare-category][data-category=payments]');
      await payments.waitFor(WAIT);
      if ((await payments.locator('[data-testid=prepare-hold]').count()) === 0) {
        // Without the server's proposal, the rule is named by hand.
        await payments.locator('[data-testid=prepare-retain]').click();
        await payments.locator('[data-testid=prepare-rule] [role=combobox]').click();
        await page.locator('li[role=option][data-value=ecommerce_payment_records]').click();
      }
      await expect(payments.getAttribute('data-decision')).resolves.toBe('retain');
      await settled(page);
      await screenshot(page, 'rights-request-prepare-ko');
      await page.click('[data-testid=request-prepare-submit]');
      await page.locator('[data-testid=request-prepare]').waitFor({ state: 'detached', ...WAIT });
      await page.locator('[data-testid=request-prepared-by]').getByText(SUPPORT.displayName).waitFor(WAIT);
      await page.click('[data-testid=action-submit]');
      await waitForStatus(page, 'awaiting_approval');
      // Support may not approve: no such button.
      await expect(page.locator('[data-testid=action-approve]').count()).resolves.toBe(0);
      // The decision to keep payments names the rule and its statute, in Korean, not the rule's code.
      await page
        .locator('[data-testid=request-decision-retain]', {
          hasText: '대금결제 및 재화 등의 공급에 관한 기록, 전자상거래법 시행령 제6조',
        })
        .waitFor(WAIT);
      await settled(page);
      await screenshot(page, 'rights-request-show-awaiting-ko');
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await screenshot(page, 'rights-request-show-390-ko');
      await expect(overflow(page)).resolves.toBeLessThanOrEqual(0);
    },
  );

  suite.itSignedIn(
    'the DPO reads the list and the request in English, and extends it with its reasons',
    'en',
    DPO_EN,
    async (page) => {
      expect(requestPath).not.toBe('');
      // The home dashboard's request counts, each opening the filtered list.
      await page.locator('[data-testid=request-cards]').waitFor(WAIT);
      await expect(page.locator('[data-testid=requests-today-value]').textContent()).resolves.toBe('0');
      await suite.open(page, '/rights-requests');
      const chip = page.locator('[data-testid=request-deadline]').first();
      await chip.waitFor(WAIT);
      // Ten days from receipt, moved to the next business day when the tenth is a weekend or holiday.
      const [{ dueOn }] = (await suite.server.db.query(
        `SELECT due_on::text AS "dueOn" FROM rights_requests WHERE id = $1`,
        [requestPath.split('/')[2]],
      )) as { dueOn: string }[];
      const today = localDateOf(suite.clock.now(), 'Asia/Seoul');
      expect(calendarDaysBetween(today, dueOn)).toBeGreaterThanOrEqual(10);
      await expect(chip.textContent()).resolves.toBe(`${calendarDaysBetween(today, dueOn)} days left`);
      await settled(page);
      await screenshot(page, 'rights-request-list-en');
      await page.setViewportSize({ width: 390, height: 844 });
      await settled(page);
      await screenshot(page, 'rights-request-list-390-en');
      await page.setViewportSize({ width: 1280, height: 900 });
      await suite.open(page, requestPath);
      await waitForStatus(page, 'awaiting_approval');
      // A reason too short is refused by the server, with its message; then a real one.
      await page.click('[data-testid=action-extend]');
      await page.fill('[data-testid=request-extend] textarea[name=reasons]', 'busy');
      await page.click('[data-testid=request-extend-submit]');
      await page.locator('[data-testid=request-extend] [data-testid=problem-alert]').waitFor(WAIT);
      await page.fill(
        '[data-testid=request-extend] textarea[name=reasons]',
        'The counseling records span two services and the guardian asked for a copy of what is kept.',
      );
      await page.click('[data-testid=request-extend-submit]');
      await page.locator('[data-testid=request-extended]').first().waitFor(WAIT);
      await page.locator('[data-testid=request-extension]').waitFor(WAIT);
      await settled(page);
      await screenshot(page, 'rights-request-show-en');
    },
  );

  suite.itSignedIn(
    'a DPO approves: the child is erased, the payments kept, the processors told (ko)',
    'ko',
    DPO,
    async (page, secret) => {
      expect(requestPath).not.toBe('');
      await suite.open(page, requestPath);
      await waitForStatus(page, 'awaiting_approval');
      await page.click('[data-testid=action-approve]');
      await page.click('[data-testid=request-approve-submit]');
      await stepUpIfAsked(page, secret);
      // A refusal (a legal hold, four eyes) shows on the dialog: name it plainly if it comes.
      const refused = page.locator('[data-testid=request-approve] [data-testid=problem-alert]');
      const outcome = page.locator('[data-testid=request-outcome]');
      await outcome.or(refused).first().waitFor(WAIT);
      if (await refused.isVisible()) {
        await screenshot(page, 'rights-request-approve-refused-ko');
        throw new Error(
          `Approval refused: ${await refused.getAttribute('data-code')} (${await refused.textContent()})`,
        );
      }
      // Payments retained under their statute, with the destruction date the server computed.
      const retained = page.locator('[data-testid=request-retained][data-category=payments]');
      await retained.waitFor(WAIT);
      await expect(retained.textContent()).resolves.toMatch(
        /전자상거래법 시행령 제6조, \d{4}년 \d{1,2}월 \d{1,2}일 파기/,
      );
      await expect(page.locator('[data-testid=request-approved-by]').textContent()).resolves.toContain(DPO.displayName);
      // A task for each processor holding the erased categories.
      await page.locator('[data-testid=request-task]').first().waitFor(WAIT);
      await settled(page);
      // Each letter's button names it: the extension's and the acknowledgement's are told apart.
      const letters = await page.locator('[data-testid=request-document][data-kind=letter]').allTextContents();
      expect(letters.sort()).toEqual(['통지문(PDF) · 기한 연장 안내', '통지문(PDF) · 접수 안내']);
      await screenshot(page, 'rights-request-show-approved-ko');

      // The child's data key is gone (crypto-shredded); the guardian's PHI still opens.
      const keys = suite.server.app.get(SubjectKeysService);
      await expect(keys.dataKey(child.id)).rejects.toMatchObject({ status: 410 });
      await expect(keys.dataKey(guardian.id)).resolves.toBeDefined();

      // Each processor confirms; then the request closes and its letter is produced in Korean as a PDF.
      const open = page.locator('[data-testid=request-task][data-status=open] [data-testid=task-mark-done]');
      while ((await open.count()) > 0) {
        const before = await open.count();
        await open.first().click();
        await page.fill('[data-testid=task-done] textarea[name=evidence]', '수탁자 회신: 삭제 완료 확인서 수령');
        await page.click('[data-testid=task-done-submit]');
        await page.waitForFunction(
          (n) => document.querySelectorAll('[data-testid=request-task][data-status=open]').length < n,
          before,
          WAIT,
        );
      }
      await page.click('[data-testid=action-complete]');
      await page.click('[data-testid=request-complete-submit]');
      await waitForStatus(page, 'completed');
      const letter = page.locator('[data-testid=request-document][data-kind=letter]').first();
      await letter.waitFor(WAIT);
      const [download] = await Promise.all([page.waitForEvent('download'), letter.click()]);
      const pdf = readFileSync(await download.path());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(pdf);
      expect(text).toMatch(/RR-\d{4}-\d{6}/);
      expect(text).toMatch(/[가-힣]/);
      await settled(page);
      await screenshot(page, 'rights-request-show-completed-ko');
    },
  );
});
