import fc from 'fast-check';
import request from 'supertest';
import { expectOnlyRefusalsAdded, snapshotDatabase } from '../support/db-snapshot';
import { FUZZ_SEED, junkBody, refusedBody } from '../support/fuzz';
import { Agent, startTestServer, TestServer } from '../support/server';
import {
  activityBody,
  ALL_TERMS,
  disclosureBody,
  prepareDisclosures,
  processorBody,
  signedIn,
  transferBody,
} from './registers.fixtures';

const NOWHERE = '00000000-0000-4000-8000-00000000dead';

describe('registers: bad input gets a 4xx naming the field, and writes nothing', () => {
  let server: TestServer;
  let dpo: Agent;
  let policyId: string;

  /** Everything a bad request could have half-written. */
  const snapshot = async () =>
    JSON.stringify(
      await server.db.query(
        `SELECT (SELECT json_agg(p ORDER BY p.id) FROM register_policies p) AS policies,
                (SELECT json_agg(p ORDER BY p.id) FROM register_processors p) AS processors,
                (SELECT json_agg(p ORDER BY p.id) FROM register_provisions p) AS provisions,
                (SELECT json_agg(t ORDER BY t.id) FROM register_transfers t) AS transfers,
                (SELECT json_agg(a ORDER BY a.id) FROM register_activities a) AS activities,
                (SELECT json_agg(d ORDER BY d.id) FROM legal_disclosures d) AS disclosures,
                (SELECT json_agg(v ORDER BY v.id) FROM register_versions v) AS versions,
                -- Successful register events (the sequencer is off: they wait in the inbox). Refusals are logged, as they should be.
                (SELECT count(*) FROM audit_inbox WHERE event->>'outcome' = 'success'
                   AND (event->>'resource' LIKE 'register%' OR event->>'resource' = 'legal-disclosure')) AS events`,
      ),
    );

  const expectProblem = (res: request.Response, status: number, field?: string, code?: string) => {
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
      status,
      type: expect.stringMatching(/application\/problem\+json/),
    });
    if (field !== undefined) {
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, ...(code ? { code } : {}) })]),
      );
    }
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|stack/i);
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false' } });
    await prepareDisclosures(server);
    dpo = await signedIn(server, 'dpo');
    policyId = (await dpo.post('/api/registers/profiles/shelby/import').send({ reason: 'load shelby' }).expect(201))
      .body.policyId as string;
  });
  afterAll(() => server.close());

  it('refuses an unknown or badly written country code', async () => {
    const before = await snapshot();
    for (const country of ['XX', 'us', 'USA', 'U1', '', 42]) {
      const res = await dpo.post('/api/registers/transfers').send(transferBody(policyId, { country }));
      expectProblem(res, 422, 'country', 'UNKNOWN_COUNTRY');
    }
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(policyId, { country: 'ZZ' })),
      422,
      'country',
      'UNKNOWN_COUNTRY',
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses a retention that cannot be parsed, naming the part that is wrong', async () => {
    const before = await snapshot();
    const cases: [unknown, string][] = [
      [{ kind: 'duration', period: 'three years' }, 'retention.period'],
      [{ kind: 'duration', period: 'P0Y' }, 'retention.period'],
      [{ kind: 'duration', period: 'PT5H' }, 'retention.period'],
      [{ kind: 'duration' }, 'retention.period'],
      [{ kind: 'forever' }, 'retention.kind'],
      [{ kind: 'statutory', period: 'P5Y' }, 'retention.law'],
      [{ kind: 'until_purpose', period: 'P1Y' }, 'retention.period'],
      [{ kind: 'duration', period: 'P1Y', after: 'whenever' }, 'retention.after'],
      [
        { kind: 'either', options: [{ kind: 'until_withdrawal' }, { kind: 'duration', period: 'soon' }] },
        'retention.options[1].period',
      ],
      [{ kind: 'either', options: [{ kind: 'until_withdrawal' }] }, 'retention.options'],
      [{ kind: 'until_purpose', text: { fr: 'jamais' } }, 'retention.text.fr'],
      [{ kind: 'until_purpose', colour: 'blue' }, 'retention.colour'],
      ['P3Y', 'retention'],
    ];
    for (const [retention, field] of cases) {
      const res = await dpo.post('/api/registers/processors').send(processorBody(policyId, { retention }));
      expectProblem(res, 422, field);
    }
    expectProblem(
      await dpo
        .post('/api/registers/activities')
        .send(activityBody(policyId, { retention: { kind: 'duration', period: '3y' } })),
      422,
      'retention.period',
      'INVALID_RETENTION',
    );
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(policyId, { retention: undefined })),
      422,
      'retention',
      'REQUIRED',
    );
    expect(await snapshot()).toBe(before);
  });

  it('refuses a transfer without a basis, and an Art. 49 derogation without its code', async () => {
    const before = await snapshot();
    expectProblem(
      await dpo.post('/api/registers/transfers').send(transferBody(policyId, { pipaBasis: undefined })),
      422,
      'pipaBasis',
      'REQUIRED',
    );
    expectProblem(
      await dpo.post('/api/registers/transfers').send(transferBody(policyId, { pipaBasis: null })),
      422,
      'pipaBasis',
      'REQUIRED',
    );
    expectProblem(
      await dpo.post('/api/registers/transfers').send(transferBody(policyId, { pipaBasis: 'because' })),
      422,
      'pipaBasis',
    );
    expectProblem(
      await dpo.post('/api/registers/transfers').send(transferBody(policyId, { gdprMechanism: 'derogation' })),
      422,
      'derogation',
      'REQUIRED',
    );
    expectProblem(
      await dpo
        .post('/api/registers/transfers')
        .send(transferBody(policyId, { gdprMechanism: 'scc', derogation: 'a_explicit_consent' })),
      422,
      'derogation',
      'NOT_ALLOWED',
    );
    await dpo
      .post('/api/registers/transfers')
      .send(transferBody(policyId, { gdprMechanism: 'derogation', derogation: 'a_explicit_consent' }))
      .expect(201);
    expect(await snapshot()).not.toBe(before);
  });

  it('refuses a processor made active while a contract term is missing, naming each missing term', async () => {
    const before = await snapshot();
    const res = await dpo
      .post('/api/registers/processors')
      .send(processorBody(policyId, { contractTerms: { ...ALL_TERMS, liability: false, supervision: false } }));
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'contractTerms.supervision', code: 'CONTRACT_TERM_MISSING' }),
      expect.objectContaining({ field: 'contractTerms.liability', code: 'CONTRACT_TERM_MISSING' }),
    ]);
    expect(await snapshot()).toBe(before);

    const draft = await dpo
      .post('/api/registers/processors')
      .send(processorBody(policyId, { contractTerms: { scope: true }, status: 'draft' }))
      .expect(201);
    const afterDraft = await snapshot();
    const activate = await dpo
      .put(`/api/registers/processors/${draft.body.id as string}`)
      .send(processorBody(policyId, { contractTerms: { scope: true }, status: 'active', version: 1 }));
    expectProblem(activate, 422, 'contractTerms.purposeLimit', 'CONTRACT_TERM_MISSING');
    expect(activate.body.errors).toHaveLength(6);
    expect(await snapshot()).toBe(afterDraft);
    // The database refuses it too, whoever asks.
    await expect(
      server.db.query("UPDATE register_processors SET status = 'active' WHERE id = $1", [draft.body.id]),
    ).rejects.toThrow(/check constraint/);
  });

  it('refuses an edit that raced another edit (stale version) and keeps the winner', async () => {
    const row = (await dpo.post('/api/registers/processors').send(processorBody(policyId)).expect(201)).body;
    const first = await dpo
      .put(`/api/registers/processors/${row.id as string}`)
      .send(processorBody(policyId, { country: 'JP', version: 1, reason: 'first edit' }));
    expect(first.status).toBe(200);
    const before = await snapshot();
    const second = await dpo
      .put(`/api/registers/processors/${row.id as string}`)
      .send(processorBody(policyId, { country: 'DE', version: 1, reason: 'second edit' }));
    expectProblem(second, 409, 'version', 'STALE_VERSION');
    expect(second.body.code).toBe('VERSION_CONFLICT');
    expect(await snapshot()).toBe(before);
    expect((await dpo.get(`/api/registers/processors/${row.id as string}`).expect(200)).body).toMatchObject({
      country: 'JP',
      version: 2,
    });
    // Two edits of the same version at once: one wins, one gets 409.
    const results = await Promise.all(
      ['KR', 'SG'].map((country) =>
        dpo
          .put(`/api/registers/processors/${row.id as string}`)
          .send(processorBody(policyId, { country, version: 2, reason: `race to ${country}` })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('leaves nothing behind when a row deep in an import document is bad', async () => {
    const before = await snapshot();
    const document = {
      policy: { code: 'half', name: { en: 'Half' }, layout: 'standard' },
      processors: [
        { key: 'a', recipient: { en: 'A' }, task: { en: 'Hosting' }, retention: { kind: 'until_contract_end' } },
        { key: 'b', parentKey: 'a', recipient: { en: 'B' }, task: { en: 'Backups' }, retention: { kind: 'immediate' } },
      ],
      transfers: [
        {
          key: 't1',
          recipient: { en: 'T1' },
          country: 'US',
          items: { en: 'Name' },
          purpose: { en: 'Hosting' },
          retention: { kind: 'until_purpose' },
          pipaBasis: 'separate_consent',
        },
        {
          key: 't2',
          recipient: { en: 'T2' },
          country: 'XX',
          items: { en: 'Name' },
          purpose: { en: 'Hosting' },
          retention: { kind: 'until_purpose' },
          pipaBasis: 'separate_consent',
        },
      ],
    };
    const res = await dpo.post('/api/registers/import').send({ reason: 'import a document', document });
    expectProblem(res, 422, 'document.transfers[1].country', 'UNKNOWN_COUNTRY');
    expect(await snapshot()).toBe(before);

    // A bad activity after every other row: the whole import is undone.
    const late = {
      ...document,
      transfers: [document.transfers[0]],
      activities: [
        activityBody('x', {
          policyId: undefined,
          reason: undefined,
          retention: { kind: 'duration', period: 'a while' },
        }),
      ],
    };
    const lateRes = await dpo.post('/api/registers/import').send({ reason: 'import a document', document: late });
    expectProblem(lateRes, 422, 'document.activities[0].retention.period', 'INVALID_RETENTION');
    expect(await snapshot()).toBe(before);

    const unknownKey = {
      ...document,
      transfers: [],
      activities: [activityBody('x', { policyId: undefined, reason: undefined, processorKeys: ['nope'] })],
    };
    expectProblem(
      await dpo.post('/api/registers/import').send({ reason: 'import a document', document: unknownKey }),
      422,
      'document.activities[0].processorKeys[0]',
      'UNKNOWN_REFERENCE',
    );
    expect(await snapshot()).toBe(before);

    // The good version of the same document goes in whole.
    const good = { ...document, transfers: [document.transfers[0]] };
    const ok = await dpo.post('/api/registers/import').send({ reason: 'import a document', document: good });
    expect(ok.status).toBe(201);
    expect(ok.body.counts).toEqual({ processors: 2, provisions: 0, transfers: 1, activities: 0 });
  });

  it('names the other rule breaks: Art. 9 condition, links, cycles, dates, unknown and computed fields', async () => {
    const before = await snapshot();
    expectProblem(
      await dpo.post('/api/registers/activities').send(activityBody(policyId, { dataCategories: ['health'] })),
      422,
      'art9Condition',
      'REQUIRED',
    );
    expectProblem(
      await dpo.post('/api/registers/activities').send(activityBody(policyId, { processorIds: [NOWHERE] })),
      422,
      'processorIds[0]',
      'UNKNOWN_REFERENCE',
    );
    expectProblem(
      await dpo.post('/api/registers/activities').send(activityBody(policyId, { retentionRuleId: NOWHERE })),
      422,
      'retentionRuleId',
      'UNKNOWN_REFERENCE',
    );
    expectProblem(
      await dpo.post('/api/registers/activities').send(activityBody(policyId, { subjectCategories: [] })),
      422,
      'subjectCategories',
      'REQUIRED',
    );
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(NOWHERE)),
      422,
      'policyId',
      'UNKNOWN_REFERENCE',
    );
    expectProblem(
      await dpo
        .post('/api/registers/processors')
        .send(processorBody(policyId, { dpaSignedOn: '2026-05-01', dpaExpiresOn: '2026-04-01' })),
      422,
      'dpaExpiresOn',
      'DATE_ORDER',
    );
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(policyId, { dpaSignedOn: '2026-02-30' })),
      422,
      'dpaSignedOn',
      'INVALID_DATE',
    );
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(policyId, { recipient: { ko: ' ', en: '' } })),
      422,
      'recipient',
      'REQUIRED',
    );
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(policyId, { missingTerms: [] })),
      422,
      'missingTerms',
      'UNKNOWN_FIELD',
    );
    expectProblem(
      await dpo.post('/api/legal-disclosures').send(disclosureBody({ disclosedOn: '2999-01-01' })),
      422,
      'disclosedOn',
      'IN_FUTURE',
    );
    expectProblem(
      await dpo.post('/api/legal-disclosures').send(disclosureBody({ subjectId: 'someone' })),
      422,
      'subjectId',
    );
    // Both are chosen with pickers: an id that names no one, or free text for the approver, is refused.
    expectProblem(
      await dpo
        .post('/api/legal-disclosures')
        .send(disclosureBody({ subjectId: '12345678-2222-4333-8444-555555555555' })),
      422,
      'subjectId',
      'UNKNOWN_REFERENCE',
    );
    expectProblem(
      await dpo
        .post('/api/legal-disclosures')
        .send(disclosureBody({ approvedById: '12345678-2222-4333-8444-555555555555' })),
      422,
      'approvedById',
      'UNKNOWN_REFERENCE',
    );
    expectProblem(
      await dpo.post('/api/legal-disclosures').send(disclosureBody({ approvedById: undefined, approvedBy: 'Kim' })),
      422,
      'approvedBy',
      'UNKNOWN_FIELD',
    );
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(policyId, { reason: 'x' })),
      422,
      'reason',
    );
    expectProblem(await dpo.get('/api/registers/processors').query({ asOf: 'yesterday' }), 422, 'asOf');
    expectProblem(await dpo.get('/api/registers/processors').query({ asOf: '0000-01-01' }), 422, 'asOf');
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(policyId, { dpaSignedOn: '0000-01-01' })),
      422,
      'dpaSignedOn',
      'INVALID_DATE',
    );
    // PostgreSQL text cannot hold NUL: refused as input at the edge, before validation, never a 500.
    expectProblem(
      await dpo.post('/api/registers/processors').send(processorBody(policyId, { recipient: { en: 'A\u0000B' } })),
      422,
      'recipient.en',
      'INVALID_CHARACTER',
    );
    expectProblem(
      await dpo
        .post('/api/registers/processors')
        .send(processorBody(policyId, { retention: { kind: 'until_purpose', text: { en: '\u0000' } } })),
      422,
      'retention.text.en',
    );
    expectProblem(
      await dpo.post('/api/legal-disclosures').send(disclosureBody({ reason: 'court\u0000order' })),
      422,
      'reason',
      'INVALID_CHARACTER',
    );
    expectProblem(
      await dpo.get('/api/registers/processors').query({ filter: '{"colour":"red"}' }),
      422,
      'filter.colour',
    );
    expectProblem(await dpo.get(`/api/registers/processors/${NOWHERE}`), 404);
    expectProblem(await dpo.get(`/api/registers/policies/${NOWHERE}/render`), 404);
    expectProblem(await dpo.get(`/api/registers/policies/${policyId}/render`).query({ lang: 'fr' }), 422, 'lang');
    expect(await snapshot()).toBe(before);

    // A processor cannot become a sub-processor of its own sub-processor.
    const parent = (await dpo.post('/api/registers/processors').send(processorBody(policyId)).expect(201)).body;
    const child = (
      await dpo
        .post('/api/registers/processors')
        .send(processorBody(policyId, { parentId: parent.id }))
        .expect(201)
    ).body;
    const afterRows = await snapshot();
    expectProblem(
      await dpo
        .put(`/api/registers/processors/${parent.id as string}`)
        .send(processorBody(policyId, { parentId: child.id, version: 1 })),
      422,
      'parentId',
      'CYCLE',
    );
    expectProblem(
      await dpo
        .put(`/api/registers/processors/${parent.id as string}`)
        .send(processorBody(policyId, { parentId: parent.id, version: 1 })),
      422,
      'parentId',
      'CYCLE',
    );
    expect(await snapshot()).toBe(afterRows);
  });

  it('answers malformed JSON, non-object bodies and a missing CSRF header on every write route with a 4xx', async () => {
    const before = await snapshot();
    for (const route of writeRoutes(policyId)) {
      const send = (body: string) => dpo[route.method](route.path).set('content-type', 'application/json').send(body);
      expectProblem(await send('{"policyId": '), 400);
      for (const body of ['[1,2,3]', '"text"', 'null', '42']) {
        const res = await send(body);
        expect({ route: route.path, body, status: res.status >= 400 && res.status < 500 }).toEqual({
          route: route.path,
          body,
          status: true,
        });
      }
      const noCsrf = await request(server.url)[route.method](route.path).send({});
      expectProblem(noCsrf, 403);
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers any generated junk body with a 4xx and writes nothing (fast-check)', async () => {
    // Every table, the access log included (flushed from the inbox): it may only gain the refusals.
    const before = await snapshotDatabase(server);
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant("' OR 1=1 --"),
      fc.constant('=HYPERLINK("http://evil")'),
      fc.constant('<script>alert(1)</script>'),
      fc.constant('nul \u0000 byte'),
      fc.constant('0000-01-01'),
      fc.constant(policyId),
      fc.constant({ kind: 'duration', period: 'P1Y' }),
      fc.constant({ ko: '가', en: 'a' }),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.object({ maxDepth: 2 }),
    );
    const junk = fc.oneof(
      fc.anything(),
      junkBody,
      refusedBody,
      fc.dictionary(
        fc.constantFrom(
          'policyId',
          'parentId',
          'recipient',
          'task',
          'country',
          'retention',
          'pipaBasis',
          'gdprMechanism',
          'derogation',
          'contractTerms',
          'status',
          'dataCategories',
          'processorIds',
          'subjectId',
          'disclosedOn',
          'version',
          'reason',
          'document',
          'markdown',
          'code',
          'layout',
          '__proto__',
          'constructor',
        ),
        value,
        { maxKeys: 8 },
      ),
    );
    // The drift check only reads: a body with just a Markdown string is valid there.
    const routes = writeRoutes(policyId).filter((r) => !r.path.endsWith('/drift'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), junk, async (route, body) => {
        const res = await dpo[route.method](route.path)
          .set('content-type', 'application/json')
          .send(JSON.stringify(body) ?? 'null');
        expect({ route: route.path, status: res.status >= 400 && res.status < 500 }).toEqual({
          route: route.path,
          status: true,
        });
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
    expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
  });
});

