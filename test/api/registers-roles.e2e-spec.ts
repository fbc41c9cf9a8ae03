import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { ROLES, Role } from '../../server/src/authorization/roles';
import { RegistersService } from '../../server/src/registers/registers.service';
import { Agent, startTestServer, TestServer } from '../support/server';
import { disclosureBody, prepareDisclosures, processorBody, signedIn, transferBody } from './registers.fixtures';

/**
 * Every role against every register route (README, Roles): the DPO changes, support, security
 * and the auditor read, the sysadmin gets nothing; legal disclosures are the DPO's and the
 * auditor's only. A refusal writes nothing.
 */
describe('registers: who may do what', () => {
  let server: TestServer;
  const clients = {} as Record<Role, Agent>;
  let policyId: string;
  let processor: Record<string, unknown>;
  let disclosure: Record<string, unknown>;

  const snapshot = async () =>
    JSON.stringify(
      await server.db.query(
        `SELECT (SELECT json_agg(p ORDER BY p.id) FROM register_policies p) AS policies,
                (SELECT json_agg(p ORDER BY p.id) FROM register_processors p) AS processors,
                (SELECT json_agg(p ORDER BY p.id) FROM register_provisions p) AS provisions,
                (SELECT json_agg(t ORDER BY t.id) FROM register_transfers t) AS transfers,
                (SELECT json_agg(a ORDER BY a.id) FROM register_activities a) AS activities,
                (SELECT json_agg(d ORDER BY d.id) FROM legal_disclosures d) AS disclosures,
                (SELECT count(*) FROM register_versions) AS versions`,
      ),
    );

  beforeAll(async () => {
    server = await startTestServer();
    await prepareDisclosures(server);
    for (const role of ROLES) clients[role] = await signedIn(server, role);
    policyId = (
      await clients.dpo.post('/api/registers/profiles/shelby/import').send({ reason: 'load shelby' }).expect(201)
    ).body.policyId as string;
    processor = (await clients.dpo.post('/api/registers/processors').send(processorBody(policyId)).expect(201)).body;
    disclosure = (await clients.dpo.post('/api/legal-disclosures').send(disclosureBody()).expect(201)).body;
  });
  afterAll(() => server.close());

  const reads = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    ...['policies', 'processors', 'provisions', 'transfers', 'activities'].map((r) => ({
      name: `GET /registers/${r}`,
      call: (c: Agent) => c.get(`/api/registers/${r}`),
    })),
    ...['policies', 'processors', 'provisions', 'transfers', 'activities'].map((r) => ({
      name: `GET /registers/${r}/export`,
      call: (c: Agent) => c.get(`/api/registers/${r}/export`).query({ format: 'json' }),
    })),
    {
      name: 'GET /registers/processors/:id',
      call: (c) => c.get(`/api/registers/processors/${processor.id as string}`),
    },
    {
      name: 'GET /registers/processors/:id/history',
      call: (c) => c.get(`/api/registers/processors/${processor.id as string}/history`),
    },
    { name: 'GET /registers/policies/:id/render', call: (c) => c.get(`/api/registers/policies/${policyId}/render`) },
    {
      name: 'POST /registers/policies/:id/drift',
      call: (c) => c.post(`/api/registers/policies/${policyId}/drift`).send({ markdown: '| a | b |\n| - | - |\n' }),
    },
    { name: 'GET /registers/alerts', call: (c) => c.get('/api/registers/alerts') },
    { name: 'GET /registers/profiles', call: (c) => c.get('/api/registers/profiles') },
    { name: 'GET /registers/export', call: (c) => c.get('/api/registers/export').query({ format: 'json' }) },
  ];

  const writes = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    {
      name: 'POST /registers/processors',
      call: (c) => c.post('/api/registers/processors').send(processorBody(policyId)),
    },
    {
      name: 'PUT /registers/processors/:id',
      call: (c) =>
        c.put(`/api/registers/processors/${processor.id as string}`).send({
          ...processorBody(policyId, { country: 'JP' }),
          version: processor.version,
        }),
    },
    { name: 'POST /registers/transfers', call: (c) => c.post('/api/registers/transfers').send(transferBody(policyId)) },
    {
      name: 'POST /registers/policies',
      call: (c) =>
        c.post('/api/registers/policies').send({ code: 'new', name: { en: 'New' }, layout: 'standard', reason: 'new' }),
    },
    {
      name: 'POST /registers/profiles/:code/import',
      call: (c) => c.post('/api/registers/profiles/maumjuui/import').send({ reason: 'load maumjuui' }),
    },
    {
      name: 'POST /registers/import',
      call: (c) =>
        c.post('/api/registers/import').send({
          reason: 'import a document',
          document: { policy: { code: 'doc', name: { en: 'Doc' }, layout: 'standard' } },
        }),
    },
    { name: 'POST /legal-disclosures', call: (c) => c.post('/api/legal-disclosures').send(disclosureBody()) },
    {
      name: 'PUT /legal-disclosures/:id',
      call: (c) =>
        c
          .put(`/api/legal-disclosures/${disclosure.id as string}`)
          .send({ ...disclosureBody({ notes: 'changed' }), version: disclosure.version }),
    },
  ];

  const disclosureReads = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    { name: 'GET /legal-disclosures', call: (c) => c.get('/api/legal-disclosures') },
    { name: 'GET /legal-disclosures/:id', call: (c) => c.get(`/api/legal-disclosures/${disclosure.id as string}`) },
    {
      name: 'GET /legal-disclosures/:id/history',
      call: (c) => c.get(`/api/legal-disclosures/${disclosure.id as string}/history`),
    },
    {
      name: 'GET /legal-disclosures/export',
      call: (c) => c.get('/api/legal-disclosures/export').query({ format: 'csv' }),
    },
  ];

  it.each(['support', 'security', 'auditor', 'dpo'] as const)('lets %s read every register route', async (role) => {
    for (const route of reads()) {
      const res = await route.call(clients[role]);
      expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 200 });
    }
  });

  it('refuses the sysadmin every register and disclosure route', async () => {
    for (const route of [...reads(), ...writes(), ...disclosureReads()]) {
      const res = await route.call(clients.sysadmin);
      expect({ route: route.name, status: res.status, code: res.body.code }).toEqual({
        route: route.name,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
  });

  it.each(['support', 'security', 'auditor', 'sysadmin'] as const)(
    'refuses %s every change and writes nothing',
    async (role) => {
      const before = await snapshot();
      for (const route of writes()) {
        const res = await route.call(clients[role]);
        expect({ route: route.name, status: res.status, code: res.body.code }).toEqual({
          route: route.name,
          status: 403,
          code: 'FORBIDDEN',
        });
      }
      expect(await snapshot()).toBe(before);
    },
  );

  it('lets the DPO and the auditor read legal disclosures, and nobody else', async () => {
    for (const role of ['dpo', 'auditor'] as const) {
      for (const route of disclosureReads()) {
        const res = await route.call(clients[role]);
        expect({ role, route: route.name, status: res.status }).toEqual({ role, route: route.name, status: 200 });
      }
    }
    for (const role of ['support', 'security', 'sysadmin'] as const) {
      for (const route of disclosureReads()) {
        const res = await route.call(clients[role]);
        expect({ role, route: route.name, status: res.status }).toEqual({ role, route: route.name, status: 403 });
      }
    }
  });

  it('puts legal disclosures in the combined export only for roles that may read them', async () => {
    const auditor = (await clients.auditor.get('/api/registers/export').query({ format: 'json' }).expect(200)).body;
    expect(auditor.includes).toContain('disclosures');
    expect(auditor.legalDisclosures).toEqual([expect.objectContaining({ id: disclosure.id })]);
    const support = (await clients.support.get('/api/registers/export').query({ format: 'json' }).expect(200)).body;
    expect(support.includes).not.toContain('disclosures');
    expect(support.legalDisclosures).toBeUndefined();
    expect(JSON.stringify(support)).not.toContain(disclosure.subjectId as string);
  });

  it("records every read of a disclosure in the access log under the subject's id", async () => {
    const sequencer = server.app.get(AuditSequencer);
    await sequencer.flush();
    const count = async () =>
      (
        await server.db.query(
          "SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND convert_from(canonical, 'UTF8') LIKE '%\"legal-disclosure\"%'",
          [disclosure.subjectId],
        )
      )[0].n as number;
    const before = await count();
    await clients.auditor.get('/api/legal-disclosures').expect(200);
    await clients.auditor.get(`/api/legal-disclosures/${disclosure.id as string}`).expect(200);
    await clients.auditor.get('/api/legal-disclosures/export').query({ format: 'json' }).expect(200);
    await sequencer.flush();
    expect(await count()).toBe(before + 3);
    // A refused read is recorded as a denial, and shows nothing.
    const refused = await clients.support.get(`/api/legal-disclosures/${disclosure.id as string}`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(disclosure.subjectId as string);
  });

  it("feeds a subject's access-request export only the disclosures the law lets them see", async () => {
    const subjectId = '99999999-2222-4333-8444-555555555555';
    await clients.dpo
      .post('/api/legal-disclosures')
      .send(disclosureBody({ subjectId, shareWithSubject: false }))
      .expect(201);
    const shared = await clients.dpo
      .post('/api/legal-disclosures')
      .send(
        disclosureBody({ subjectId, shareWithSubject: true, basisType: 'mandatory_report', disclosedOn: '2026-09-01' }),
      )
      .expect(201);
    const rows = await server.app.get(RegistersService).disclosuresForSubjectExport(subjectId);
    expect(rows.map((r) => r.id)).toEqual([shared.body.id]);
  });
});
