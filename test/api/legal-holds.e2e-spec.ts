import { randomUUID } from 'node:crypto';
import type { Role } from '../../server/src/authorization/roles';
import { LegalHoldReviewJob } from '../../server/src/retention/holds/jobs/legal-hold-review.job';
import { LegalHoldsService } from '../../server/src/retention/holds/legal-holds.service';
import { FakeClock } from '../support/fake-clock';
import { agent, Agent, PASSWORD, signIn, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Legal holds under /api/retention/holds on the real database, with a fixed clock: placing one
 * (a reason, people or categories, an active owner, a review date not past), the people it holds,
 * releasing it, destroying held data refused with LEGAL_HOLD_ACTIVE, the daily reminder to the
 * owner once per review date, and who may do what.
 */
describe('legal holds', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  const as = (role: Role) => clients.get(role)!;
  let personA: string;
  let personB: string;

  const hold = (overrides: Record<string, unknown> = {}) => ({
    source: 'litigation',
    sourceReference: '서울중앙지법 2026가합12345',
    reason: 'Litigation over a refund: keep the payments of the claimant',
    ownerId: ids.get('dpo'),
    reviewOn: '2026-12-20',
    subjectIds: [personA],
    ...overrides,
  });
  let dpoCount = 0;
  /** A DPO signed in now (moving the clock a day on ends the sessions signed in before). */
  const signedInDpo = async (): Promise<Agent> => {
    dpoCount += 1;
    const email = `dpo-${dpoCount}@example.com`;
    await server.createStaff({ email, role: 'dpo', password: PASSWORD });
    const client = agent(server);
    await signIn(server, client, email, PASSWORD);
    return client;
  };
  const reminders = async (): Promise<{ recipient_id: string; reference: string }[]> =>
    server.db.query(
      `SELECT recipient_id, reference FROM outbox_messages WHERE template_key = 'retention.hold-review' ORDER BY created_at`,
    );

  beforeAll(async () => {
    // Monday 7 December 2026, 10:00 in Seoul.
    clock = new FakeClock(Date.parse('2026-12-07T01:00:00Z'));
    server = await startTestServer({ clock });
    await signInEveryRole(server, clients, { ids });
    ({ id: personA } = await createSubject(server, { name: '김민지' }));
    ({ id: personB } = await createSubject(server, { name: '이서준' }));
  });
  afterAll(() => server.close());

  it('places a hold with a reference of the year, lists and shows it, and lists its people masked', async () => {
    const created = await as('dpo').post('/api/retention/holds').send(hold()).expect(201);
    expect(created.body).toMatchObject({
      reference: expect.stringMatching(/^LH-2026-\d{6}$/),
      source: 'litigation',
      owner: { id: ids.get('dpo') },
      reviewOn: '2026-12-20',
      reviewDue: false,
      categories: [],
      subjectCount: 1,
      status: 'active',
      version: 1,
    });
    const list = await as('auditor').get('/api/retention/holds').query({ filter: '{"status":"active"}' }).expect(200);
    expect(list.headers['content-range']).toMatch(/^retention\/holds 0-0\/1$/);
    const people = await as('security').get(`/api/retention/holds/${created.body.id}/subjects`).expect(200);
    expect(people.body).toEqual([{ subjectId: personA, maskedName: '김**', addedAt: expect.any(String) }]);
    const events = await as('dpo').get(`/api/retention/holds/${created.body.id}/events`).expect(200);
    expect(events.body.map((e: { kind: string }) => e.kind)).toEqual(['placed']);
  });

  it.each([
    ['no reason', { reason: undefined }, 422, 'reason'],
    ['a reason of blanks', { reason: '   ' }, 422, 'reason'],
    ['neither people nor categories', { subjectIds: [], categories: [] }, 422, 'subjectIds'],
    ['a review date in the past', { reviewOn: '2026-12-06' }, 422, 'reviewOn'],
    ['an impossible review date', { reviewOn: '2026-02-30' }, 422, 'reviewOn'],
    ['an unknown category', { categories: ['ledgers'] }, 422, 'categories'],
    ['a person who does not exist', { subjectIds: [randomUUID()] }, 422, 'subjectIds.0'],
    ['an id that is not one', { subjectIds: ['nobody'] }, 422, 'subjectIds'],
    ['an owner who does not exist', { ownerId: randomUUID() }, 422, 'ownerId'],
    ['an incident hold without its incident', { source: 'incident' }, 422, 'incidentId'],
    ['an unknown source', { source: 'whim' }, 422, 'source'],
  ])('refuses a hold with %s', async (_what, overrides, status, field) => {
    const res = await as('dpo').post('/api/retention/holds').send(hold(overrides)).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses destroying data an active hold keeps, by person or by category, until it is released', async () => {
    const holds = server.app.get(LegalHoldsService);
    const byCategory = await as('dpo')
      .post('/api/retention/holds')
      .send(hold({ subjectIds: undefined, categories: ['counseling_results'], source: 'regulator_inquiry' }))
      .expect(201);
    await expect(holds.assertNotHeld(personA, ['devices'])).rejects.toMatchObject({ code: 'LEGAL_HOLD_ACTIVE' });
    await expect(holds.assertNotHeld(personB, ['counseling'])).rejects.toMatchObject({ code: 'LEGAL_HOLD_ACTIVE' });
    await expect(holds.assertNotHeld(personB, ['counseling_results'])).rejects.toMatchObject({
      status: 409,
    });
    await expect(holds.assertNotHeld(personB, ['payments'])).resolves.toBeUndefined();

    await as('dpo').post(`/api/retention/holds/${byCategory.body.id}/release`).send({}).expect(422);
    const released = await as('dpo')
      .post(`/api/retention/holds/${byCategory.body.id}/release`)
      .send({ reason: 'The inquiry closed without findings' })
      .expect(200);
    expect(released.body).toMatchObject({ status: 'released', releasedBy: { id: ids.get('dpo') } });
    await expect(holds.assertNotHeld(personB, ['counseling'])).resolves.toBeUndefined();
    const again = await as('dpo')
      .patch(`/api/retention/holds/${byCategory.body.id}`)
      .send({ version: released.body.version, reviewOn: '2027-01-10' })
      .expect(409);
    expect(again.body.code).toBe('LEGAL_HOLD_RELEASED');
  });

  it('adds and removes people, and refuses a stale version', async () => {
    const { body } = await as('dpo')
      .post('/api/retention/holds')
      .send(hold({ reviewOn: '2027-01-31' }))
      .expect(201);
    const added = await as('dpo')
      .post(`/api/retention/holds/${body.id}/subjects`)
      .send({ subjectIds: [personB] })
      .expect(200);
    expect(added.body).toMatchObject({ subjectCount: 2, version: 2 });
    await as('dpo').delete(`/api/retention/holds/${body.id}/subjects/${personA}`).expect(200);
    const last = await as('dpo').delete(`/api/retention/holds/${body.id}/subjects/${personB}`).expect(422);
    expect(last.body.code).toBe('LEGAL_HOLD_NOTHING_HELD');
    const stale = await as('dpo')
      .patch(`/api/retention/holds/${body.id}`)
      .send({ version: 1, reason: 'changed reason' });
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'VERSION_CONFLICT' });
    await as('dpo').post(`/api/retention/holds/${body.id}/release`).send({ reason: 'done with it' }).expect(200);
  });

  it('lets the DPO alone write; security and the auditor read; support and sysadmin see nothing', async () => {
    const { body } = await as('dpo')
      .post('/api/retention/holds')
      .send(hold({ reviewOn: '2027-06-30' }))
      .expect(201);
    for (const role of ['security', 'auditor'] as Role[]) {
      await as(role).get(`/api/retention/holds/${body.id}`).expect(200);
      await as(role).get(`/api/retention/holds/${body.id}/events`).expect(200);
    }
    for (const role of ['security', 'auditor', 'support', 'sysadmin'] as Role[]) {
      const writes = [
        as(role).post('/api/retention/holds').send(hold()),
        as(role).patch(`/api/retention/holds/${body.id}`).send({ version: 1, reviewOn: '2027-07-01' }),
        as(role)
          .post(`/api/retention/holds/${body.id}/subjects`)
          .send({ subjectIds: [personB] }),
        as(role).delete(`/api/retention/holds/${body.id}/subjects/${personA}`),
        as(role).post(`/api/retention/holds/${body.id}/release`).send({ reason: 'not mine to release' }),
      ];
      for (const pending of writes) {
        const res = await pending;
        expect({ role, status: res.status, code: res.body.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
      }
    }
    for (const role of ['support', 'sysadmin'] as Role[]) {
      await as(role).get('/api/retention/holds').expect(403);
      await as(role).get(`/api/retention/holds/${body.id}/subjects`).expect(403);
    }
    const rows = await server.db.query('SELECT status, version FROM legal_holds WHERE id = $1', [body.id]);
    expect(rows[0]).toEqual({ status: 'active', version: 1 });
  });

  it('reminds the owner once per review date when it comes, and again when the date is moved', async () => {
    const job = server.app.get(LegalHoldReviewJob);
    const owner = ids.get('security')!;
    const { body } = await as('dpo')
      .post('/api/retention/holds')
      .send(hold({ ownerId: owner, reviewOn: '2026-12-08', reason: 'Incident follow-up by security' }))
      .expect(201);
    const mine = async () => (await reminders()).filter((m) => m.reference === `legal-hold:${body.id as string}`);

    expect(await job.run()).toMatchObject({ reminded: 0 });
    clock.advance(DAY); // Tuesday 8 December: the review date.
    let dpo = await signedInDpo();
    expect((await dpo.get(`/api/retention/holds/${body.id}`)).body.reviewDue).toBe(true);
    const due = await dpo.get('/api/retention/holds').query({ filter: '{"reviewDue":true}' }).expect(200);
    expect(due.body.map((h: { id: string }) => h.id)).toContain(body.id);
    await job.run();
    expect(await mine()).toEqual([{ recipient_id: owner, reference: `legal-hold:${body.id as string}` }]);
    clock.advance(DAY);
    await job.run();
    expect(await mine()).toHaveLength(1);

    dpo = await signedInDpo();
    const hold1 = (await dpo.get(`/api/retention/holds/${body.id}`)).body;
    await dpo
      .patch(`/api/retention/holds/${body.id}`)
      .send({ version: hold1.version, reviewOn: '2026-12-11' })
      .expect(200);
    await job.run();
    expect(await mine()).toHaveLength(1);
    clock.advance(2 * DAY); // Friday 11 December.
    await job.run();
    expect(await mine()).toHaveLength(2);
    dpo = await signedInDpo();
    const events = await dpo.get(`/api/retention/holds/${body.id}/events`).expect(200);
    expect(events.body.map((e: { kind: string }) => e.kind)).toEqual(['placed', 'reminded', 'updated', 'reminded']);

    // The DPO's dashboard counts it (the other active holds review later); the queue starts today,
    // with what is overdue counted on today.
    for (const [dueOn, status, count] of [
      ['2026-12-10', 'pending', 3],
      ['2026-12-13', 'held', 2],
      ['2026-12-13', 'pending', 4],
      ['2026-12-18', 'pending', 9],
    ] as const) {
      await server.db.query(
        `INSERT INTO destruction_queue (rule_id, rule_version, category, action, subject_id, due_on, cutoff,
           record_count, status, scanned_at)
         SELECT id, version, category, 'destroy', $1, $2, now(), $3, $4, now() FROM retention_rules
         WHERE code = 'ecommerce_payment_records'`,
        [(await createSubject(server)).id, dueOn, count, status],
      );
    }
    const dashboard = await dpo.get('/api/dashboard/dpo').expect(200);
    expect(dashboard.body.retention).toMatchObject({
      holdsDueForReview: 1,
      dormancy: { due_for_notice: 0, notified: 0, separated: 0, reactivated: 0 },
    });
    expect(dashboard.body.retention.queue).toEqual([
      { on: '2026-12-11', items: 1, records: 3, held: 0 },
      { on: '2026-12-12', items: 0, records: 0, held: 0 },
      { on: '2026-12-13', items: 2, records: 6, held: 1 },
      { on: '2026-12-14', items: 0, records: 0, held: 0 },
      { on: '2026-12-15', items: 0, records: 0, held: 0 },
      { on: '2026-12-16', items: 0, records: 0, held: 0 },
      { on: '2026-12-17', items: 0, records: 0, held: 0 },
    ]);
  });
});
