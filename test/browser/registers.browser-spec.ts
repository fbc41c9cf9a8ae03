import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { RegisterImportService } from '../../server/src/registers/register-import.service';
import {
  TEST_TIMEOUT,
  WAIT,
  menuLink,
  screenshot,
  settled,
  switchLanguage,
  useBrowserSuite,
  waitForRoute,
} from '../support/browser';
import { createSubject } from '../support/subject-factory';

const DPO = {
  email: 'dpo.registers@example.test',
  password: 'maple harbour ledger 61',
  displayName: 'Hana DPO',
};
const SUPPORT = {
  email: 'support.registers@example.test',
  password: 'willow compass meadow 34',
  displayName: 'Jiho Support',
};
const AUDIT_DPO = {
  email: 'dpo.records@example.test',
  password: 'cobalt meadow lantern 19',
  displayName: 'Minji DPO',
};
const ABROAD_DPO = {
  email: 'dpo.abroad@example.test',
  password: 'harbour cedar lantern 48',
  displayName: 'Yuna DPO',
};
const SYSADMIN = {
  email: 'sysadmin.registers@example.test',
  password: 'granite lantern orchard 75',
  displayName: 'Sora Admin',
};

const PROCESSORS = '/registers/processors';
const SUB_PROCESSOR = { en: 'Cloud backup vendor', ko: '클라우드 백업 업체' };
const PUBLISHED_SHELBY = join(__dirname, '../../server/src/registers/profiles/published/shelby-privacy-policy-ko.md');

/** The id in a "/registers/processors/<id>/show" route. */
const rowIdOf = (path: string): string => /\/registers\/processors\/([^/]+)\/show$/.exec(path)?.[1] ?? '';

/** Waits for the home screen's register alerts to load and returns the codes shown for `rowId`. */
const alertCodesFor = async (page: Page, rowId: string): Promise<string[]> => {
  await page.locator('[data-testid=register-alerts]:not([data-count=""])').waitFor(WAIT);
  return page
    .locator(`[data-testid=register-alert][data-row="${rowId}"]`)
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code') ?? ''));
};

/** A full-page screenshot from the top of the page (the app bar stays where it belongs). */
const shot = async (page: Page, name: string): Promise<void> => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  await screenshot(page, name);
};

const goHome = async (page: Page): Promise<void> => {
  await page.locator('.RaMenu-open a[href="#/"], .RaMenu-closed a[href="#/"]').click();
  await page.locator('[data-testid=home]').waitFor(WAIT);
};

/** Pastes the published Shelby policy into the preview's drift check and submits it. */
const checkDriftAgainstPublishedShelby = async (page: Page): Promise<void> => {
  await page.fill('textarea[name=markdown]', readFileSync(PUBLISHED_SHELBY, 'utf8'));
  await page.click('[data-testid=drift-submit]');
};

/** The published Shelby policy without its 제8조 table. */
const shelbyWithout8 = (): string => readFileSync(PUBLISHED_SHELBY, 'utf8').replace(/^\| 수탁업체 \|[^]*?\n\n/m, '');

/** Pastes the published Shelby policy without its 제8조 table and waits for that table to be named missing. */
const checkDriftWithoutArticle8 = async (page: Page): Promise<string> => {
  await page.fill('textarea[name=markdown]', shelbyWithout8());
  await page.click('[data-testid=drift-submit]');
  const missing = page.locator('[data-testid=drift-missing-table][data-table=entrustment]');
  await missing.waitFor(WAIT);
  await expect(page.locator('[data-testid=drift-missing-table]').count()).resolves.toBe(1);
  await expect(page.locator('[data-testid=drift-result]').getAttribute('data-in-sync')).resolves.toBe('false');
  return (await missing.textContent()) ?? '';
};

/** Ticks every contract-term checkbox on the processor form. */
const checkAllContractTerms = async (page: Page): Promise<void> => {
  for (const box of await page.locator('[data-testid=contract-terms-input] input[type=checkbox]').all()) {
    await box.check();
  }
};

