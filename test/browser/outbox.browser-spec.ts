import { OutboxService } from '../../server/src/outbox/outbox.service';
import { WAIT, screenshot, useBrowserSuite } from '../support/browser';

const DPO = { email: 'dpo.outbox@example.test', password: 'lantern ferry orchard 27', displayName: 'Hana DPO' };
const DPO_EN = { email: 'dpo2.outbox@example.test', password: 'quartz meadow signal 83', displayName: 'Mina DPO' };
const SUPPORT = { email: 'support.outbox@example.test', password: 'pebble garden violin 58', displayName: 'Jiho' };

const suite = useBrowserSuite({
  staff: [
    { ...DPO, role: 'dpo' },
    { ...DPO_EN, role: 'dpo' },
    { ...SUPPORT, role: 'support' },
  ],
  setup: async () => {
    // Two messages: one sent as a file (no SMTP_URL in tests), one still queued.
    const outbox = suite.server.app.get(OutboxService);
    await outbox.enqueue({
      templateKey: 'rights-request.acknowledgement',
      language: 'ko',
      recipient: { kind: 'subject', id: 'browser-1', address: 'parent@example.com' },
      data: { name: '김하늘', requestType: '열람', requestNumber: 'RR-1' },
    });
    await outbox.dispatchDue();
    await outbox.enqueue({
      templateKey: 'account.dormancy-notice',
      language: 'ko',
      recipient: { kind: 'subject', id: 'browser-2', address: '010-2222-3333' },
      data: { name: '박바다', separateOn: '2026-12-01' },
    });
  },
});

describe('templates and outbox screens', () => {
  suite.itSignedIn('shows the DPO a template with its preview and history, in Korean', 'ko', DPO, async (page) => {
    await suite.open(page, '/templates');
    await page.getByText('incident.subject-notice').waitFor(WAIT);
    // What each is for, in Korean on the Korean screen.
    await page.getByText('「개인정보 보호법」 제34조제1항의 항목을 담은 정보주체 유출 통지').waitFor(WAIT);
    expect(await page.getByText('Notice to affected people of a personal data breach', { exact: false }).count()).toBe(
      0,
    );
    await screenshot(page, 'templates-dpo-ko');
    await page.getByText('incident.subject-notice').click();
    await page.locator('[data-testid=preview-subject]').getByText('개인정보 유출 사실을 알려 드립니다').waitFor(WAIT);
    // The migrations' versions in Korean too: by the system, with what each did.
    const versions = page.locator('[data-testid=template-version]');
    await versions.filter({ hasText: '처음 등록 (마이그레이션 20261203001010)' }).waitFor(WAIT);
    await expect(versions.first().textContent()).resolves.toMatch(
      /시스템한국어 용도 추가 \(마이그레이션 20261209000200\)$/,
    );
    await versions.filter({ hasText: '피해 구제절차를 별도 항목으로 분리' }).waitFor(WAIT);
    expect(
      await page
        .locator('[data-testid=template-history]')
        .getByText(/migration|system/)
        .count(),
    ).toBe(0);
    await page.locator('[data-testid=preview-body]').getByText('외부 공격으로 상담 예약 서버').waitFor(WAIT);
    await screenshot(page, 'template-show-dpo-ko');
    await page.getByRole('link', { name: '편집' }).click();
    await page.locator('textarea[name=bodyKo]').waitFor(WAIT);
    // Both purposes are edited with the template.
    await expect(page.locator('input[name=descriptionKo]').inputValue()).resolves.toMatch(/^「개인정보 보호법」/);
    await expect(page.locator('input[name=description]').inputValue()).resolves.toMatch(/^Notice to affected people/);
    await screenshot(page, 'template-edit-dpo-ko');
    await page.locator('input[name=subjectKo]').fill('[Shelby] 개인정보 유출 사실을 알려 드립니다 (중요)');
    await page.locator('input[name=reason]').fill('제목에 중요 표시');
    await page.getByRole('button', { name: '저장' }).click();
    await page.locator('[data-testid=template-history]').getByText('제목에 중요 표시').waitFor(WAIT);
    await page.locator('[data-testid=preview-subject]').getByText('(중요)').waitFor(WAIT);
    await suite.open(page, '/outbox');
    await page.getByText('p***@example.com').waitFor(WAIT);
    await page.getByText('***-3333').waitFor(WAIT);
    expect(await page.getByText('parent@example.com').count()).toBe(0);
    // The message's language by name, not its code.
    await expect(page.locator('table tbody tr', { hasText: '***-3333' }).textContent()).resolves.toContain('한국어');
    await screenshot(page, 'outbox-dpo-ko');
  });

  suite.itSignedIn('shows the DPO the outbox in English', 'en', DPO_EN, async (page) => {
    await suite.open(page, '/outbox');
    await page.getByText('Content deleted').first().waitFor(WAIT);
    await page.getByText('Queued', { exact: true }).first().waitFor(WAIT);
    await screenshot(page, 'outbox-dpo-en');
    await suite.open(page, '/templates');
    await page.getByText('retention.destruction-certificate').click();
    await page.locator('[data-testid=preview-subject]').getByText('Certificate of destruction').waitFor(WAIT);
    await page.locator('[data-testid=template-version]').getByText('Seeded (migration 20261203001010)').waitFor(WAIT);
    await screenshot(page, 'template-show-dpo-en');
    await page.locator('[data-testid=template-preview] button[value=ko]').click();
    await page.locator('[data-testid=preview-subject]').getByText('개인정보 파기 확인서').waitFor(WAIT);
  });

  suite.itSignedIn('keeps support out of templates and the outbox', 'en', SUPPORT, async (page) => {
    await suite.openDenied(page, '/outbox', 'Access denied');
    expect(await page.locator('a[href="#/templates"]').count()).toBe(0);
  });
});
