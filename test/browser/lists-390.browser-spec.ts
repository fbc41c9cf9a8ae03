import type { Page } from 'playwright-core';
import { OutboxService } from '../../server/src/outbox/outbox.service';
import { WAIT, flush, screenshot, settled, useBrowserSuite } from '../support/browser';
import { createSubject } from '../support/subject-factory';

const DPO = { email: 'dpo.lists@example.test', password: 'harbour violet signal 26', displayName: 'Hana DPO' };
const DPO_EN = { email: 'dpo2.lists@example.test', password: 'meadow copper lantern 92', displayName: 'Mina DPO' };
const SYSADMIN = { email: 'sysadmin.lists@example.test', password: 'orchard pebble beacon 47', displayName: 'Sora' };
const SYSADMIN_EN = { email: 'sysadmin2.lists@example.test', password: 'signal ferry quartz 58', displayName: 'Joon' };

const suite = useBrowserSuite({
  staff: [
    { ...DPO, role: 'dpo' },
    { ...DPO_EN, role: 'dpo' },
    { ...SYSADMIN, role: 'sysadmin' },
    { ...SYSADMIN_EN, role: 'sysadmin' },
  ],
  setup: async () => {
    // Rows in every list: people (one with a finding), a sent message, a job run.
    for (const name of ['김하늘', '김바다', '김구름'])
      await createSubject(suite.server, { name, phone: '010-5555-1234' });
    await createSubject(suite.server, { name: '이녹음', recordings: [{ clientConsent: false }] });
    const outbox = suite.server.app.get(OutboxService);
    await outbox.enqueue({
      templateKey: 'rights-request.acknowledgement',
      language: 'ko',
      recipient: { kind: 'subject', id: 'lists-1', address: 'parent@example.com' },
      data: { name: '김하늘', requestType: '열람', requestNumber: 'RR-1' },
    });
    await outbox.dispatchDue();
    // A run of the daily purge, as the job runner records it (the queue does not run in tests).
    await suite.server.db.query(
      `INSERT INTO job_runs (id, job_name, boss_job_id, trigger, instance, started_at, finished_at, outcome, counts)
       VALUES (gen_random_uuid(), 'access-log-purge', gen_random_uuid(), 'schedule', 'test-instance',
               now() - interval '2 minutes', now() - interval '1 minute', 'succeeded', '{"purged": 0}')`,
    );
    await flush(suite.server);
  },
});

/** The page's content is no wider than the phone: nothing to scroll sideways to. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Opens each list at 390 px, waits for its rows, screenshots it and checks it fits the width. */
const checkLists = async (page: Page, lists: { path: string; rows: string }[], locale: string) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const wide: string[] = [];
  for (const { path, rows } of lists) {
    await suite.open(page, path);
    await page.locator(rows).first().waitFor(WAIT);
    // Loaded: the screen's chunk has rendered its content.
    await page.waitForFunction(
      () => (document.querySelector('main')?.textContent ?? '').trim().length > 40,
      null,
      WAIT,
    );
    await settled(page);
    await screenshot(page, `list-390-${locale}-${path.replace(/^\//, '').replace(/\//g, '-')}`);
    if ((await overflow(page)) > 0) wide.push(path);
  }
  expect(wide).toEqual([]);
};

// A list's rows (react-admin's list content), once its screen's chunk has loaded.
const LIST = '.RaList-content';

const DPO_LISTS = [
  { path: '/access-log', rows: LIST },
  { path: '/compliance-findings', rows: LIST },
  { path: '/complaints', rows: LIST },
  { path: '/rights-requests', rows: LIST },
  { path: '/legal-disclosures', rows: LIST },
  { path: '/registers/processors', rows: LIST },
  { path: '/calendar/holidays', rows: LIST },
  { path: '/jobs', rows: LIST },
  { path: '/outbox', rows: LIST },
  { path: '/templates', rows: LIST },
];

describe('every list at 390 px', () => {
  for (const [locale, who] of [
    ['ko', DPO],
    ['en', DPO_EN],
  ] as const) {
    suite.itSignedIn(`fits the DPO's lists to a phone (${locale})`, locale, who, async (page) => {
      // The subject search's results at phone width are covered by subjects.browser-spec.ts.
      await checkLists(page, DPO_LISTS, locale);
    });
  }

  for (const [locale, who] of [
    ['ko', SYSADMIN],
    ['en', SYSADMIN_EN],
  ] as const) {
    suite.itSignedIn(`fits the staff list to a phone (${locale})`, locale, who, async (page) => {
      await checkLists(page, [{ path: '/staff', rows: LIST }], locale);
    });
  }
});
