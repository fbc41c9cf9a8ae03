import { ValidationPipe } from '@nestjs/common';
import request from 'supertest';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { AuditService } from '../../server/src/access-log/audit.service';
import { canonicalize, leafHash } from '../../audit/src';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import { expectOnlyRefusalsAdded, snapshotDatabase } from '../support/db-snapshot';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

const json = (client: Agent | request.Agent, path: string, text: string) =>
  client.post(path).set('content-type', 'application/json').set('x-csrf-protection', '1').send(text);

const expectProblem = (res: request.Response, status: number) => {
  expect({ status: res.status, body: res.body as unknown }).toEqual({ status, body: expect.anything() });
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
};

/** The events written since `afterSeq`, decoded from their canonical bytes. */
async function eventsAfter(server: TestServer, afterSeq: number): Promise<CanonicalAuditEvent[]> {
  await server.app.get(AuditSequencer).flush();
  const rows: { canonical: Buffer }[] = await server.db.query(
    'SELECT canonical FROM audit_events WHERE seq > $1 ORDER BY seq',
    [afterSeq],
  );
  return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
}

async function lastSeq(server: TestServer): Promise<number> {
  await server.app.get(AuditSequencer).flush();
  const [row]: { n: string | null }[] = await server.db.query('SELECT max(seq) AS n FROM audit_events');
  return Number(row.n ?? 0);
}

// Raw JSON texts (JSON.stringify would escape nothing away: these escapes are what a client sends).
const NUL = '\\u0000';
const UNSTORABLE = [NUL, '\\ud800', '\\udc00', '\\udc00\\ud800', 'a\\ud83d'];

