import { WAIT, flush, screenshot, useBrowserSuite } from '../support/browser';
import { createSubject } from '../support/subject-factory';

const DPO = { email: 'dpo.names@example.test', password: 'amber lantern harbour 77', displayName: 'Hana DPO' };
const SUPPORT = { email: 'support.names@example.test', password: 'cedar compass meadow 12', displayName: 'Jiho Park' };
const AUDITOR = {
  email: 'auditor.names@example.test',
  password: 'willow beacon summit 48',
  displayName: 'Mina Auditor',
};
const SECURITY = {
  email: 'security.names@example.test',
  password: 'granite harbor lantern 31',
  displayName: 'Seo Security',
};
let personId = '';

const suite = useBrowserSuite({
  staff: [
    { ...DPO, role: 'dpo' },
    { ...SUPPORT, role: 'support' },
    { ...AUDITOR, role: 'auditor' },
    { ...SECURITY, role: 'security' },
  ],
  setup: async () => {
    const person = await createSubject(suite.server, {
      name: '김서연',
      kind: 'guardian',
      service: 'shelby',
      phone: '010-3456-7812',
    });
    personId = person.id;
    // Another 김, whom the access log does not name: the filter does not offer them.
    await createSubject(suite.server, { name: '김민준', phone: '010-9876-5432' });
    // A support agent looked at that person's profile.
    await suite.server.db.query(
      `INSERT INTO audit_inbox (event) VALUES (jsonb_build_object('time', now(), 'actorId', $1::text,
         'actorRole', 'support', 'sessionId', NULL, 'ip', NULL, 'userAgent', NULL, 'subjectId', $2::text,
         'action', 'view', 'resource', 'subject', 'fields', '[]'::jsonb, 'purpose', NULL, 'outcome', 'success',
         'requestId', NULL, 'detail', '{}'::jsonb))`,
      [suite.staffId(SUPPORT), `subject:${person.id}`],
    );
    await flush(suite.server);
  },
});

describe('the access log names people and staff', () => {
  suite.itSignedIn(
    'shows staff by name and role and people by masked name, and filters by a staff name',
    'ko',
    DPO,
    async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await suite.open(page, '/access-log');
      const person = page.locator('[data-testid=log-subject-name]').first();
      await person.waitFor(WAIT);
      expect(await person.textContent()).toBe('김**');
      await page.locator('[data-testid=log-staff-name]', { hasText: 'Jiho Park' }).first().waitFor(WAIT);
      expect(await page.getByText('김서연').count()).toBe(0);
      await screenshot(page, 'access-log-names-ko');

      await page.locator('[data-testid=picker-actorId] input').fill('jiho');
      await page.getByRole('option', { name: /Jiho Park/ }).click();
      await page.waitForURL((url) => decodeURIComponent(url.hash).includes(suite.staffId(SUPPORT)), WAIT);
      // Only Jiho's one event is left (the DPO's own sign-in events are filtered out).
      await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1, null, WAIT);
      await page.locator('table tbody tr', { hasText: 'Jiho Park' }).locator('text=김**').waitFor(WAIT);
      await screenshot(page, 'access-log-actor-filter-ko');
    },
  );

  // Security and the auditor may not search people at large: the picker offers whom the log names.
  for (const [locale, who] of [
    ['ko', AUDITOR],
    ['en', SECURITY],
  ] as const) {
    suite.itSignedIn(
      `filters by a person picked by masked name among the people the log names, as ${who.displayName} (${locale})`,
      locale,
      who,
      async (page) => {
        await page.setViewportSize({ width: 1440, height: 900 });
        await suite.open(page, '/access-log');
        await page.locator('[data-testid=picker-subjectId] input').fill('김');
        const option = page.locator('[data-testid=picker-option-subject-access-log]');
        await option.first().waitFor(WAIT);
        // Only the person the log names, masked, with what tells them apart.
        expect(await option.allTextContents()).toEqual([expect.stringMatching(/^김\*\* · .+ · 010-\*\*\*\*-7812$/)]);
        await screenshot(page, `access-log-subject-picker-${locale}`);
        await option.first().click();
        await page.waitForURL((url) => decodeURIComponent(url.hash).includes(`subject:${personId}`), WAIT);
        await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1, null, WAIT);
        await page.locator('table tbody tr').locator('text=김**').waitFor(WAIT);
        expect(await page.getByText('김서연').count()).toBe(0);
        await screenshot(page, `access-log-subject-filter-${locale}`);

        await page.setViewportSize({ width: 390, height: 844 });
        await page.locator('[data-testid=picker-subjectId] input').waitFor(WAIT);
        await screenshot(page, `access-log-subject-filter-390-${locale}`);
      },
    );
  }
});
