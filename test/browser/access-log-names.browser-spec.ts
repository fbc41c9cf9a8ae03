import { WAIT, flush, screenshot, useBrowserSuite } from '../support/browser';
import { createSubject } from '../support/subject-factory';

const DPO = { email: 'dpo.names@example.test', password: 'amber lantern harbour 77', displayName: 'Hana DPO' };
const SUPPORT = { email: 'support.names@example.test', password: 'cedar compass meadow 12', displayName: 'Jiho Park' };

const suite = useBrowserSuite({
  staff: [
    { ...DPO, role: 'dpo' },
    { ...SUPPORT, role: 'support' },
  ],
  setup: async () => {
    const person = await createSubject(suite.server, { name: '김서연', kind: 'guardian', service: 'shelby' });
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
});
