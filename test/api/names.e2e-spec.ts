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

  describe('the person picker', () => {
    const eventsOf = async (actor: string) => {
      await server.app.get(AuditSequencer).flush();
      const rows: { canonical: Buffer }[] = await server.db.query(
        "SELECT canonical FROM audit_events WHERE resource = 'names' AND actor_id = $1 ORDER BY seq",
        [actor],
      );
      return rows.map((r) => JSON.parse(r.canonical.toString('utf8')));
    };

    it('finds only people the access log names, masked, with what tells them apart, for security and the auditor', async () => {
      const logged = await createSubject(server, {
        name: '피커가',
        kind: 'guardian',
        service: 'shelby',
        phone: '010-2345-6781',
        birthDate: '1990-05-05',
      });
      const unlogged = await createSubject(server, { name: '피커나', service: 'maumjuui' });
      // Someone viewed the first person's profile: the access log now names them.
      await clients.dpo.get(`/api/subjects/${logged.id}`).expect(200);

      const before = (await eventsOf(ids.security)).length;
      const res = await clients.security.get('/api/names/subjects').query({ q: '피커' }).expect(200);
      expect(res.body).toEqual([
        {
          id: logged.id,
          maskedName: '피**',
          kind: 'guardian',
          service: 'shelby',
          age: expect.any(Number),
          phone: '010-****-6781',
        },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('커가');
      expect(res.body.map((p: { id: string }) => p.id)).not.toContain(unlogged.id);
      // By phone, the whole number.
      const byPhone = await clients.auditor.get('/api/names/subjects').query({ q: '010-2345-6781' }).expect(200);
      expect(byPhone.body.map((p: { id: string }) => p.id)).toEqual([logged.id]);

      const events = (await eventsOf(ids.security)).slice(before);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'view',
          outcome: 'success',
          detail: { search: 'subjects', in: 'access-log', by: 'name', subjects: [logged.id], masked: true },
        }),
      ]);
      // The text typed is personal data too: it is not in the log.
      expect(JSON.stringify([...events, ...(await eventsOf(ids.auditor))])).not.toMatch(/피커|2345|6781/);
    });

    it('searches everyone only for a role that may search people', async () => {
      const unlogged = await createSubject(server, { name: '피커다' });
      const res = await clients.dpo.get('/api/names/subjects').query({ q: '피커다', in: 'people' }).expect(200);
      expect(res.body.map((p: { id: string }) => p.id)).toEqual([unlogged.id]);
      for (const role of ['security', 'auditor']) {
        const refused = await clients[role].get('/api/names/subjects').query({ q: '피커다', in: 'people' });
        expect({ role, status: refused.status }).toEqual({ role, status: 403 });
      }
      for (const role of ['support', 'sysadmin']) {
        const refused = await clients[role].get('/api/names/subjects').query({ q: '피커' });
        expect({ role, status: refused.status }).toEqual({ role, status: 403 });
      }
    });

    it('refuses empty, long or unknown-scope queries with 422', async () => {
      await clients.dpo.get('/api/names/subjects').query({ q: '   ' }).expect(422);
      await clients.dpo
        .get('/api/names/subjects')
        .query({ q: 'x'.repeat(101) })
        .expect(422);
      await clients.dpo.get('/api/names/subjects').query({ q: 'x', in: 'everyone' }).expect(422);
      // LIKE wildcards are searched for literally.
      expect((await clients.dpo.get('/api/names/subjects').query({ q: '%', in: 'people' }).expect(200)).body).toEqual(
        [],
      );
    });
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
