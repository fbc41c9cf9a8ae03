import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JobRunner } from '../../server/src/jobs/job-runner';
import { JOB_RUNS_PRUNE_JOB } from '../../server/src/jobs/jobs/job-runs-prune.job';
import { JobsService } from '../../server/src/jobs/jobs.service';
import { OUTBOX_DISPATCH_JOB } from '../../server/src/outbox/jobs/dispatch-outbox.job';
import { OUTBOX_FILES_PRUNE_JOB } from '../../server/src/outbox/jobs/prune-outbox-files.job';
import { OutboxService, type MessageRequest } from '../../server/src/outbox/outbox.service';
import { FakeClock } from '../support/fake-clock';
import { startTestServer, TestServer } from '../support/server';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';

interface RunRow {
  outcome: string;
  trigger: string;
  counts: Record<string, number> | null;
}

const message = (address: string, name = '김하늘'): MessageRequest => ({
  templateKey: 'rights-request.acknowledgement',
  language: 'ko',
  recipient: { kind: 'subject', id: randomUUID(), address },
  data: { name, requestType: '열람', requestNumber: 'RR-1' },
});

describe('the outbox dispatch as a pg-boss job', () => {
  let smtp: SmtpSink;
  let server: TestServer;
  const outbox = () => server.app.get(OutboxService);
  const runs = (): Promise<RunRow[]> =>
    server.db.query(`SELECT outcome, trigger, counts FROM job_runs WHERE job_name = $1 ORDER BY started_at`, [
      OUTBOX_DISPATCH_JOB,
    ]);
  const statusOf = async (id: string): Promise<string> =>
    (await server.db.query('SELECT status FROM outbox_messages WHERE id = $1', [id]))[0].status as string;
  /** Runs of the dispatch job still waiting or running. */
  const unfinished = async (): Promise<number> =>
    (
      await server.db.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
        [OUTBOX_DISPATCH_JOB],
      )
    )[0].n as number;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // No cron evaluation: only a commit that queued a message can start a run.
    server = await startTestServer({
      env: { SMTP_URL: smtp.url, JOBS_ENABLED: 'true', JOBS_SCHEDULE: 'false', JOBS_POLL_SECONDS: '1' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('is registered with a five-minute schedule as a safety net', () => {
    const job = server.app.get(JobRunner).find(OUTBOX_DISPATCH_JOB);
    expect(job?.schedule?.expression).toBe('*/5 * * * *');
    expect(job?.singleton).toBe(true);
  });

  it('sends a message soon after the transaction that queued it commits, and records the run', async () => {
    const before = smtp.received.length;
    const id = await server.app
      .get(DataSource)
      .transaction((manager) => outbox().enqueue(message('job-sent@example.com'), manager));
    await smtp.waitFor(before + 1);
    expect(smtp.received[before].envelopeTo).toEqual(['job-sent@example.com']);
    expect(smtp.received[before].subject).toContain('RR-1');
    await waitFor('the message marked sent', async () => ((await statusOf(id)) === 'sent' ? true : undefined));
    const [run] = await waitFor('a finished dispatch run', async () => {
      const rows = await runs();
      return rows.length > 0 && rows.every((r) => r.outcome !== 'running') ? rows : undefined;
    });
    expect(run).toMatchObject({
      outcome: 'succeeded',
      trigger: 'event',
      counts: { sent: 1, failed: 0 },
    });
  });

  it('sends a message queued outside any transaction soon, too', async () => {
    await waitFor('no dispatch run in progress', async () => ((await unfinished()) === 0 ? true : undefined));
    const before = smtp.received.length;
    const id = await outbox().enqueue(message('no-transaction@example.com'));
    await smtp.waitFor(before + 1);
    expect(smtp.received[before].envelopeTo).toEqual(['no-transaction@example.com']);
    await waitFor('the message marked sent', async () => ((await statusOf(id)) === 'sent' ? true : undefined));
  });

  it('sends a burst of messages queued in one transaction with one run, and nothing of a rolled-back one', async () => {
    await waitFor('no dispatch run in progress', async () => ((await unfinished()) === 0 ? true : undefined));
    const runsBefore = (await runs()).length;
    const before = smtp.received.length;
    const dataSource = server.app.get(DataSource);

    await expect(
      dataSource.transaction(async (manager) => {
        await outbox().enqueue(message('rolled-back@example.com'), manager);
        throw new Error('the erasure failed');
      }),
    ).rejects.toThrow('the erasure failed');
    expect(await unfinished()).toBe(0);

    const ids = await dataSource.transaction(async (manager) => {
      const queued: string[] = [];
      for (let i = 0; i < 8; i += 1) queued.push(await outbox().enqueue(message(`burst-${i}@example.com`), manager));
      return queued;
    });
    await smtp.waitFor(before + 8);
    await waitFor('the burst sent', async () =>
      (await Promise.all(ids.map(statusOf))).every((s) => s === 'sent') ? true : undefined,
    );
    await waitFor('no dispatch run in progress', async () => ((await unfinished()) === 0 ? true : undefined));
    const newRuns = (await runs()).slice(runsBefore);
    expect(newRuns).toEqual([
      expect.objectContaining({ outcome: 'succeeded', counts: expect.objectContaining({ sent: 8 }) }),
    ]);
    const to = smtp.received.slice(before).flatMap((m) => m.envelopeTo);
    expect(to).toHaveLength(8);
    expect(to).not.toContain('rolled-back@example.com');
  });
});

describe('housekeeping jobs, with a fixed clock', () => {
  let server: TestServer;
  // 3 December 2026, 10:00 in Seoul.
  const clock = new FakeClock(Date.parse('2026-12-03T01:00:00Z'));

  beforeAll(async () => {
    server = await startTestServer({ clock });
  });
  afterAll(() => server?.close());

  describe('job-runs-prune', () => {
    const insertRun = (startedAt: string, outcome: 'succeeded' | 'running') =>
      server.db.query(
        `INSERT INTO job_runs (id, job_name, boss_job_id, trigger, instance, started_at, finished_at, outcome, counts)
         VALUES (gen_random_uuid(), 'test-old', gen_random_uuid(), 'schedule', 'test', $1::timestamptz,
                 CASE WHEN $2 = 'running' THEN NULL ELSE $1::timestamptz END, $2, NULL)`,
        [startedAt, outcome],
      );

    it('is registered daily at 03:45', () => {
      expect(server.app.get(JobRunner).find(JOB_RUNS_PRUNE_JOB)?.schedule?.expression).toBe('45 3 * * *');
    });

    it('deletes finished runs that started before the last 180 days in Seoul, and keeps the rest', async () => {
      await insertRun('2026-06-05T14:59:59Z', 'succeeded'); // 5 June 23:59:59 in Seoul: goes
      await insertRun('2026-06-05T15:00:00Z', 'succeeded'); // 6 June 00:00 in Seoul: stays
      await insertRun('2026-01-01T00:00:00Z', 'running'); // still marked running: stays
      await insertRun('2026-12-02T00:00:00Z', 'succeeded');

      expect(await server.app.get(JobsService).pruneRuns()).toEqual({ deleted: 1 });
      const left: { started_at: Date }[] = await server.db.query(
        `SELECT started_at FROM job_runs WHERE job_name = 'test-old' ORDER BY started_at`,
      );
      expect(left.map((r) => r.started_at.toISOString())).toEqual([
        '2026-01-01T00:00:00.000Z',
        '2026-06-05T15:00:00.000Z',
        '2026-12-02T00:00:00.000Z',
      ]);
      // A day later, the day that was kept yesterday goes.
      clock.advance(24 * 3600_000);
      expect(await server.app.get(JobsService).pruneRuns()).toEqual({ deleted: 1 });
    });
  });

  describe('outbox-files-prune', () => {
    const deliveryOf = async (id: string) =>
      (await server.db.query('SELECT delivery FROM outbox_messages WHERE id = $1', [id]))[0].delivery as {
        file: string;
        fileRemovedAt?: string;
      };

    it('is registered hourly', () => {
      expect(server.app.get(JobRunner).find(OUTBOX_FILES_PRUNE_JOB)?.schedule?.expression).toBe('20 * * * *');
    });

    it('removes the file of a delete-after-send message 24 hours after sending, and keeps a kept message', async () => {
      const outbox = server.app.get(OutboxService);
      const deleted = await outbox.enqueue(message('file-prune@example.com'));
      const kept = await outbox.enqueue({
        templateKey: 'retention.destruction-certificate',
        language: 'ko',
        recipient: { kind: 'processor', id: 'aws', address: '아마존웹서비스' },
        data: { fileName: '상담 예약 고객 파일', count: 3, dpo: '이보호' },
      });
      expect(await outbox.dispatchDue()).toMatchObject({ sent: 2 });
      const eml = join(server.dataDir, 'outbox', (await deliveryOf(deleted)).file);
      const pdf = join(server.dataDir, 'outbox', (await deliveryOf(kept)).file);
      expect(existsSync(eml)).toBe(true);
      expect(existsSync(pdf)).toBe(true);

      clock.advance(24 * 3600_000 - 1000);
      expect(await outbox.removeSentFiles(24)).toEqual({ removed: 0, missing: 0 });
      expect(existsSync(eml)).toBe(true);

      clock.advance(1000);
      expect(await outbox.removeSentFiles(24)).toEqual({ removed: 1, missing: 0 });
      expect(existsSync(eml)).toBe(false);
      expect(existsSync(pdf)).toBe(true);
      expect((await deliveryOf(deleted)).fileRemovedAt).toBe(clock.now().toISOString());
      expect((await deliveryOf(kept)).fileRemovedAt).toBeUndefined();
      // Done once.
      expect(await outbox.removeSentFiles(24)).toEqual({ removed: 0, missing: 0 });
    });
  });
});
