import fc from 'fast-check';
import request from 'supertest';
import { ROLES, type Role } from '../../server/src/authorization/roles';
import { FakeClock } from '../support/fake-clock';
import {
  apiRoutes,
  FUZZ_SEED,
  fillPath,
  junkBody,
  junkParam,
  junkQuery,
  refusedBody,
  send,
  type ApiRoute,
} from '../support/fuzz';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer, totpAt } from '../support/server';
import { createSubject } from '../support/subject-factory';

/**
 * The long fuzz (`npm run fuzz -- --cases 10000`): every route the application registers, each
 * with a full session (password + TOTP, and a step-up) of every role that may reach it, gets
 * generated requests: junk or hostile bodies, query strings and path parameters, or real ids so
 * that a request can get as far as the handler. Nothing is expected of an answer but that it is
 * not a 5xx. It prints the answers by status class and the first 5xx, and fails on any 5xx.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? FUZZ_SEED);
const EXAMPLES = 5;

const REGISTER_TABLES: Record<string, string> = {
  '/api/registers/policies': 'register_policies',
  '/api/registers/processors': 'register_processors',
  '/api/registers/provisions': 'register_provisions',
  '/api/registers/transfers': 'register_transfers',
  '/api/registers/activities': 'register_activities',
  '/api/retention/rules': 'retention_rules',
  '/api/legal-disclosures': 'legal_disclosures',
};

describe(`fuzz: ${CASES} requests over every route and role`, () => {
  let server: TestServer;
  const clock = new FakeClock();
  const clients = new Map<Role, Agent>();
  let generation = 0;
  const ids: Record<string, string> = {};

  /** A fresh staff member of `role`, fully signed in and stepped up (replaces one the fuzz locked out or signed out). */
  async function newClient(role: Role): Promise<Agent> {
    generation += 1;
    const email = `${role}-${generation}@fuzz.example.com`;
    await server.createStaff({ email, role, password: PASSWORD });
    const client = agent(server);
    const secret = await signIn(server, client, email, PASSWORD);
    clock.advance(30_000);
    await client
      .post('/api/auth/step-up')
      .send({ code: await totpAt(server, secret) })
      .expect(200);
    clients.set(role, client);
    return client;
  }

  beforeAll(async () => {
    server = await startTestServer({ clock });
    for (const role of ROLES) await newClient(role);
    ids.staff = (
      await server.createStaff({ email: 'target@fuzz.example.com', role: 'support', password: PASSWORD })
    ).id;
    ids.subject = (
      await createSubject(server, {
        phone: '010-3300-0001',
        records: [{ content: { notes: 'fuzz notes' } }],
        socialLinks: ['google'],
      })
    ).id;
    for (const profile of ['shelby', 'maumjuui']) {
      await clients
        .get('dpo')!
        .post(`/api/registers/profiles/${profile}/import`)
        .send({ reason: 'fuzz import' })
        .expect(201);
    }
    for (const [prefix, table] of Object.entries(REGISTER_TABLES)) {
      const rows: { id: string }[] = await server.db.query(`SELECT id FROM ${table} ORDER BY id LIMIT 1`);
      if (rows[0]) ids[prefix] = rows[0].id;
    }
  }, 300_000);
  afterAll(() => server?.close());

  /** Real values for a route's path parameters. */
  function realParams(route: ApiRoute): Record<string, string> {
    const registerPrefix = Object.keys(REGISTER_TABLES).find((p) => route.path.startsWith(`${p}/`));
    const id = route.path.startsWith('/api/staff')
      ? ids.staff
      : registerPrefix
        ? (ids[registerPrefix] ?? ids.subject)
        : ids.subject;
    return { id, sessionId: ids.subject, seq: '1', month: '2026-10', code: 'shelby', action: 'unlock' };
  }

  it(
    'answers no request with a 5xx',
    async () => {
      const routes = apiRoutes(server);
      const pairs = routes.flatMap((route): { route: ApiRoute; role: Role | undefined }[] =>
        route.public ? [{ route, role: undefined }] : route.roles.map((role) => ({ route, role })),
      );
      const byClass: Record<string, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, other: 0 };
      const covered = new Set<string>();
      const rolesUsed = new Set<string>();
      const failures: string[] = [];
      let replaced = 0;

      const oneCase = fc.record({
        pair: fc.nat({ max: pairs.length - 1 }),
        params: fc.dictionary(
          fc.constantFrom('id', 'sessionId', 'seq', 'month', 'code', 'action'),
          fc.nat({ max: 99 }),
        ),
        query: fc.oneof(fc.constant(''), junkQuery),
        body: fc.oneof(
          { weight: 2, arbitrary: fc.constant(undefined) },
          { weight: 5, arbitrary: junkBody },
          { weight: 2, arbitrary: refusedBody },
        ),
        paramSeed: fc.nat(),
      });
      const samples = fc.sample(oneCase, { numRuns: CASES, seed: SEED });
      for (const [i, c] of samples.entries()) {
        // Each route and role once first, then at random.
        const { route, role } = pairs[i < pairs.length ? i : c.pair];
        const real = realParams(route);
        const values = Object.fromEntries(
          route.params.map((name) => {
            const [value] = fc.sample(junkParam(encodeURIComponent(real[name] ?? 'x')), {
              numRuns: 1,
              seed: c.paramSeed + (c.params[name] ?? 0),
            });
            return [name, value];
          }),
        );
        const url = fillPath(route.path, values) + (c.query === '' ? '' : `?${c.query}`);
        const client = role === undefined ? request(server.url) : clients.get(role)!;
        let status: number;
        let answer: string;
        try {
          const res = await send(client, route.method, url, c.body);
          status = res.status;
          answer = res.text.slice(0, 300);
        } catch (error) {
          status = 0;
          answer = String(error);
        }
        covered.add(`${route.method} ${route.path}`);
        rolesUsed.add(role ?? 'anonymous');
        const cls = status >= 200 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
        byClass[cls] += 1;
        if (status >= 500 || status === 0) {
          failures.push(
            `${route.method} ${url.slice(0, 200)} as ${role ?? 'anonymous'} body ${(JSON.stringify(c.body) ?? '-').slice(0, 200)} -> ${status} ${answer}`,
          );
        }
        // A generated request may have ended the session (logout, a password change, a lockout): replace it.
        if (role !== undefined && (status === 401 || (status === 403 && answer.includes('WRONG_STAGE')))) {
          const me = await clients.get(role)!.get('/api/auth/me');
          if (me.status !== 200) {
            await newClient(role);
            replaced += 1;
          }
        }
      }

      const lines = [
        '',
        `Fuzz: ${samples.length} cases, seed ${SEED}`,
        `Routes covered: ${covered.size} of ${routes.length} (every method + path the application registers)`,
        `Roles used: ${[...rolesUsed].sort().join(', ')} (full sessions: password + TOTP + step-up); sessions replaced after a logout or lockout: ${replaced}`,
        `Answers by status class: ${Object.entries(byClass)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
        `5xx answers: ${failures.length}`,
        ...failures.slice(0, EXAMPLES).map((f) => `  ${f}`),
        '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      expect(covered.size).toBe(routes.length);
      expect(failures).toEqual([]);
    },
    24 * 3_600_000,
  );
});
