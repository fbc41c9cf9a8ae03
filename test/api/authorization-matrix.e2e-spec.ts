import { ROLES, Role } from '../../server/src/authorization/roles';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';

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
    for (const role of ROLES) {
      await server.createStaff({ email: `${role}@example.com`, role, password: PASSWORD });
      const client = agent(server);
      await signIn(server, client, `${role}@example.com`, PASSWORD);
      clients.set(role, client);
    }
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
