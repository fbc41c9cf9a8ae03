import type { Page } from 'playwright-core';
import { WAIT, flush, screenshot, switchLanguage, useBrowserSuite } from '../support/browser';
import { createSubject } from '../support/subject-factory';

const account = (role: string, name: string) => ({
  email: `${role}.home@example.test`,
  password: `${role} lantern harbour 2026`,
  displayName: name,
});
const ACCOUNTS = {
  dpo: account('dpo', 'Hana DPO'),
  security: account('security', 'Minjun Security'),
  sysadmin: account('sysadmin', 'Sora Sysadmin'),
  support: account('support', 'Jiho Support'),
  auditor: account('auditor', 'Yuna Auditor'),
} as const;
type Role = keyof typeof ACCOUNTS;

const suite = useBrowserSuite({
  staff: (Object.keys(ACCOUNTS) as Role[]).map((role) => ({ ...ACCOUNTS[role], role })),
  setup: async () => {
    const { server, clock } = suite;
    // Something to chart: over the last three weeks, denials and off-hours reads by one agent.
    await server.db.query(
      `INSERT INTO audit_inbox (event)
       SELECT jsonb_build_object('time', $1::timestamptz - (d || ' days')::interval - (g || ' minutes')::interval,
         'actorId', $2::text, 'actorRole', 'support', 'sessionId', NULL, 'ip', NULL, 'userAgent', NULL,
         'subjectId', NULL, 'action', CASE WHEN g % 3 = 0 THEN 'view' ELSE 'deny' END,
         'resource', CASE WHEN g % 3 = 0 THEN 'subject' ELSE 'route' END, 'fields', '[]'::jsonb, 'purpose', NULL,
         'outcome', CASE WHEN g % 3 = 0 THEN 'success' ELSE 'denied' END, 'requestId', NULL, 'detail', '{}'::jsonb)
       FROM generate_series(1, 21) d, generate_series(1, 12) g WHERE (d * g) % 5 < 3`,
      [
        new Date(Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth(), clock.now().getUTCDate(), 16)),
        suite.staffId(ACCOUNTS.support),
      ],
    );
    await flush(server);
    for (let i = 0; i < 3; i += 1) await createSubject(server, { status: 'dormant' });
    await createSubject(server, { status: 'locked' });
    await createSubject(server, { recordings: [{ clientConsent: true, counselorConsent: false }] });
    await createSubject(server, { recordings: [{ clientConsent: true, counselorConsent: true, shared: true }] });
  },
});

/** The dashboard has loaded its figures (and the lazily loaded charts drew something). */
const dashboardReady = async (page: Page, role: Role, charts: number) => {
  await page.locator(`[data-testid=dashboard][data-role=${role}][data-ready=true]`).waitFor(WAIT);
  await page.locator('[data-testid^=figure-]').first().waitFor(WAIT);
  if (charts > 0) {
    await page.locator('[data-testid^=chart-] svg').first().waitFor(WAIT);
    expect(await page.locator('[data-testid^=chart-]').count()).toBe(charts);
  }
};

const CHARTS: Record<Role, number> = { dpo: 4, security: 1, sysadmin: 1, support: 1, auditor: 0 };

describe('home dashboards', () => {
  for (const role of Object.keys(ACCOUNTS) as Role[]) {
    suite.itSignedIn(`shows the ${role} their figures in Korean and English`, 'ko', ACCOUNTS[role], async (page) => {
      await page.setViewportSize({ width: 1440, height: 1000 });
      await suite.open(page, '/');
      await dashboardReady(page, role, CHARTS[role]);
      await page.getByText('한눈에 보기').first().waitFor(WAIT);
      if (role === 'support') {
        expect(await page.locator('[data-testid=figure-dormant-value]').textContent()).toBe('3');
        expect(await page.locator('[data-testid=figure-locked-value]').textContent()).toBe('1');
      }
      await screenshot(page, `dashboard-${role}-ko`);
      await switchLanguage(page, '한국어', 'English');
      await page.getByText('At a glance').first().waitFor(WAIT);
      await dashboardReady(page, role, CHARTS[role]);
      await screenshot(page, `dashboard-${role}-en`);
    });
  }
});
