import { Agent, agent, signIn, startTestServer, TestServer } from '../../../test/support/server';
import { FakeClock } from '../../../test/support/fake-clock';
import { addCalendarDays } from '../calendar/local-date';
import { CalendarService } from '../calendar/calendar.service';
import { RegisterImportService } from '../registers/register-import.service';
import { DEMO_STAFF, ensureDemoStaff } from '../staff/demo-staff';
import { StaffService } from '../staff/staff.service';
import { SubjectCrypto } from '../subjects/crypto/subject-crypto';
import { ensureDemoIncidents } from './seed-demo-incidents';
import { ensureDemoRetention, type DemoRetention } from './seed-demo-retention';
import { seedDemoSubjects } from './seed-demo-subjects';

interface PreviewRule {
  category: string;
  people: number;
  records: number;
  held: number;
}

/**
 * The retention demo as a first start leaves it: a completed destruction run with its
 * certificate, two legal holds, a queue over the next week with held items, and a dormancy
 * pipeline in every state, all made by the real jobs (started by the DPO from the Jobs screen).
 */
describe.each([
  ['on a weekday', '2026-11-25T02:00:00Z'],
  // The week ahead holds 29 February: five years back, 28 February has two due days' worth.
  ['in a leap February', '2028-02-26T02:00:00Z'],
])('demo retention, seeded %s', (_when, start) => {
  let server: TestServer;
  let seeded: DemoRetention;
  let today: string;
  const clients = {} as Record<'dpo' | 'support', Agent>;

  beforeAll(async () => {
    const clock = new FakeClock(Date.parse(start));
    // The job queue on (no cron): the seed starts the jobs as the DPO would, and waits for them.
    server = await startTestServer({ clock, env: { JOBS_ENABLED: 'true' } });
    await seedDemoSubjects(server.database.ownerUrl, server.app.get(SubjectCrypto), {
      subjects: 120,
      seed: 11,
      referenceDate: clock.now(),
    });
    await ensureDemoStaff(server.app.get(StaffService));
    await server.app.get(RegisterImportService).ensureDemoRegisters();
    await ensureDemoIncidents(server.app);
    seeded = await ensureDemoRetention(server.app);
    today = server.app.get(CalendarService).today();
    for (const role of ['dpo', 'support'] as const) {
      const account = DEMO_STAFF.find((a) => a.role === role)!;
      clients[role] = agent(server);
      await signIn(server, clients[role], account.email, account.password);
    }
  }, 300_000);
  afterAll(() => server?.close());

  it('ran the scan, the destruction run and both dormancy jobs as the DPO, each run on the Jobs screen', async () => {
    expect(seeded.seeded).toBe(true);
    const runs: { job: string; outcome: string; by: string | null }[] = await server.db.query(
      `SELECT j.job_name AS job, j.outcome, s.email AS by FROM job_runs j LEFT JOIN staff s ON s.id = j.started_by
       WHERE j.job_name LIKE 'retention-%' OR j.job_name LIKE 'dormancy-%' ORDER BY j.started_at, j.id`,
    );
    expect(runs.map((r) => r.job).sort()).toEqual(
      ['dormancy-notices', 'dormancy-separation', 'retention-destruction', 'retention-scan', 'retention-scan'].sort(),
    );
    expect(runs.every((r) => r.outcome === 'succeeded' && r.by === 'dpo@demo.local')).toBe(true);
  });

  it('has one completed run whose certificate counts the records that were due, a hold among them', async () => {
    const runs = (await clients.dpo.get('/api/retention/runs').expect(200)).body as { status: string }[];
    expect(runs.map((r) => r.status)).toEqual(['completed']);
    const [run]: { jobRun: boolean }[] = await server.db.query(
      `SELECT job_run_id IS NOT NULL AS "jobRun" FROM destruction_runs`,
    );
    expect(run.jobRun).toBe(true);
    const certificates = (await clients.dpo.get('/api/retention/certificates').expect(200)).body as {
      reference: string;
      records: number;
      held: number;
      lines: { category: string; records: number; ruleVersion: number; approvedBy: { name: string } | null }[];
    }[];
    expect(certificates).toHaveLength(1);
    const [certificate] = certificates;
    expect(seeded.certificate).toMatchObject({ reference: certificate.reference, records: certificate.records });
    // The two payments of five years and a few days ago, and device logs past three months.
    const records = Object.fromEntries(certificate.lines.map((l) => [l.category, l.records]));
    expect(records.payments).toBe(2);
    expect(records.visit_logs).toBeGreaterThan(0);
    // The DPO approved each rule before the run: version 2, named on the certificate.
    expect(certificate.lines.every((l) => l.ruleVersion === 2 && l.approvedBy !== null)).toBe(true);
    // The person under the incident hold whose device log was already due.
    expect(certificate.held).toBeGreaterThan(0);
  });

  it('holds a few people for the booking-server incident (due for review) and every payment for a lawsuit', async () => {
    const holds = (await clients.dpo.get('/api/retention/holds').expect(200)).body as {
      source: string;
      incidentReference: string | null;
      sourceReference: string | null;
      categories: string[];
      subjectCount: number;
      reviewDue: boolean;
      owner: { name: string };
    }[];
    const bySource = Object.fromEntries(holds.map((h) => [h.source, h]));
    expect(Object.keys(bySource).sort()).toEqual(['incident', 'litigation']);
    expect(bySource.incident).toMatchObject({ subjectCount: 3, categories: [], reviewDue: true });
    expect(bySource.incident.incidentReference).toMatch(/^IN-/);
    expect(bySource.litigation).toMatchObject({ categories: ['payments'], reviewDue: false });
    expect(bySource.litigation.sourceReference).toContain('2026가합');
  });

  it('shows tomorrow’s preview and a week of queue on the DPO’s dashboard, payments held', async () => {
    const preview = (await clients.dpo.get('/api/retention/queue/preview').expect(200)).body as {
      on: string;
      rules: PreviewRule[];
    };
    expect(preview.on).toBe(addCalendarDays(today, 1));
    const tomorrow = Object.fromEntries(preview.rules.map((r) => [r.category, r]));
    expect(tomorrow.payments).toMatchObject({ people: 2, held: 2 });
    expect(tomorrow.visit_logs?.people).toBeGreaterThan(0);
    expect(tomorrow.counseling_results?.people).toBeGreaterThan(0);

    const dashboard = (await clients.dpo.get('/api/dashboard/dpo').expect(200)).body as {
      retention: {
        queue: { on: string; items: number; held: number }[];
        holdsDueForReview: number;
        dormancy: Record<string, number>;
      };
    };
    const { queue } = dashboard.retention;
    expect(queue).toHaveLength(7);
    // Every day after today has something due, and holds stop some of it.
    expect(queue.slice(1).every((d) => d.items > 0)).toBe(true);
    expect(queue.reduce((n, d) => n + d.held, 0)).toBeGreaterThanOrEqual(12);
    expect(dashboard.retention.holdsDueForReview).toBe(1);
    expect(seeded.queued.held).toBeGreaterThanOrEqual(12);
  });

  it('has a dormancy pipeline in every state, notices in the outbox, one account back from the store', async () => {
    const summary = (await clients.dpo.get('/api/retention/dormancy/summary').expect(200)).body as Record<
      string,
      number
    >;
    expect(summary).toMatchObject({ due_for_notice: 2, separated: 1, reactivated: 1, cancelled: 0 });
    expect(summary.notified).toBeGreaterThanOrEqual(4);
    expect(seeded.dormancy).toEqual({
      dueForNotice: 2,
      notified: summary.notified,
      separated: 1,
      reactivated: 1,
    });
    const [{ notices }]: { notices: number }[] = await server.db.query(
      `SELECT count(*)::int AS notices FROM outbox_messages WHERE template_key LIKE 'dormancy.notice-%'`,
    );
    // Every case told: the notified, the separated and the reactivated one.
    expect(notices).toBe(summary.notified + 2);
    const [back]: { status: string; separated: boolean }[] = await server.db.query(
      `SELECT s.status, s.separated_at IS NOT NULL AS separated FROM dormancy_cases c JOIN subjects s ON s.id = c.subject_id
       WHERE c.state = 'reactivated'`,
    );
    expect(back).toEqual({ status: 'active', separated: false });
    const [action]: { by: string }[] = await server.db.query(
      `SELECT s.email AS by FROM subject_account_actions a JOIN staff s ON s.id = a.staff_id WHERE a.action = 'reactivate'`,
    );
    expect(action.by).toBe('support@demo.local');
  });

  it('adds nothing on a second start', async () => {
    expect((await ensureDemoRetention(server.app)).seeded).toBe(false);
    const [{ runs, holds }]: { runs: number; holds: number }[] = await server.db.query(
      `SELECT (SELECT count(*) FROM destruction_runs)::int AS runs, (SELECT count(*) FROM legal_holds)::int AS holds`,
    );
    expect({ runs, holds }).toEqual({ runs: 1, holds: 2 });
  });
});
