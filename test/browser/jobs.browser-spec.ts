import { JobRunner } from '../../server/src/jobs/job-runner';
import { OutboxService } from '../../server/src/outbox/outbox.service';
import { WAIT, screenshot, settled, useBrowserSuite } from '../support/browser';

const DPO = { email: 'dpo.jobs@example.test', password: 'lantern river maple 27', displayName: 'Hana DPO' };
const SYSADMIN = {
  email: 'sysadmin.jobs@example.test',
  password: 'beacon pine harbour 45',
  displayName: 'Minjun Admin',
};

const suite = useBrowserSuite({
  staff: [
    { ...DPO, role: 'dpo' },
    { ...SYSADMIN, role: 'sysadmin' },
  ],
  env: { JOBS_ENABLED: 'true' },
  setup: async () => {
    // A second job that fails, so the screen shows a failed run with its error too.
    await suite.server.app.get(JobRunner).register({
      name: 'demo-retention-scan',
      cron: '0 4 * * 1',
      run: async () => {
        throw new Error('The retention rules are not loaded yet');
      },
    });
    // A queued message: the outbox's dispatch runs when work arrives, and shows what it sent.
    await suite.server.app.get(OutboxService).enqueue({
      templateKey: 'rights-request.acknowledgement',
      language: 'ko',
      recipient: { kind: 'subject', id: 'jobs-screen', address: 'jobs-screen@example.com' },
      data: { name: '김하늘', requestType: '열람', requestNumber: 'RR-7' },
    });
  },
});

describe('jobs screen', () => {
  suite.itSignedIn('lets the DPO run the access-log purge now and shows its run', 'ko', DPO, async (page) => {
    await suite.open(page, '/jobs');
    await page.getByText('접속기록 보존 기간 경과분 파기').first().waitFor(WAIT);
    // The retention and dormancy jobs by their Korean names too.
    await page.getByText('휴면 계정 분리보관').first().waitFor(WAIT);
    await page.getByText('처리할 일이 생겨서').first().waitFor(WAIT);
    await page.locator('[data-testid=run-now-access-log-purge]').click();
    await page.getByRole('dialog').waitFor(WAIT);
    await settled(page);
    await screenshot(page, 'jobs-run-now-dpo-ko');
    await page.getByRole('dialog').getByRole('button', { name: '지금 실행' }).click();
    await page.locator('[data-testid=job-runs] [data-testid=outcome-succeeded]').first().waitFor(WAIT);
    await page.locator('[data-testid=run-now-demo-retention-scan]').click();
    await page.getByRole('dialog').getByRole('button', { name: '지금 실행' }).click();
    await page.locator('[data-testid=job-runs] [data-testid=outcome-failed]').first().waitFor(WAIT);
    await page.getByText('The retention rules are not loaded yet').first().waitFor(WAIT);
    // The jobs table refreshes on its own (every few seconds) to show the failed run as the last one.
    await page.locator('table').first().locator('[data-testid=outcome-failed]').waitFor(WAIT);
    await settled(page);
    await screenshot(page, 'jobs-dpo-ko');
  });

  suite.itSignedIn('shows the sysadmin the jobs and their runs in English', 'en', SYSADMIN, async (page) => {
    await suite.open(page, '/jobs');
    await page.getByText('Access-log retention purge').first().waitFor(WAIT);
    await page.locator('[data-testid=run-now-access-log-purge]').waitFor(WAIT);
    await page.getByText('Started by Hana DPO').first().waitFor(WAIT);
    await page.getByText('When work arrived').first().waitFor(WAIT);
    await settled(page);
    await screenshot(page, 'jobs-sysadmin-en');
  });
});
