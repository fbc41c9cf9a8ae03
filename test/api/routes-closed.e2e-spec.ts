import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { AUDITED_KEY } from '../../server/src/access-log/audited';
import { ABILITY_KEY } from '../../server/src/authorization/decorators';
import { signIn, startTestServer, TestServer } from '../support/server';

// The only routes reachable without a full session (DESIGN.md: login, MFA and health), and single
// sign-on's two legs (the browser has no session until the provider's answer is checked).
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/auth/login-options',
  'POST /api/auth/login',
  'GET /api/auth/sso/start',
  'GET /api/auth/sso/callback',
]);
// Reachable with a session that has not finished MFA yet, and nothing else.
const PRE_MFA = new Set([
  'GET /api/auth/session',
  'POST /api/auth/password',
  'POST /api/auth/mfa/enroll',
  'POST /api/auth/mfa/enroll/confirm',
  'POST /api/auth/mfa/verify',
  'POST /api/auth/mfa/recover',
  'POST /api/auth/logout',
]);

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Nest registered on the Express router. */
function registeredRoutes(server: TestServer): { method: string; path: string }[] {
  const express = server.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack
    .filter((layer) => layer.route !== undefined)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map((m) => ({ method: m.toUpperCase(), path: layer.route!.path })),
    );
}

const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

describe('every route is closed unless it says otherwise', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('finds the routes (so the checks below cannot pass vacuously)', () => {
    const routes = registeredRoutes(server).map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(15);
    for (const r of [...PUBLIC, ...PRE_MFA]) expect(routes).toContain(r);
    expect(routes).toContain('GET /api/staff');
  });

  it('answers 401 problem+json to every non-public route without a session, or with a forged one', async () => {
    for (const { method, path } of registeredRoutes(server)) {
      if (PUBLIC.has(`${method} ${path}`)) continue;
      for (const cookie of [
        undefined,
        'poc_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        'poc_session=garbage',
      ]) {
        let req = request(server.url)[method.toLowerCase() as 'get'](concrete(path)).set('x-csrf-protection', '1');
        if (cookie) req = req.set('Cookie', cookie);
        const res = await req;
        expect({ route: `${method} ${path}`, status: res.status }).toEqual({ route: `${method} ${path}`, status: 401 });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.code).toBe('UNAUTHENTICATED');
        expect({ route: `${method} ${path}`, cache: res.headers['cache-control'] }).toEqual({
          route: `${method} ${path}`,
          cache: 'no-store',
        });
      }
    }
  });

  it('lets a pre-MFA session reach only the MFA routes', async () => {
    await server.createStaff({ email: 'half@example.com', role: 'sysadmin', password: 'correct horse battery staple' });
    const client = request.agent(server.url).set('x-csrf-protection', '1');
    await client
      .post('/api/auth/login')
      .send({ email: 'half@example.com', password: 'correct horse battery staple' })
      .expect(200);
    for (const { method, path } of registeredRoutes(server)) {
      const key = `${method} ${path}`;
      if (PUBLIC.has(key) || PRE_MFA.has(key)) continue;
      const res = await client[method.toLowerCase() as 'get'](concrete(path));
      expect({ route: key, status: res.status, code: res.body.code, cache: res.headers['cache-control'] }).toEqual({
        route: key,
        status: 403,
        code: 'WRONG_STAGE',
        cache: 'no-store',
      });
    }
  });

  it('tells browsers and proxies to keep no copy of any /api answer (Cache-Control: no-store)', async () => {
    const email = 'cache@example.com';
    await server.createStaff({ email, role: 'sysadmin', password: 'correct horse battery staple' });
    const client = request.agent(server.url).set('x-csrf-protection', '1');
    await signIn(server, client, email, 'correct horse battery staple');
    const seen: string[] = [];
    // With a full session, every route (whatever it answers: data, 404, 422) ...
    for (const { method, path } of registeredRoutes(server)) {
      if (`${method} ${path}` === 'POST /api/auth/logout') continue;
      const res = await client[method.toLowerCase() as 'get'](concrete(path));
      seen.push(`${method} ${path} ${res.status}`);
      expect({ route: `${method} ${path}`, cache: res.headers['cache-control'] }).toEqual({
        route: `${method} ${path}`,
        cache: 'no-store',
      });
    }
    expect(seen.some((s) => s.endsWith(' 200'))).toBe(true);
    // ... and answers that never reach a route: unknown paths, bad JSON, wrong content type.
    const outside: [string, request.Test][] = [
      ['unknown path', client.get('/api/no-such-route')],
      ['bad JSON', client.post('/api/staff').set('Content-Type', 'application/json').send('{bad json')],
      ['wrong content type', client.post('/api/staff').set('Content-Type', 'text/plain').send('x')],
      ['API docs', client.get('/api/docs/openapi.json')],
      ['public login options', request(server.url).get('/api/auth/login-options')],
      [
        'public sign-in',
        request(server.url).post('/api/auth/login').set('x-csrf-protection', '1').send({ email, password: 'x' }),
      ],
    ];
    for (const [what, pending] of outside) {
      const res = await pending;
      expect({ what, cache: res.headers['cache-control'] }).toEqual({ what, cache: 'no-store' });
    }
  });

  it('keeps the API docs behind sign-in', async () => {
    await request(server.url).get('/api/docs').expect(401);
    await request(server.url).get('/api/docs/openapi.json').expect(401);
  });

  it('declares @Audited on every route that reads or changes personal data', () => {
    // Subjects whose rows are personal data (staff accounts are people too).
    const personal = new Set([
      'Staff',
      'StaffSession',
      'AccessLog',
      'AccessLogReview',
      'Subject',
      'RightsRequest',
      'Complaint',
      'Incident',
      'IncidentSubject',
      'LegalDisclosure',
      // Legal holds name the people they keep data of (F9)
      'LegalHold',
      // Whom a message went to (people and staff)
      'OutboxMessage',
    ]);
    // Routes under a personal-data ability that answer only hashes, sizes and ids, with the reason.
    const noPersonalData = new Set([
      'heads', // signed tree heads: sizes, roots, signatures
      'consistency', // hashes
      'latestVerification', // result of the last integrity check
      'monthlySummary', // complaints counted by category, severity, status and body
      'notificationRules', // the incident notification rules: thresholds, periods, legal sources
    ]);
    const missing: string[] = [];
    let checked = 0;
    for (const module of server.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const proto = (wrapper.metatype as { prototype: Record<string, unknown> }).prototype;
        // Inherited handlers too (the registers' read routes come from a shared base class).
        for (const name of new MetadataScanner().getAllMethodNames(proto)) {
          const handler = proto[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          const ability = Reflect.getMetadata(ABILITY_KEY, handler) as { subject: string } | undefined;
          if (!ability || !personal.has(ability.subject)) continue;
          checked += 1;
          if (noPersonalData.has(name)) continue;
          if (!Reflect.getMetadata(AUDITED_KEY, handler)) missing.push(`${wrapper.name}.${name}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });
});
