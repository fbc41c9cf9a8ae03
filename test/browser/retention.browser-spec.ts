import type { Page } from 'playwright-core';
import { DestructionRunJob } from '../../server/src/retention/destruction/jobs/destruction-run.job';
import { RetentionScanJob } from '../../server/src/retention/destruction/jobs/retention-scan.job';
import { WAIT, flush, screenshot, settled, useBrowserSuite } from '../support/browser';
import { createSubject } from '../support/subject-factory';

const DPO = { email: 'dpo.rt@example.test', password: 'willow ember canyon 61', displayName: '보호책임자 서윤' };
const SUPPORT = { email: 'support.rt@example.test', password: 'harbour pebble meadow 38', displayName: 'Support Noah' };

const DAY = 86_400_000;

const suite = useBrowserSuite({
  staff: [
    { ...DPO, role: 'dpo' },
    { ...SUPPORT, role: 'support' },
  ],
  setup: async () => {
    const server = suite.server;
    const ago = (days: number) => new Date(suite.clock.now().getTime() - days * DAY).toISOString();
    const payment = (subjectId: string) =>
      server.db.query(
        `INSERT INTO subject_payments (subject_id, amount, currency, method, gateway, status, paid_at)
         VALUES ($1, 50000, 'KRW', 'card', 'toss', 'paid', $2)`,
        [subjectId, ago(2000)],
      );
    // Two people whose payments are past 5 years: the nightly run destroys them and writes a certificate.
    for (const name of ['김결제', '이결제']) await payment((await createSubject(server, { name })).id);
    await server.app.get(RetentionScanJob).run();
    await server.app.get(DestructionRunJob).run();
    // Two more afterwards, one of them under a legal hold: tomorrow's preview shows both, one held.
    const due = (await createSubject(server, { name: '박결제' })).id;
    const held = (await createSubject(server, { name: '최보존' })).id;
    await payment(due);
    await payment(held);
    const dpo = suite.staffId(DPO);
    const [hold] = (await server.db.query(
      `INSERT INTO legal_holds (reference, source, source_reference, reason, owner_id, review_on, status, created_by,
         created_at, updated_at)
       VALUES ('LH-2026-000901', 'litigation', '2026가합1234', '환불 소송 증거 보전', $1, $2, 'active', $1, now(), now())
       RETURNING id`,
      [dpo, ago(1).slice(0, 10)],
    )) as { id: string }[];
    await server.db.query(`INSERT INTO legal_hold_subjects (hold_id, subject_id, added_at) VALUES ($1, $2, now())`, [
      hold!.id,
      held,
    ]);
    await server.app.get(RetentionScanJob).run();
    // The dormancy pipeline: one account due for its notice, one notified by email.
    for (const [name, state] of [
      ['정휴면', 'due_for_notice'],
      ['한통지', 'notified'],
    ] as const) {
      const person = await createSubject(server, { name, email: `${state}@example.test` });
      await server.db.query(
        `INSERT INTO dormancy_cases (subject_id, state, last_active_at, notice_due_on, separation_due_on, rule_version,
           notice_channel, notified_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4::date, $4::date + 30, 1, $5, $6, now(), now())`,
        [
          person.id,
          state,
          ago(340),
          ago(-5).slice(0, 10),
          state === 'notified' ? 'email' : null,
          state === 'notified' ? ago(1) : null,
        ],
      );
    }
    // One account separated into the dormant store, its notice period over.
    const sleeper = await createSubject(server, {
      name: '윤잠듦',
      email: 'sleeper@example.test',
      phone: '010-2345-6789',
    });
    await server.db.query(
      `INSERT INTO dormancy_cases (subject_id, state, last_active_at, notice_due_on, separation_due_on, rule_version,
         notice_channel, notified_at, created_at, updated_at)
       VALUES ($1, 'notified', $2, $3::date, $4::date, 1, 'sms', $5, now(), now())`,
      [sleeper.id, ago(400), ago(31).slice(0, 10), ago(1).slice(0, 10), ago(31)],
    );
    await server.db.query('SELECT dormancy_separate($1, now())', [sleeper.id]);
    await flush(server);
  },
});

/** No input of the page shows an error (a filled form the person is about to save). */
const noFieldErrors = async (page: Page) => {
  expect(await page.locator('.Mui-error').count()).toBe(0);
};

