import { AuditPurgeService } from '../../server/src/access-log/audit-purge.service';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { ROLES, type Role } from '../../server/src/authorization/roles';
import type { JobDefinition } from '../../server/src/jobs/job-definition';
import { JobRunner } from '../../server/src/jobs/job-runner';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { waitFor } from '../support/wait-for';

interface RunRow {
  job_name: string;
  outcome: string;
  trigger: string;
  started_by: string | null;
  instance: string;
  counts: Record<string, number> | null;
  error: string | null;
  finished_at: Date | null;
}

const runsOf = (server: TestServer, job: string): Promise<RunRow[]> =>
  server.db.query('SELECT * FROM job_runs WHERE job_name = $1 ORDER BY started_at', [job]);

/** A run that has finished, once it has. */
const finishedRun = (server: TestServer, job: string) =>
  waitFor(`a finished run of ${job}`, async () => (await runsOf(server, job)).find((r) => r.outcome !== 'running'));

/** pg-boss's jobs of a queue, waiting, running, done or archived. */
const queuedJobs = async (server: TestServer, job: string): Promise<number> =>
  (
    await server.db.query(
      `SELECT (SELECT count(*) FROM pgboss.job WHERE name = $1) + (SELECT count(*) FROM pgboss.archive WHERE name = $1) AS n`,
      [job],
    )
  )[0].n as number;

