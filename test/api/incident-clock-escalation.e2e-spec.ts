import type { Role } from '../../server/src/authorization/roles';
import { IncidentClockEscalationJob } from '../../server/src/incidents/jobs/incident-clock-escalation.job';
import { FakeClock } from '../support/fake-clock';
import { Agent, agent, PASSWORD, signIn, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { insertIncident, insertObligation } from './incident-register.fixtures';

const HOUR = 3_600_000;

/**
 * The incident-clock-escalation job with a fixed clock: a pending notification clock under 24 h
 * is marked 'due_soon', a past-due one 'overdue', each step once with a system timeline entry;
 * and the security and DPO dashboards list the nearest clock of each open incident.
 */
describe('incidents: clock escalation and dashboards', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  let incident: { id: string; reference: string };
  let later: { id: string; reference: string };
  let done: string;

  const steps = async (incidentId: string) =>
    (
      (await server.db.query(
        `SELECT detail, actor_id AS "actorId" FROM incident_timeline WHERE incident_id = $1 AND kind = 'clock_escalated' ORDER BY id`,
        [incidentId],
      )) as { detail: Record<string, unknown>; actorId: string | null }[]
    ).map((e) => ({ ...e.detail, actorId: e.actorId }));

  beforeAll(async () => {
    // Aware at 2026-11-02 10:00 in Seoul; now is 40 h later.
    clock = new FakeClock(Date.parse('2026-11-03T17:00:00Z'));
    server = await startTestServer({ clock, env: { AUDIT_SEQUENCER: 'false' } });
    await signInEveryRole(server, clients, { ids });
    const security = ids.get('security')!;
    incident = await insertIncident(server, security);
    // 72 h from awareness: 32 h left now.
    await insertObligation(server, incident.id, { code: 'kr_subjects', due_at: '2026-11-05T01:00:00Z' });
    // 20 h left now: under 24 h.
    await insertObligation(server, incident.id, {
      code: 'kr_regulator',
      recipient: 'regulator',
      due_at: '2026-11-04T13:00:00Z',
    });
    // Done on time: never escalated.
    done = await insertObligation(server, incident.id, {
      code: 'eu_authority',
      regime: 'EU-GDPR',
      recipient: 'authority',
      due_at: '2026-11-03T18:00:00Z',
      status: 'done',
      done_at: '2026-11-03T10:00:00Z',
    });
    later = await insertIncident(server, security, { title: 'Vendor breach', vector: 'vendor' });
    await insertObligation(server, later.id, {
      code: 'us_individuals',
      regime: 'US-HIPAA',
      recipient: 'subjects',
      due_at: '2026-12-31T15:00:00Z',
    });
    // A closed incident is not on the dashboards.
    await insertIncident(server, security, {
      status: 'closed',
      closed_at: '2026-11-03T00:00:00Z',
      lessons_learned: 'lessons',
      register_facts: 'facts',
      register_effects: 'effects',
      register_remedial_action: 'remedial action',
    });
  });
  afterAll(() => server.close());

  it('marks a clock due soon under 24 h and overdue once past, each step once, with a system timeline entry', async () => {
    const job = server.app.get(IncidentClockEscalationJob);
    expect(await job.run()).toEqual({ dueSoon: 1, overdue: 0 });
    expect(await steps(incident.id)).toEqual([
      { code: 'kr_regulator', escalation: 'due_soon', dueAt: '2026-11-04T13:00:00.000Z', actorId: null },
    ]);
    // Running again at the same moment writes nothing.
    expect(await job.run()).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await steps(incident.id)).toHaveLength(1);

    // 9 h later (7 h before the 72 h clock): kr_subjects is now under 24 h too.
    clock.advance(9 * HOUR);
    expect(await job.run()).toEqual({ dueSoon: 1, overdue: 0 });
    // Past both deadlines: each becomes overdue, once.
    clock.advance(24 * HOUR);
    expect(await job.run()).toEqual({ dueSoon: 0, overdue: 2 });
    expect(await job.run()).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await steps(incident.id)).toEqual([
      { code: 'kr_regulator', escalation: 'due_soon', dueAt: '2026-11-04T13:00:00.000Z', actorId: null },
      { code: 'kr_subjects', escalation: 'due_soon', dueAt: '2026-11-05T01:00:00.000Z', actorId: null },
      { code: 'kr_regulator', escalation: 'overdue', dueAt: '2026-11-04T13:00:00.000Z', actorId: null },
      { code: 'kr_subjects', escalation: 'overdue', dueAt: '2026-11-05T01:00:00.000Z', actorId: null },
    ]);
    const obligations: { code: string; escalation: string | null }[] = await server.db.query(
      `SELECT code, escalation FROM incident_obligations WHERE incident_id = $1 ORDER BY code`,
      [incident.id],
    );
    expect(obligations).toEqual([
      { code: 'eu_authority', escalation: null },
      { code: 'kr_regulator', escalation: 'overdue' },
      { code: 'kr_subjects', escalation: 'overdue' },
    ]);
    expect(await steps(later.id)).toEqual([]);
    expect(done).toBeTruthy();
  });

  it('goes straight to overdue when no run saw the clock under 24 h', async () => {
    const skipped = await insertIncident(server, ids.get('security')!, { title: 'Missed clock' });
    await insertObligation(server, skipped.id, { due_at: '2026-11-04T00:00:00Z' });
    await server.app.get(IncidentClockEscalationJob).run();
    expect(await steps(skipped.id)).toEqual([
      { code: 'kr_subjects', escalation: 'overdue', dueAt: '2026-11-04T00:00:00.000Z', actorId: null },
    ]);
  });

  it('shows the security and DPO dashboards the open incidents and the nearest clock of each', async () => {
    // The clock moved past the sessions' 12 h: sign in again.
    const fresh = async (role: Role) => {
      const client = agent(server);
      await server.createStaff({ email: `${role}.later@example.com`, role, password: PASSWORD });
      await signIn(server, client, `${role}.later@example.com`, PASSWORD);
      return client;
    };
    for (const role of ['security', 'dpo'] as const) {
      const { body } = await (await fresh(role)).get(`/api/dashboard/${role}`).expect(200);
      // Now 2026-11-05 02:00Z: the two KR clocks are past due, the HIPAA clock 56 days and 13 hours away.
      expect(body.incidents).toEqual({
        open: 3,
        clocks: [
          {
            incidentId: expect.any(String),
            reference: expect.stringMatching(/^IN-2026-/),
            title: 'Missed clock',
            code: 'kr_subjects',
            dueAt: '2026-11-04T00:00:00.000Z',
            hoursLeft: -26,
            state: 'overdue',
            escalation: 'overdue',
          },
          {
            incidentId: incident.id,
            reference: incident.reference,
            title: 'Counselling notes server breached',
            code: 'kr_regulator',
            dueAt: '2026-11-04T13:00:00.000Z',
            hoursLeft: -13,
            state: 'overdue',
            escalation: 'overdue',
          },
          {
            incidentId: later.id,
            reference: later.reference,
            title: 'Vendor breach',
            code: 'us_individuals',
            dueAt: '2026-12-31T15:00:00.000Z',
            hoursLeft: 1357,
            state: 'on_time',
            escalation: null,
          },
        ],
      });
    }
    const auditor = await (await fresh('auditor')).get('/api/dashboard/auditor').expect(200);
    expect(auditor.body.incidents).toBeUndefined();
  });

  it('escalates a redated clock again: a change of facts that moves the due time clears its escalation', async () => {
    const security = agent(server);
    await server.createStaff({ email: 'security.redate@example.com', role: 'security', password: PASSWORD });
    await signIn(server, security, 'security.redate@example.com', PASSWORD);
    const at = (hoursFromNow: number) => new Date(clock.now().getTime() + hoursFromNow * HOUR).toISOString();
    // Aware 50 h ago: the 72 h notice to people is due in 22 h.
    const created = await security
      .post('/api/incidents')
      .send({
        title: 'Redated clock',
        detectedAt: at(-51),
        awareAt: at(-50),
        reporter: 'Help desk',
        vector: 'insider',
        regimes: ['KR-PIPA'],
        affectedEstimated: 10,
        riskLevel: 'medium',
      })
      .expect(201);
    const id: string = created.body.id;
    const firstDue = at(22);
    const escalation = async () =>
      (
        (await server.db.query(
          `SELECT escalation, escalated_at AS "escalatedAt", due_at AS "dueAt" FROM incident_obligations
           WHERE incident_id = $1 AND code = 'kr_subjects'`,
          [id],
        )) as { escalation: string | null; escalatedAt: Date | null; dueAt: Date }[]
      )[0];
    const job = server.app.get(IncidentClockEscalationJob);
    await job.run();
    expect((await escalation()).escalation).toBe('due_soon');

    // Awareness was in fact 10 h ago: the clock moves 40 h later and its escalation starts over.
    await security
      .patch(`/api/incidents/${id}`)
      .send({ awareAt: at(-10), version: created.body.version })
      .expect(200);
    const newDue = at(62);
    expect(await escalation()).toEqual({ escalation: null, escalatedAt: null, dueAt: new Date(newDue) });
    const redated: { kind: string }[] = await server.db.query(
      `SELECT kind FROM incident_timeline WHERE incident_id = $1 AND kind = 'obligation_redated'`,
      [id],
    );
    expect(redated).toHaveLength(1);
    expect(await job.run()).toMatchObject({ dueSoon: 0 });
    expect((await escalation()).escalation).toBeNull();

    // The dashboards' test ran first; 40 h on, the new due time is 22 h away: escalated again, on the new due time.
    clock.advance(40 * HOUR);
    await job.run();
    expect((await escalation()).escalation).toBe('due_soon');
    expect(await steps(id)).toEqual([
      { code: 'kr_subjects', escalation: 'due_soon', dueAt: firstDue, actorId: null },
      { code: 'kr_subjects', escalation: 'due_soon', dueAt: newDue, actorId: null },
    ]);
  });
});
