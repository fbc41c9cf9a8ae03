import { ROLES, Role } from '../../server/src/authorization/roles';
import { JobRunner } from '../../server/src/jobs/job-runner';
import { Agent, PASSWORD, signInEveryRole, startTestServer, TestServer } from '../support/server';

/**
 * Every role against every staff-administration route (DESIGN.md, Roles): only a sysadmin
 * gets past authorization; everyone else gets 403 FORBIDDEN before anything is read or written.
 */
describe('authorization matrix: staff administration', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  let targetId: string;

  beforeAll(async () => {
    server = await startTestServer();
    targetId = (await server.createStaff({ email: 'target@example.com', role: 'auditor', password: PASSWORD })).id;
    await signInEveryRole(server, clients);
  });
  afterAll(() => server.close());

  const routes = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    { name: 'GET /staff', call: (c) => c.get('/api/staff') },
    { name: 'GET /staff/:id', call: (c) => c.get(`/api/staff/${targetId}`) },
    {
      name: 'POST /staff',
      call: (c) => c.post('/api/staff').send({ email: 'n@example.com', displayName: 'N', role: 'dpo' }),
    },
    {
      name: 'POST /staff/:id/role',
      call: (c) => c.post(`/api/staff/${targetId}/role`).send({ role: 'auditor', reason: 'matrix' }),
    },
    {
      name: 'POST /staff/:id/disable',
      call: (c) => c.post(`/api/staff/${targetId}/disable`).send({ reason: 'matrix' }),
    },
    { name: 'POST /staff/:id/enable', call: (c) => c.post(`/api/staff/${targetId}/enable`).send({ reason: 'matrix' }) },
    { name: 'POST /staff/:id/unlock', call: (c) => c.post(`/api/staff/${targetId}/unlock`).send({ reason: 'matrix' }) },
    {
      name: 'POST /staff/:id/mfa-reset',
      call: (c) => c.post(`/api/staff/${targetId}/mfa-reset`).send({ reason: 'matrix' }),
    },
    { name: 'GET /staff/:id/sessions', call: (c) => c.get(`/api/staff/${targetId}/sessions`) },
    { name: 'DELETE /staff/:id/sessions', call: (c) => c.delete(`/api/staff/${targetId}/sessions`) },
  ];

  it.each(ROLES.filter((r) => r !== 'sysadmin'))('refuses %s on every staff route', async (role) => {
    for (const route of routes()) {
      const res = await route.call(clients.get(role)!);
      expect({ route: route.name, status: res.status, code: res.body.code }).toEqual({
        route: route.name,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect((await server.db.query("SELECT count(*)::int AS n FROM staff WHERE email = 'n@example.com'"))[0].n).toBe(0);
  });

  it('lets a sysadmin through on every staff route', async () => {
    for (const route of routes()) {
      const res = await route.call(clients.get('sysadmin')!);
      // Step-up is a separate gate (tested elsewhere): it answers STEP_UP_REQUIRED, not FORBIDDEN.
      expect({ route: route.name, forbidden: res.body.code === 'FORBIDDEN' }).toEqual({
        route: route.name,
        forbidden: false,
      });
      expect(res.status).toBeLessThan(500);
    }
  });
});

/**
 * Every role against every calendar route: all read holidays and deadlines; only the DPO
 * changes holidays, and everyone else gets 403 FORBIDDEN with nothing written.
 */
describe('authorization matrix: holiday calendars', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  let holiday: { id: string; version: number };

  beforeAll(async () => {
    server = await startTestServer();
    await signInEveryRole(server, clients);
    const [row] = await server.db.query(
      `SELECT id, version FROM calendar_holidays WHERE jurisdiction = 'KR' AND on_date = '2027-10-09'`,
    );
    holiday = row as { id: string; version: number };
  });
  afterAll(() => server.close());

  const reads = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    { name: 'GET /calendar', call: (c) => c.get('/api/calendar') },
    {
      name: 'GET /calendar/deadline',
      call: (c) => c.get('/api/calendar/deadline').query({ from: '2026-09-14T00:00:00Z', rule: 'business_days:10:KR' }),
    },
    { name: 'GET /calendar/holidays', call: (c) => c.get('/api/calendar/holidays') },
    { name: 'GET /calendar/holidays/:id', call: (c) => c.get(`/api/calendar/holidays/${holiday.id}`) },
    { name: 'GET /calendar/holidays/:id/history', call: (c) => c.get(`/api/calendar/holidays/${holiday.id}/history`) },
  ];
  const writes = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    {
      name: 'POST /calendar/holidays',
      call: (c) =>
        c.post('/api/calendar/holidays').send({
          jurisdiction: 'KR',
          date: '2027-12-31',
          nameKo: '매트릭스',
          nameEn: 'Matrix',
          kind: 'temporary',
          reason: 'matrix',
        }),
    },
    {
      name: 'PUT /calendar/holidays/:id',
      call: (c) =>
        c.put(`/api/calendar/holidays/${holiday.id}`).send({
          date: '2027-10-09',
          nameKo: '한글날',
          nameEn: 'Hangul Day',
          kind: 'public',
          reason: 'matrix',
          version: holiday.version,
        }),
    },
    {
      name: 'POST /calendar/holidays/:id/end',
      call: (c) => c.post(`/api/calendar/holidays/${holiday.id}/end`).send({ reason: 'matrix', version: 99 }),
    },
  ];

  it.each(ROLES)('lets %s read every calendar route', async (role) => {
    for (const route of reads()) {
      const res = await route.call(clients.get(role)!);
      expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 200 });
    }
  });

  it.each(ROLES.filter((r) => r !== 'dpo'))('refuses %s every holiday change', async (role) => {
    for (const route of writes()) {
      const res = await route.call(clients.get(role)!);
      expect({ route: route.name, status: res.status, code: res.body.code }).toEqual({
        route: route.name,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect(
      (await server.db.query(`SELECT count(*)::int AS n FROM calendar_holidays WHERE name_ko = '매트릭스'`))[0].n,
    ).toBe(0);
  });

  it('lets the DPO through on every holiday change', async () => {
    for (const route of writes()) {
      const res = await route.call(clients.get('dpo')!);
      expect({ route: route.name, forbidden: res.body.code === 'FORBIDDEN' }).toEqual({
        route: route.name,
        forbidden: false,
      });
      expect(res.status).toBeLessThan(500);
    }
  });
});

/**
 * Every role against every jobs route: the DPO and the sysadmin see the jobs and their runs and
 * start one now; everyone else gets 403 FORBIDDEN, and nothing is queued or run.
 */
describe('authorization matrix: background jobs', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  const runId = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    server = await startTestServer({ env: { JOBS_ENABLED: 'true' } });
    await server.app.get(JobRunner).register({ name: 'matrix-job', run: async () => ({ done: 1 }) });
    await signInEveryRole(server, clients);
  });
  afterAll(() => server.close());

  const routes = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    { name: 'GET /jobs', call: (c) => c.get('/api/jobs') },
    { name: 'GET /jobs/:name', call: (c) => c.get('/api/jobs/matrix-job') },
    { name: 'GET /job-runs', call: (c) => c.get('/api/job-runs') },
    { name: 'GET /job-runs/:id', call: (c) => c.get(`/api/job-runs/${runId}`) },
    { name: 'POST /jobs/:name/run', call: (c) => c.post('/api/jobs/matrix-job/run') },
  ];
  const queued = async () =>
    (await server.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'matrix-job'`))[0].n as number;

  it.each(ROLES.filter((r) => r !== 'dpo' && r !== 'sysadmin'))('refuses %s every jobs route', async (role) => {
    for (const route of routes()) {
      const res = await route.call(clients.get(role)!);
      expect({ route: route.name, status: res.status, code: res.body.code }).toEqual({
        route: route.name,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect(await queued()).toBe(0);
  });

  it.each(['dpo', 'sysadmin'] as const)('lets %s through on every jobs route', async (role) => {
    for (const route of routes()) {
      const res = await route.call(clients.get(role)!);
      expect({ route: route.name, forbidden: res.body.code === 'FORBIDDEN' }).toEqual({
        route: route.name,
        forbidden: false,
      });
      expect(res.status).toBeLessThan(500);
    }
    expect(await queued()).toBeGreaterThan(0);
  });
});

/**
 * Every role against every outbox and template route: the DPO edits templates and reads the
 * outbox; security reads both (breach notices); everyone else gets 403 with nothing written.
 */
describe('authorization matrix: outbox and templates', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  let template: { id: string; version: number };
  let messageId: string;

  beforeAll(async () => {
    server = await startTestServer();
    await signInEveryRole(server, clients);
    const [row] = await server.db.query(
      `SELECT id, version FROM message_templates WHERE template_key = 'rights-request.acknowledgement'`,
    );
    template = row as { id: string; version: number };
    const sent = await clients.get('dpo')!.post(`/api/templates/${template.id}/test-send`).send({ language: 'ko' });
    messageId = sent.body.messageId as string;
  });
  afterAll(() => server.close());

  const reads = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    { name: 'GET /templates', call: (c) => c.get('/api/templates') },
    { name: 'GET /templates/:id', call: (c) => c.get(`/api/templates/${template.id}`) },
    { name: 'GET /templates/:id/history', call: (c) => c.get(`/api/templates/${template.id}/history`) },
    {
      name: 'POST /templates/:id/preview',
      call: (c) => c.post(`/api/templates/${template.id}/preview`).send({ language: 'ko' }),
    },
    {
      name: 'POST /templates/:id/preview.pdf',
      call: (c) => c.post(`/api/templates/${template.id}/preview.pdf`).send({ language: 'en' }),
    },
    {
      name: 'POST /documents',
      call: (c) =>
        c.post('/api/documents').send({
          templateKey: 'retention.destruction-certificate',
          language: 'ko',
          data: { fileName: '매트릭스' },
          purpose: 'matrix',
        }),
    },
    { name: 'GET /outbox', call: (c) => c.get('/api/outbox') },
    { name: 'GET /outbox/:id', call: (c) => c.get(`/api/outbox/${messageId}`) },
  ];
  const writes = (): { name: string; call: (c: Agent) => ReturnType<Agent['get']> }[] => [
    {
      name: 'PUT /templates/:id',
      call: (c) =>
        c.put(`/api/templates/${template.id}`).send({
          description: 'matrix',
          descriptionKo: '매트릭스',
          subjectKo: '매트릭스',
          subjectEn: 'Matrix',
          bodyKo: '매트릭스',
          bodyEn: 'Matrix',
          deleteContentAfterSend: true,
          sampleData: {},
          reason: 'matrix',
          version: template.version,
        }),
    },
    {
      name: 'POST /templates/:id/test-send',
      call: (c) => c.post(`/api/templates/${template.id}/test-send`).send({ language: 'en' }),
    },
  ];
  const readers: Role[] = ['dpo', 'security'];

  it.each(readers)('lets %s read every template and outbox route', async (role) => {
    for (const route of reads()) {
      const res = await route.call(clients.get(role)!);
      expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 200 });
    }
  });

  it.each(ROLES.filter((r) => !readers.includes(r)))('refuses %s every template and outbox route', async (role) => {
    for (const route of [...reads(), ...writes()]) {
      const res = await route.call(clients.get(role)!);
      expect({ route: route.name, status: res.status, code: res.body.code }).toEqual({
        route: route.name,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
  });

  it('refuses security every template change, with nothing written', async () => {
    const versions = async () =>
      (await server.db.query(`SELECT sum(version)::int AS v FROM message_templates`))[0].v as number;
    const before = await versions();
    for (const route of writes()) {
      const res = await route.call(clients.get('security')!);
      expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 403 });
    }
    expect((await server.db.query(`SELECT count(*)::int AS n FROM outbox_messages`))[0].n).toBe(1);
    expect(await versions()).toBe(before);
  });

  it('lets the DPO through on every template change', async () => {
    for (const route of writes()) {
      const res = await route.call(clients.get('dpo')!);
      expect({ route: route.name, status: res.status < 300 }).toEqual({ route: route.name, status: true });
    }
  });
});

/**
 * Every role against every home dashboard: each role reads its own (counts only) and gets
 * 403 FORBIDDEN on every other role's.
 */
describe('authorization matrix: home dashboards', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();

  beforeAll(async () => {
    server = await startTestServer();
    await signInEveryRole(server, clients);
  });
  afterAll(() => server.close());

  it.each(ROLES)('lets %s read its own dashboard and no other', async (role) => {
    for (const other of ROLES) {
      const res = await clients.get(role)!.get(`/api/dashboard/${other}`);
      expect({ dashboard: other, status: res.status, code: res.body.code }).toEqual({
        dashboard: other,
        status: role === other ? 200 : 403,
        code: role === other ? undefined : 'DASHBOARD_NOT_YOURS',
      });
    }
  });
});