describe('jobs on pg-boss: two instances on one database', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const env = { JOBS_ENABLED: 'true', JOBS_SCHEDULE: 'true', JOBS_POLL_SECONDS: '1' };
    a = await startTestServer({ env });
    b = await startTestServer({ shareDatabaseWith: a, env });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('runs a cron job once per period, whichever instance evaluates the schedule', async () => {
    // pg-boss fires a due schedule once per minute (its send is a singleton per minute): a job due
    // every minute is due at once, and again only in the next minute. Start early in a minute so
    // the whole test stays inside it.
    const second = async () => Number((await a.db.query(`SELECT extract(second FROM now())::int AS s`))[0].s as number);
    await waitFor('the start of a minute', async () => ((await second()) < 40 ? true : undefined), 30_000, 250);
    const [{ minute }] = await a.db.query(`SELECT date_trunc('minute', now()) AS minute`);

    const ranOn: string[] = [];
    const job = (server: TestServer): JobDefinition => ({
      name: 'test-every-minute',
      cron: '* * * * *',
      run: async () => {
        ranOn.push(server.app.get(JobRunner).instance);
        return { ticks: 1 };
      },
    });
    await a.app.get(JobRunner).register(job(a));
    await b.app.get(JobRunner).register(job(b));

    const run = await finishedRun(a, 'test-every-minute');
    expect(run).toMatchObject({ outcome: 'succeeded', trigger: 'schedule', started_by: null, counts: { ticks: 1 } });

    // Both instances keep evaluating the schedule (about once a second between them): wait for
    // several more evaluations after the run, each of which finds the job due again.
    const seen = new Set<string>();
    await waitFor(
      'four more evaluations of the schedules',
      async () => {
        const [{ cron_on: at }] = await a.db.query('SELECT cron_on FROM pgboss.version');
        if (at !== null && new Date(at as Date) > (run.finished_at as Date))
          seen.add(new Date(at as Date).toISOString());
        return seen.size >= 4 ? true : undefined;
      },
      20_000,
      200,
    );
    // Nothing still on its way from the schedule to the queue.
    await waitFor('the schedule queue to drain', async () => {
      const [{ n }] = await a.db.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = '__pgboss__send-it' AND state < 'completed'`,
      );
      return n === 0 ? true : undefined;
    });

    const [{ still }] = await a.db.query(`SELECT date_trunc('minute', now()) = $1 AS still`, [minute]);
    expect(still).toBe(true); // the test stayed inside one period
    expect(ranOn).toHaveLength(1);
    expect(await runsOf(a, 'test-every-minute')).toHaveLength(1);
    expect(Number(await queuedJobs(a, 'test-every-minute'))).toBe(1);
    expect([a.app.get(JobRunner).instance, b.app.get(JobRunner).instance]).toContain(run.instance);
  });

  it('lets the purge run on an instance that does not lead the sequencer', async () => {
    // The job may land on any instance: the one that does not hold the sequencer's lock cannot
    // flush, and relies on the leader's signed heads instead.
    // Sixty events from 2023, then one from today.
    await a.db.query(
      `INSERT INTO audit_inbox (event)
       SELECT jsonb_build_object('time', CASE WHEN i <= 60 THEN '2023-06-01T00:00:00Z'::timestamptz + i * interval '1 hour'
                                              ELSE now() END,
         'actorId', NULL, 'actorRole', 'support', 'sessionId', NULL, 'ip', NULL, 'userAgent', NULL,
         'subjectId', 'person-' || i, 'action', 'view', 'resource', 'subject', 'fields', '[]'::jsonb, 'purpose', NULL,
         'outcome', 'success', 'requestId', 'r-' || i, 'detail', '{}'::jsonb)
       FROM generate_series(1, 61) i`,
    );
    expect(a.app.get(AuditSequencer).isLeader).toBe(true);
    expect(b.app.get(AuditSequencer).isLeader).toBe(false);
    await waitFor('a signed head over the old events', async () => {
      const [{ size }] = await a.db.query('SELECT coalesce(max(tree_size), 0)::int AS size FROM audit_heads');
      return size >= 61 ? true : undefined;
    });
    expect(await b.app.get(AuditPurgeService).purge()).toEqual({ purgedThrough: 60, deleted: 60 });
    expect((await a.db.query('SELECT min(seq)::int AS min FROM audit_events'))[0].min).toBe(61);
  });
});

describe('jobs on pg-boss: runs, the Jobs screen and starting a job now', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();

  beforeAll(async () => {
    server = await startTestServer({
      env: { JOBS_ENABLED: 'true', AUDIT_SEQUENCER: 'false', AUDIT_RETENTION_DAYS: '730' },
    });
    // Sixty access-log events from 2023 come first (for the purge), then today's.
    await server.db.query(
      `INSERT INTO audit_inbox (event)
       SELECT jsonb_build_object('time', '2023-06-01T00:00:00Z'::timestamptz + i * interval '1 hour', 'actorId', NULL,
         'actorRole', 'support', 'sessionId', NULL, 'ip', NULL, 'userAgent', NULL, 'subjectId', 'old-' || i, 'action', 'view',
         'resource', 'subject', 'fields', '[]'::jsonb, 'purpose', NULL, 'outcome', 'success', 'requestId', 'old-' || i,
         'detail', '{}'::jsonb)
       FROM generate_series(1, 60) i`,
    );
    await server.app.get(AuditSequencer).flush();
    const runner = server.app.get(JobRunner);
    await runner.register({
      name: 'test-counts',
      run: async () => ({ scanned: 3, removed: 1 }),
    });
    await runner.register({
      name: 'test-fails',
      run: async () => {
        throw new Error('the scan could not reach its source');
      },
    });
    await signInEveryRole(server, clients, { ids });
  });
  afterAll(() => server.close());

  const jobRunEvents = async (): Promise<{ actorId: string; detail: { job: string } }[]> => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      `SELECT canonical FROM audit_events WHERE resource = 'job-run' ORDER BY seq`,
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as { actorId: string; detail: { job: string } });
  };

  it.each(ROLES.filter((r) => r !== 'dpo' && r !== 'sysadmin'))(
    'refuses %s the Jobs screen and starting a job, and starts nothing',
    async (role) => {
      const client = clients.get(role)!;
      for (const res of [
        await client.get('/api/jobs'),
        await client.get('/api/jobs/test-counts'),
        await client.get('/api/job-runs'),
        await client.post('/api/jobs/test-counts/run'),
      ]) {
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      }
      expect(Number(await queuedJobs(server, 'test-counts'))).toBe(0);
      expect(await runsOf(server, 'test-counts')).toEqual([]);
      expect(await jobRunEvents()).toEqual([]);
    },
  );

  it('records a run started by the DPO with its counts, who started it, and an access-log event', async () => {
    const dpo = clients.get('dpo')!;
    const started = await dpo.post('/api/jobs/test-counts/run').expect(202);
    expect(started.body).toEqual({ job: 'test-counts', queuedJobId: expect.any(String) });
    const run = await finishedRun(server, 'test-counts');
    expect(run).toMatchObject({
      outcome: 'succeeded',
      trigger: 'manual',
      started_by: ids.get('dpo'),
      counts: { scanned: 3, removed: 1 },
      error: null,
      instance: server.app.get(JobRunner).instance,
    });
    expect(run.finished_at).not.toBeNull();
    expect(await jobRunEvents()).toEqual([
      expect.objectContaining({
        actorId: ids.get('dpo'),
        action: 'create',
        outcome: 'success',
        detail: { job: 'test-counts', queuedJobId: started.body.queuedJobId },
      }),
    ]);

    const runs = (
      await dpo
        .get('/api/job-runs')
        .query({ filter: JSON.stringify({ jobName: 'test-counts' }) })
        .expect(200)
    ).body;
    expect(runs).toEqual([
      expect.objectContaining({
        jobName: 'test-counts',
        outcome: 'succeeded',
        trigger: 'manual',
        counts: { scanned: 3, removed: 1 },
        startedBy: { id: ids.get('dpo'), displayName: 'dpo' },
        // The server counts how long it took; the console does no time arithmetic.
        seconds: expect.any(Number),
      }),
    ]);
    expect(runs[0].seconds).toBeGreaterThanOrEqual(0);
    const job = (await dpo.get('/api/jobs/test-counts').expect(200)).body;
    expect(job).toMatchObject({ name: 'test-counts', cron: null, nextRunAt: null, lastRun: { outcome: 'succeeded' } });
  });

  it('records a failed run with its error when the sysadmin starts it', async () => {
    await clients.get('sysadmin')!.post('/api/jobs/test-fails/run').expect(202);
    const run = await finishedRun(server, 'test-fails');
    expect(run).toMatchObject({
      outcome: 'failed',
      trigger: 'manual',
      started_by: ids.get('sysadmin'),
      counts: null,
      error: 'the scan could not reach its source',
    });
    const [listed] = (
      await clients
        .get('sysadmin')!
        .get('/api/job-runs')
        .query({ filter: JSON.stringify({ outcome: 'failed' }) })
        .expect(200)
    ).body;
    expect(listed).toMatchObject({ jobName: 'test-fails', error: 'the scan could not reach its source' });
  });

  it('answers 404 for a job that does not exist and 422 for a malformed name, starting nothing', async () => {
    const dpo = clients.get('dpo')!;
    expect((await dpo.post('/api/jobs/no-such-job/run').expect(404)).body.code).toBe('JOB_NOT_FOUND');
    expect((await dpo.post('/api/jobs/Bad_Name/run').expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect(Number(await queuedJobs(server, 'no-such-job'))).toBe(0);
  });

  it('runs the access-log purge as a job, and its run appears in the runs list', async () => {
    const dpo = clients.get('dpo')!;
    const jobs = (await dpo.get('/api/jobs').expect(200)).body as { name: string; cron: string | null }[];
    expect(jobs.find((j) => j.name === 'access-log-purge')).toMatchObject({
      cron: '30 3 * * *',
      timeZone: 'Asia/Seoul',
      singleton: true,
      nextRunAt: expect.stringMatching(/T18:30:00\.000Z$/), // 03:30 in Seoul
    });

    await dpo.post('/api/jobs/access-log-purge/run').expect(202);
    const run = await finishedRun(server, 'access-log-purge');
    expect(run).toMatchObject({ outcome: 'succeeded', counts: { purgedThrough: 60, deleted: 60 } });
    const [{ min }] = await server.db.query('SELECT min(seq)::int AS min FROM audit_events');
    expect(min).toBe(61);
    const [listed] = (
      await dpo
        .get('/api/job-runs')
        .query({ filter: JSON.stringify({ jobName: 'access-log-purge' }) })
        .expect(200)
    ).body;
    expect(listed).toMatchObject({
      jobName: 'access-log-purge',
      outcome: 'succeeded',
      trigger: 'manual',
      counts: { purgedThrough: 60, deleted: 60 },
    });
    // The purge wrote its own signed record and event, as before it became a job.
    await server.app.get(AuditSequencer).flush();
    const [{ n }] = await server.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'delete' AND resource = 'access-log'`,
    );
    expect(n).toBe(1);
    expect((await server.db.query('SELECT count(*)::int AS n FROM audit_purges'))[0].n).toBe(1);
  });
});
