import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

/** Names for the access log's ids: staff by name and role, people masked, and the read recorded. */
describe('names for the access log', () => {
  let server: TestServer;
  const clients: Record<string, Agent> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const role of ['dpo', 'security', 'auditor', 'support', 'sysadmin'] as const) {
      ids[role] = (
        await server.createStaff({ email: `${role}@example.com`, role, password: PASSWORD, displayName: `Kim ${role}` })
      ).id;
      clients[role] = agent(server);
      await signIn(server, clients[role], `${role}@example.com`, PASSWORD);
    }
  });
  afterAll(() => server.close());

  it('gives staff names with their role and people only masked, and records whose masked names were shown', async () => {
    const person = await createSubject(server, { name: '김서연', kind: 'guardian', service: 'shelby' });
    const res = await clients.auditor
      .get('/api/names')
      .query({ staff: `${ids.support},${ids.dpo}`, subjects: person.id })
      .expect(200);
    expect(res.body.staff).toEqual(
      expect.arrayContaining([
        { id: ids.support, name: 'Kim support', role: 'support' },
        { id: ids.dpo, name: 'Kim dpo', role: 'dpo' },
      ]),
    );
    expect(res.body.subjects).toEqual([{ id: person.id, maskedName: '김**', kind: 'guardian', service: 'shelby' }]);
    expect(JSON.stringify(res.body)).not.toContain('서연');

    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      "SELECT canonical FROM audit_events WHERE resource = 'names' AND actor_id = $1",
      [ids.auditor],
    );
    const events = rows.map((r) => JSON.parse(r.canonical.toString('utf8')));
    expect(events).toEqual([
      expect.objectContaining({
        action: 'view',
        fields: ['name'],
        outcome: 'success',
        detail: expect.objectContaining({ subjects: [person.id], masked: true }),
      }),
    ]);
  });

  it('finds staff by part of their name or email for the actor filter, as names and roles only', async () => {
    const res = await clients.security.get('/api/names/staff').query({ q: 'SUPP' }).expect(200);
    expect(res.body).toEqual([{ id: ids.support, name: 'Kim support', role: 'support' }]);
    // LIKE wildcards are searched for literally.
    expect((await clients.security.get('/api/names/staff').query({ q: '%' }).expect(200)).body).toEqual([]);
    await clients.security.get('/api/names/staff').query({ q: '' }).expect(422);
    await clients.support.get('/api/names/staff').query({ q: 'kim' }).expect(403);
  });

  it('answers only those who read the access log', async () => {
    for (const role of ['support', 'sysadmin']) {
      const res = await clients[role].get('/api/names').query({ staff: ids.dpo });
      expect({ role, status: res.status }).toEqual({ role, status: 403 });
    }
    for (const role of ['dpo', 'security', 'auditor']) await clients[role].get('/api/names').expect(200);
  });

  it('refuses ids that are not ids, and more than 200 at once', async () => {
    await clients.dpo.get('/api/names').query({ subjects: "1' OR '1'='1" }).expect(422);
    const many = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await clients.dpo
      .get('/api/names')
      .query({ staff: many.join(',') })
      .expect(422);
  });
});