describe('hostile input never reaches a 500, and its refusal is in the access log', () => {
  let server: TestServer;
  let dpo: Agent;
  let auditor: Agent;
  let subjectId: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.createStaff({ email: 'dpo@example.com', role: 'dpo', password: PASSWORD });
    await server.createStaff({ email: 'auditor@example.com', role: 'auditor', password: PASSWORD });
    dpo = agent(server);
    await signIn(server, dpo, 'dpo@example.com', PASSWORD);
    auditor = agent(server);
    await signIn(server, auditor, 'auditor@example.com', PASSWORD);
    subjectId = (await createSubject(server, { phone: '010-3100-0001' })).id;
  });
  afterAll(() => server.close());

  it('refuses U+0000 in the sign-in e-mail with a 422 naming the field, and records the attempt', async () => {
    const since = await lastSeq(server);
    const res = await json(request(server.url), '/api/auth/login', `{"email":"a${NUL}@example.com","password":"x"}`);
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email', code: 'INVALID_CHARACTER' })]);
    const events = await eventsAfter(server, since);
    expect(events).toEqual([
      expect.objectContaining({
        actorId: null,
        outcome: 'denied',
        detail: expect.objectContaining({ code: 'INVALID_CHARACTER', path: '/api/auth/login', fields: ['email'] }),
      }),
    ]);
  });

  it('refuses U+0000 and lone surrogates as values and as keys, at any depth, on public and signed-in routes', async () => {
    const before = await snapshotDatabase(server);
    const cases: { path: string; client: Agent | request.Agent; body: (bad: string) => string; field: string }[] = [
      {
        path: '/api/auth/login',
        client: request(server.url),
        body: (b) => `{"email":"a@b.c","password":"${b}"}`,
        field: 'password',
      },
      { path: '/api/auth/login', client: request(server.url), body: (b) => `{"email":"a@b.c","k${b}":1}`, field: `k` },
      {
        path: `/api/subjects/${subjectId}/reveal`,
        client: dpo,
        body: (b) => `{"fields":["phone"],"purpose":"A valid purpose ${b}"}`,
        field: 'purpose',
      },
      {
        path: '/api/access-log/export',
        client: dpo,
        body: (b) => `{"reason":"a valid reason","filter":{"x":[{"y":{"z${b}":null}}]}}`,
        field: 'filter.x.0.y.z',
      },
      {
        path: '/api/access-log/reviews/2026-10/sign-off',
        client: dpo,
        body: (b) => `{"notes":["ok","${b}"]}`,
        field: 'notes.1',
      },
    ];
    for (const c of cases) {
      for (const bad of UNSTORABLE) {
        const res = await json(c.client, c.path, c.body(bad));
        expectProblem(res, 422);
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors[0].code).toBe('INVALID_CHARACTER');
        expect(res.body.errors[0].field).toContain(c.field);
      }
    }
    // A surrogate pair (an emoji) is text: not refused for its characters.
    const emoji = await json(request(server.url), '/api/auth/login', '{"email":"a@b.c","password":"\\ud83d\\ude00"}');
    expect(emoji.body.errors ?? []).not.toContainEqual(expect.objectContaining({ code: 'INVALID_CHARACTER' }));
    const added = expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
    expect(added).toBeGreaterThanOrEqual(cases.length * UNSTORABLE.length);
  });

  it('refuses %00 in a query or path parameter, and U+0000 inside a JSON query parameter', async () => {
    const before = await snapshotDatabase(server);
    const refusals = [
      await dpo.get('/api/access-log').query('limit=1%00'),
      await dpo.get(`/api/subjects/${subjectId}/access-history?before=%00`),
      await dpo.get('/api/access-log/reviews/2026-1%00'),
      await dpo.get('/api/subjects').query({ filter: `{"q":"ab${'\u0000'}"}` }),
      await dpo.get('/api/subjects').query({ filter: '{"q":"ab\\ud800"}' }),
      await dpo.get('/api/access-log').query({ filter: '{"resource":"\\u0000"}' }),
      await auditor.get('/api/registers/activities').query({ filter: '{"q":"\\udfff"}' }),
      await dpo.get('/api/staff-does-not-exist%00'),
    ];
    for (const res of refusals.slice(0, -1)) {
      expectProblem(res, 422);
      expect(res.body.errors[0].code).toBe('INVALID_CHARACTER');
    }
    expectProblem(refusals[refusals.length - 1], 404);
    // An undecodable percent-encoding (a lone surrogate in CESU-8) is a 400, not a 500.
    expectProblem(await auditor.get('/api/access-log/%ED%A0%80'), 400);
    expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
  });

  it('writes any string a request can carry into the access log, canonically and verifiably', async () => {
    const since = await lastSeq(server);
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 100; i++) deep = { d: deep };
    await server.app.get(AuditService).record(
      {
        action: 'deny',
        resource: 'route\u0000',
        outcome: 'denied',
        subjectId: 'subject:\ud800',
        fields: ['a\u0000', '\udc00\ud800', 'ok \ud83d\ude00'],
        purpose: 'p\u0000',
        detail: { 'k\u0000': 'v\ud800', ['__proto__']: 'proto', constructor: null, n: Number.NaN, deep },
      },
      { userAgent: 'agent\u0000', ip: '127.0.0.1', requestId: 'r\udfff' },
    );
    const [event] = await eventsAfter(server, since);
    expect(event).toMatchObject({
      resource: 'route\uFFFD',
      subjectId: 'subject:\uFFFD',
      fields: ['a\uFFFD', '\uFFFD\uFFFD', 'ok \ud83d\ude00'],
      purpose: 'p\uFFFD',
      userAgent: 'agent\uFFFD',
      requestId: 'r\uFFFD',
    });
    expect(event.detail['k\uFFFD']).toBe('v\uFFFD');
    expect(event.detail.n).toBeNull();
    expect(JSON.stringify(event.detail)).toContain('[nested too deep]');
    // Stored as the sequencer hashed it: the bytes are RFC 8785 canonical JSON of the decoded event.
    const [row]: { canonical: Buffer; leaf_hash: Buffer }[] = await server.db.query(
      'SELECT canonical, leaf_hash FROM audit_events WHERE seq = $1',
      [since + 1],
    );
    expect(canonicalize(JSON.parse(row.canonical.toString('utf8'))).equals(row.canonical)).toBe(true);
    expect(leafHash(row.canonical).equals(row.leaf_hash)).toBe(true);
  });

  it('refuses a body nested past 32 levels with a 400 before it is parsed or validated', async () => {
    const parse = jest.spyOn(JSON, 'parse');
    const validate = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      // 600 KB of nesting, as in the report, without a session.
      const huge = '{"a":'.repeat(120_000) + '1' + '}'.repeat(120_000);
      const res = await json(request(server.url), '/api/auth/login', huge);
      expectProblem(res, 400);
      expect(res.body.code).toBe('JSON_TOO_DEEP');
      // By condition, not by time: neither the parser nor any validator saw the body.
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length > 100_000)).toEqual([]);
      expect(validate).not.toHaveBeenCalled();
      // A parser would have refused this text as malformed; the depth scan refuses it first.
      const deepThenBroken = await json(request(server.url), '/api/auth/login', '['.repeat(40) + '{"oops');
      expect(deepThenBroken.body.code).toBe('JSON_TOO_DEEP');
    } finally {
      parse.mockRestore();
      validate.mockRestore();
    }
    // 33 levels is refused, 32 is parsed (and then refused by validation for its unknown field).
    const nest = (levels: number) =>
      '{"email":"a@b.c","password":"x","n":' + '['.repeat(levels - 1) + ']'.repeat(levels - 1) + '}';
    expect((await json(request(server.url), '/api/auth/login', nest(33))).body.code).toBe('JSON_TOO_DEEP');
    const ok = await json(request(server.url), '/api/auth/login', nest(32));
    expectProblem(ok, 422);
    expect(ok.body.errors).toContainEqual(expect.objectContaining({ field: 'n', code: 'UNKNOWN_FIELD' }));
    // Brackets inside strings do not count.
    const inString = await json(
      request(server.url),
      '/api/auth/login',
      `{"email":"${'['.repeat(100)}","password":"x\\"{{{{"}`,
    );
    expect(inString.body.code).not.toBe('JSON_TOO_DEEP');
    // A JSON query parameter has the same limit.
    const q = await dpo.get('/api/subjects').query({ filter: '['.repeat(40) + ']'.repeat(40) });
    expectProblem(q, 422);
    expect(q.body.errors[0]).toMatchObject({ field: 'filter', code: 'JSON_TOO_DEEP' });
    // A body in another charset than UTF-8 cannot be scanned byte by byte: refused.
    const utf16 = await request(server.url)
      .post('/api/auth/login')
      .set('content-type', 'application/json; charset=utf-16le')
      .set('x-csrf-protection', '1')
      .send(Buffer.from('{"email":"a@b.c","password":"x"}', 'utf16le'));
    expectProblem(utf16, 415);
  });

  it('answers 422 to every integer path and query parameter out of range, never a 500', async () => {
    const bad = [
      '0',
      '-1',
      '1.5',
      '1e3',
      '0x10',
      ' 1',
      '01',
      '9223372036854775808',
      '99999999999999999999',
      '9'.repeat(400),
      'NaN',
      '',
      '%00',
    ];
    const routes = (v: string) => [
      `/api/access-log/${v}`,
      `/api/access-log?before=${v}`,
      `/api/access-log?limit=${v}`,
      `/api/access-log/heads?limit=${v}`,
      `/api/access-log/consistency?from=${v}&to=2`,
      `/api/access-log/consistency?from=1&to=${v}`,
      `/api/subjects/${subjectId}/access-history?before=${v}`,
      `/api/subjects/${subjectId}/access-history?limit=${v}`,
    ];
    for (const v of bad) {
      for (const path of routes(encodeURIComponent(v).replace('%2500', '%00'))) {
        // An empty path segment is another route (the list), which answers 200.
        if (v === '' && path === '/api/access-log/') continue;
        const res = await dpo.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 422 });
      }
    }
    for (const range of ['[0,1e300]', '[-1,5]', '[0,9223372036854775808]', '[1.5,2]', '["0","1"]', '[5,1]']) {
      const res = await dpo.get('/api/subjects').query({ range });
      expect({ range, status: res.status }).toEqual({ range, status: 422 });
      const reg = await auditor.get('/api/registers/activities').query({ range });
      expect({ range, status: reg.status }).toEqual({ range, status: 422 });
    }
    // The largest seq that is a safe integer is well-formed: 404 (no such event).
    expectProblem(await dpo.get('/api/access-log/9007199254740991'), 404);
    expectProblem(await dpo.get('/api/access-log/9007199254740992'), 422);
    expect((await dpo.get('/api/access-log?before=9007199254740991&limit=1')).status).toBe(200);
    for (const asOf of ['99999-01-01', '2026-13-01', '0000-01-01', '2026-01-01T25:00Z', '1e3']) {
      expectProblem(await auditor.get('/api/registers/activities').query({ asOf }), 422);
    }
  });

  it('refuses a body on a route that reads none', async () => {
    const res = await json(dpo, '/api/auth/logout', '{"__proto__":{"x":1}}');
    expectProblem(res, 422);
    expect(res.body.errors[0]).toMatchObject({ field: '__proto__', code: 'UNKNOWN_FIELD' });
    expect((await dpo.get('/api/auth/me')).status).toBe(200);
    expect((await json(dpo, '/api/auth/logout', '{}')).status).toBeLessThan(300);
  });
});
