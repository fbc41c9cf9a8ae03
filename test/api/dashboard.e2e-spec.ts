import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { ROLES } from '../../server/src/authorization/roles';
import { seedOctoberAnomalies } from '../support/audit-fixtures';
import { FakeClock } from '../support/fake-clock';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

type Day = { date: string; denials: number; signInFailures: number; anomalies: number };

/**
 * Each role's home dashboard: figures counted by the server with the organisation's calendar,
 * read by that role only, made of counts (no person or staff member named), and not logged.
 */
describe('home dashboards', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<(typeof ROLES)[number], Agent>();
  const ids: Record<string, string> = {};

  const flush = () => server.app.get(AuditSequencer).flush();

  beforeAll(async () => {
    // 20 October 2026, 12:00 in Seoul: the October anomalies fall in the last 30 days.
    clock = new FakeClock(Date.parse('2026-10-20T03:00:00Z'));
    server = await startTestServer({ clock, env: { AUDIT_SEQUENCER: 'false' } });
    for (const role of ROLES) {
      ids[role] = (await server.createStaff({ email: `${role}@example.com`, role, password: PASSWORD })).id;
      const client = agent(server);
      await signIn(server, client, `${role}@example.com`, PASSWORD);
      clients.set(role, client);
    }
  });
  afterAll(() => server.close());

  it('lets each role read its own dashboard and refuses every other one', async () => {
    for (const role of ROLES) {
      for (const other of ROLES) {
        const res = await clients.get(role)!.get(`/api/dashboard/${other}`);
        expect({ role, other, status: res.status }).toEqual({ role, other, status: role === other ? 200 : 403 });
        if (role === other) expect(res.body.role).toBe(role);
      }
    }
    const bad = await clients.get('dpo')!.get('/api/dashboard/everyone').expect(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('counts denials, failed sign-ins and anomalies per Seoul day over 30 days, against the 30 before', async () => {
    await seedOctoberAnomalies(server, ids.support);
    await agent(server).post('/api/auth/login').send({ email: 'security@example.com', password: 'wrong password!' });
    await flush();
    const { body } = await clients.get('security')!.get('/api/dashboard/security').expect(200);
    const days = body.activity.days as Day[];
    expect(days).toHaveLength(30);
    expect(days[0].date).toBe('2026-09-21');
    expect(days[29].date).toBe('2026-10-20');
    const on = (date: string) => days.find((d) => d.date === date);
    // 14 Oct: a 03:00 read, a health-data read with no case, a download with no reason.
    expect(on('2026-10-14')).toEqual({ date: '2026-10-14', denials: 0, signInFailures: 0, anomalies: 3 });
    // 15 Oct: twelve denials in ten minutes.
    expect(on('2026-10-15')).toMatchObject({ denials: 12, anomalies: 0 });
    // 16 Oct: 250 reads in one hour, above the 200 a bulk read starts at: one flagged hour.
    expect(on('2026-10-16')).toMatchObject({ anomalies: 1 });
    // Today: the 20 refusals of the test above (5 roles x 4 dashboards not theirs), one bad password.
    expect(on('2026-10-20')).toMatchObject({ denials: 20, signInFailures: 1 });
    expect(body.activity.totals).toEqual({ denials: 32, signInFailures: 1, anomalies: 4 });
    expect(body.activity.previous).toEqual({ denials: 0, signInFailures: 0, anomalies: 0 });
    // Counts only: the actor of every one of those events appears nowhere.
    expect(JSON.stringify(body)).not.toContain(ids.support);
  });

  it('gives the DPO the review status, findings by kind and register alerts by age', async () => {
    await createSubject(server, { recordings: [{ clientConsent: true, counselorConsent: false }] });
    await createSubject(server, { recordings: [{ clientConsent: false, counselorConsent: true }] });
    const dpo = clients.get('dpo')!;
    const before = (await dpo.get('/api/dashboard/dpo').expect(200)).body;
    expect(before.review).toMatchObject({
      currentMonth: '2026-10',
      previousMonth: '2026-09',
      previousSignedOff: false,
      lastSignedMonth: null,
    });
    // The review's own count for October (off-hours, PHI, download, denial burst, bulk read).
    const review = (await dpo.get('/api/access-log/reviews/2026-10').expect(200)).body;
    expect(before.review.currentAnomalies).toBe(review.anomalyCount);
    expect(before.review.currentAnomalies).toBeGreaterThanOrEqual(5);
    expect(before.review.months.map((m: { month: string }) => m.month)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ]);
    const recordings = before.findings.find((f: { kind: string }) => f.kind === 'recording_without_both_consents');
    expect(recordings).toMatchObject({ count: 2 });
    expect(before.findings).toHaveLength(4);
    const byAge = before.alerts.byAge as { age: string; critical: number; warning: number }[];
    expect(byAge.map((a) => a.age)).toEqual(['overdue', 'within_30_days', 'later', 'undated']);
    expect(byAge.reduce((n, a) => n + a.critical + a.warning, 0)).toBe(before.alerts.total);

    await dpo.post('/api/access-log/reviews/2026-09/sign-off').send({ notes: 'September checked' }).expect(200);
    const after = (await dpo.get('/api/dashboard/dpo').expect(200)).body;
    expect(after.review).toMatchObject({ previousSignedOff: true, lastSignedMonth: '2026-09' });
    expect(after.review.months.at(-1)).toEqual({ month: '2026-09', signedOff: true });
  });

  it('gives the sysadmin staff by role and two-step state, and the accounts locked now', async () => {
    // Invited but never signed in: no authenticator yet.
    await server.createStaff({ email: 'new.support@example.com', role: 'support', password: PASSWORD });
    const locked = await server.createStaff({ email: 'locked@example.com', role: 'auditor', password: PASSWORD });
    await server.db.query('UPDATE staff SET locked_until = $2 WHERE id = $1', [
      locked.id,
      new Date(clock.now().getTime() + 10 * 60_000),
    ]);
    // A lock that ran out is no longer counted.
    const expired = await server.createStaff({ email: 'was.locked@example.com', role: 'dpo', password: PASSWORD });
    await server.db.query('UPDATE staff SET locked_until = $2 WHERE id = $1', [
      expired.id,
      new Date(clock.now().getTime() - 60_000),
    ]);
    const { body } = await clients.get('sysadmin')!.get('/api/dashboard/sysadmin').expect(200);
    expect(body.staff.locked).toBe(1);
    const support = body.staff.byRole.find((r: { role: string }) => r.role === 'support');
    expect(support).toEqual({ role: 'support', active: 2, mfaEnrolled: 1, disabled: 0 });
    expect(JSON.stringify(body)).not.toContain('example.com');
  });

  it('gives support the accounts waiting for an action, and the identity checks per day', async () => {
    await createSubject(server, { status: 'dormant' });
    await createSubject(server, { status: 'dormant' });
    const person = await createSubject(server, { status: 'locked' });
    const support = clients.get('support')!;
    await support
      .post(`/api/subjects/${person.id}/identity-checks`)
      .send({ method: 'phone_otp', evidenceRef: 'call-2026-10-20' })
      .expect(201);
    const { body } = await support.get('/api/dashboard/support').expect(200);
    expect(body.accounts.byStatus).toMatchObject({ dormant: 2, locked: 1 });
    expect(body.accounts.daily).toHaveLength(30);
    expect(body.accounts.daily.at(-1)).toEqual({ date: '2026-10-20', identityChecks: 1, accountActions: 0 });
    expect(JSON.stringify(body)).not.toContain(person.id);
  });

  it("gives the auditor the log's last verification and the months signed off", async () => {
    const empty = (await clients.get('auditor')!.get('/api/dashboard/auditor').expect(200)).body;
    expect(empty.integrity.lastVerification).toBeNull();
    await clients.get('security')!.post('/api/access-log/verify').expect(200);
    const { body } = await clients.get('auditor')!.get('/api/dashboard/auditor').expect(200);
    expect(body.integrity.lastVerification).toMatchObject({ result: 'intact' });
    expect(body.integrity.latestHead.treeSize).toBeGreaterThan(0);
    expect(body.review.months.at(-1)).toEqual({ month: '2026-09', signedOff: true });
  });

  it('writes no access-log event for reading a dashboard (counts are not personal data)', async () => {
    await flush();
    const count = async () => (await server.db.query('SELECT count(*)::int AS n FROM audit_events'))[0].n as number;
    const before = await count();
    for (const role of ROLES) await clients.get(role)!.get(`/api/dashboard/${role}`).expect(200);
    await flush();
    expect(await count()).toBe(before);
  });
});
