import fc from 'fast-check';
import { ROLES, Role } from '../../server/src/authorization/roles';
import { expectOnlyRefusalsAdded, snapshotDatabase } from '../support/db-snapshot';
import { FUZZ_SEED, junkBody, refusedBody } from '../support/fuzz';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

type Call = (c: Agent) => ReturnType<Agent['get']>;

/**
 * Every role against every subjects route (DESIGN.md, Roles): dpo and support read and reveal
 * contact data; only the DPO opens PHI; only support runs account actions; only the DPO reads a
 * person's access history; security, sysadmin and auditor see no subject data at all.
 */
describe('subjects: authorization matrix and bad input', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  let subjectId: string;
  let recordIds: string[];

  beforeAll(async () => {
    server = await startTestServer();
    await signInEveryRole(server, clients);
    ({ id: subjectId, recordIds } = await createSubject(server, {
      status: 'locked',
      phone: '010-3000-0003',
      records: [{ content: { notes: 'matrix notes' } }],
      socialLinks: ['google'],
    }));
  });
  afterAll(() => server.close());

  async function identityCheck(): Promise<string> {
    const res = await clients
      .get('support')!
      .post(`/api/subjects/${subjectId}/identity-checks`)
      .send({ method: 'phone_otp', evidenceRef: 'matrix check' })
      .expect(201);
    return res.body.id as string;
  }

  const routes = (checkId: string): { name: string; allowed: Role[]; call: Call }[] => [
    {
      name: 'GET /subjects',
      allowed: ['dpo', 'support'],
      call: (c) => c.get('/api/subjects').query({ filter: JSON.stringify({ phone: '010-3000-0003' }) }),
    },
    { name: 'GET /subjects/:id', allowed: ['dpo', 'support'], call: (c) => c.get(`/api/subjects/${subjectId}`) },
    {
      name: 'POST /subjects/:id/reveal',
      allowed: ['dpo', 'support'],
      call: (c) =>
        c.post(`/api/subjects/${subjectId}/reveal`).send({ fields: ['phone'], purpose: 'Matrix test purpose' }),
    },
    {
      name: 'POST /subjects/:id/phi/reveal',
      allowed: ['dpo'],
      call: (c) => c.post(`/api/subjects/${subjectId}/phi/reveal`).send({ purpose: 'Matrix test purpose', recordIds }),
    },
    {
      name: 'POST /subjects/:id/identity-checks',
      allowed: ['support'],
      call: (c) =>
        c.post(`/api/subjects/${subjectId}/identity-checks`).send({ method: 'phone_otp', evidenceRef: 'matrix' }),
    },
    {
      name: 'POST /subjects/:id/actions/unlock',
      allowed: ['support'],
      call: (c) =>
        c.post(`/api/subjects/${subjectId}/actions/unlock`).send({ identityCheckId: checkId, reason: 'matrix' }),
    },
    {
      name: 'GET /subjects/:id/access-history',
      allowed: ['dpo'],
      call: (c) => c.get(`/api/subjects/${subjectId}/access-history`),
    },
    { name: 'GET /compliance-findings', allowed: ['dpo', 'support'], call: (c) => c.get('/api/compliance-findings') },
  ];

  it.each(ROLES)('gives %s exactly its rights on every subjects route', async (role) => {
    const checkId = await identityCheck();
    for (const route of routes(checkId)) {
      const res = await route.call(clients.get(role)!);
      const allowed = route.allowed.includes(role);
      expect({ route: route.name, ok: res.status < 300, forbidden: res.status === 403 }).toEqual({
        route: route.name,
        ok: allowed,
        forbidden: !allowed,
      });
      if (!allowed) expect(JSON.stringify(res.body)).not.toMatch(/3000-0003|matrix notes/);
    }
    // Put the account back for the next role's unlock.
    await server.db.query(`UPDATE subjects SET status = 'locked', locked_at = now() WHERE id = $1`, [subjectId]);
  });

  it('answers junk bodies on every write route with a 4xx problem and changes nothing', async () => {
    const before = await snapshotDatabase(server);
    const writes: { path: string; role: Role }[] = [
      { path: `/api/subjects/${subjectId}/reveal`, role: 'support' },
      { path: `/api/subjects/${subjectId}/phi/reveal`, role: 'dpo' },
      { path: `/api/subjects/${subjectId}/identity-checks`, role: 'support' },
      ...['reactivate', 'unlock', 'unlink-social', 'withdraw'].map((a) => ({
        path: `/api/subjects/${subjectId}/actions/${a}`,
        role: 'support' as Role,
      })),
    ];
    const junk = fc.oneof(
      fc.anything(),
      junkBody,
      refusedBody,
      fc.dictionary(
        fc.constantFrom(
          'fields',
          'purpose',
          'caseId',
          'recordIds',
          'method',
          'evidenceRef',
          'identityCheckId',
          'reason',
          'provider',
          '__proto__',
        ),
        fc.oneof(
          fc.string(),
          fc.integer(),
          fc.constant(null),
          fc.constant("' OR 1=1 --"),
          fc.constant('<script>alert(1)</script>'),
          fc.constant('x'.repeat(5000)),
          fc.array(fc.string()),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), junk, async (route, body) => {
        const res = await clients
          .get(route.role)!
          .post(route.path)
          .set('content-type', 'application/json')
          .send(JSON.stringify(body) ?? 'null');
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }),
      { numRuns: 120, seed: FUZZ_SEED },
    );
    // Every table, the access log included: it may only gain the recorded refusals.
    expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
  });
});
