import { FakeClock } from '../support/fake-clock';
import { Agent, agent, PASSWORD, signIn, staffTrail, startTestServer, TestServer, totpAt } from '../support/server';

describe('staff administration', () => {
  let server: TestServer;
  let clock: FakeClock;
  let admin: Agent;
  let adminSecret: string;
  let adminId: string;

  beforeAll(async () => {
    clock = new FakeClock();
    server = await startTestServer({ clock });
    adminId = (await server.createStaff({ email: 'admin@example.com', role: 'sysadmin', password: PASSWORD })).id;
    admin = agent(server);
    adminSecret = await signIn(server, admin, 'admin@example.com', PASSWORD);
  });
  afterAll(() => server.close());

  it('invites a staff member with a one-time temporary password', async () => {
    const invited = await admin
      .post('/api/staff')
      .send({ email: 'Invitee@Example.com', displayName: '한지민', role: 'support' })
      .expect(201);
    expect(invited.body).toMatchObject({ email: 'invitee@example.com', role: 'support', mustChangePassword: true });
    expect(invited.body.temporaryPassword).toMatch(/^[a-z1-9]{5}(-[a-z1-9]{5}){3}$/);
    const again = await admin.get(`/api/staff/${invited.body.id}`).expect(200);
    expect(again.body.temporaryPassword).toBeUndefined();
    const dup = await admin
      .post('/api/staff')
      .send({ email: 'invitee@example.com', displayName: 'x', role: 'dpo' })
      .expect(409);
    expect(dup.body.code).toBe('EMAIL_TAKEN');
  });

  it('lists staff the react-admin way, with Content-Range', async () => {
    const list = await admin
      .get('/api/staff')
      .query({ sort: '["email","ASC"]', range: '[0,0]', filter: '{"role":"sysadmin"}' })
      .expect(200);
    expect(list.headers['content-range']).toBe('staff 0-0/1');
    expect(list.body).toHaveLength(1);
    expect(list.body[0].email).toBe('admin@example.com');
    const bad = await admin.get('/api/staff').query({ filter: '{"password":"x"}' }).expect(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'filter.password', code: 'UNKNOWN_FIELD' });
    await admin.get('/api/staff').query({ sort: '["password_hash","ASC"]' }).expect(422);
    await admin.get('/api/staff').query({ range: '[0,100000]' }).expect(422);
  });

  it("stops a disabled person's open session on its next request", async () => {
    const { id } = await server.createStaff({ email: 'leaver@example.com', role: 'dpo', password: PASSWORD });
    const leaver = agent(server);
    await signIn(server, leaver, 'leaver@example.com', PASSWORD);
    await leaver.get('/api/auth/me').expect(200);

    await admin.post(`/api/staff/${id}/disable`).send({ reason: 'Left the company' }).expect(200);

    const after = await leaver.get('/api/auth/me').expect(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
    await agent(server).post('/api/auth/login').send({ email: 'leaver@example.com', password: PASSWORD }).expect(403);
  });

  it("ends a person's sessions when their role changes, and records from and to", async () => {
    const { id } = await server.createStaff({ email: 'mover@example.com', role: 'support', password: PASSWORD });
    const mover = agent(server);
    await signIn(server, mover, 'mover@example.com', PASSWORD);
    await admin.post(`/api/staff/${id}/role`).send({ role: 'dpo', reason: 'Joined the DPO office' }).expect(200);
    await mover.get('/api/auth/me').expect(401);
    const [event] = (await staffTrail(server, id)).filter((e) => e.detail.event === 'role_changed');
    expect(event).toMatchObject({ action: 'administer', resource: 'staff', outcome: 'success', actorId: adminId });
    expect(event.detail).toEqual({
      event: 'role_changed',
      from: 'support',
      to: 'dpo',
      reason: 'Joined the DPO office',
    });
  });

  it('refuses to let anyone change their own role, checked on the loaded row', async () => {
    const r = await admin
      .post(`/api/staff/${adminId}/role`)
      .send({ role: 'dpo', reason: 'promote myself' })
      .expect(403);
    expect(r.body.code).toBe('SELF_ROLE_CHANGE');
    const d = await admin.post(`/api/staff/${adminId}/disable`).send({ reason: 'oops' }).expect(403);
    expect(d.body.code).toBe('SELF_ACTION');
    const [{ role }] = await server.db.query('SELECT role FROM staff WHERE id = $1', [adminId]);
    expect(role).toBe('sysadmin');
  });

  it("needs a fresh TOTP code (step-up) to reset someone's MFA", async () => {
    const { id } = await server.createStaff({ email: 'lostphone@example.com', role: 'security', password: PASSWORD });
    await signIn(server, agent(server), 'lostphone@example.com', PASSWORD);
    clock.advance(6 * 60_000);
    const refused = await admin.post(`/api/staff/${id}/mfa-reset`).send({ reason: 'Lost phone' }).expect(403);
    expect(refused.body.code).toBe('STEP_UP_REQUIRED');

    await admin
      .post('/api/auth/step-up')
      .send({ code: await totpAt(server, adminSecret) })
      .expect(200);
    const reset = await admin.post(`/api/staff/${id}/mfa-reset`).send({ reason: 'Lost phone' }).expect(200);
    expect(reset.body.mfaEnrolled).toBe(false);
    const login = await agent(server)
      .post('/api/auth/login')
      .send({ email: 'lostphone@example.com', password: PASSWORD })
      .expect(200);
    expect(login.body.stage).toBe('mfa_enroll');
  });

  it("lists and ends another person's sessions", async () => {
    const { id } = await server.createStaff({ email: 'twodevices@example.com', role: 'auditor', password: PASSWORD });
    const laptop = agent(server);
    const secret = await signIn(server, laptop, 'twodevices@example.com', PASSWORD);
    const desktop = agent(server);
    await signIn(server, desktop, 'twodevices@example.com', PASSWORD, secret);

    const sessions = await admin.get(`/api/staff/${id}/sessions`).expect(200);
    expect(sessions.body).toHaveLength(2);
    await admin.delete(`/api/staff/${id}/sessions/${sessions.body[0].id}`).expect(204);
    expect((await admin.get(`/api/staff/${id}/sessions`).expect(200)).body).toHaveLength(1);
    await admin.delete(`/api/staff/${id}/sessions`).expect(204);
    await laptop.get('/api/auth/me').expect(401);
    await desktop.get('/api/auth/me').expect(401);
  });

  it('lists revoked and idle sessions as ended before anyone uses them', async () => {
    const open = async (id: string) => (await admin.get(`/api/staff/${id}/sessions`).expect(200)).body as unknown[];
    const twoSessions = async (email: string, role: 'support' | 'security') => {
      const { id } = await server.createStaff({ email, role, password: PASSWORD });
      const secret = await signIn(server, agent(server), email, PASSWORD);
      await signIn(server, agent(server), email, PASSWORD, secret);
      expect(await open(id)).toHaveLength(2);
      return id;
    };

    const moved = await twoSessions('moved@example.com', 'support');
    await admin.post(`/api/staff/${moved}/role`).send({ role: 'auditor', reason: 'New team' }).expect(200);
    expect(await open(moved)).toEqual([]);

    const gone = await twoSessions('gone@example.com', 'support');
    await admin.post(`/api/staff/${gone}/disable`).send({ reason: 'Left' }).expect(200);
    expect(await open(gone)).toEqual([]);
    await admin.post(`/api/staff/${gone}/enable`).send({ reason: 'Came back' }).expect(200);
    expect(await open(gone)).toEqual([]);

    const reset = await twoSessions('reset@example.com', 'security');
    clock.advance(30_000);
    await admin
      .post('/api/auth/step-up')
      .send({ code: await totpAt(server, adminSecret) })
      .expect(200);
    await admin.post(`/api/staff/${reset}/mfa-reset`).send({ reason: 'Lost phone' }).expect(200);
    expect(await open(reset)).toEqual([]);
    const reasons = await server.db.query('SELECT DISTINCT end_reason FROM staff_sessions WHERE staff_id = ANY($1)', [
      [moved, gone, reset],
    ]);
    expect(reasons.map((r: { end_reason: string }) => r.end_reason).sort()).toEqual([
      'account_disabled',
      'mfa_reset',
      'role_changed',
    ]);

    // A session left alone past the idle limit is not listed as open either.
    const idle = await twoSessions('idle-listed@example.com', 'support');
    clock.advance(31 * 60_000);
    await admin.get('/api/auth/me').expect(401); // the admin's own session idled out too
    admin = agent(server);
    await signIn(server, admin, 'admin@example.com', PASSWORD, adminSecret);
    expect(await open(idle)).toEqual([]);
  });

  it('lets no other role reach staff administration, and logs the denial', async () => {
    for (const role of ['dpo', 'support', 'security', 'auditor'] as const) {
      const email = `nosy-${role}@example.com`;
      const { id } = await server.createStaff({ email, role, password: PASSWORD });
      const client = agent(server);
      await signIn(server, client, email, PASSWORD);
      await client.get('/api/staff').expect(403);
      await client.post('/api/staff').send({ email: 'x@example.com', displayName: 'x', role: 'sysadmin' }).expect(403);
      await client.post(`/api/staff/${adminId}/role`).send({ role: 'auditor', reason: 'takeover' }).expect(403);
      const denials = (await staffTrail(server, id)).filter((e) => e.action === 'deny');
      expect(denials).toHaveLength(3);
      expect(denials[0]).toMatchObject({ outcome: 'denied', actorId: id, actorRole: role, resource: 'route' });
    }
    expect((await server.db.query("SELECT count(*)::int AS n FROM staff WHERE email = 'x@example.com'"))[0].n).toBe(0);
  });
});
