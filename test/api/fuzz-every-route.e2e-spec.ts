import fc from 'fast-check';
import request from 'supertest';
import { ROLES, type Role } from '../../server/src/authorization/roles';
import { expectOnlyRefusalsAdded, snapshotDatabase } from '../support/db-snapshot';
import {
  apiRoutes,
  FUZZ_SEED,
  fillPath,
  junkBody,
  junkParam,
  junkQuery,
  refusedBody,
  refusedParam,
  refusedQuery,
  send,
  type ApiRoute,
} from '../support/fuzz';
import { Agent, PASSWORD, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

const RUNS_PER_ROUTE = 8;

/**
 * Every route the application registers, reached with a full session of a role that may use it,
 * gets requests that no route can accept: U+0000 or a lone surrogate in the body (as a key or a
 * value, at any depth), in a query parameter or a path parameter, or a body nested past 32
 * levels; the rest of the request is junk (huge numbers, numeric strings past 2^63, `__proto__`
 * and `constructor` keys, nulls). Each must get a 4xx problem+json, and the database must not
 * change except for the access-log events that record the refusals. Fixed seed: a failure
 * replays. The long run over 10,000+ cases is `npm run fuzz`.
 */
describe('fuzz: hostile input on every route gets a 4xx and changes nothing', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  let real: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    await signInEveryRole(server, clients);
    const target = await server.createStaff({ email: 'target@example.com', role: 'support', password: PASSWORD });
    const subject = await createSubject(server, { phone: '010-3200-0001', records: [{ content: { notes: 'n' } }] });
    real = { id: subject.id, staffId: target.id, seq: '1', month: '2026-10', code: 'shelby', action: 'unlock' };
  }, 120_000);
  afterAll(() => server.close());

  /** A real id for the route's `:id`, so that the request could reach the handler. */
  const realParams = (route: ApiRoute): Record<string, string> => ({
    ...real,
    id: route.path.startsWith('/api/staff') ? real.staffId : real.id,
    sessionId: real.id,
  });

  it('finds every route, and which roles reach each', () => {
    const routes = apiRoutes(server);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.method !== 'GET').length).toBeGreaterThan(25);
    expect(routes.find((r) => r.path === '/api/staff/:id/role')?.roles).toEqual(['sysadmin']);
  });

  it('answers every hostile request with a 4xx problem+json and writes only the refusals', async () => {
    const before = await snapshotDatabase(server);
    // The API documents are static files that read no input (the long run sends them junk too).
    const routes = apiRoutes(server).filter((r) => !r.path.startsWith('/api/docs'));
    let cases = 0;
    for (const [index, route] of routes.entries()) {
      const roles = route.public ? [] : route.roles.length > 0 ? route.roles : ROLES;
      const params = Object.fromEntries(
        route.params.map((name) => [name, junkParam(encodeURIComponent(realParams(route)[name] ?? 'x'))]),
      );
      const slots = ['body', 'query', ...(route.params.length > 0 ? ['param'] : [])] as const;
      const hostileCase = fc.record({
        role: roles.length > 0 ? fc.constantFrom(...roles) : fc.constant(undefined),
        slot: fc.constantFrom(...slots),
        params: fc.record(params),
        badParam: fc.tuple(fc.constantFrom(...(route.params.length > 0 ? route.params : ['none'])), refusedParam),
        query: junkQuery,
        badQuery: refusedQuery,
        body: fc.option(junkBody, { nil: undefined }),
        badBody: refusedBody,
      });
      await fc.assert(
        fc.asyncProperty(hostileCase, async (c) => {
          cases += 1;
          const values = c.slot === 'param' ? { ...c.params, [c.badParam[0]]: c.badParam[1] } : c.params;
          const query = c.slot === 'query' ? c.badQuery : c.query;
          const body = c.slot === 'body' ? c.badBody : c.body;
          const url = fillPath(route.path, values) + (query === '' ? '' : `?${query}`);
          const client = c.role === undefined ? request(server.url) : clients.get(c.role)!;
          const res = await send(client, route.method, url, body);
          const answer = { route: `${route.method} ${route.path}`, url: url.slice(0, 300), status: res.status };
          expect({ ...answer, is4xx: res.status >= 400 && res.status < 500 }).toEqual({ ...answer, is4xx: true });
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        }),
        { seed: FUZZ_SEED + index, numRuns: RUNS_PER_ROUTE },
      );
    }
    expect(cases).toBe(routes.length * RUNS_PER_ROUTE);
    const added = expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
    expect(added).toBeGreaterThan(0);
    // Every route, many runs each: about 30 s alone, over 60 s on a loaded 2-core machine.
  }, 240_000);
});
