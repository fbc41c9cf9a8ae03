import { randomUUID } from 'node:crypto';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import type { Role } from '../../server/src/authorization/roles';
import { FakeClock } from '../support/fake-clock';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

const SECRET_TEXT = 'Complainant 김민지 says her counselling notes were shown to her employer';

/**
 * The DPO's complaint inbox over HTTP on the real database: who may do what (support records
 * complaints but works none; security and sysadmin see none; the auditor reads the records
 * without the complainant's words), the 10-day target on the Korean calendar with fixed dates,
 * resolution required to resolve, escalations append-only, links that must exist, the access log
 * under the linked person, the monthly summary and the DPO's dashboard ages.
 */
describe('complaints', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  let subjectId: string;
  const c: Record<string, string> = {};

  const as = (role: Role) => clients.get(role)!;
  const intake = (overrides: Record<string, unknown> = {}) => ({
    channel: 'email',
    category: 'access_refused',
    severity: 'medium',
    summary: SECRET_TEXT,
    ...overrides,
  });
  const events = async (where: string, args: unknown[]): Promise<CanonicalAuditEvent[]> => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      `SELECT canonical FROM audit_events WHERE ${where} ORDER BY seq`,
      args,
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  };

  beforeAll(async () => {
    // Tuesday 20 October 2026, 12:00 in Seoul.
    clock = new FakeClock(Date.parse('2026-10-20T03:00:00Z'));
    server = await startTestServer({ clock, env: { AUDIT_SEQUENCER: 'false' } });
    await signInEveryRole(server, clients, { ids });
    ({ id: subjectId } = await createSubject(server, { name: '김민지' }));
  });
  afterAll(() => server.close());

  it('sets the 10-day target on the calendar in Seoul, rolled past weekends and holidays', async () => {
    const cases = [
      // Wed 23 Sep + 10 = Sat 3 Oct (개천절); Sun 4; Mon 5 is its substitute holiday: Tue 6 Oct.
      { key: 'c1', receivedAt: '2026-09-23T10:00:00+09:00', targetOn: '2026-10-06', category: 'access_refused' },
      // Fri 2 Oct + 10 = Mon 12 Oct (Hangul Day on the 9th is inside the period, not at its end).
      { key: 'c2', receivedAt: '2026-10-02T10:00:00+09:00', targetOn: '2026-10-12', category: 'unwanted_marketing' },
      // Thu 15 Oct + 10 = Sun 25 Oct: Mon 26 Oct.
      { key: 'c3', receivedAt: '2026-10-15T09:00:00+09:00', targetOn: '2026-10-26', category: 'consent' },
      // 08:00 on Tue 20 Oct in Seoul is still 19 Oct in UTC: Seoul's day counts, so Fri 30 Oct (not the 29th).
      { key: 'c4', receivedAt: '2026-10-19T23:00:00Z', targetOn: '2026-10-30', category: 'security' },
    ];
    const severities: Record<string, string> = { c1: 'high', c2: 'medium', c3: 'low', c4: 'critical' };
    for (const k of cases) {
      const res = await as(k.key === 'c4' ? 'support' : 'dpo')
        .post('/api/complaints')
        .send(
          intake({
            receivedAt: k.receivedAt,
            category: k.category,
            severity: severities[k.key],
            ...(k.key === 'c1' ? { subjectId } : {}),
          }),
        )
        .expect(201);
      expect({ key: k.key, targetOn: res.body.targetOn }).toEqual({ key: k.key, targetOn: k.targetOn });
      expect(res.body.reference).toMatch(/^CP-2026-\d{6}$/);
      c[k.key] = res.body.id as string;
    }
    const { body } = await as('dpo').get(`/api/complaints/${c.c4}`).expect(200);
    expect(body).toMatchObject({ status: 'open', targetOn: '2026-10-30', target: { daysLeft: 10, state: 'on_time' } });
    const late = await as('dpo').get(`/api/complaints/${c.c1}`).expect(200);
    expect(late.body.target).toEqual({ daysLeft: -14, state: 'overdue' });
  });

  it('lets support record a complaint but not read, change, resolve or escalate one', async () => {
    await as('support').get('/api/complaints').expect(403);
    await as('support').get(`/api/complaints/${c.c4}`).expect(403);
    await as('support').patch(`/api/complaints/${c.c4}`).send({ severity: 'low' }).expect(403);
    await as('support').post(`/api/complaints/${c.c4}/resolve`).send({ resolution: 'Done by support' }).expect(403);
    await as('support').post(`/api/complaints/${c.c4}/escalations`).send({ body: 'kisa_118' }).expect(403);
    await as('support')
      .put(`/api/complaints/${c.c4}/assignee`)
      .send({ assigneeId: ids.get('support') })
      .expect(403);
  });

  it('refuses security and sysadmin everything about complaints', async () => {
    for (const role of ['security', 'sysadmin'] as const) {
      await as(role).get('/api/complaints').expect(403);
      await as(role).get(`/api/complaints/${c.c1}`).expect(403);
      await as(role).get('/api/complaints/summary').query({ month: '2026-10' }).expect(403);
      await as(role).post('/api/complaints').send(intake()).expect(403);
      await as(role).post(`/api/complaints/${c.c1}/resolve`).send({ resolution: 'No way' }).expect(403);
    }
  });

  it("lets the auditor read the records without the complainant's words, and change nothing", async () => {
    const list = await as('auditor').get('/api/complaints').expect(200);
    expect(list.body).toHaveLength(4);
    const { body } = await as('auditor').get(`/api/complaints/${c.c1}`).expect(200);
    expect(body.reference).toMatch(/^CP-/);
    expect(body).not.toHaveProperty('summary');
    expect(body).not.toHaveProperty('resolution');
    expect(JSON.stringify(body)).not.toContain('김민지');
    const dpo = await as('dpo').get(`/api/complaints/${c.c1}`).expect(200);
    expect(dpo.body.summary).toBe(SECRET_TEXT);
    await as('auditor').post('/api/complaints').send(intake()).expect(403);
    await as('auditor').post(`/api/complaints/${c.c1}/resolve`).send({ resolution: 'Auditor resolves' }).expect(403);
    await as('auditor').patch(`/api/complaints/${c.c1}`).send({ severity: 'low' }).expect(403);
  });

  it('keeps the summary text out of lists and out of the access log', async () => {
    const list = await as('dpo').get('/api/complaints').expect(200);
    expect(JSON.stringify(list.body)).not.toContain('counselling notes');
    const all = await events("resource = 'complaint'", []);
    expect(all.length).toBeGreaterThan(0);
    expect(JSON.stringify(all)).not.toContain('counselling notes');
  });

  it('writes an access-log event under the linked person for every read of their complaint', async () => {
    const before = (await events('subject_id = $1', [`subject:${subjectId}`])).length;
    await as('dpo').get(`/api/complaints/${c.c1}`).expect(200);
    await as('auditor').get(`/api/complaints/${c.c1}`).expect(200);
    const after = await events('subject_id = $1', [`subject:${subjectId}`]);
    expect(after.slice(before).map((e) => [e.actorRole, e.action, e.resource])).toEqual([
      ['dpo', 'view', 'complaint'],
      ['auditor', 'view', 'complaint'],
    ]);
    expect(after.slice(before)[1].fields).toEqual([]);
  });

  it('counts open complaints by age and overdue on the DPO dashboard', async () => {
    const { body } = await as('dpo').get('/api/dashboard/dpo').expect(200);
    // Ages on 20 Oct: c4 0 days, c3 5, c2 18, c1 27; c1 and c2 are past their targets.
    expect(body.complaints).toEqual({
      total: 4,
      byAge: [
        { age: '0_3', count: 1 },
        { age: '4_7', count: 1 },
        { age: '8_10', count: 0 },
        { age: 'over_10', count: 2 },
      ],
      overdue: 2,
    });
  });

  it('refuses to resolve without a resolution, and changes nothing', async () => {
    for (const body of [{}, { resolution: '   ' }]) {
      const res = await as('dpo').post(`/api/complaints/${c.c1}/resolve`).send(body);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['resolution']);
    }
    const { body } = await as('dpo').get(`/api/complaints/${c.c1}`).expect(200);
    expect(body).toMatchObject({ status: 'open', resolution: null, resolvedAt: null });
  });

  it('assigns to an active DPO only', async () => {
    const bad = await as('dpo')
      .put(`/api/complaints/${c.c1}/assignee`)
      .send({ assigneeId: ids.get('support') });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: 'COMPLAINT_LINK_UNKNOWN', errors: [{ field: 'assigneeId' }] });
    const { body } = await as('dpo')
      .put(`/api/complaints/${c.c1}/assignee`)
      .send({ assigneeId: ids.get('dpo') })
      .expect(200);
    expect(body.assignee).toEqual({ id: ids.get('dpo'), displayName: expect.any(String) });
    const mine = await as('dpo')
      .get('/api/complaints')
      .query({ filter: JSON.stringify({ assigneeId: ids.get('dpo') }) })
      .expect(200);
    expect(mine.body.map((r: { id: string }) => r.id)).toEqual([c.c1]);
    const overdue = await as('dpo')
      .get('/api/complaints')
      .query({ filter: JSON.stringify({ overdue: true }), sort: JSON.stringify(['targetOn', 'ASC']) })
      .expect(200);
    expect(overdue.body.map((r: { id: string }) => r.id)).toEqual([c.c1, c.c2]);
  });

  it('resolves with the resolution and its time, and then only closes', async () => {
    for (const key of ['c1', 'c2', 'c3']) {
      const { body } = await as('dpo')
        .post(`/api/complaints/${c[key]}/resolve`)
        .send({ resolution: 'Explained the access refusal and sent the records' })
        .expect(200);
      expect(body).toMatchObject({ status: 'resolved', resolvedAt: '2026-10-20T03:00:00.000Z', target: null });
      expect(body.resolvedOnTime).toBe(key === 'c3');
      expect(body.events.map((e: { kind: string }) => e.kind)).toContain('resolved');
    }
    const again = await as('dpo').post(`/api/complaints/${c.c1}/resolve`).send({ resolution: 'Twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('COMPLAINT_TRANSITION_REFUSED');
    const early = await as('dpo').patch(`/api/complaints/${c.c4}`).send({ status: 'closed' });
    expect(early.status).toBe(409);
    await as('dpo').patch(`/api/complaints/${c.c3}`).send({ status: 'closed' }).expect(200);
    await as('dpo').patch(`/api/complaints/${c.c3}`).send({ severity: 'high' }).expect(409);
  });

  it('records escalations to outside bodies as data, append-only', async () => {
    const eu = await as('dpo').post(`/api/complaints/${c.c2}/escalations`).send({ body: 'eu_supervisory_authority' });
    expect(eu.status).toBe(422);
    expect(eu.body.errors.map((e: { field: string }) => e.field)).toContain('authority');
    await as('dpo')
      .post(`/api/complaints/${c.c2}/escalations`)
      .send({ body: 'eu_supervisory_authority', authority: 'Data Protection Commission (Ireland)', reference: 'DPC-1' })
      .expect(201);
    const { body } = await as('dpo')
      .post(`/api/complaints/${c.c4}/escalations`)
      .send({ body: 'kisa_118', reference: '118-2026-7781', note: 'The complainant called 118 first' })
      .expect(201);
    expect(body.status).toBe('escalated');
    expect(body.escalations).toEqual([
      expect.objectContaining({
        body: 'kisa_118',
        reference: '118-2026-7781',
        note: 'The complainant called 118 first',
      }),
    ]);
    await as('dpo').post(`/api/complaints/${c.c3}/escalations`).send({ body: 'kopico' }).expect(409);
    const auditor = await as('auditor').get(`/api/complaints/${c.c4}`).expect(200);
    expect(auditor.body.escalations[0]).not.toHaveProperty('note');

    // No route edits or deletes one, and the database refuses it even to the owner.
    await as('dpo')
      .delete(`/api/complaints/${c.c4}/escalations/${body.escalations[0].id as string}`)
      .expect(404);
    await expect(server.db.query(`UPDATE complaint_escalations SET body = 'kopico'`)).rejects.toThrow(/append-only/);
    await expect(server.db.query('DELETE FROM complaint_escalations')).rejects.toThrow(/append-only/);
    await expect(server.db.query('DELETE FROM complaint_events')).rejects.toThrow(/append-only/);
  });

  it('sums up a month: categories, severities, statuses, on time or late, median days, escalations', async () => {
    const { body } = await as('dpo').get('/api/complaints/summary').query({ month: '2026-10' }).expect(200);
    expect(body).toEqual({
      month: '2026-10',
      timeZone: 'Asia/Seoul',
      // c2, c3, c4 (c1 came in September).
      received: 3,
      byCategory: {
        access_refused: 0,
        excessive_collection: 0,
        unwanted_marketing: 1,
        breach_concern: 0,
        consent: 1,
        third_party_sharing: 0,
        security: 1,
        other: 0,
      },
      bySeverity: { low: 1, medium: 1, high: 0, critical: 1 },
      byStatus: { open: 0, investigating: 0, resolved: 1, escalated: 1, closed: 1 },
      // Resolved on 20 Oct: c3 on time; c1 (target 6 Oct) and c2 (12 Oct) late.
      resolved: { onTime: 1, late: 2 },
      // 27 (c1), 18 (c2) and 5 (c3) days.
      medianDaysToResolve: 18,
      escalationsByBody: { kisa_118: 1, kopico: 0, police_cyber: 0, eu_supervisory_authority: 1 },
    });
    const september = await as('auditor').get('/api/complaints/summary').query({ month: '2026-09' }).expect(200);
    expect(september.body).toMatchObject({ received: 1, resolved: { onTime: 0, late: 0 }, medianDaysToResolve: null });
    const bad = await as('dpo').get('/api/complaints/summary').query({ month: '2026-13' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('month');
  });

  it('refuses links to a person or request that does not exist, naming the field', async () => {
    for (const field of ['subjectId', 'rightsRequestId']) {
      const res = await as('dpo')
        .post('/api/complaints')
        .send(intake({ [field]: randomUUID() }));
      expect({ field, status: res.status, code: res.body.code, errors: res.body.errors }).toEqual({
        field,
        status: 422,
        code: 'COMPLAINT_LINK_UNKNOWN',
        errors: [expect.objectContaining({ field })],
      });
    }
    const res = await as('dpo').patch(`/api/complaints/${c.c4}`).send({ subjectId: randomUUID() });
    expect(res.status).toBe(422);
    await as('dpo').get(`/api/complaints/${randomUUID()}`).expect(404);
  });

  it('answers bad input with a 4xx problem naming the field, and writes nothing', async () => {
    const [{ count: before }] = await server.db.query('SELECT count(*)::int AS count FROM complaints');
    const cases: [Record<string, unknown>, string][] = [
      [intake({ channel: 'fax' }), 'channel'],
      [intake({ category: 'rudeness' }), 'category'],
      [intake({ severity: 'extreme' }), 'severity'],
      [intake({ summary: undefined }), 'summary'],
      [intake({ summary: 'x'.repeat(4001) }), 'summary'],
      [intake({ summary: 'bell\u0007' }), 'summary'],
      [intake({ subjectId: 'not-a-uuid' }), 'subjectId'],
      [intake({ receivedAt: '2026-10-01T10:00:00' }), 'receivedAt'],
      [intake({ receivedAt: '2026-12-01T10:00:00+09:00' }), 'receivedAt'],
      [intake({ status: 'closed' }), 'status'],
    ];
    for (const [body, field] of cases) {
      const res = await as('dpo').post('/api/complaints').send(body);
      expect({ field, status: res.status }).toEqual({ field, status: 422 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const nul = await as('dpo')
      .post('/api/complaints')
      .send(intake({ summary: 'a\u0000b' }));
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);
    const filter = await as('dpo')
      .get('/api/complaints')
      .query({ filter: JSON.stringify({ status: 'lost' }) });
    expect(filter.status).toBe(422);
    const [{ count: after }] = await server.db.query('SELECT count(*)::int AS count FROM complaints');
    expect(after).toBe(before);
  });
});
