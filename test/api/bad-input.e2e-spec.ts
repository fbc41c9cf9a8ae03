import fc from 'fast-check';
import request from 'supertest';
import { expectOnlyRefusalsAdded, snapshotDatabase } from '../support/db-snapshot';
import { FUZZ_SEED, junkBody, refusedBody } from '../support/fuzz';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';

describe('bad input gets a clear 4xx problem and writes nothing', () => {
  let server: TestServer;
  let admin: Agent;
  let targetId: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.createStaff({ email: 'admin@example.com', role: 'sysadmin', password: PASSWORD });
    targetId = (await server.createStaff({ email: 'target@example.com', role: 'support', password: PASSWORD })).id;
    admin = agent(server);
    await signIn(server, admin, 'admin@example.com', PASSWORD);
  });
  afterAll(() => server.close());

  /** Everything a bad request could have half-written. */
  const snapshot = async () =>
    JSON.stringify(
      await server.db.query(
        `SELECT (SELECT json_agg(s ORDER BY s.id) FROM staff s) AS staff,
                (SELECT count(*) FROM staff_sessions) AS sessions,
                (SELECT count(*) FROM staff_recovery_codes) AS codes`,
      ),
    );

  const expectProblem = (res: request.Response, status?: number) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    if (status !== undefined) expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(typeof res.body.code).toBe('string');
    expect(res.body.requestId).toBeDefined();
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|stack/i);
  };

  const writeRoutes = () => [
    '/api/auth/login',
    '/api/auth/step-up',
    '/api/auth/password',
    '/api/staff',
    `/api/staff/${targetId}/role`,
    `/api/staff/${targetId}/disable`,
    `/api/staff/${targetId}/mfa-reset`,
    '/api/access-log/export',
    '/api/access-log/verify',
    '/api/access-log/reviews/2026-10/sign-off',
  ];

  // A generated body can happen to be valid (a reason is any text): aim those at a staff member
  // who does not exist, so a valid one gets 404 and nothing can be written either way.
  const fuzzRoutes = () =>
    writeRoutes()
      .filter((r) => r !== '/api/auth/login')
      .map((r) => r.replace(targetId, '00000000-0000-4000-8000-00000000dead'));

  it('refuses malformed JSON, non-object bodies and a missing CSRF header', async () => {
    const before = await snapshot();
    for (const route of writeRoutes()) {
      expectProblem(await admin.post(route).set('content-type', 'application/json').send('{"email": '), 400);
      expectProblem(await admin.post(route).set('content-type', 'application/json').send('[1,2,3]'));
      expectProblem(await admin.post(route).set('content-type', 'application/json').send('"text"'));
      expectProblem(await admin.post(route).set('content-type', 'text/plain').send('role=dpo'));
      const noCsrf = await request(server.url).post(route).send({});
      expectProblem(noCsrf, 403);
      expect(noCsrf.body.code).toBe('CSRF_HEADER_MISSING');
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses a body over 1 MB with 413 and a 10 MB string without a 500', async () => {
    const before = await snapshot();
    const huge = 'x'.repeat(10 * 1024 * 1024);
    for (const route of ['/api/auth/login', '/api/staff']) {
      const res = await admin.post(route).send({ email: huge, password: huge, displayName: huge, role: 'dpo' });
      expectProblem(res, 413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    }
    const justUnder = await admin
      .post('/api/staff')
      .send({ email: 'a@example.com', displayName: 'y'.repeat(900_000), role: 'dpo' });
    expectProblem(justUnder, 422);
    expect(await snapshot()).toBe(before);
  });

  it('names unknown fields and wrong types', async () => {
    const unknown = await admin
      .post('/api/staff')
      .send({ email: 'u@example.com', displayName: 'U', role: 'dpo', isAdmin: true });
    expectProblem(unknown, 422);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'isAdmin', code: 'UNKNOWN_FIELD' }));
    const wrongType = await admin.post(`/api/staff/${targetId}/role`).send({ role: 42, reason: ['a'] });
    expectProblem(wrongType, 422);
    expect(wrongType.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reason', 'reason', 'role']);
    expectProblem(await admin.get('/api/staff/not-a-uuid'), 422);
    expectProblem(await admin.get('/api/staff/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('refuses a TOTP code of the wrong length or shape before checking it', async () => {
    for (const code of ['12345', '1234567', 'abcdef', '', '12 456', 123456]) {
      const res = await admin.post('/api/auth/step-up').send({ code });
      expectProblem(res, 422);
      expect(res.body.errors[0].field).toBe('code');
    }
  });

  it('answers any generated junk body with a 4xx and writes nothing but the refusals (fast-check)', async () => {
    const before = await snapshotDatabase(server);
    const junk = fc.oneof(
      fc.anything(),
      junkBody,
      refusedBody,
      fc.dictionary(
        fc.constantFrom('email', 'displayName', 'role', 'reason', 'password', 'code', '__proto__', 'constructor'),
        fc.oneof(
          fc.string(),
          fc.integer(),
          fc.constant(null),
          fc.constant("' OR 1=1 --"),
          fc.constant('<script>alert(1)</script>'),
          fc.array(fc.string()),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fuzzRoutes()), junk, async (route, body) => {
        const res = await admin
          .post(route)
          .set('content-type', 'application/json')
          .send(JSON.stringify(body) ?? 'null');
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
    // The access log may gain the refusals (denials, failed step-ups), nothing else anywhere.
    expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
  });
});
