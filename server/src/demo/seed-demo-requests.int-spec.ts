import { AuditSequencer } from '../access-log/audit-sequencer';
import { Agent, agent, signIn, startTestServer, TestServer } from '../../../test/support/server';
import { FakeClock } from '../../../test/support/fake-clock';
import { RegisterImportService } from '../registers/register-import.service';
import { DEMO_STAFF, ensureDemoStaff } from '../staff/demo-staff';
import { StaffService } from '../staff/staff.service';
import { SubjectCrypto } from '../subjects/crypto/subject-crypto';
import { seedDemoSubjects } from './seed-demo-subjects';
import { ensureDemoRequests } from './seed-demo-requests';

interface Row {
  id: string;
  type: string;
  status: string;
  relation: string;
  extended: boolean;
  deadlineState: string | null;
  dueOn: string;
  daysLeft: number | null;
  subject: { kind: string | null };
  assignee: { id: string; name: string | null } | null;
  regimes: string[];
}

/** The demo requests as a first start of the console leaves them: a working inbox, seeded once. */
describe.each([
  // A Friday in Seoul: due dates 10 days on fall on weekends.
  ['on a Friday', '2026-11-27T01:00:00Z'],
  // 8 days before Christmas Day the due date rolls 3 days to Monday, and the chip would be green.
  ['two days before Christmas', '2026-12-23T01:00:00Z'],
])('demo rights requests, seeded %s', (_when, start) => {
  let server: TestServer;
  const clients = {} as Record<'dpo' | 'support', Agent>;
  let rows: Row[];

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
    expect(await ensureDemoRequests(server.app)).toBe(8);
    for (const role of ['dpo', 'support'] as const) {
      const account = DEMO_STAFF.find((a) => a.role === role)!;
      clients[role] = agent(server);
      await signIn(server, clients[role], account.email, account.password);
    }
    const list = await clients.dpo
      .get('/api/rights-requests')
      .query({ range: JSON.stringify([0, 24]) })
      .expect(200);
    rows = list.body as Row[];
  }, 180_000);
  afterAll(() => server?.close());

  const one = (match: Partial<Row>) => {
    const found = rows.filter((r) => Object.entries(match).every(([k, v]) => r[k as keyof Row] === v));
    expect({ match, found: found.length }).toEqual({ match, found: 1 });
    return found[0];
  };

  it('spreads the requests across the states and deadline colours of a working inbox', () => {
    expect(rows).toHaveLength(8);
    one({ type: 'access', status: 'received', deadlineState: 'on_time' });
    expect(one({ status: 'received' }).daysLeft).toBeGreaterThanOrEqual(10);
    one({ type: 'erasure', status: 'in_progress', deadlineState: 'at_risk' });
    one({ status: 'in_progress', deadlineState: 'overdue' });
    expect(one({ type: 'access', extended: true }).regimes).toEqual(['EU-GDPR']);
    expect(one({ status: 'awaiting_approval' })).toMatchObject({
      type: 'erasure',
      relation: 'legal_representative',
      subject: { kind: 'child' },
    });
    one({ type: 'rectification', status: 'completed' });
    one({ type: 'restriction', status: 'completed' });
    one({ status: 'rejected' });
  });

  it('lists by due date with the open requests first, soonest first, and the closed ones after', async () => {
    const sorted = (
      await clients.dpo
        .get('/api/rights-requests')
        .query({ range: JSON.stringify([0, 24]), sort: JSON.stringify(['dueOn', 'ASC']) })
        .expect(200)
    ).body as Row[];
    const closed = sorted.map((r) => r.deadlineState === null);
    expect(closed).toEqual([...closed].sort((a, b) => Number(a) - Number(b)));
    const open = sorted.filter((r) => r.deadlineState !== null).map((r) => r.dueOn);
    expect(open).toEqual([...open].sort());
  });

  it('records what support and the DPO did: verification, extension reasons, the refusal with its remedy, letters', async () => {
    const detail = async (id: string) => (await clients.dpo.get(`/api/rights-requests/${id}`).expect(200)).body;
    const extended = await detail(one({ extended: true }).id);
    expect(extended.extensions).toEqual([expect.objectContaining({ regime: 'EU-GDPR', reasons: expect.any(String) })]);
    expect(extended.verification).toMatchObject({ method: 'email_link' });
    const rejected = await detail(one({ status: 'rejected' }).id);
    expect(rejected.refusal).toMatchObject({ reason: 'others_interests', remedy: expect.stringContaining('118') });
    const restricted = await detail(one({ type: 'restriction' }).id);
    expect(restricted.outcome).toMatchObject({ restricted: true });
    expect(restricted.tasks.length).toBeGreaterThan(0);
    expect(restricted.tasks.every((t: { status: string }) => t.status !== 'open')).toBe(true);
    const actions = (restricted.events as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['received', 'verify', 'start', 'prepare', 'execute', 'complete']));
    expect((restricted.documents as { kind: string }[]).filter((d) => d.kind === 'letter').length).toBe(2);
    // Every step wrote its access-log event.
    await server.app.get(AuditSequencer).flush();
    const [{ n }]: { n: number }[] = await server.db.query(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE convert_from(canonical, 'UTF8')::jsonb ->> 'resource' = 'rights-request'`,
    );
    expect(n).toBeGreaterThan(8 * 2);
  });

  it('gives support their assigned requests and the DPO dashboard its overdue and at-risk ones', async () => {
    const supportId = one({ status: 'awaiting_approval' }).assignee!.id;
    const own = await clients.support
      .get('/api/rights-requests')
      .query({ range: JSON.stringify([0, 24]) })
      .expect(200);
    expect((own.body as Row[]).length).toBe(rows.filter((r) => r.assignee?.id === supportId).length);
    expect((own.body as Row[]).length).toBeGreaterThanOrEqual(4);
    const dashboard = await clients.dpo.get('/api/dashboard/dpo').expect(200);
    expect(dashboard.body.requests).toMatchObject({ open: 5, overdue: 1, atRisk: 1 });
  });

  it('lets the demo DPO approve the guardian’s erasure support prepared (four eyes)', async () => {
    const { id } = one({ status: 'awaiting_approval' });
    const approved = await clients.dpo.post(`/api/rights-requests/${id}/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ status: 'in_progress', executedAt: expect.any(String) });
    expect(approved.body.outcome).toMatchObject({ shredded: true, tombstone: true });
  });

  it('adds none on a second start', async () => {
    expect(await ensureDemoRequests(server.app)).toBe(0);
    const [{ n }]: { n: number }[] = await server.db.query('SELECT count(*)::int AS n FROM rights_requests');
    expect(n).toBe(8);
  });
});
