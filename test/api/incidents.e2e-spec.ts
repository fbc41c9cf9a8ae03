import { randomBytes, randomUUID } from 'node:crypto';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import type { Role } from '../../server/src/authorization/roles';
import { FakeClock } from '../support/fake-clock';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';

/**
 * Incidents over HTTP on the real database, with a fixed clock (Tuesday 20 October 2026, 12:00
 * in Seoul): the facts and their checks, the notifications each regime's thresholds require and
 * their deadlines, a change of facts that adds one (900 → 1,200 people adds the PIPC/KISA
 * report), the DPO's decisions, late notices, closing, the append-only timeline, the checklist
 * with sealed evidence, who may do what, and the access log in the same transaction.
 */
describe('incidents', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  const as = (role: Role) => clients.get(role)!;

  const NOW = '2026-10-20T03:00:00.000Z';
  // Monday 19 October 2026, 10:00 in Seoul.
  const AWARE = '2026-10-19T01:00:00.000Z';
  const facts = (overrides: Record<string, unknown> = {}) => ({
    title: 'Misdirected customer list',
    detectedAt: '2026-10-19T00:30:00Z',
    awareAt: AWARE,
    reporter: 'Help desk',
    vector: 'insider',
    regimes: ['KR-PIPA'],
    affectedEstimated: 900,
    riskLevel: 'medium',
    ...overrides,
  });
  const open = async (overrides: Record<string, unknown> = {}, role: Role = 'security') =>
    (await as(role).post('/api/incidents').send(facts(overrides)).expect(201)).body as Detail;
  const obligation = (d: Detail, code: string) => d.obligations.find((o) => o.code === code);
  const codes = (d: Detail, status = 'pending') => d.obligations.filter((o) => o.status === status).map((o) => o.code);
  const events = async (where: string, args: unknown[] = []): Promise<CanonicalAuditEvent[]> => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      `SELECT canonical FROM audit_events WHERE ${where} ORDER BY seq`,
      args,
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  };
  const incidentEvents = (id: string) =>
    events(
      `resource IN ('incident', 'incident-evidence') AND outcome = 'success' AND convert_from(canonical, 'UTF8') LIKE $1`,
      [`%${id}%`],
    );

  interface Detail {
    id: string;
    reference: string;
    status: string;
    version: number;
    euRisk: string;
    obligations: {
      code: string;
      legalSource: { ko: string; en: string };
      status: string;
      dueAt: string | null;
      clock: { state: string | null; hoursLeft: number | null };
      grounds: Record<string, unknown>;
      late: boolean;
      lateReason: string | null;
    }[];
    tasks: { id: string; version: number; completedAt: string | null; evidence: { id: string }[] }[];
    timeline: { id: string; kind: string; detail: Record<string, unknown> }[];
    can: Record<string, boolean>;
  }

  beforeAll(async () => {
    clock = new FakeClock(Date.parse(NOW));
    server = await startTestServer({ clock, env: { AUDIT_SEQUENCER: 'false', ORG_TIME_ZONE: 'Asia/Seoul' } });
    await signInEveryRole(server, clients, { ids });
  });
  afterAll(() => server.close());

  it('opens an incident with a reference, its KR notice clock 72 hours from awareness and the timeline', async () => {
    const d = await open();
    expect(d.reference).toMatch(/^IN-2026-\d{6}$/);
    expect(d.status).toBe('open');
    expect(codes(d)).toEqual(['kr_subjects']);
    const kr = obligation(d, 'kr_subjects')!;
    expect(kr.dueAt).toBe('2026-10-22T01:00:00.000Z');
    // 26 h after awareness (12:00 on the 20th in Seoul): 46 whole hours left.
    expect(kr.clock).toEqual({ dueAt: kr.dueAt, hoursLeft: 46, state: 'on_time' });
    // Cited in both languages, from the rules table.
    expect(kr.legalSource).toEqual({
      ko: '「개인정보 보호법」 제34조제1항, 같은 법 시행령 제39조제1항',
      en: 'PIPA Art. 34(1); Enforcement Decree Art. 39(1)',
    });
    expect(d.timeline.map((e) => e.kind)).toEqual(['opened', 'obligation_added']);
    const list = await as('auditor')
      .get('/api/incidents')
      .query({ filter: JSON.stringify({ q: d.reference }) });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      id: d.id,
      nearestClock: { code: 'kr_subjects', state: 'on_time' },
      tasks: { open: 0, total: 0 },
    });
  });

  it('adds the PIPC/KISA report when 900 affected people grow to 1,200, with the change in the timeline', async () => {
    const d = await open();
    expect(codes(d)).toEqual(['kr_subjects']);
    const res = await as('security')
      .patch(`/api/incidents/${d.id}`)
      .send({ affectedConfirmed: 1200, version: d.version })
      .expect(200);
    const after = res.body as Detail;
    expect(codes(after)).toEqual(['kr_subjects', 'kr_regulator']);
    expect(obligation(after, 'kr_regulator')).toMatchObject({
      dueAt: '2026-10-22T01:00:00.000Z',
      grounds: { affectedCount: 1200 },
    });
    const tail = after.timeline.slice(-2);
    expect(tail.map((e) => e.kind)).toEqual(['facts_changed', 'obligation_added']);
    expect(tail[0].detail).toEqual({ changes: { affectedConfirmed: { from: null, to: 1200 } } });
    expect(tail[1].detail).toMatchObject({ code: 'kr_regulator' });

    // Back under the threshold: withdrawn (the row stays), then required again: reinstated.
    const down = await as('security')
      .patch(`/api/incidents/${d.id}`)
      .send({ affectedConfirmed: 950, version: after.version })
      .expect(200);
    expect(obligation(down.body as Detail, 'kr_regulator')!.status).toBe('withdrawn');
    expect((down.body as Detail).timeline.at(-1)).toMatchObject({ kind: 'obligation_withdrawn' });
  });

  it('requires the KR regulator report for sensitive data, unique identifiers or hacking from outside', async () => {
    for (const extra of [{ sensitiveData: true }, { uniqueIdentifiers: true }, { vector: 'outside_hacking' }]) {
      const d = await open({ affectedEstimated: 12, ...extra });
      expect({ extra, codes: codes(d) }).toEqual({ extra, codes: ['kr_subjects', 'kr_regulator'] });
    }
    expect(codes(await open({ affectedEstimated: 12 }))).toEqual(['kr_subjects']);
  });

  it('GDPR: the authority within 72 h unless the DPO finds no likely risk, the people when the risk is high', async () => {
    const d = await open({ regimes: ['EU-GDPR'], affectedEstimated: 40 });
    expect(codes(d)).toEqual(['eu_authority']);
    // Security runs the incident but does not decide.
    await as('security')
      .post(`/api/incidents/${d.id}/assessment`)
      .send({ euRisk: 'unlikely', reasons: 'Encrypted laptop, key not lost' })
      .expect(403);
    const unlikely = await as('dpo')
      .post(`/api/incidents/${d.id}/assessment`)
      .send({ euRisk: 'unlikely', reasons: 'Encrypted laptop, key not lost' })
      .expect(200);
    expect(obligation(unlikely.body as Detail, 'eu_authority')!.status).toBe('withdrawn');
    expect((unlikely.body as Detail).timeline.map((e) => e.kind).slice(-2)).toEqual([
      'decision',
      'obligation_withdrawn',
    ]);
    const high = await as('dpo')
      .post(`/api/incidents/${d.id}/assessment`)
      .send({ euRisk: 'high', reasons: 'Health data readable' })
      .expect(200);
    expect(codes(high.body as Detail)).toEqual(['eu_authority', 'eu_subjects']);
    // Encrypted data spares the notice to people (Art. 34(3)(a)).
    const encrypted = await as('security')
      .patch(`/api/incidents/${d.id}`)
      .send({ dataEncrypted: true, version: (high.body as Detail).version })
      .expect(200);
    expect(codes(encrypted.body as Detail)).toEqual(['eu_authority']);
  });

  it('HIPAA: individuals in 60 days, HHS and the media at 500 or more, the yearly log below', async () => {
    const big = await open({ regimes: ['US-HIPAA'], affectedEstimated: 600, usLargestStateCount: 501 });
    expect(codes(big)).toEqual(['us_individuals', 'us_hhs', 'us_media']);
    // Aware on 19 Oct in Seoul: 60 days is 18 Dec, to its end in Seoul.
    expect(obligation(big, 'us_individuals')!.dueAt).toBe('2026-12-18T15:00:00.000Z');
    const small = await open({ regimes: ['US-HIPAA'], affectedEstimated: 499 });
    expect(codes(small)).toEqual(['us_individuals', 'us_hhs_yearly_log']);
    // 60 days after the end of 2026: 1 March 2027.
    expect(obligation(small, 'us_hhs_yearly_log')!.dueAt).toBe('2027-03-01T15:00:00.000Z');
  });

  it('refuses awareness before detection, and negative, fractional or absurd counts', async () => {
    const aware = await as('security')
      .post('/api/incidents')
      .send(facts({ detectedAt: '2026-10-19T02:00:00Z', awareAt: '2026-10-19T01:00:00Z' }))
      .expect(422);
    expect(aware.body.code).toBe('AWARE_BEFORE_DETECTION');
    expect(aware.body.errors[0].field).toBe('awareAt');
    for (const [field, value] of [
      ['affectedEstimated', -1],
      ['affectedEstimated', 1.5],
      ['affectedEstimated', 100_000_001],
      ['affectedEstimated', 1e308],
      ['affectedConfirmed', -5],
      ['usLargestStateCount', 2 ** 53],
    ] as const) {
      const res = await as('security')
        .post('/api/incidents')
        .send(facts({ [field]: value }));
      expect({ field, value, status: res.status, code: res.body.code, named: res.body.errors?.[0]?.field }).toEqual({
        field,
        value,
        status: 422,
        code: 'AFFECTED_COUNT_INVALID',
        named: field,
      });
    }
    // A count correction is checked the same way.
    const d = await open();
    const patch = await as('security')
      .patch(`/api/incidents/${d.id}`)
      .send({ affectedConfirmed: -1, version: d.version });
    expect(patch.status).toBe(422);
    expect(patch.body.code).toBe('AFFECTED_COUNT_INVALID');
    const later = await as('security')
      .patch(`/api/incidents/${d.id}`)
      .send({ awareAt: '2026-10-19T00:00:00Z', version: d.version });
    expect(later.body.code).toBe('AWARE_BEFORE_DETECTION');
  });

  it('answers bad text and odd values with 4xx, never 500', async () => {
    const bodies = [
      facts({ title: 'bad\u0000title' }),
      facts({ title: 'lone \ud800 surrogate' }),
      facts({ affectedEstimated: '900' }),
      facts({ regimes: ['XX'] }),
      facts({ vector: 'aliens' }),
      facts({ awareAt: '2026-10-19T01:00:00' }),
      facts({ processorIds: [randomUUID()] }),
      facts({ ownerId: randomUUID() }),
      facts({ anomaly: { month: '2026-13', actorId: 'x' } }),
    ];
    for (const body of bodies) {
      const res = await as('security').post('/api/incidents').send(body);
      expect({ body, status: res.status >= 400 && res.status < 500 }).toEqual({ body, status: true });
    }
  });

  it('refuses a stale version (409) and changes nothing', async () => {
    const d = await open();
    await as('security').patch(`/api/incidents/${d.id}`).send({ riskLevel: 'high', version: d.version }).expect(200);
    const stale = await as('security').patch(`/api/incidents/${d.id}`).send({ riskLevel: 'low', version: d.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const now = (await as('security').get(`/api/incidents/${d.id}`).expect(200)).body as Detail & { riskLevel: string };
    expect(now.riskLevel).toBe('high');
    await as('security').post(`/api/incidents/${d.id}/status`).send({ status: 'contained', version: 1 }).expect(409);
  });

  it('wants a reason for a notice done after its deadline', async () => {
    // Aware on 15 October: the 72 hours ended on the 18th.
    const d = await open({ awareAt: '2026-10-15T01:00:00Z', detectedAt: '2026-10-15T00:00:00Z', sensitiveData: true });
    expect(obligation(d, 'kr_subjects')!.clock.state).toBe('overdue');
    const bare = await as('dpo').post(`/api/incidents/${d.id}/obligations/kr_subjects/done`).send({}).expect(422);
    expect(bare.body.code).toBe('LATE_REASON_REQUIRED');
    expect(bare.body.errors[0].field).toBe('lateReason');
    const done = await as('dpo')
      .post(`/api/incidents/${d.id}/obligations/kr_subjects/done`)
      .send({ lateReason: 'Contact details were recovered only on the 19th' })
      .expect(200);
    expect(obligation(done.body as Detail, 'kr_subjects')).toMatchObject({ status: 'done', late: true });
    // Done within its time it needs none.
    const onTime = await as('dpo')
      .post(`/api/incidents/${d.id}/obligations/kr_regulator/done`)
      .send({ doneAt: '2026-10-17T09:00:00+09:00', externalReference: 'KISA-2026-1234' })
      .expect(200);
    expect(obligation(onTime.body as Detail, 'kr_regulator')).toMatchObject({ status: 'done', late: false });
    // Twice is refused.
    await as('dpo').post(`/api/incidents/${d.id}/obligations/kr_regulator/done`).send({}).expect(409);
    await as('dpo').post(`/api/incidents/${d.id}/obligations/eu_authority/done`).send({}).expect(404);
  });

  it('closes only with the review and the register fields, and with no notification pending', async () => {
    const d = await open();
    const review = {
      lessonsLearned: 'Check the recipient list before sending',
      registerFacts: 'A customer list was e-mailed to the wrong partner',
      registerEffects: 'Names and phone numbers of 900 customers seen by one partner',
      registerRemedialAction: 'Partner confirmed deletion; recipient check added',
    };
    const none = await as('security').post(`/api/incidents/${d.id}/close`).send({ version: d.version }).expect(422);
    expect(none.body.code).toBe('CLOSE_REVIEW_REQUIRED');
    expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'lessonsLearned',
      'registerFacts',
      'registerEffects',
      'registerRemedialAction',
    ]);
    const partial = await as('security')
      .post(`/api/incidents/${d.id}/close`)
      .send({ ...review, registerEffects: '  ', version: d.version })
      .expect(422);
    expect(partial.body.errors.map((e: { field: string }) => e.field)).toEqual(['registerEffects']);
    const pending = await as('security')
      .post(`/api/incidents/${d.id}/close`)
      .send({ ...review, version: d.version })
      .expect(409);
    expect(pending.body.code).toBe('OBLIGATIONS_PENDING');
    expect(pending.body.pending).toBe('kr_subjects');
    // Security does not decide that a notice is not required; the DPO does, with reasons.
    await as('security')
      .post(`/api/incidents/${d.id}/obligations/kr_subjects/not-required`)
      .send({ reasons: 'Nobody affected after all' })
      .expect(403);
    const decided = await as('dpo')
      .post(`/api/incidents/${d.id}/obligations/kr_subjects/not-required`)
      .send({ reasons: 'The partner never opened the file (their log)' })
      .expect(200);
    const closed = await as('security')
      .post(`/api/incidents/${d.id}/close`)
      .send({ ...review, version: (decided.body as Detail).version })
      .expect(200);
    expect((closed.body as Detail).status).toBe('closed');
    expect((closed.body as Detail).timeline.at(-1)!.kind).toBe('closed');
    expect((closed.body as Detail).can).toEqual({
      update: false,
      decide: false,
      notify: false,
      close: false,
      selectPeople: false,
    });
    // Closed stays closed.
    const again = await as('security')
      .patch(`/api/incidents/${d.id}`)
      .send({ riskLevel: 'low', version: (closed.body as Detail).version });
    expect(again.status).toBe(409);
  });

  it('never edits the timeline: 409 naming the rule, and the database refuses too', async () => {
    const d = await open();
    const entry = d.timeline[0].id;
    for (const method of ['put', 'patch', 'delete'] as const) {
      const call = as('security')[method](`/api/incidents/${d.id}/timeline/${entry}`);
      const res = await (method === 'delete' ? call : call.send({ note: 'Corrected wording' }));
      expect({ method, status: res.status, code: res.body.code }).toEqual({
        method,
        status: 409,
        code: 'TIMELINE_APPEND_ONLY',
      });
    }
    const note = await as('security')
      .post(`/api/incidents/${d.id}/timeline`)
      .send({ note: 'Partner called back' })
      .expect(201);
    expect((note.body as Detail).timeline.at(-1)).toMatchObject({
      kind: 'note',
      detail: { note: 'Partner called back' },
    });
    await expect(
      server.db.query(`UPDATE incident_timeline SET kind = 'edited' WHERE id = $1`, [entry]),
    ).rejects.toThrow(/append-only/);
    await expect(server.db.query(`DELETE FROM incident_timeline WHERE id = $1`, [entry])).rejects.toThrow(
      /append-only/,
    );
  });

  it('keeps a checklist: tasks, completion in the timeline, evidence sealed and its download logged', async () => {
    const d = await open();
    const added = await as('security')
      .post(`/api/incidents/${d.id}/tasks`)
      .send({
        phase: 'containment_eradication_recovery',
        title: 'Ask the partner to delete the file',
        dueAt: '2026-10-20T09:00:00Z',
      })
      .expect(201);
    const task = (added.body as Detail).tasks[0];
    await as('security')
      .patch(`/api/incidents/${d.id}/tasks/${task.id}`)
      .send({ completed: true, version: task.version + 1 })
      .expect(409);
    const done = await as('security')
      .patch(`/api/incidents/${d.id}/tasks/${task.id}`)
      .send({
        completed: true,
        note: 'Deleted, confirmed by phone',
        assigneeId: ids.get('security'),
        version: task.version,
      })
      .expect(200);
    expect((done.body as Detail).tasks[0].completedAt).toBe(NOW);
    expect((done.body as Detail).timeline.map((e) => e.kind).slice(-2)).toEqual(['task_updated', 'task_completed']);
    await as('security')
      .patch(`/api/incidents/${d.id}/tasks/${task.id}`)
      .send({ assigneeId: ids.get('support'), version: task.version + 1 })
      .expect(422);

    const secret = `partner-log ${randomBytes(8).toString('hex')}`;
    const attached = await as('security')
      .post(`/api/incidents/${d.id}/tasks/${task.id}/evidence`)
      .send({
        fileName: 'partner-log.txt',
        mediaType: 'text/plain',
        contentBase64: Buffer.from(secret).toString('base64'),
      })
      .expect(201);
    const evidenceId = (attached.body as Detail).tasks[0].evidence[0].id;
    const [stored]: { content_sealed: Buffer; sha256: string }[] = await server.db.query(
      'SELECT content_sealed, sha256 FROM incident_task_evidence WHERE id = $1',
      [evidenceId],
    );
    expect(stored.content_sealed.toString('utf8')).not.toContain(secret);
    expect(stored.content_sealed.toString('latin1')).not.toContain(Buffer.from(secret).toString('base64'));
    // The auditor reads the incident, not its evidence (it may show personal data).
    await as('auditor').get(`/api/incidents/${d.id}/tasks/${task.id}/evidence/${evidenceId}`).expect(403);
    const file = await as('dpo')
      .get(`/api/incidents/${d.id}/tasks/${task.id}/evidence/${evidenceId}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((file.body as Buffer).toString('utf8')).toBe(secret);
    const downloads = await events(`resource = 'incident-evidence' AND action = 'download'`);
    expect(downloads.at(-1)!.detail).toMatchObject({ incidentId: d.id, evidenceId, sha256: stored.sha256 });
    const big = Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64');
    const tooBig = await as('security')
      .post(`/api/incidents/${d.id}/tasks/${task.id}/evidence`)
      .send({ fileName: 'big.bin', mediaType: 'application/octet-stream', contentBase64: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('EVIDENCE_TOO_LARGE');
    // Up to 5 MB goes through, above the 1 MB every other route takes.
    const large = Buffer.alloc(5 * 1024 * 1024, 7);
    await as('security')
      .post(`/api/incidents/${d.id}/tasks/${task.id}/evidence`)
      .send({ fileName: 'disk.img', mediaType: 'application/octet-stream', contentBase64: large.toString('base64') })
      .expect(201);
    // Elsewhere the general limit holds.
    await as('security')
      .post(`/api/incidents/${d.id}/timeline`)
      .send({ note: 'x'.repeat(2_000_000) })
      .expect(413);
  });

  it('lets security and the DPO work, the auditor read, and support and sysadmin nothing', async () => {
    const d = await open();
    for (const role of ['support', 'sysadmin'] as const) {
      const calls = [
        as(role).get('/api/incidents'),
        as(role).get(`/api/incidents/${d.id}`),
        as(role).post('/api/incidents').send(facts()),
        as(role).patch(`/api/incidents/${d.id}`).send({ riskLevel: 'low', version: d.version }),
        as(role).post(`/api/incidents/${d.id}/timeline`).send({ note: 'x' }),
        as(role).post(`/api/incidents/${d.id}/obligations/kr_subjects/done`).send({}),
        as(role).get(`/api/incidents/${randomUUID()}`),
      ];
      for (const call of calls) expect({ role, status: (await call).status }).toEqual({ role, status: 403 });
    }
    await as('auditor').get(`/api/incidents/${d.id}`).expect(200);
    await as('auditor').get(`/api/incidents/${randomUUID()}`).expect(404);
    await as('auditor').post('/api/incidents').send(facts()).expect(403);
    await as('auditor').patch(`/api/incidents/${d.id}`).send({ riskLevel: 'low', version: d.version }).expect(403);
    await as('auditor').post(`/api/incidents/${d.id}/timeline`).send({ note: 'x' }).expect(403);
    await as('auditor').post(`/api/incidents/${d.id}/close`).send({ version: d.version }).expect(403);
    const seen = (await as('auditor').get(`/api/incidents/${d.id}`).expect(200)).body as Detail;
    expect(seen.can).toEqual({ update: false, decide: false, notify: false, close: false, selectPeople: false });
    const dpoView = (await as('dpo').get(`/api/incidents/${d.id}`).expect(200)).body as Detail;
    expect(dpoView.can).toEqual({ update: true, decide: true, notify: true, close: true, selectPeople: true });
    // Security runs the incident and sends the notices, but the decisions stay the DPO's: no
    // `decide` on the detail, and the facts route does not carry the EU risk assessment.
    const securityView = (await as('security').get(`/api/incidents/${d.id}`).expect(200)).body as Detail;
    expect(securityView.can).toEqual({ update: true, decide: false, notify: true, close: true, selectPeople: true });
    const smuggled = await as('security')
      .patch(`/api/incidents/${d.id}`)
      .send({ euRisk: 'unlikely', euRiskReasons: 'not a decision route', version: securityView.version })
      .expect(422);
    expect(smuggled.body.code).toBe('VALIDATION_FAILED');
    expect(((await as('dpo').get(`/api/incidents/${d.id}`).expect(200)).body as Detail).euRisk).toBe('unassessed');
    // The DPO may correct facts too, but does not open incidents.
    await as('dpo').post('/api/incidents').send(facts()).expect(403);
  });

  it('writes an access-log event for each read and change, in the same transaction as the change', async () => {
    const d = await open();
    const count = async () => (await incidentEvents(d.id)).length;
    const base = await count();
    expect(base).toBe(1); // the create
    await as('auditor').get(`/api/incidents/${d.id}`).expect(200);
    await as('security')
      .post(`/api/incidents/${d.id}/status`)
      .send({ status: 'investigating', version: d.version })
      .expect(200);
    expect(await count()).toBe(base + 2);
    // A refused change writes no success event and leaves no trace in the timeline.
    await as('security')
      .post(`/api/incidents/${d.id}/status`)
      .send({ status: 'contained', version: d.version })
      .expect(409);
    await as('dpo')
      .post(`/api/incidents/${d.id}/obligations/kr_subjects/done`)
      .send({ doneAt: '2026-10-30T00:00:00Z' })
      .expect(422);
    expect(await count()).toBe(base + 2);
    const after = (await as('security').get(`/api/incidents/${d.id}`).expect(200)).body as Detail;
    expect(after.timeline.map((e) => e.kind)).toEqual(['opened', 'obligation_added', 'status_changed']);
    const list = await events(`resource = 'incident' AND action = 'view' AND outcome = 'success'`);
    expect(list.length).toBeGreaterThan(0);
  });

  it('lets a complaint link only an incident that exists', async () => {
    const d = await open();
    const complaint = {
      channel: 'email',
      category: 'security',
      severity: 'high',
      summary: 'My data was sent elsewhere',
    };
    const bad = await as('dpo')
      .post('/api/complaints')
      .send({ ...complaint, incidentId: randomUUID() })
      .expect(422);
    expect(bad.body.errors[0].field).toBe('incidentId');
    const good = await as('dpo')
      .post('/api/complaints')
      .send({ ...complaint, incidentId: d.id })
      .expect(201);
    const patched = await as('dpo')
      .patch(`/api/complaints/${good.body.id as string}`)
      .send({ incidentId: randomUUID() });
    expect(patched.status).toBe(422);
    expect(patched.body.errors[0].field).toBe('incidentId');
  });
});