/**
 * Every register write route. A generated body could happen to be valid, so edits aim at a row
 * that does not exist and the profile import at a profile that does not exist: 404, nothing written.
 */
function writeRoutes(policyId: string): { method: 'post' | 'put'; path: string }[] {
  return [
    { method: 'post', path: '/api/registers/policies' },
    { method: 'put', path: `/api/registers/policies/${NOWHERE}` },
    { method: 'post', path: '/api/registers/processors' },
    { method: 'put', path: `/api/registers/processors/${NOWHERE}` },
    { method: 'post', path: '/api/registers/provisions' },
    { method: 'put', path: `/api/registers/provisions/${NOWHERE}` },
    { method: 'post', path: '/api/registers/transfers' },
    { method: 'put', path: `/api/registers/transfers/${NOWHERE}` },
    { method: 'post', path: '/api/registers/activities' },
    { method: 'put', path: `/api/registers/activities/${NOWHERE}` },
    { method: 'post', path: '/api/legal-disclosures' },
    { method: 'put', path: `/api/legal-disclosures/${NOWHERE}` },
    { method: 'post', path: '/api/registers/import' },
    { method: 'post', path: '/api/registers/profiles/nobody/import' },
    { method: 'post', path: `/api/registers/policies/${policyId}/drift` },
  ];
}
