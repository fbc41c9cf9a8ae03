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
    // Two open incidents with notification clocks: one past due, one under 24 h (F8).
    const now = clock.now();
    const hoursFromNow = (h: number) => new Date(now.getTime() + h * 3_600_000);
    for (const [n, title, dueIn] of [
      [1, 'Counselling notes server breached', -5],
      [2, 'Laptop left on a train', 20],
    ] as const) {
      const aware = hoursFromNow(dueIn - 72);
      const [{ id }]: { id: string }[] = await server.db.query(
        `INSERT INTO incidents (reference, title, detected_at, aware_at, reporter, vector, regimes, affected_estimated,
           risk_level, status, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $3, 'SOC on-call', 'outside_hacking', '{KR-PIPA}', 1200, 'high', 'investigating', $4, $3, $3)
         RETURNING id`,
        [`IN-2026-00000${n}`, title, aware, suite.staffId(ACCOUNTS.security)],
      );
      await server.db.query(
        `INSERT INTO incident_obligations (incident_id, code, regime, recipient, due_at, status, created_at, updated_at)
         VALUES ($1, 'kr_subjects', 'KR-PIPA', 'subjects', $2, 'pending', $3, $3)`,
        [id, hoursFromNow(dueIn), aware],
      );
    }
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
      if (role === 'security' || role === 'dpo') {
        // Nearest first, counted by the server: red past due, amber under 24 h.
        const chips = page.locator('[data-testid=incident-clock]');
        expect(await chips.evaluateAll((li) => li.map((e) => e.getAttribute('data-state')))).toEqual([
          'overdue',
          'due_soon',
        ]);
        expect(await page.locator('[data-testid=incidents-open]').textContent()).toBe('2건');
        await page.getByText('5시간 경과').waitFor(WAIT);
      }
      if (role === 'support') {
        expect(await page.locator('[data-testid=figure-dormant-value]').textContent()).toBe('3');
        expect(await page.locator('[data-testid=figure-locked-value]').textContent()).toBe('1');
      }
      await screenshot(page, `dashboard-${role}-ko`);
      await switchLanguage(page, '한국어', 'English');
      await page.getByText('At a glance').first().waitFor(WAIT);
      await dashboardReady(page, role, CHARTS[role]);
      if (role === 'dpo') {
        // The findings chart names each kind whole, not cut short with an ellipsis.
        await page
          .locator('[data-testid=chart-findings-by-kind] svg text', {
            hasText: "Child under 14 without guardian's consent",
          })
          .first()
          .waitFor(WAIT);
      }
      await screenshot(page, `dashboard-${role}-en`);
    });
  }
});
