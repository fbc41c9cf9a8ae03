import { createSubject } from '../support/subject-factory';
import { WAIT, flush, screenshot, useBrowserSuite, waitForRoute } from '../support/browser';

const DPO = { email: 'dpo.groups@example.test', password: 'amber harbour lantern 42', displayName: 'Hana DPO' };
const SUPPORT = {
  email: 'support.groups@example.test',
  password: 'velvet orchard signal 26',
  displayName: 'Jiho Support',
};
// One DPO per language: each signs in once (enrolling TOTP).
const DPO_KO = { email: 'dpo.groups.ko@example.test', password: 'amber harbour lantern 43', displayName: '김하나' };
const SESSION = '11111111-1111-4111-8111-111111111111';

describe('the review by person and session, and findings as work, in a browser', () => {
  const suite = useBrowserSuite({
    staff: [
      { ...DPO, role: 'dpo' },
      { ...DPO_KO, role: 'dpo' },
      { ...SUPPORT, role: 'support' },
    ],
    setup: async () => {
      // 30 night-time reads in one DPO session and one in another, and a night read by support.
      await suite.server.db.query(
        `INSERT INTO audit_inbox (event)
         SELECT jsonb_build_object('time', t, 'actorId', a, 'actorRole', r, 'sessionId', s, 'ip', NULL, 'userAgent', NULL,
           'subjectId', 'subject-' || i, 'action', 'view', 'resource', 'subject', 'fields', '["email"]'::jsonb,
           'purpose', NULL, 'outcome', 'success', 'requestId', 'g-' || i, 'detail', '{}'::jsonb)
         FROM (SELECT g AS i, '2026-10-14T02:00:00+09:00'::timestamptz + g * interval '1 minute' AS t,
                      $1::text AS a, 'dpo' AS r, $3::text AS s FROM generate_series(1, 30) g
               UNION ALL SELECT 100, '2026-10-09T10:00:00+09:00', $1, 'dpo', '22222222-2222-4222-8222-222222222222'
               UNION ALL SELECT 101, '2026-10-21T05:00:00+09:00', $2, 'support', NULL) x`,
        [suite.staffId(DPO), suite.staffId(SUPPORT), SESSION],
      );
      await flush(suite.server);
      const guardianId = (await createSubject(suite.server, { service: 'shelby', kind: 'guardian', name: '김보호' }))
        .id;
      await createSubject(suite.server, { service: 'shelby', kind: 'child', guardianId, birthDate: '2018-02-01' });
      await createSubject(suite.server, {
        recordings: [{ counselorConsent: false }],
        sensitive: [{ category: 'health', content: 'asthma' }],
      });
    },
  });

  for (const locale of ['en-US', 'ko-KR']) {
    const lang = locale.slice(0, 2);
    suite.itSignedIn(
      `shows the groups and the findings (${locale})`,
      locale,
      lang === 'en' ? DPO : DPO_KO,
      async (page) => {
        await page.goto(`${suite.server.url}/#/access-review?month=2026-10`);
        await page.locator('[data-testid=review-groups] [data-testid=review-group]').first().waitFor(WAIT);
        if (lang === 'en') {
          await page.locator('[data-testid=review-explain]').first().click();
          await page
            .locator('[data-testid=review-explain-form] textarea')
            .first()
            .fill('Data-migration job, ticket OPS-12');
          await page.locator('[data-testid=review-explain-save]').click();
          await page.locator('[data-testid=review-explanation]').first().waitFor(WAIT);
        }
        await screenshot(page, `${lang}-60-review-groups`);
        await page.goto(`${suite.server.url}/#/compliance-findings`);
        await waitForRoute(page, (p) => p === '/compliance-findings');
        await page.locator('[data-testid=finding-deadline]').first().waitFor(WAIT);
        await screenshot(page, `${lang}-61-findings-list`);
        await page.locator('[data-testid=finding-kind]').first().click();
        await page.locator('[data-testid=finding-summary]').waitFor(WAIT);
        await screenshot(page, `${lang}-62-finding-work`);
      },
    );
  }
});
