import request from 'supertest';
import { defineAbilityFor, packedRulesFor } from '../../server/src/authorization/abilities';
import { FakeClock } from '../support/fake-clock';
import { PASSWORD, startTestServer, TestServer, totpAt } from '../support/server';

const CSRF = { 'x-csrf-protection': '1' };

/**
 * The session guard keeps nothing between requests (DESIGN.md, Sign-in and sessions; Scale beyond
 * one machine): whatever ends or changes a session on one server is seen by the very next request
 * on any server, even one that has just answered the same cookie many times.
 */
describe('sessions as two servers on one database see them', () => {
  let a: TestServer;
  let b: TestServer;
  let admin: string;

  beforeAll(async () => {
    // One clock for both: each TOTP step is accepted once, and a second sign-in moves to a new step.
    const clock = new FakeClock();
    a = await startTestServer({ clock });
    b = await startTestServer({ clock, shareDatabaseWith: a });
    await a.createStaff({ email: 'admin@example.com', role: 'sysadmin', password: PASSWORD });
    admin = (await signIn(a, 'admin@example.com')).cookie;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const cookieOf = (res: request.Response): string => {
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = set.find((c) => c.startsWith('poc_session='));
    if (cookie === undefined) throw new Error('no session cookie');
    return cookie.split(';')[0];
  };

  /** Password and TOTP (enrolling at the first sign-in) on `server`; the full session's cookie. */
  async function signIn(
    server: TestServer,
    email: string,
    secret?: string,
  ): Promise<{ cookie: string; secret: string }> {
    const login = await request(server.url).post('/api/auth/login').set(CSRF).send({ email, password: PASSWORD });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login);
    if (secret === undefined) {
      const enroll = await request(server.url).post('/api/auth/mfa/enroll').set(CSRF).set('Cookie', cookie).expect(200);
      const confirm = await request(server.url)
        .post('/api/auth/mfa/enroll/confirm')
        .set(CSRF)
        .set('Cookie', cookie)
        .send({ code: await totpAt(server, enroll.body.secret as string) })
        .expect(200);
      return { cookie: cookieOf(confirm), secret: enroll.body.secret as string };
    }
    (server.clock as FakeClock).advance(30_000);
    const verify = await request(server.url)
      .post('/api/auth/mfa/verify')
      .set(CSRF)
      .set('Cookie', cookie)
      .send({ code: await totpAt(server, secret) })
      .expect(200);
    return { cookie: cookieOf(verify), secret };
  }

  const me = (server: TestServer, cookie: string) => request(server.url).get('/api/auth/me').set('Cookie', cookie);

  /** Both servers answer the session, several requests at once: anything they would keep, they now have. */
  async function inUseOnBoth(cookie: string): Promise<void> {
    for (const server of [a, b]) {
      const answers = await Promise.all(Array.from({ length: 8 }, () => me(server, cookie)));
      expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    }
  }

  async function expectRefused(server: TestServer, cookie: string): Promise<void> {
    const res = await me(server, cookie);
    expect({ status: res.status, code: res.body.code as unknown }).toEqual({ status: 401, code: 'SESSION_EXPIRED' });
  }

  async function person(email: string, role: 'support' | 'dpo' | 'security' | 'auditor') {
    const { id } = await a.createStaff({ email, role, password: PASSWORD });
    return { id, ...(await signIn(a, email)) };
  }

  it('refuses on B the next request of a session signed out on A', async () => {
    const { cookie } = await person('leaving@example.com', 'support');
    await inUseOnBoth(cookie);
    await request(a.url).post('/api/auth/logout').set(CSRF).set('Cookie', cookie).expect(204);
    await expectRefused(b, cookie);
    await expectRefused(a, cookie);
  });

  it("refuses on B the next request after A changes the person's role; signed in again, B answers with the new role's rules", async () => {
    const { id, cookie, secret } = await person('mover@example.com', 'support');
    await inUseOnBoth(cookie);
    expect((await me(b, cookie)).body.staff.role).toBe('support');

    await request(a.url)
      .post(`/api/staff/${id}/role`)
      .set(CSRF)
      .set('Cookie', admin)
      .send({ role: 'auditor', reason: 'Moved to the audit team' })
      .expect(200);
    await expectRefused(b, cookie);

    const again = await signIn(b, 'mover@example.com', secret);
    const now = (await me(b, again.cookie).expect(200)).body as { staff: { role: string }; rules: unknown };
    expect(now.staff.role).toBe('auditor');
    expect(now.rules).toEqual(packedRulesFor(defineAbilityFor({ id, role: 'auditor' })));
    expect(now.rules).not.toEqual(packedRulesFor(defineAbilityFor({ id, role: 'support' })));
  });

  it('refuses on B the next request of a person A has just disabled', async () => {
    const { id, cookie } = await person('gone@example.com', 'dpo');
    await inUseOnBoth(cookie);
    await request(a.url)
      .post(`/api/staff/${id}/disable`)
      .set(CSRF)
      .set('Cookie', admin)
      .send({ reason: 'Left the company' })
      .expect(200);
    await expectRefused(b, cookie);
  });

  it('refuses the next request once the session generation moves on, though the session itself was not ended', async () => {
    const { id, cookie } = await person('revoked@example.com', 'security');
    await inUseOnBoth(cookie);
    await a.db.query('UPDATE staff SET session_generation = session_generation + 1 WHERE id = $1', [id]);
    await expectRefused(b, cookie);
    const [session] = await a.db.query(
      `SELECT end_reason FROM staff_sessions WHERE staff_id = $1 AND stage = 'full' ORDER BY created_at DESC LIMIT 1`,
      [id],
    );
    expect(session.end_reason).toBe('revoked');
    await expectRefused(a, cookie);
  });
});