/** Opens a register (e.g. "activities") from the menu and waits for its first row. */
const openRegister = async (page: Page, register: string): Promise<void> => {
  await menuLink(page, `#/registers/${register}`).click();
  await page.locator('table tbody tr').first().waitFor(WAIT);
};

/** Goes to the home screen and switches the language there (some pages have language buttons of their own). */
const switchLanguageAtHome = async (page: Page, from: string, to: string): Promise<void> => {
  await goHome(page);
  await switchLanguage(page, from, to);
};

/** Saves the register form and waits for the row's page. */
const save = async (page: Page): Promise<string> => {
  await page.click('[data-testid=register-save]');
  return waitForRoute(page, (p) => /^\/registers\/processors\/[^/]+\/show$/.test(p));
};

describe('the registers in a browser', () => {
  const suite = useBrowserSuite({
    staff: [
      { ...DPO, role: 'dpo' },
      { ...SUPPORT, role: 'support' },
      { ...SYSADMIN, role: 'sysadmin' },
      { ...AUDIT_DPO, role: 'dpo' },
      { ...ABROAD_DPO, role: 'dpo' },
    ],
    // The person a court order names, found with the form's person picker.
    setup: async () => {
      await createSubject(suite.server, { name: '박하늘', kind: 'client', phone: '010-2222-3141' });
    },
  });

  suite.itSignedIn(
    'lets the DPO add a sub-processor, see the alert for its missing contract terms, fill them and clear it',
    'en-US',
    DPO,
    async (page) => {
      // No policy yet, so no alerts.
      await page.locator('[data-testid=register-alerts-none]').waitFor(WAIT);

      // The registers start from the published Shelby policy.
      await menuLink(page, '#/registers/policies').click();
      await page.click('[data-testid=profile-import]');
      await page.locator('[data-testid=import-shelby]').waitFor(WAIT);
      await shot(page, 'en-80-registers-import-profile');
      await page.click('[data-testid=import-shelby]');
      await page.locator('[data-testid=profile-import-dialog]').waitFor({ state: 'detached', ...WAIT });
      await page.locator('table tbody tr').first().waitFor(WAIT);

      // Amazon Web Services gets a sub-processor; its contract terms are not known yet.
      await menuLink(page, `#${PROCESSORS}`).click();
      const aws = page.locator('table tbody tr', { hasText: 'Amazon Web Services' }).first();
      await aws.waitFor(WAIT);
      await shot(page, 'en-81-processors');
      await aws.click();
      await page.locator('[data-testid=sub-processors]').waitFor(WAIT);
      await page.click('[data-testid=add-sub-processor]');
      await page.locator('[data-testid=sub-processor-notice]').waitFor(WAIT);
      await expect(page.locator('[data-testid=sub-processor-notice]').textContent()).resolves.toContain(
        'Amazon Web Services',
      );
      await page.fill('input[name="recipient.en"]', SUB_PROCESSOR.en);
      await page.fill('input[name="recipient.ko"]', SUB_PROCESSOR.ko);
      await page.fill('textarea[name="task.en"]', 'Encrypted off-site backups');
      await page.fill('textarea[name="task.ko"]', '암호화된 원격 백업');
      await page.fill('textarea[name=reason]', 'AWS named its backup vendor as a re-entrustee');
      await shot(page, 'en-82-sub-processor-form');
      const subId = rowIdOf(await save(page));
      expect(subId).not.toBe('');
      await page.locator('[data-testid=detail-parentId]', { hasText: 'Amazon Web Services' }).waitFor(WAIT);

      // The alert is on the DPO's home screen and leads to the row.
      await goHome(page);
      await expect(alertCodesFor(page, subId)).resolves.toEqual(['CONTRACT_TERMS_MISSING']);
      const alert = page.locator(`[data-testid=register-alert][data-row="${subId}"]`);
      await expect(alert.textContent()).resolves.toContain('Liability and damages for breaches');
      await shot(page, 'en-83-home-register-alerts');
      await alert.locator('[data-testid=register-alert-open]').click();
      await waitForRoute(page, (p) => p === `${PROCESSORS}/${subId}/show`);
      await page.locator('[data-testid=contract-terms]').waitFor(WAIT);
      await expect(page.locator('[data-testid=contract-terms] [data-ok=false]').count()).resolves.toBe(7);

      // Active without the terms is refused, naming each missing term on its checkbox.
      await page.getByRole('link', { name: 'Edit' }).click();
      await page.locator('[data-testid=contract-terms-input]').waitFor(WAIT);
      await page.check('input[name=status][value=active]');
      await page.fill('textarea[name=reason]', 'Contract signed');
      await page.click('[data-testid=register-save]');
      const problems = page.locator('[data-testid=register-field-problems] li');
      await problems.first().waitFor(WAIT);
      await expect(problems.count()).resolves.toBe(7);
      await expect(
        page.locator('[data-testid=contract-terms-input] [data-term=liability]').textContent(),
      ).resolves.toContain('Required before the processor can be active.');
      await shot(page, 'en-84-contract-terms-refused');

      // Someone else saves in between: the stale version is refused with a clear message.
      await page.evaluate(async (id) => {
        const row = (await (await fetch(`/api/registers/processors/${id}`)).json()) as Record<string, unknown>;
        const writable = [
          'policyId',
          'parentId',
          'position',
          'recipient',
          'task',
          'items',
          'protectionMeasures',
          'country',
          'contractTerms',
          'dpaSignedOn',
          'dpaExpiresOn',
          'lastInspectionOn',
          'nextInspectionDue',
          'status',
        ];
        const body: Record<string, unknown> = Object.fromEntries(writable.map((key) => [key, row[key]]));
        Object.assign(body, {
          retention: { kind: (row.retention as { kind: string }).kind },
          contact: 'backup-privacy@example.test',
          version: row.version,
          reason: 'Contact from the vendor’s DPA',
        });
        const answer = await fetch(`/api/registers/processors/${id}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Protection': '1' },
          body: JSON.stringify(body),
        });
        if (!answer.ok) throw new Error(`PUT answered ${answer.status}: ${await answer.text()}`);
      }, subId);
      await checkAllContractTerms(page);
      await page.click('[data-testid=register-save]');
      // The message shows beside the Save button just pressed, and what was typed is still there.
      const stale = page.locator('[data-testid=stale-version]');
      await stale.waitFor(WAIT);
      await expect(stale.evaluate((alert) => alert === document.activeElement)).resolves.toBe(true);
      // In view once the page has scrolled to it (the scroll may still be running when focus lands).
      await expect(
        page
          .waitForFunction(
            () => {
              const box = document.querySelector('[data-testid=stale-version]')?.getBoundingClientRect();
              return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
            },
            undefined,
            WAIT,
          )
          .then(() => true),
      ).resolves.toBe(true);
      await shot(page, 'en-85-stale-version');

      // The latest version, loaded into the form: the terms just checked stay checked, the contact
      // saved meanwhile shows, and the form now edits version 2.
      await page.getByRole('button', { name: 'Load the latest version, keep my changes' }).click();
      await page.locator('[data-testid=editing-version]', { hasText: 'version 2' }).waitFor(WAIT);
      await expect(stale.count()).resolves.toBe(0);
      await expect(page.locator('input[name=contact]').inputValue()).resolves.toBe('backup-privacy@example.test');
      await expect(
        page.locator('[data-testid=contract-terms-input] input[type=checkbox]:checked').count(),
      ).resolves.toBe(7);
      await checkAllContractTerms(page);
      await page.check('input[name=status][value=active]');
      await page.fill('textarea[name=reason]', 'Re-entrustment contract signed with all seven terms');
      await save(page);
      await page.locator('[data-testid=contract-terms] [data-ok=true]').first().waitFor(WAIT);
      await expect(page.locator('[data-testid=contract-terms] [data-ok=true]').count()).resolves.toBe(7);

      // The alert has cleared.
      await goHome(page);
      await expect(alertCodesFor(page, subId)).resolves.toEqual([]);
      await shot(page, 'en-86-home-alert-cleared');

      // The history shows each version with its author, reason and differences.
      await suite.open(page, `${PROCESSORS}/${subId}/show`);
      await page.getByRole('tab', { name: 'History' }).click();
      const entries = page.locator('[data-testid=history-entry]');
      await entries.first().waitFor(WAIT);
      await expect(entries.count()).resolves.toBe(3);
      const latest = entries.first();
      await expect(latest.getAttribute('data-version')).resolves.toBe('3');
      await expect(latest.locator('[data-testid=history-reason]').textContent()).resolves.toContain(
        'Re-entrustment contract signed with all seven terms',
      );
      await expect(latest.textContent()).resolves.toContain(DPO.displayName);
      await latest.locator('[data-testid=diff-row][data-field="contractTerms.liability"]').waitFor(WAIT);
      await latest.locator('[data-testid=diff-row][data-field="status"]', { hasText: 'Active' }).waitFor(WAIT);
      await shot(page, 'en-87-history');

      // The list as it stood before the import has no rows.
      await menuLink(page, `#${PROCESSORS}`).click();
      await page.locator('table tbody tr').first().waitFor(WAIT);
      await page.fill('[data-testid=as-of]', '2020-01-01');
      await page.locator('[data-testid=as-of-banner]').waitFor(WAIT);
      await expect(page.locator(`a[href="#${PROCESSORS}/create"]`).count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Back to today' }).first().click();
      await page.locator('table tbody tr', { hasText: SUB_PROCESSOR.en }).waitFor(WAIT);
      await shot(page, 'en-88-processors-with-sub-processor');

      // Every register exports; the CSV has one column per field.
      await page.click('[data-testid=register-export]');
      const download = page.waitForEvent('download', WAIT);
      await page.click('[data-testid=register-export-csv]');
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.csv$/);
      const csv = readFileSync(await file.path(), 'utf8');
      expect(csv).toContain(SUB_PROCESSOR.en);

      // The entrustment table now shows the sub-processor; the published policy does not.
      await menuLink(page, '#/policy-preview').click();
      await page.locator('[data-testid=policy-html]').waitFor(WAIT);
      await page.click('[data-testid=preview-table] [data-value=entrustment]');
      await page.click('[data-testid=preview-format] [data-value=markdown]');
      await expect(page.locator('[data-testid=policy-markdown]').textContent()).resolves.toContain(SUB_PROCESSOR.ko);
      await page.click('[data-testid=preview-format] [data-value=html]');
      await page.locator('[data-testid=policy-html]').waitFor(WAIT);
      await shot(page, 'en-89-policy-preview');
      await checkDriftAgainstPublishedShelby(page);
      const differences = page.locator('[data-testid=drift-difference]');
      await differences.first().waitFor(WAIT);
      await expect(differences.count()).resolves.toBe(1);
      await expect(differences.first().getAttribute('data-kind')).resolves.toBe('missing_from_policy');
      await expect(differences.first().textContent()).resolves.toContain(SUB_PROCESSOR.ko);
      await shot(page, 'en-90-drift-check');
      // Shelby has no transfer table: the preview does not offer one. Without 제8조's table, the check names it.
      await expect(page.locator('[data-testid=preview-table] [data-value=transfer]').count()).resolves.toBe(0);
      await expect(page.locator('[data-testid=preview-table] [data-value=records]').count()).resolves.toBe(1);
      await expect(checkDriftWithoutArticle8(page)).resolves.toContain('Entrustment — 제8조 (개인정보의 위탁 처리)');
      await shot(page, 'en-91-drift-missing-table');

      // The same screens in Korean (switched from home: the preview page has its own language buttons).
      await switchLanguageAtHome(page, 'English', '한국어');
      await page.locator('[data-testid=register-alerts]:not([data-count=""])').waitFor(WAIT);
      await shot(page, 'ko-83-home-register-alerts');
      await menuLink(page, `#${PROCESSORS}`).click();
      const subRow = page.locator('table tbody tr', { hasText: SUB_PROCESSOR.ko });
      await subRow.waitFor(WAIT);
      // The status header (상태) keeps one line: its letters share one line box, not one each.
      await expect(
        page.locator('th.column-status').evaluate((th) => {
          const text = document.createTreeWalker(th, NodeFilter.SHOW_TEXT).nextNode()!;
          const range = document.createRange();
          range.selectNodeContents(text);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }),
      ).resolves.toBe(1);
      await shot(page, 'ko-88-processors-with-sub-processor');
      await subRow.click();
      await page.locator('[data-testid=contract-terms]').waitFor(WAIT);
      await expect(page.locator('[data-testid=detail-parentId]').textContent()).resolves.toContain('재위탁한 수탁업체');
      await shot(page, 'ko-93-sub-processor-show');
      await page.getByRole('tab', { name: '변경 이력' }).click();
      await page.locator('[data-testid=history-entry]').first().waitFor(WAIT);
      await expect(page.locator('[data-testid=history-entry]').first().textContent()).resolves.toContain(
        '의무 위반 시 손해배상 등 책임',
      );
      await shot(page, 'ko-87-history');
      await page.getByRole('link', { name: '편집' }).click();
      await page.locator('[data-testid=contract-terms-input]').waitFor(WAIT);
      await shot(page, 'ko-84-processor-edit');
      await menuLink(page, '#/policy-preview').click();
      await page.locator('[data-testid=policy-html]').waitFor(WAIT);
      await checkDriftAgainstPublishedShelby(page);
      await page.getByText('처리방침에 없음').first().waitFor(WAIT);
      await shot(page, 'ko-90-drift-check');
      await expect(checkDriftWithoutArticle8(page)).resolves.toContain('처리위탁 — 제8조 (개인정보의 위탁 처리)');
      await page.getByText('공개된 문서에서 찾지 못한 표').waitFor(WAIT);
      await shot(page, 'ko-91-drift-missing-table');
      await switchLanguageAtHome(page, '한국어', 'English');
    },
  );

  suite.itSignedIn(
    'shows every register, the legal disclosures log and the regulator document, in English and Korean',
    'en-US',
    AUDIT_DPO,
    async (page) => {
      await menuLink(page, '#/registers/policies').click();
      await page.click('[data-testid=profile-import]');
      await page.click('[data-testid=import-maumjuui]');
      await page.locator('[data-testid=profile-import-dialog]').waitFor({ state: 'detached', ...WAIT });
      await page.locator('table tbody tr', { hasText: 'maumjuui' }).waitFor(WAIT);
      await shot(page, 'en-95-policies');

      const download = page.waitForEvent('download', WAIT);
      await page.click('[data-testid=regulator-export]');
      await page.click('[data-testid=regulator-export-xlsx]');
      expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

      for (const [register, shotName] of [
        ['activities', 'en-96-activities'],
        ['transfers', 'en-97-transfers'],
      ] as const) {
        await openRegister(page, register);
        await shot(page, shotName);
      }

      await menuLink(page, '#/registers/transfers').click();
      await page.locator('table tbody tr', { hasText: 'Zoom' }).click();
      await page.locator('[data-testid=detail-pipaBasis]').waitFor(WAIT);
      await shot(page, 'en-97-transfer-show');
      await page.getByRole('link', { name: 'Edit' }).click();
      await page.locator('input[name="recipient.en"]').waitFor(WAIT);
      await shot(page, 'en-97-transfer-edit');

      await menuLink(page, '#/registers/activities').click();
      await page.locator('table tbody tr').first().click();
      await page.locator('[data-testid=detail-dataCategories]').waitFor(WAIT);
      await shot(page, 'en-96-activity-show');

      // A court order, logged with its legal basis and who approved it.
      await menuLink(page, '#/legal-disclosures').click();
      await page.getByRole('link', { name: 'Create' }).click();
      await page.fill('input[name=authority]', 'Seoul Central District Court');
      await page.fill('input[name=legalBasis]', 'Criminal Procedure Act, Art. 215');
      await page.fill('input[name=requestReference]', '2026-GO-1234');
      // The person and the approver are picked by name, never typed as an id or free text.
      await page.locator('[data-testid=picker-subjectId] input').fill('박');
      const person = page.locator('[data-testid=picker-option-subject-people]');
      await person.first().waitFor(WAIT);
      expect(await person.allTextContents()).toEqual([expect.stringMatching(/^박\*\* · .+ · 010-\*\*\*\*-3141$/)]);
      await shot(page, 'en-99-disclosure-person-picker');
      await person.first().click();
      await page.fill('textarea[name=items]', 'Booking dates and counselor name');
      await page.locator('[data-testid=picker-approvedById] input').fill('Minji');
      await page.getByRole('option', { name: /Minji DPO/ }).click();
      await page.fill('textarea[name=reason]', 'Court order received on 20 November');
      await shot(page, 'en-99-disclosure-form');
      await page.click('[data-testid=register-save]');
      await waitForRoute(page, (p) => /^\/legal-disclosures\/[^/]+\/show$/.test(p));
      await page.locator('[data-testid=detail-authority]', { hasText: 'Seoul Central District Court' }).waitFor(WAIT);
      await page.locator('[data-testid=detail-approvedBy]', { hasText: 'Minji DPO' }).waitFor(WAIT);
      // The person is named (masked), not only by their id.
      await page.locator('[data-testid=detail-subjectId]', { hasText: '박**' }).waitFor(WAIT);
      await shot(page, 'en-99-disclosure-show');
      await menuLink(page, '#/legal-disclosures').click();
      // The list names the person masked, not by id.
      await page
        .locator('table tbody tr', { hasText: 'Seoul Central District Court' })
        .locator('[data-testid=disclosure-subject-name]', { hasText: '박**' })
        .waitFor(WAIT);
      await shot(page, 'en-99-disclosures');

      await switchLanguage(page, 'English', '한국어');
      await page.locator('table tbody tr', { hasText: '법원 명령' }).waitFor(WAIT);
      await shot(page, 'ko-99-disclosures');
      // The edit form shows the chosen person and approver by name.
      await page.locator('table tbody tr', { hasText: '법원 명령' }).click();
      await page.getByRole('link', { name: '편집' }).click();
      await page.locator('[data-testid=picker-approvedById] input[value="Minji DPO"]').waitFor(WAIT);
      await page.locator('[data-testid=picker-subjectId] input[value="박**"]').waitFor(WAIT);
      await shot(page, 'ko-99-disclosure-edit');
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'ko-99-disclosure-edit-390');
      await page.setViewportSize({ width: 1280, height: 900 });
      for (const [register, shotName] of [
        ['activities', 'ko-96-activities'],
        ['transfers', 'ko-97-transfers'],
      ] as const) {
        await openRegister(page, register);
        await shot(page, shotName);
      }
      await page.locator('table tbody tr', { hasText: 'Zoom' }).click();
      await page.locator('[data-testid=detail-pipaBasis]').waitFor(WAIT);
      await shot(page, 'ko-97-transfer-show');
      await menuLink(page, '#/registers/activities').click();
      await page.locator('table tbody tr').first().click();
      await page.locator('[data-testid=detail-dataCategories]').waitFor(WAIT);
      await shot(page, 'ko-96-activity-show');
      await page.getByRole('link', { name: '편집' }).click();
      await page.locator('input[name="name.ko"]').waitFor(WAIT);
      await shot(page, 'ko-96-activity-edit');
      await switchLanguageAtHome(page, '한국어', 'English');
    },
  );

  suite.itSignedIn(
    'shows a support user the registers read-only, in Korean, without alerts or legal disclosures',
    'ko-KR',
    SUPPORT,
    async (page) => {
      await expect(page.locator('[data-testid=register-alerts]').count()).resolves.toBe(0);
      await expect(menuLink(page, '#/legal-disclosures').count()).resolves.toBe(0);

      await menuLink(page, `#${PROCESSORS}`).click();
      const aws = page.locator('table tbody tr', { hasText: 'Amazon Web Services' }).first();
      await aws.waitFor(WAIT);
      await expect(page.locator(`a[href="#${PROCESSORS}/create"]`).count()).resolves.toBe(0);
      await page.locator('[data-testid=register-export]').waitFor(WAIT);
      await shot(page, 'ko-91-support-processors-read-only');

      await aws.click();
      await page.locator('[data-testid=sub-processors]').waitFor(WAIT);
      await expect(page.getByRole('link', { name: '편집' }).count()).resolves.toBe(0);
      await expect(page.locator('[data-testid=add-sub-processor]').count()).resolves.toBe(0);
      await shot(page, 'ko-92-support-processor-read-only');

      await menuLink(page, '#/registers/provisions').click();
      await page.locator('table tbody tr', { hasText: '상담 전문가' }).waitFor(WAIT);
      await expect(page.locator('a[href="#/registers/provisions/create"]').count()).resolves.toBe(0);
      await shot(page, 'ko-94-support-provisions');
      await page.locator('table tbody tr', { hasText: '상담 전문가' }).click();
      await page.locator('[data-testid=detail-legalBasis]').waitFor(WAIT);
      await shot(page, 'ko-95-support-provision-show');

      // The create page itself is refused, not only its button hidden.
      await suite.openDenied(page, `${PROCESSORS}/create`, '접근 거부');
    },
  );

  suite.itSignedIn('gives a system administrator no registers menu', 'en-US', SYSADMIN, async (page) => {
    await expect(menuLink(page, `#${PROCESSORS}`).count()).resolves.toBe(0);
    await expect(menuLink(page, '#/registers/activities').count()).resolves.toBe(0);
    await expect(menuLink(page, '#/policy-preview').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=register-alerts]').count()).resolves.toBe(0);
    await suite.openDenied(page, PROCESSORS, 'Access denied');
    await expect(page.locator('table tbody tr').count()).resolves.toBe(0);
  });

  it(
    'shows a browser in Los Angeles the day counts of Seoul, the same on the home screen and in the list',
    async () => {
      // Move the server's clock to 16:00 UTC: already tomorrow in Seoul, still today in Los Angeles.
      const now = suite.clock.now();
      const hoursTo16 = (16 - now.getUTCHours() + 24) % 24 || 24;
      suite.clock.advance(hoursTo16 * 3_600_000 - (now.getTime() % 3_600_000));
      await suite.server.app.get(RegisterImportService).ensureDemoRegisters();
      await suite.signedIn(
        'en-US',
        ABROAD_DPO,
        async (page) => {
          const alert = page.locator('[data-testid=register-alert][data-code=INSPECTION_OVERDUE]').first();
          await alert.waitFor(WAIT);
          const rowId = (await alert.getAttribute('data-row'))!;
          const homeDays = Number(await alert.getAttribute('data-days'));
          expect(homeDays).toBeLessThan(0);
          // The list shows the same count (it once counted in the browser's zone: one day fewer here).
          await menuLink(page, `#${PROCESSORS}`).click();
          await page.locator(`[data-testid=deadline-inspection][data-days="${homeDays}"]`).first().waitFor(WAIT);
          await suite.open(page, `${PROCESSORS}/${rowId}/show`);
          // The row's own deadline comes before those of its sub-processors.
          const shown = page.locator('[data-testid=deadline-inspection]').first();
          await shown.waitFor(WAIT);
          await expect(shown.getAttribute('data-days')).resolves.toBe(String(homeDays));
          await shot(page, 'en-89-processor-deadline-from-los-angeles');
        },
        { timezoneId: 'America/Los_Angeles', now: suite.clock.now() },
      );
    },
    TEST_TIMEOUT,
  );
});