describe('retention, legal holds, destruction and dormancy (F9 walk)', () => {
  suite.itSignedIn(
    'the DPO changes a rule, places and releases a hold, previews and proves destruction',
    'ko',
    DPO,
    async (page) => {
      // The dashboard's retention cards.
      await page.locator('[data-testid=retention-cards]').waitFor(WAIT);
      expect(await page.locator('[data-testid=retention-holds-due]').textContent()).toBe('1');
      await screenshot(page, 'retention-dashboard-ko');

      // 1. Rules: the payment rule, changed with a reason; the history shows who, when, why and what.
      await page.click('[data-testid=menu-retention-rules]');
      await page.locator('[data-testid=rule-list]').waitFor(WAIT);
      await settled(page);
      await screenshot(page, 'retention-rules-ko');
      await page.locator('[data-testid=rule-list] tr', { hasText: '결제 기록' }).first().click();
      await page.locator('[data-testid=rule-details]').waitFor(WAIT);
      await screenshot(page, 'retention-rule-show-ko');
      await page.getByRole('link', { name: '편집' }).click();
      const law = page.locator('input[name="retention.law"]');
      await law.waitFor(WAIT);
      await law.fill('전자상거래법 제6조, 시행령 제6조 제1항 제3호');
      await page.fill('textarea[name=reason]', '시행령 조항까지 적어 근거를 분명히 함');
      await noFieldErrors(page);
      await screenshot(page, 'retention-rule-edit-ko');
      await page.click('[data-testid=rule-save]');
      await page.click('[data-testid=tab-history]');
      const latest = page.locator('[data-testid=rule-version]').first();
      await latest.waitFor(WAIT);
      expect(await latest.getAttribute('data-version')).toBe('2');
      expect(await latest.locator('[data-testid=version-reason]').textContent()).toContain('시행령 조항까지');
      await latest.locator('[data-testid=version-change][data-field="retention.law"]').waitFor(WAIT);
      expect(await latest.textContent()).toContain(DPO.displayName);
      // The seeded first version gives its reason in Korean, as a person's is given as written.
      await expect(
        page.locator('[data-testid=rule-version][data-version="1"] [data-testid=version-reason]').textContent(),
      ).resolves.toContain('법령 요구사항(REQUIREMENTS.md D)과 두 개인정보 처리방침에서 가져옴');
      await settled(page);
      await screenshot(page, 'retention-rule-history-ko');

      // 2. A legal hold on visit logs for a regulator's inquiry, then released with a reason.
      await page.click('[data-testid=menu-retention-holds]');
      await page.locator('[data-testid=hold-list]').waitFor(WAIT);
      expect(await page.locator('[data-testid=hold-review][data-due=true]').count()).toBe(1);
      await screenshot(page, 'retention-holds-ko');
      await page.getByRole('link', { name: '법적 보존 조치 설정' }).click();
      await page.locator('input[name=sourceReference]').waitFor(WAIT);
      await settled(page);
      await page.getByRole('combobox', { name: '출처' }).click();
      await settled(page);
      await page.locator('li[role=option][data-value=regulator_inquiry]').click();
      await page.getByRole('combobox', { name: '출처' }).filter({ hasText: '감독기관 조사' }).waitFor(WAIT);
      await page.fill('input[name=sourceReference]', '개인정보위 조사 2026-118');
      await page.fill('textarea[name=reason]', '감독기관 조사 기간 동안 방문 기록 보존');
      await page.locator('[data-testid=picker-ownerId] input').fill('서윤');
      await page.getByRole('option', { name: /서윤/ }).click();
      await page.fill(
        'input[name=reviewOn]',
        new Date(suite.clock.now().getTime() + 60 * DAY).toISOString().slice(0, 10),
      );
      await page.getByRole('checkbox', { name: '방문 기록' }).check();
      await noFieldErrors(page);
      await screenshot(page, 'retention-hold-create-ko');
      await page.getByRole('button', { name: '저장' }).click();
      await page.locator('[data-testid=hold-release]').waitFor(WAIT);
      await screenshot(page, 'retention-hold-show-ko');
      await page.click('[data-testid=tab-events]');
      await page.locator('[data-testid=hold-event][data-kind=placed]').waitFor(WAIT);
      await page.click('[data-testid=hold-release]');
      await page.fill('[data-testid=hold-release-dialog] textarea[name=reason]', '조사 종결 통지를 받음');
      await noFieldErrors(page);
      await page.click('[data-testid=hold-release-submit]');
      await page.locator('[data-testid=hold-event][data-kind=released]').waitFor(WAIT);
      expect(await page.locator('[data-testid=hold-release]').count()).toBe(0);
      await page.getByRole('tab', { name: '보존 조치' }).click();
      await page.locator('[data-testid=status-chip][data-status=released]').first().waitFor(WAIT);
      expect(await page.locator('[data-testid=hold-details]').textContent()).toContain('감독기관 조사');
      await settled(page);
      await screenshot(page, 'retention-hold-released-ko');

      // 3. Tomorrow's destruction: the payment rule, two people, one held.
      await page.click('[data-testid=menu-retention-preview]');
      const payments = page.locator('[data-testid=preview-rule][data-code=ecommerce_payment_records]');
      await payments.waitFor(WAIT);
      expect(await payments.locator('[data-testid=preview-people]').textContent()).toBe('2');
      expect(await payments.locator('[data-testid=preview-held]').textContent()).toBe('1');
      await screenshot(page, 'retention-preview-ko');

      // 4. The queue, and the certificate of the run that destroyed the first two.
      await page.click('[data-testid=menu-retention-queue]');
      await page.locator('[data-testid=queue-list] tbody tr').first().waitFor(WAIT);
      await screenshot(page, 'retention-queue-ko');
      await page.click('[data-testid=menu-retention-certificates]');
      const certificate = page.locator('[data-testid=certificate-list] tbody tr').first();
      await certificate.waitFor(WAIT);
      await screenshot(page, 'retention-certificates-ko');
      await certificate.locator('td').first().click();
      await page.locator('[data-testid=certificate-line]').first().waitFor(WAIT);
      expect(await page.locator('[data-testid=certificate-line]').first().textContent()).toContain('결제 기록');
      await screenshot(page, 'retention-certificate-ko');
    },
  );

  suite.itSignedIn('support works the dormancy pipeline', 'en', SUPPORT, async (page) => {
    await page.click('[data-testid=menu-retention-dormancy]');
    await page.locator('[data-testid=dormancy-list][data-state=due_for_notice] tbody tr').first().waitFor(WAIT);
    await screenshot(page, 'retention-dormancy-due-en');
    await page.click('[data-testid=dormancy-tab-notified]');
    const notified = page.locator('[data-testid=dormancy-list][data-state=notified] tbody tr').first();
    await notified.waitFor(WAIT);
    expect(await notified.textContent()).toContain('Email');
    await page.click('[data-testid=dormancy-tab-separated]');
    const separated = page.locator('[data-testid=dormancy-list][data-state=separated] tbody tr').first();
    await separated.waitFor(WAIT);
    expect(await separated.textContent()).toContain('Separated: no data shown');
    await screenshot(page, 'retention-dormancy-separated-en');
    // The rules are readable, the holds and the destruction screens are not in support's menu.
    expect(await page.locator('[data-testid=menu-retention-rules]').count()).toBe(1);
    expect(await page.locator('[data-testid=menu-retention-holds]').count()).toBe(0);
    // Reactivation starts from the email or phone the person gives: first one nobody has.
    await page.click('[data-testid=dormancy-reactivate]');
    await page.fill('[data-testid=dormancy-lookup-value]', 'nobody@example.test');
    await page.click('[data-testid=dormancy-lookup-submit]');
    await page.getByText('No separated account has this email address or phone number.').waitFor(WAIT);
    await page.fill('[data-testid=dormancy-lookup-value]', 'sleeper@example.test');
    await noFieldErrors(page);
    await screenshot(page, 'retention-dormancy-lookup-en');
    await page.click('[data-testid=dormancy-lookup-submit]');
    // Found: the subjects screens' reactivation, identity check first.
    const dialog = page.locator('[data-testid=account-action-dialog-reactivate]');
    await dialog.waitFor(WAIT);
    await dialog.locator('input[name=evidenceRef]').fill('OTP to the phone on file, ticket 4411');
    await dialog.locator('textarea[name=reason]').fill('The person asked to use the service again');
    await noFieldErrors(page);
    await screenshot(page, 'retention-dormancy-reactivate-en');
    await page.click('[data-testid=account-action-submit]');
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await page.click('[data-testid=dormancy-tab-reactivated]');
    const back = page.locator('[data-testid=dormancy-list][data-state=reactivated] tbody tr').first();
    await back.waitFor(WAIT);
    expect(await back.textContent()).toContain('윤**');
    await screenshot(page, 'retention-dormancy-reactivated-en');
  });
});
