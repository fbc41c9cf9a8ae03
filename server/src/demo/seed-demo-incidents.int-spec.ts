import { Agent, agent, signIn, startTestServer, TestServer } from '../../../test/support/server';
import { FakeClock } from '../../../test/support/fake-clock';
import type { IncidentDetail, IncidentListItem, ObligationView } from '../incidents/dto/incident-response.dto';
import { RegisterImportService } from '../registers/register-import.service';
import { DEMO_STAFF, ensureDemoStaff } from '../staff/demo-staff';
import { StaffService } from '../staff/staff.service';
import { SubjectCrypto } from '../subjects/crypto/subject-crypto';
import { ensureDemoIncidents } from './seed-demo-incidents';
import { seedDemoSubjects } from './seed-demo-subjects';

/** The demo incidents as a first start of the console leaves them: an incident desk with live clocks, seeded once. */
describe.each([
  ['on a weekday', '2026-11-27T01:00:00Z'],
  // Awareness 62 days back falls in the previous year; the 72-hour clocks run over New Year.
  ['on New Year’s Day', '2027-01-01T03:00:00Z'],
])('demo incidents, seeded %s', (_when, start) => {
  let server: TestServer;
  const clients = {} as Record<'security' | 'dpo', Agent>;
  let rows: IncidentListItem[];
  let running: string | null;
  const details = new Map<string, IncidentDetail>();

  beforeAll(async () => {
    const clock = new FakeClock(Date.parse(start));
    server = await startTestServer({ clock });
    await seedDemoSubjects(server.database.ownerUrl, server.app.get(SubjectCrypto), {
      subjects: 80,
      seed: 7,
      referenceDate: clock.now(),
    });
    await ensureDemoStaff(server.app.get(StaffService));
    await server.app.get(RegisterImportService).ensureDemoRegisters();
    const seeded = await ensureDemoIncidents(server.app);
    expect(seeded.created).toBe(4);
    running = seeded.running;
    for (const role of ['security', 'dpo'] as const) {
      const account = DEMO_STAFF.find((a) => a.role === role)!;
      clients[role] = agent(server);
      await signIn(server, clients[role], account.email, account.password);
    }
    const list = await clients.security
      .get('/api/incidents')
      .query({ range: JSON.stringify([0, 24]) })
      .expect(200);
    rows = list.body as IncidentListItem[];
    for (const row of rows) {
      details.set(row.vector, (await clients.dpo.get(`/api/incidents/${row.id}`).expect(200)).body as IncidentDetail);
    }
  }, 240_000);
  afterAll(() => server?.close());

  const obligation = (d: IncidentDetail, code: string): ObligationView => {
    const found = d.obligations.find((o) => o.code === code);
    expect({ code, found: found !== undefined }).toEqual({ code, found: true });
    return found!;
  };
  const statuses = (d: IncidentDetail) => Object.fromEntries(d.obligations.map((o) => [o.code, o.status]));

  it('lists four incidents over both services, from the default templates', () => {
    expect(rows).toHaveLength(4);
    expect(Object.fromEntries(rows.map((r) => [r.vector, r.status]))).toEqual({
      outside_hacking: 'investigating',
      misdelivery: 'contained',
      loss_theft: 'closed',
      vendor: 'investigating',
    });
    expect([...details.values()].map((d) => d.template?.key).sort()).toEqual([
      'lost_device',
      'misdirected_message',
      'personal_data_leak',
      'vendor_breach',
    ]);
    // References follow awareness: the vendor breach, the oldest, is the first.
    const byReference = [...rows].sort((a, b) => a.reference.localeCompare(b.reference));
    const byAwareness = [...rows].sort((a, b) => a.awareAt.localeCompare(b.awareAt));
    expect(byReference.map((r) => r.id)).toEqual(byAwareness.map((r) => r.id));
  });

  it('runs the hacking case’s 72-hour PIPA clocks under a day, with people selected and a Korean notice saved', async () => {
    const d = details.get('outside_hacking')!;
    expect(running).toBe(d.reference);
    expect(d.affectedEstimated).toBe(1240);
    expect(statuses(d)).toEqual({ kr_subjects: 'pending', kr_regulator: 'pending' });
    for (const code of ['kr_subjects', 'kr_regulator']) {
      const { clock } = obligation(d, code);
      expect(clock.state).toBe('due_soon');
      expect(clock.hoursLeft).toBeGreaterThan(21);
      expect(clock.hoursLeft).toBeLessThanOrEqual(22);
    }
    // The PIPC/KISA report on two grounds: 1,000 people or more, and hacking.
    expect(obligation(d, 'kr_regulator').grounds).toMatchObject({
      affectedCount: 1240,
      held: expect.arrayContaining([
        expect.objectContaining({ fact: 'affectedCount', value: 1240 }),
        expect.objectContaining({ fact: 'vector', value: 'outside_hacking' }),
      ]),
    });
    expect(rows.find((r) => r.id === d.id)!.nearestClock).toMatchObject({ state: 'due_soon' });
    const done = d.tasks.filter((t) => t.completedAt !== null).map((t) => t.templateKey);
    expect(done).toEqual(expect.arrayContaining(['isolate_server', 'reset_credentials', 'preserve_logs']));
    expect(done.length).toBeLessThan(d.tasks.length);
    expect(d.affected.total).toBeGreaterThan(0);
    expect(d.affected.notified).toBe(0);
    const notices = (await clients.dpo.get(`/api/incidents/${d.id}/notices`).expect(200)).body as {
      kind: string;
      locale: string;
      body: string;
    }[];
    expect(notices).toEqual([expect.objectContaining({ kind: 'kr_subject_notice', locale: 'ko' })]);
    expect(notices[0].body).toContain('관리자 페이지');
  });

  it('told the one person of the misdirected e-mail in time, through the outbox', () => {
    const d = details.get('misdelivery')!;
    expect(statuses(d)).toEqual({ kr_subjects: 'done' });
    expect(obligation(d, 'kr_subjects')).toMatchObject({ late: false, doneAt: expect.any(String) });
    expect(d.affected).toEqual({ total: 1, notified: 1 });
    expect(d.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['people_notified', 'obligation_done']));
  });

  it('closed the lost laptop on the DPO’s “unlikely” assessment, with the review and the register fields', () => {
    const d = details.get('loss_theft')!;
    expect(d).toMatchObject({ euRisk: 'unlikely', dataEncrypted: true, regimes: ['EU-GDPR'] });
    expect(d.euRiskReasons).toContain('Art. 34(3)(a)');
    expect(statuses(d)).toEqual({ eu_authority: 'withdrawn' });
    for (const field of ['lessonsLearned', 'registerFacts', 'registerEffects', 'registerRemedialAction'] as const) {
      expect(d[field]?.length).toBeGreaterThan(20);
    }
    expect(d.closedAt).not.toBeNull();
    expect(d.tasks.every((t) => t.completedAt !== null)).toBe(true);
    expect(d.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['decision', 'obligation_withdrawn', 'closed']),
    );
  });

  it('sent every notice of the vendor breach, the HHS report late with its reasons', () => {
    const d = details.get('vendor')!;
    expect(d).toMatchObject({ affectedConfirmed: 620, usLargestStateCount: 540, regimes: ['US-HIPAA', 'KR-PIPA'] });
    expect(d.processorIds).toHaveLength(1);
    expect(statuses(d)).toEqual({
      kr_subjects: 'done',
      kr_regulator: 'done',
      us_individuals: 'done',
      us_hhs: 'done',
      us_media: 'done',
    });
    const late = d.obligations.filter((o) => o.late).map((o) => o.code);
    expect(late).toEqual(['us_hhs']);
    expect(obligation(d, 'us_hhs').lateReason).toContain('day 61');
    expect(rows.find((r) => r.id === d.id)!.nearestClock).toBeNull();
  });

  it('adds none on a second start', async () => {
    expect(await ensureDemoIncidents(server.app)).toEqual({ created: 0, running: null });
    const [{ n }]: { n: number }[] = await server.db.query('SELECT count(*)::int AS n FROM incidents');
    expect(n).toBe(4);
  });
});
