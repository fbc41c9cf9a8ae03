import { randomUUID } from 'node:crypto';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import type { Role } from '../../server/src/authorization/roles';
import { Aad, SubjectCrypto } from '../../server/src/subjects/crypto/subject-crypto';
import { KekUnavailableError } from '../../server/src/subjects/crypto/keyring';
import { SubjectKeysService } from '../../server/src/subjects/subject-keys.service';
import { SubjectPlaintextSealer } from '../../server/src/subjects/subject-plaintext-sealer';
import { SubjectsService } from '../../server/src/subjects/subjects.service';
import { accessLogEventsOf } from '../support/audit-fixtures';
import { FakeClock } from '../support/fake-clock';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer, totpAt } from '../support/server';
import { createSubject, CreatedSubject } from '../support/subject-factory';
import { addProfileDetails } from '../support/subject-fixtures';

const NOTES = 'Client described panic attacks before exams; plan: CBT worksheet 3.';
const OPINION = '전문가 소견: 주 1회 놀이치료 권고';
// Health information (PIPA Art. 23) that support must never see, and nicknames that undo a name mask.
const INTEREST = '우울감';
const TOPIC = '불안 및 공황';
const NICKNAME = '태연맘';
const PROVIDER_NICKNAME = '태연';

describe('subjects: search, masking, reveal, PHI, account tools', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = {} as Record<Role, Agent>;
  const secrets = {} as Record<Role, string>;
  const ids = {} as Record<Role, string>;
  let guardian: CreatedSubject;
  let client: CreatedSubject;
  let counselee: CreatedSubject;
  let counseleeBookingIds: string[];
  /** Everything the server logged (pino, every level), for the tests of what must never be logged. */
  const logLines: string[] = [];

  beforeAll(async () => {
    clock = new FakeClock();
    server = await startTestServer({
      clock,
      env: { IDENTITY_CHECK_VALID_MINUTES: '10', REVIEW_DENIAL_BURST: '3' },
      logLines,
    });
    for (const role of ['dpo', 'support', 'security', 'sysadmin', 'auditor'] as Role[]) {
      ids[role] = (await server.createStaff({ email: `${role}@example.com`, role, password: PASSWORD })).id;
      clients[role] = agent(server);
      secrets[role] = await signIn(server, clients[role], `${role}@example.com`, PASSWORD);
    }
    guardian = await createSubject(server, {
      service: 'shelby',
      kind: 'guardian',
      status: 'dormant',
      name: '홍길동',
      email: 'hong@example.com',
      phone: '010-2000-0001',
      socialLinks: ['kakao'],
    });
    client = await createSubject(server, {
      name: 'Jamie Park',
      email: 'jamie.park@example.com',
      phone: '+1 415 555 2671',
      records: [
        { kind: 'session_note', content: { notes: NOTES }, psychotherapyNotes: true },
        { kind: 'expert_opinion', content: { opinion: OPINION, recommendations: '놀이치료' } },
      ],
      sensitive: [{ category: 'medication', content: 'sertraline 50 mg' }],
      consents: [{ purpose: 'phi' }],
    });
    // A client with a counseling interest and booking topics, a nickname and a social-login nickname.
    counselee = await createSubject(server, {
      name: '최민지',
      phone: '010-2000-0077',
      socialLinks: ['kakao'],
      records: [{ kind: 'result', content: { result: 'done' } }],
    });
    const [{ counselor_id: counselorId }] = (await server.db.query(
      'SELECT counselor_id FROM subject_counseling_records WHERE subject_id = $1',
      [counselee.id],
    )) as { counselor_id: string }[];
    counseleeBookingIds = (
      await addProfileDetails(server, counselee.id, {
        nickname: NICKNAME,
        counselingInterest: INTEREST,
        bookings: [
          { counselorId, daysFromNow: -20, topic: TOPIC },
          { counselorId, daysFromNow: -13, topic: '수면 문제' },
        ],
      })
    ).bookingIds;
    await server.db.query('UPDATE subject_social_links SET provider_nickname = $2 WHERE subject_id = $1', [
      counselee.id,
      PROVIDER_NICKNAME,
    ]);
  });

  afterAll(() => server.close());

  async function events(filter: { actorId?: string; subjectId?: string }): Promise<CanonicalAuditEvent[]> {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      `SELECT canonical FROM audit_events
       WHERE ($1::uuid IS NULL OR actor_id = $1) AND ($2::text IS NULL OR subject_id = $2) ORDER BY seq`,
      [filter.actorId ?? null, filter.subjectId ?? null],
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  }

  async function status(id: string): Promise<string> {
    const [row] = (await server.db.query('SELECT status FROM subjects WHERE id = $1', [id])) as { status: string }[];
    return row.status;
  }

  async function stepUp(role: Role): Promise<void> {
    clock.advance(30_000);
    await clients[role]
      .post('/api/auth/step-up')
      .send({ code: await totpAt(server, secrets[role]) })
      .expect(200);
  }

  describe('search', () => {
    it('finds a person by phone number in any common format and answers masked', async () => {
      for (const phone of ['010-2000-0001', '01020000001', '+82 10 2000 0001']) {
        const res = await clients.support
          .get('/api/subjects')
          .query({ filter: JSON.stringify({ phone }) })
          .expect(200);
        expect(res.body).toEqual([
          expect.objectContaining({
            id: guardian.id,
            name: '홍**',
            email: 'ho***@example.com',
            phone: '010-****-2000'.replace('2000', '0001'),
            status: 'dormant',
          }),
        ]);
        expect(res.headers['content-range']).toBe('subjects 0-0/1');
        expect(JSON.stringify(res.body)).not.toContain('hong@');
      }
    });

    it('finds by exact email and by name prefix, and logs each search without the searched value', async () => {
      const byEmail = await clients.support
        .get('/api/subjects')
        .query({ filter: JSON.stringify({ email: 'JAMIE.PARK@example.com' }) })
        .expect(200);
      expect(byEmail.body.map((r: { id: string }) => r.id)).toEqual([client.id]);
      const byName = await clients.support
        .get('/api/subjects')
        .query({ filter: JSON.stringify({ q: 'Jamie P', kind: 'client' }) })
        .expect(200);
      expect(byName.body.map((r: { id: string }) => r.id)).toEqual([client.id]);
      const byPhone = await clients.support
        .get('/api/subjects')
        .query({ filter: JSON.stringify({ phone: '+1 (415) 555-2671' }) })
        .expect(200);
      expect(byPhone.body.map((r: { id: string }) => r.id)).toEqual([client.id]);
      const byKoreanName = await clients.support
        .get('/api/subjects')
        .query({ filter: JSON.stringify({ q: '홍길' }) })
        .expect(200);
      expect(byKoreanName.body.map((r: { id: string }) => r.id)).toEqual([guardian.id]);
      const searches = (await events({ actorId: ids.support })).filter((e) => e.resource === 'subject-search');
      expect(searches.slice(-4).map((e) => e.detail.by)).toEqual([['email'], ['kind', 'q'], ['phone'], ['q']]);
      expect(searches.at(-3)!.detail).toMatchObject({ shown: [client.id] });

      // Every spelling of every searched value: as typed, lower- and upper-cased, normalised, the
      // email's local part, the phone in E.164, national and digits-only forms, the name prefixes.
      const spellings = [
        'JAMIE.PARK@example.com',
        'jamie.park@example.com',
        'jamie.park',
        'Jamie P',
        'jamie p',
        '+1 (415) 555-2671',
        '+14155552671',
        '(415) 555-2671',
        '415-555-2671',
        '4155552671',
        '+1 415 555 2671',
        '홍길',
      ];
      const variants = (value: string) => [
        value.toLowerCase(),
        // JSON writers may escape non-ASCII characters (\uXXXX) or slashes.
        JSON.stringify(value).slice(1, -1).toLowerCase(),
        [...value].map((c) => (c.charCodeAt(0) > 127 ? `\\u${c.charCodeAt(0).toString(16)}` : c)).join(''),
        Buffer.from(value).toString('hex'),
        encodeURIComponent(value).toLowerCase(),
      ];
      await server.app.get(AuditSequencer).flush();
      const [tables] = (await server.db.query(
        `SELECT (SELECT coalesce(string_agg(row_to_json(i)::text, E'\\n'), '') FROM audit_inbox i)
              || (SELECT coalesce(string_agg(row_to_json(e)::text || convert_from(e.canonical, 'UTF8'), E'\\n'), '')
                  FROM audit_events e) AS text`,
      )) as { text: string }[];
      const haystacks = { accessLog: tables.text.toLowerCase(), serverLog: logLines.join('\n').toLowerCase() };
      // The server did log these requests, so a value in them would have been seen.
      expect(haystacks.serverLog).toContain('/api/subjects');
      for (const spelling of spellings) {
        for (const variant of new Set(variants(spelling))) {
          for (const [where, text] of Object.entries(haystacks)) {
            expect({ spelling, variant, where, found: text.includes(variant) }).toEqual({
              spelling,
              variant,
              where,
              found: false,
            });
          }
        }
      }
    });

    it('refuses an invalid email or phone with a field error, and logs the refusal', async () => {
      const phone = await clients.support
        .get('/api/subjects')
        .query({ filter: JSON.stringify({ phone: "010' OR 1=1 --" }) })
        .expect(422);
      expect(phone.body.errors).toEqual([expect.objectContaining({ field: 'phone', code: 'INVALID_PHONE' })]);
      const email = await clients.support
        .get('/api/subjects')
        .query({ filter: JSON.stringify({ email: 'not-an-address' }) })
        .expect(422);
      expect(email.body.errors).toEqual([expect.objectContaining({ field: 'email', code: 'INVALID_EMAIL' })]);
      const refused = (await events({ actorId: ids.support })).filter(
        (e) => e.resource === 'subject-search' && e.outcome === 'denied',
      );
      expect(refused.map((e) => (e.detail as { fields: string[] }).fields)).toEqual(
        expect.arrayContaining([['phone'], ['email']]),
      );
    });

    it('counts at most 1,000 matches: "1001+" in Content-Range and "at least" in the event', async () => {
      // 1,030 people whose names share a prefix no one else has (plain rows: search reads no ciphertext).
      const names = Array.from({ length: 1030 }, (_, i) => `Capcount Person ${i}`);
      await server.db.query(
        `INSERT INTO subjects (service, kind, name, name_key, created_at)
         SELECT 'maumjuui', 'client', n, lower(n), now() - i * interval '1 minute'
         FROM unnest($1::text[]) WITH ORDINALITY AS x(n, i)`,
        [names],
      );
      try {
        const search = (range: [number, number]) =>
          clients.support
            .get('/api/subjects')
            .set('X-Request-Id', `capped-${range[0]}`)
            .query({ filter: JSON.stringify({ q: 'capcount' }), range: JSON.stringify(range) })
            .expect(200);
        const first = await search([0, 24]);
        expect(first.body).toHaveLength(25);
        expect(first.headers['content-range']).toBe('subjects 0-24/1001+');
        const [event] = await accessLogEventsOf<CanonicalAuditEvent>(server, 'capped-0');
        expect(event.detail).toMatchObject({ total: 1001, totalAtLeast: true });
        // The event names the people answered, in the order they were answered.
        expect(event.detail.shown).toEqual(first.body.map((r: { id: string }) => r.id));
        // Paged past the cap, the count goes one past the page's end; the last page is counted exactly.
        const deep = await search([1000, 1024]);
        expect(deep.headers['content-range']).toBe('subjects 1000-1024/1026+');
        const last = await search([1025, 1049]);
        expect(last.headers['content-range']).toBe('subjects 1025-1029/1030');
        const [lastEvent] = await accessLogEventsOf<CanonicalAuditEvent>(server, 'capped-1025');
        expect(lastEvent.detail).toMatchObject({ total: 1030, totalAtLeast: false });
        // Below the cap, the exact count as before.
        const few = await clients.support
          .get('/api/subjects')
          .query({ filter: JSON.stringify({ q: 'capcount person 99' }) })
          .expect(200);
        expect(few.headers['content-range']).toBe('subjects 0-10/11');
        // Nothing found: an empty page, and still its event.
        const none = await clients.support
          .get('/api/subjects')
          .set('X-Request-Id', 'capped-none')
          .query({ filter: JSON.stringify({ q: 'capcount nobody' }) })
          .expect(200);
        expect(none.body).toEqual([]);
        expect(none.headers['content-range']).toBe('subjects 0-0/0');
        const [noneEvent] = await accessLogEventsOf<CanonicalAuditEvent>(server, 'capped-none');
        expect(noneEvent.detail).toMatchObject({ total: 0, totalAtLeast: false, shown: [] });
      } finally {
        await server.db.query(`DELETE FROM subjects WHERE name_key LIKE 'capcount %'`);
      }
    });

    it('is closed to security, sysadmin and auditor', async () => {
      for (const role of ['security', 'sysadmin', 'auditor'] as Role[]) {
        await clients[role].get('/api/subjects').expect(403);
        await clients[role].get(`/api/subjects/${guardian.id}`).expect(403);
      }
    });
  });

  describe('profile', () => {
    it('shows support a masked profile without PHI, and logs the view', async () => {
      const res = await clients.support.get(`/api/subjects/${client.id}`).expect(200);
      expect(res.body).toMatchObject({
        id: client.id,
        name: 'J**** P***',
        email: 'ja***@example.com',
        phone: '+1 *** *** 2671',
        records: null,
        sensitiveData: null,
        can: {
          revealPhi: false,
          reveal: ['name', 'email', 'phone', 'birthDate', 'nickname', 'providerNicknames'],
          accessHistory: false,
        },
      });
      expect(res.body.age).toEqual(expect.any(Number));
      expect(JSON.stringify(res.body)).not.toMatch(/1988-07-14|jamie\.park@|panic|sertraline/);
      const views = await events({ subjectId: `subject:${client.id}` });
      expect(views).toContainEqual(
        expect.objectContaining({ action: 'view', resource: 'subject', actorId: ids.support, outcome: 'success' }),
      );
    });

    it('lists record metadata for the DPO but never the content', async () => {
      const res = await clients.dpo.get(`/api/subjects/${client.id}`).expect(200);
      expect(res.body.records).toHaveLength(2);
      expect(res.body.records[0]).not.toHaveProperty('content');
      expect(res.body.sensitiveData).toEqual([expect.objectContaining({ category: 'medication' })]);
      expect(JSON.stringify(res.body)).not.toMatch(/panic|sertraline|놀이치료 권고/);
    });

    it('masks the nickname and social-login nicknames everywhere, for every role', async () => {
      for (const role of ['support', 'dpo'] as Role[]) {
        const res = await clients[role].get(`/api/subjects/${counselee.id}`).expect(200);
        expect(res.body).toMatchObject({ name: '최**', nickname: '***' });
        expect(res.body.socialLinks).toEqual([expect.objectContaining({ provider: 'kakao', providerNickname: '***' })]);
        expect(JSON.stringify(res.body)).not.toContain('태연');
        const list = await clients[role]
          .get('/api/subjects')
          .query({ filter: JSON.stringify({ q: '최' }) })
          .expect(200);
        expect(list.body.map((r: { id: string }) => r.id)).toContain(counselee.id);
        expect(JSON.stringify(list.body)).not.toContain('태연');
      }
    });

    it('keeps counseling interests and booking topics from support altogether, and sealed for the DPO', async () => {
      const support = await clients.support.get(`/api/subjects/${counselee.id}`).expect(200);
      expect(support.body).not.toHaveProperty('counselingInterest');
      expect(support.body).not.toHaveProperty('hasCounselingInterest');
      expect(support.body.bookings).toHaveLength(2);
      for (const booking of support.body.bookings) {
        expect(booking).not.toHaveProperty('topic');
        expect(booking).not.toHaveProperty('hasTopic');
      }
      const dpo = await clients.dpo.get(`/api/subjects/${counselee.id}`).expect(200);
      expect(dpo.body).toMatchObject({ hasCounselingInterest: true });
      expect(dpo.body.bookings.map((b: { hasTopic: boolean }) => b.hasTopic)).toEqual([true, true]);
      for (const body of [support.body, dpo.body]) {
        expect(JSON.stringify(body)).not.toMatch(new RegExp(`${INTEREST}|${TOPIC}|수면 문제`));
      }
      // Asked for directly, support is refused and nothing is opened.
      const refused = await clients.support
        .post(`/api/subjects/${counselee.id}/phi/reveal`)
        .send({ purpose: 'Wants to know why they booked', counselingInterest: true, bookingIds: counseleeBookingIds })
        .expect(403);
      expect(JSON.stringify(refused.body)).not.toMatch(new RegExp(`${INTEREST}|${TOPIC}`));
    });

    it('answers 12 concurrent reads each only after its own access-log event has committed', async () => {
      const people = [guardian, client, counselee];
      const reads = Array.from({ length: 12 }, async (_, i) => {
        const id = people[i % people.length]!.id;
        const requestId = `concurrent-profile-${i}-${randomUUID()}`;
        const res = await clients[i % 2 === 0 ? 'dpo' : 'support']
          .get(`/api/subjects/${id}`)
          .set('X-Request-Id', requestId);
        // The moment the answer is here: its event is committed (visible to another connection),
        // in the inbox or already in the log (one statement, one snapshot).
        const events = await accessLogEventsOf<CanonicalAuditEvent>(server, requestId);
        return { id, status: res.status, events };
      });
      for (const { id, status, events } of await Promise.all(reads)) {
        expect(status).toBe(200);
        expect(events).toEqual([
          expect.objectContaining({
            action: 'view',
            resource: 'subject',
            subjectId: `subject:${id}`,
            outcome: 'success',
          }),
        ]);
      }
    });

    /** Runs `body` while the access log refuses every event of request `requestId` (a trigger on its inbox). */
    const withUnwritableEvents = async (requestId: string, body: () => Promise<void>): Promise<void> => {
      await server.db.query(
        `CREATE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.event->>'requestId' = '${requestId}' THEN RAISE EXCEPTION 'the access log refuses this event'; END IF;
           RETURN NEW;
         END $$`,
      );
      await server.db.query(
        'CREATE TRIGGER test_refuse_event BEFORE INSERT ON audit_inbox FOR EACH ROW EXECUTE FUNCTION test_refuse_event()',
      );
      try {
        await body();
      } finally {
        await server.db.query('DROP TRIGGER test_refuse_event ON audit_inbox');
        await server.db.query('DROP FUNCTION test_refuse_event()');
      }
      expect(await accessLogEventsOf(server, requestId)).toEqual([]);
    };

    it('sends no profile when its access-log event cannot be written (the read and the event fail together)', async () => {
      const requestId = `unwritable-event-${randomUUID()}`;
      await withUnwritableEvents(requestId, async () => {
        for (const role of ['dpo', 'support'] as const) {
          const res = await clients[role].get(`/api/subjects/${guardian.id}`).set('X-Request-Id', requestId);
          expect(res.status).toBe(500);
          expect(res.body).not.toHaveProperty('consents');
          expect(JSON.stringify(res.body)).not.toContain(guardian.id);
        }
        // Without the fault, the same read is answered.
        await clients.support.get(`/api/subjects/${guardian.id}`).expect(200);
      });
    });

    it('sends no search results when the search’s access-log event cannot be written', async () => {
      const requestId = `unwritable-search-${randomUUID()}`;
      const search = { filter: JSON.stringify({ q: 'Jamie P', kind: 'client' }) };
      await withUnwritableEvents(requestId, async () => {
        for (const role of ['dpo', 'support'] as const) {
          const res = await clients[role].get('/api/subjects').query(search).set('X-Request-Id', requestId);
          expect(res.status).toBe(500);
          expect(JSON.stringify(res.body)).not.toContain(client.id);
          expect(res.headers['content-range']).toBeUndefined();
        }
        // Without the fault, the same search finds the person.
        const found = await clients.support.get('/api/subjects').query(search).expect(200);
        expect(found.body.map((r: { id: string }) => r.id)).toEqual([client.id]);
      });
    });

    it('names the person in the event as the log names them everywhere, whatever the case of the id asked for', async () => {
      const requestId = `upper-case-id-${randomUUID()}`;
      const res = await clients.support
        .get(`/api/subjects/${guardian.id.toUpperCase()}`)
        .set('X-Request-Id', requestId)
        .expect(200);
      expect(res.body.id).toBe(guardian.id);
      expect(await accessLogEventsOf<CanonicalAuditEvent>(server, requestId)).toEqual([
        expect.objectContaining({ action: 'view', resource: 'subject', subjectId: `subject:${guardian.id}` }),
      ]);
    });

    it('answers 404 for an unknown id and 422 for a malformed one, logging the attempt', async () => {
      const unknown = randomUUID();
      const res = await clients.support.get(`/api/subjects/${unknown}`).expect(404);
      expect(res.body.code).toBe('SUBJECT_NOT_FOUND');
      await clients.support.get('/api/subjects/not-a-uuid').expect(422);
      expect(await events({ subjectId: `subject:${unknown}` })).toEqual([
        expect.objectContaining({ outcome: 'denied', resource: 'subject', actorId: ids.support }),
      ]);
      // Asked in upper case, the attempt names the person as the log names them everywhere.
      const another = randomUUID();
      await clients.support.get(`/api/subjects/${another.toUpperCase()}`).expect(404);
      expect(await events({ subjectId: `subject:${another}` })).toEqual([
        expect.objectContaining({ outcome: 'denied', resource: 'subject', actorId: ids.support }),
      ]);
    });
  });

  describe('reveal', () => {
    it('reveals the nicknames for a stated purpose, naming the fields in the log', async () => {
      const purpose = 'Caller knows the account only by its Kakao nickname (ticket 5521)';
      const res = await clients.support
        .post(`/api/subjects/${counselee.id}/reveal`)
        .send({ fields: ['nickname', 'providerNicknames'], purpose })
        .expect(200);
      const [link] = (await clients.support.get(`/api/subjects/${counselee.id}`).expect(200)).body.socialLinks as {
        id: string;
      }[];
      expect(res.body).toEqual({ values: { nickname: NICKNAME, providerNicknames: { [link.id]: PROVIDER_NICKNAME } } });
      const reveals = (await events({ subjectId: `subject:${counselee.id}` })).filter((e) => e.action === 'reveal');
      expect(reveals).toEqual([
        expect.objectContaining({
          actorId: ids.support,
          fields: ['nickname', 'providerNicknames'],
          purpose,
          outcome: 'success',
        }),
      ]);
    });

    it('reveals the email for a stated purpose, for this answer only, naming the field in the log', async () => {
      const purpose = 'Caller asked which address the receipts go to (ticket 4411)';
      const res = await clients.support
        .post(`/api/subjects/${guardian.id}/reveal`)
        .send({ fields: ['email'], purpose })
        .expect(200);
      expect(res.body).toEqual({ values: { email: 'hong@example.com' } });
      const reveals = (await events({ subjectId: `subject:${guardian.id}` })).filter((e) => e.action === 'reveal');
      expect(reveals).toEqual([
        expect.objectContaining({ actorId: ids.support, fields: ['email'], purpose, outcome: 'success' }),
      ]);
      const again = await clients.support.get(`/api/subjects/${guardian.id}`).expect(200);
      expect(again.body.email).toBe('ho***@example.com');
    });

    it('refuses a reveal without a purpose, reveals nothing and logs the refusal', async () => {
      const before = (await events({ subjectId: `subject:${client.id}` })).length;
      const res = await clients.support
        .post(`/api/subjects/${client.id}/reveal`)
        .send({ fields: ['phone'] })
        .expect(422);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'purpose' })]));
      expect(JSON.stringify(res.body)).not.toContain('2671');
      await clients.support
        .post(`/api/subjects/${client.id}/reveal`)
        .send({ fields: ['phone'], purpose: 'short' })
        .expect(422);
      const after = await events({ subjectId: `subject:${client.id}` });
      expect(after.slice(before)).toEqual([
        expect.objectContaining({ action: 'reveal', outcome: 'denied' }),
        expect.objectContaining({ action: 'reveal', outcome: 'denied' }),
      ]);
    });

    it('keeps counseling notes from support, even asked directly, and logs the denial', async () => {
      const res = await clients.support
        .post(`/api/subjects/${client.id}/phi/reveal`)
        .send({ purpose: 'Curious about this session content' })
        .expect(403);
      expect(JSON.stringify(res.body)).not.toContain('panic');
      const denials = (await events({ subjectId: `subject:${client.id}` })).filter((e) => e.action === 'deny');
      expect(denials).toEqual([
        expect.objectContaining({
          actorId: ids.support,
          outcome: 'denied',
          detail: expect.objectContaining({ code: 'FORBIDDEN', path: `/api/subjects/${client.id}/phi/reveal` }),
        }),
      ]);
    });

    it('opens counseling notes for the DPO only after step-up, with fields and case named', async () => {
      clock.advance(6 * 60_000);
      const purpose = 'Access request REQ-2026-0042: preparing the copy of records';
      const all = { recordIds: client.recordIds, sensitiveDataIds: client.sensitiveIds, psychotherapyNotes: true };
      const refused = await clients.dpo
        .post(`/api/subjects/${client.id}/phi/reveal`)
        .send({ purpose, caseId: 'REQ-2026-0042', ...all })
        .expect(403);
      expect(refused.body.code).toBe('STEP_UP_REQUIRED');
      await stepUp('dpo');
      const res = await clients.dpo
        .post(`/api/subjects/${client.id}/phi/reveal`)
        .send({ purpose, caseId: 'REQ-2026-0042', ...all })
        .expect(200);
      expect(res.body.records).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: client.recordIds[0], psychotherapyNotes: true, content: { notes: NOTES } }),
          expect.objectContaining({
            id: client.recordIds[1],
            content: { opinion: OPINION, recommendations: '놀이치료' },
          }),
        ]),
      );
      expect(res.body.sensitiveData).toEqual([
        { id: client.sensitiveIds[0], category: 'medication', content: 'sertraline 50 mg' },
      ]);
      const phi = (await events({ subjectId: `subject:${client.id}` })).filter((e) => e.resource === 'phi');
      expect(phi).toContainEqual(
        expect.objectContaining({
          action: 'reveal',
          actorId: ids.dpo,
          outcome: 'success',
          purpose,
          fields: ['counselingNotes', 'expertOpinion', 'psychotherapyNotes', 'sensitiveData'],
          detail: expect.objectContaining({
            caseId: 'REQ-2026-0042',
            recordIds: expect.arrayContaining(client.recordIds),
            psychotherapyNoteIds: [client.recordIds[0]],
            sensitiveDataIds: client.sensitiveIds,
          }),
        }),
      );
    });

    it('records the step-up prompt as a prompt, not as a denial; a real refusal is still a denial', async () => {
      clock.advance(6 * 60_000);
      const body = {
        purpose: 'Complaint C-77: checking what the opinion recommended',
        recordIds: [client.recordIds[1]],
      };
      const before = (await events({ subjectId: `subject:${client.id}` })).length;
      await clients.dpo.post(`/api/subjects/${client.id}/phi/reveal`).send(body).expect(403);
      await stepUp('dpo');
      await clients.dpo.post(`/api/subjects/${client.id}/phi/reveal`).send(body).expect(200);
      await clients.support.post(`/api/subjects/${client.id}/phi/reveal`).send(body).expect(403);
      const after = (await events({ subjectId: `subject:${client.id}` })).slice(before);
      expect(after.map((e) => [e.actorRole, e.action, e.outcome])).toEqual([
        ['dpo', 'authenticate', 'step_up_required'],
        ['dpo', 'reveal', 'success'],
        ['support', 'deny', 'denied'],
      ]);
      expect(after[0]).toMatchObject({
        resource: 'route',
        detail: expect.objectContaining({ code: 'STEP_UP_REQUIRED' }),
      });
      // The DPO's history has no denial at all: the monthly review's denial-burst rule counts none of their work.
      expect((await events({ actorId: ids.dpo })).filter((e) => e.action === 'deny')).toEqual([]);

      // Three prompts and three refusals within ten minutes: only the refusals are a burst in the review.
      clock.advance(6 * 60_000);
      for (let i = 0; i < 3; i++) {
        await clients.dpo.post(`/api/subjects/${client.id}/phi/reveal`).send(body).expect(403);
        await clients.support.post(`/api/subjects/${client.id}/phi/reveal`).send(body).expect(403);
      }
      await server.app.get(AuditSequencer).flush();
      const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit' })
        .format(clock.now())
        .slice(0, 7);
      const review = await clients.dpo.get(`/api/access-log/reviews/${month}`).expect(200);
      const bursts = review.body.anomalies.denialBursts as { actorId: string }[];
      expect(bursts.map((b) => b.actorId)).toEqual([ids.support]);
    });

    it('opens only the records chosen, and psychotherapy notes only when asked for explicitly', async () => {
      await stepUp('dpo');
      const purpose = 'Complaint C-78: reviewing the expert opinion only';
      const before = (await events({ subjectId: `subject:${client.id}` })).length;
      const none = await clients.dpo.post(`/api/subjects/${client.id}/phi/reveal`).send({ purpose }).expect(422);
      expect(none.body.errors).toEqual([expect.objectContaining({ code: 'PHI_SELECTION_REQUIRED' })]);
      const unconfirmed = await clients.dpo
        .post(`/api/subjects/${client.id}/phi/reveal`)
        .send({ purpose, recordIds: client.recordIds })
        .expect(422);
      expect(unconfirmed.body.errors).toEqual([
        expect.objectContaining({ field: 'psychotherapyNotes', code: 'PSYCHOTHERAPY_NOTES_NOT_CONFIRMED' }),
      ]);
      expect(JSON.stringify(unconfirmed.body)).not.toContain('panic');
      const foreign = await clients.dpo
        .post(`/api/subjects/${client.id}/phi/reveal`)
        .send({ purpose, recordIds: [client.recordIds[1], counselee.recordIds[0]] })
        .expect(422);
      expect(foreign.body.errors).toEqual([
        expect.objectContaining({ field: 'recordIds.1', code: 'NOT_THIS_SUBJECTS' }),
      ]);

      const one = await clients.dpo
        .post(`/api/subjects/${client.id}/phi/reveal`)
        .send({ purpose, recordIds: [client.recordIds[1]] })
        .expect(200);
      expect(one.body).toEqual({
        records: [
          {
            id: client.recordIds[1],
            kind: 'expert_opinion',
            psychotherapyNotes: false,
            content: { opinion: OPINION, recommendations: '놀이치료' },
          },
        ],
        sensitiveData: [],
        bookingTopics: [],
      });
      const after = (await events({ subjectId: `subject:${client.id}` })).slice(before);
      expect(after.map((e) => [e.action, e.outcome])).toEqual([
        ['reveal', 'denied'],
        ['reveal', 'denied'],
        ['reveal', 'denied'],
        ['reveal', 'success'],
      ]);
      expect(after[3]).toMatchObject({
        fields: ['expertOpinion'],
        detail: expect.objectContaining({ recordIds: [client.recordIds[1]], psychotherapyNoteIds: [] }),
      });
    });

    it('opens the counseling interest and chosen booking topics for the DPO, naming them', async () => {
      await stepUp('dpo');
      const purpose = 'Access request REQ-2026-0051: copy of the booking history';
      const res = await clients.dpo
        .post(`/api/subjects/${counselee.id}/phi/reveal`)
        .send({ purpose, counselingInterest: true, bookingIds: [counseleeBookingIds[0]] })
        .expect(200);
      expect(res.body).toEqual({
        records: [],
        sensitiveData: [],
        bookingTopics: [{ id: counseleeBookingIds[0], topic: TOPIC }],
        counselingInterest: INTEREST,
      });
      const [event] = (await events({ subjectId: `subject:${counselee.id}` })).filter(
        (e) => e.resource === 'phi' && e.outcome === 'success',
      );
      expect(event).toMatchObject({
        actorId: ids.dpo,
        fields: ['bookingTopic', 'counselingInterest'],
        detail: expect.objectContaining({ bookingIds: [counseleeBookingIds[0]], counselingInterest: true }),
      });
    });
  });

  describe('account tools', () => {
    it('refuses to reactivate without a recorded identity check, changing nothing and logging it', async () => {
      const res = await clients.support
        .post(`/api/subjects/${guardian.id}/actions/reactivate`)
        .send({ identityCheckId: randomUUID(), reason: 'Customer wants to book again' })
        .expect(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'identityCheckId', code: 'IDENTITY_CHECK_REQUIRED' }),
      ]);
      await clients.support
        .post(`/api/subjects/${guardian.id}/actions/reactivate`)
        .send({ reason: 'Customer wants to book again' })
        .expect(422);
      expect(await status(guardian.id)).toBe('dormant');
      const refused = (await events({ subjectId: `subject:${guardian.id}` })).filter(
        (e) => e.resource === 'subject-account',
      );
      expect(refused.map((e) => e.outcome)).toEqual(['denied', 'denied']);
    });

    it('tells support how long the latest identity check still holds, by the server clock', async () => {
      const person = await createSubject(server);
      const profile = async (role: Role) => (await clients[role].get(`/api/subjects/${person.id}`).expect(200)).body;
      expect((await profile('support')).identityWindow).toBeNull();
      const check = await clients.support
        .post(`/api/subjects/${person.id}/identity-checks`)
        .send({ method: 'phone_otp', evidenceRef: 'OTP call 9912' })
        .expect(201);
      expect((await profile('support')).identityWindow).toEqual({
        checkId: check.body.id,
        method: 'phone_otp',
        checkedAt: check.body.checkedAt,
        validUntil: check.body.validUntil,
        minutesLeft: 10,
      });
      clock.advance(4 * 60_000 + 30_000);
      expect((await profile('support')).identityWindow).toMatchObject({ checkId: check.body.id, minutesLeft: 5 });
      // Only the role that takes account actions gets it.
      expect(await profile('dpo')).not.toHaveProperty('identityWindow');
      clock.advance(6 * 60_000);
      expect((await profile('support')).identityWindow).toBeNull();
    });

    it("refuses another person's or an expired identity check", async () => {
      const other = await clients.support
        .post(`/api/subjects/${client.id}/identity-checks`)
        .send({ method: 'phone_otp', evidenceRef: 'OTP to +1 415 …2671, call 7781' })
        .expect(201);
      await clients.support
        .post(`/api/subjects/${guardian.id}/actions/reactivate`)
        .send({ identityCheckId: other.body.id, reason: 'Wrong person on purpose' })
        .expect(422);
      const old = await clients.support
        .post(`/api/subjects/${guardian.id}/identity-checks`)
        .send({ method: 'callback_registered_phone', evidenceRef: 'Call log 2026-11-22 #18' })
        .expect(201);
      clock.advance(11 * 60_000);
      await clients.support
        .post(`/api/subjects/${guardian.id}/actions/reactivate`)
        .send({ identityCheckId: old.body.id, reason: 'Check too old' })
        .expect(422);
      expect(await status(guardian.id)).toBe('dormant');
    });

    it('reactivates a dormant account after an identity check, once', async () => {
      const check = await clients.support
        .post(`/api/subjects/${guardian.id}/identity-checks`)
        .send({
          method: 'phone_otp',
          evidenceRef: 'SMS OTP verified, ticket 5120',
          note: 'Called from the registered number',
        })
        .expect(201);
      expect(check.body).toMatchObject({ method: 'phone_otp', staff: { id: ids.support } });
      const res = await clients.support
        .post(`/api/subjects/${guardian.id}/actions/reactivate`)
        .send({ identityCheckId: check.body.id, reason: 'Customer wants to book a session again' })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'active', action: { action: 'reactivate', status: 'done' } });
      expect(await status(guardian.id)).toBe('active');
      const conflict = await clients.support
        .post(`/api/subjects/${guardian.id}/actions/reactivate`)
        .send({ identityCheckId: check.body.id, reason: 'Twice' })
        .expect(409);
      expect(conflict.body.code).toBe('SUBJECT_STATE_CONFLICT');
      const edits = (await events({ subjectId: `subject:${guardian.id}` })).filter(
        (e) => e.resource === 'subject-account' && e.outcome === 'success',
      );
      expect(edits).toEqual([
        expect.objectContaining({
          action: 'edit',
          actorId: ids.support,
          fields: ['status'],
          purpose: 'Customer wants to book a session again',
          detail: expect.objectContaining({ from: 'dormant', to: 'active', identityCheckId: check.body.id }),
        }),
      ]);
    });

    it('unlinks a social login and records a pending withdrawal', async () => {
      const check = await clients.support
        .post(`/api/subjects/${guardian.id}/identity-checks`)
        .send({ method: 'id_document', evidenceRef: 'Document check DOC-88' })
        .expect(201);
      await clients.support
        .post(`/api/subjects/${guardian.id}/actions/unlink-social`)
        .send({ identityCheckId: check.body.id, reason: 'Lost access to the Kakao account' })
        .expect(422);
      await clients.support
        .post(`/api/subjects/${guardian.id}/actions/unlink-social`)
        .send({ identityCheckId: check.body.id, reason: 'Lost access to the Kakao account', provider: 'kakao' })
        .expect(200);
      await clients.support
        .post(`/api/subjects/${guardian.id}/actions/unlink-social`)
        .send({ identityCheckId: check.body.id, reason: 'Again', provider: 'kakao' })
        .expect(409);
      const withdraw = await clients.support
        .post(`/api/subjects/${guardian.id}/actions/withdraw`)
        .send({ identityCheckId: check.body.id, reason: 'Asked to close the account' })
        .expect(200);
      expect(withdraw.body.action).toMatchObject({ action: 'withdraw', status: 'pending' });
      const profile = await clients.support.get(`/api/subjects/${guardian.id}`).expect(200);
      expect(profile.body.withdrawalRequestedAt).not.toBeNull();
      expect(profile.body.socialLinks[0].unlinkedAt).not.toBeNull();
    });

    it('are not the DPO’s job', async () => {
      await clients.dpo
        .post(`/api/subjects/${guardian.id}/identity-checks`)
        .send({ method: 'phone_otp', evidenceRef: 'abc' })
        .expect(403);
    });
  });

  describe('access history', () => {
    it("shows the DPO this person's access history; support may not read the access log", async () => {
      const res = await clients.dpo.get(`/api/subjects/${guardian.id}/access-history`).expect(200);
      expect(res.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: 'reveal', fields: ['email'], actorId: ids.support }),
        ]),
      );
      await clients.support.get(`/api/subjects/${guardian.id}/access-history`).expect(403);
    });
  });

  describe('compliance findings', () => {
    it('finds each planted kind, on the profile and in the list', async () => {
      const g = await createSubject(server, { service: 'shelby', kind: 'guardian', name: '김보호' });
      const child = await createSubject(server, {
        service: 'shelby',
        kind: 'child',
        guardianId: g.id,
        birthDate: '2018-02-01',
      });
      const recorded = await createSubject(server, {
        recordings: [{ counselorConsent: false }, { shared: true, supervisionConsent: false }],
        sensitive: [{ category: 'health', content: 'asthma' }],
      });
      const guardianProfile = await clients.support.get(`/api/subjects/${g.id}`).expect(200);
      expect(guardianProfile.body.children).toEqual([
        expect.objectContaining({ id: child.id, under14: true, guardianConsent: false }),
      ]);
      expect(guardianProfile.body.findings).toEqual([
        expect.objectContaining({ kind: 'child_without_guardian_consent', subjectId: child.id }),
      ]);
      const profile = await clients.support.get(`/api/subjects/${recorded.id}`).expect(200);
      expect(profile.body.findings.map((f: { kind: string }) => f.kind).sort()).toEqual([
        'phi_without_consent',
        'recording_without_both_consents',
        'supervision_sharing_without_consent',
      ]);
      const list = await clients.dpo
        .get('/api/compliance-findings')
        .query({ filter: JSON.stringify({ kind: 'child_without_guardian_consent' }) })
        .expect(200);
      expect(list.body).toEqual([expect.objectContaining({ subjectId: child.id, subjectName: '홍**' })]);
      // The person with a PHI consent is not a finding.
      const phiList = await clients.dpo
        .get('/api/compliance-findings')
        .query({ filter: JSON.stringify({ kind: 'phi_without_consent' }) })
        .expect(200);
      expect(phiList.body.map((f: { subjectId: string }) => f.subjectId)).toEqual([recorded.id]);
    });
  });

  describe('keys', () => {
    async function dump(): Promise<Record<string, string[]>> {
      const tables: { table_name: string }[] = await server.db.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      const out: Record<string, string[]> = {};
      for (const { table_name } of tables) {
        const rows: { j: string }[] = await server.db.query(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
        out[table_name] = rows.map((r) => r.j);
      }
      return out;
    }

    it('leaves no readable PHI or contact value in a database dump', async () => {
      const text = JSON.stringify(await dump());
      for (const secret of [
        NOTES,
        'sertraline',
        OPINION,
        'jamie.park@example.com',
        'hong@example.com',
        '+14155552671',
        INTEREST,
        TOPIC,
        '수면 문제',
      ]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(Buffer.from(secret).toString('hex'));
      }
    });

    it('seals counseling interests and booking topics stored in plaintext before they were encrypted', async () => {
      // A row as it was before the 20261203000500 migration: the check refuses new plaintext,
      // so the legacy state is recreated by lifting it for a moment, as the owner.
      const legacy = await createSubject(server, { name: '윤서연', records: [{ content: { notes: 'n' } }] });
      const [{ counselor_id: counselorId }] = (await server.db.query(
        'SELECT counselor_id FROM subject_counseling_records WHERE subject_id = $1',
        [legacy.id],
      )) as { counselor_id: string }[];
      await expect(
        server.db.query(`UPDATE subjects SET counseling_interest = '대인 관계' WHERE id = $1`, [legacy.id]),
      ).rejects.toThrow(/subjects_counseling_interest_sealed/);
      await server.db.query(`ALTER TABLE subjects DROP CONSTRAINT subjects_counseling_interest_sealed`);
      await server.db.query(`ALTER TABLE subject_bookings DROP CONSTRAINT subject_bookings_topic_sealed`);
      await server.db.query(`UPDATE subjects SET counseling_interest = '대인 관계' WHERE id = $1`, [legacy.id]);
      const [{ id: bookingId }] = (await server.db.query(
        `INSERT INTO subject_bookings (client_id, counselor_id, scheduled_at, mode, topic, status)
         VALUES ($1, $2, now() - interval '3 days', 'video', '공황 발작', 'completed') RETURNING id`,
        [legacy.id, counselorId],
      )) as { id: string }[];
      await server.db.query(`ALTER TABLE subjects ADD CONSTRAINT subjects_counseling_interest_sealed
        CHECK (counseling_interest IS NULL) NOT VALID`);
      await server.db.query(`ALTER TABLE subject_bookings ADD CONSTRAINT subject_bookings_topic_sealed
        CHECK (topic IS NULL) NOT VALID`);

      expect(await server.app.get(SubjectPlaintextSealer).sealAll()).toEqual({ interests: 1, topics: 1 });

      const text = JSON.stringify(await dump());
      expect(text).not.toContain('대인 관계');
      expect(text).not.toContain('공황 발작');
      await stepUp('dpo');
      const res = await clients.dpo
        .post(`/api/subjects/${legacy.id}/phi/reveal`)
        .send({ purpose: 'Checking the sealed values still open', counselingInterest: true, bookingIds: [bookingId] })
        .expect(200);
      expect(res.body).toMatchObject({
        counselingInterest: '대인 관계',
        bookingTopics: [{ id: bookingId, topic: '공황 발작' }],
      });
      expect(await server.app.get(SubjectPlaintextSealer).sealAll()).toEqual({ interests: 0, topics: 0 });
    });

    it('rotates the key-encryption key without touching the data', async () => {
      const crypto = server.app.get(SubjectCrypto);
      const oldKek = crypto.keyring.activeId();
      const [before] = await server.db.query('SELECT content_cipher FROM subject_counseling_records WHERE id = $1', [
        client.recordIds[0],
      ]);
      const result = await server.app.get(SubjectKeysService).rotate();
      expect(result.activeKekId).not.toBe(oldKek);
      expect(result.retiredKekIds).toContain(oldKek);
      expect(result.rewrapped).toBeGreaterThanOrEqual(2);
      const [after] = await server.db.query('SELECT content_cipher FROM subject_counseling_records WHERE id = $1', [
        client.recordIds[0],
      ]);
      expect(after.content_cipher).toEqual(before.content_cipher);
      const kekIds: { kek_id: string }[] = await server.db.query(
        'SELECT DISTINCT kek_id FROM subject_keys WHERE kek_id IS NOT NULL',
      );
      expect(kekIds).toEqual([{ kek_id: result.activeKekId }]);
      await stepUp('dpo');
      await clients.dpo
        .post(`/api/subjects/${client.id}/phi/reveal`)
        .send({
          purpose: 'Checking the notes still open after rotation',
          recordIds: [client.recordIds[0]],
          psychotherapyNotes: true,
        })
        .expect(200);
    });

    it('crypto-shreds a subject so that even a dump taken before cannot decrypt their PHI', async () => {
      const crypto = server.app.get(SubjectCrypto);
      const victim = await createSubject(server, { records: [{ content: { notes: 'shred me' } }] });
      const bystander = await createSubject(server, { records: [{ content: { notes: 'keep me' } }] });
      const keyRow = async (id: string) =>
        (
          (await server.db.query('SELECT kek_id, wrapped_key FROM subject_keys WHERE subject_id = $1', [id])) as {
            kek_id: string | null;
            wrapped_key: Buffer | null;
          }[]
        )[0];
      const [recordBefore] = (await server.db.query(
        'SELECT id, content_cipher FROM subject_counseling_records WHERE subject_id = $1',
        [victim.id],
      )) as { id: string; content_cipher: Buffer }[];
      const dumpedKey = await keyRow(victim.id);
      const openFromDump = () => {
        const key = crypto.unwrap(victim.id, dumpedKey.kek_id!, dumpedKey.wrapped_key!);
        return crypto.open(key, Aad.record(recordBefore.id), recordBefore.content_cipher);
      };
      // The dump opens before the shred, so the assertion below can fail.
      expect(openFromDump()).toContain('shred me');

      await server.app.get(SubjectsService).cryptoShred([victim.id], 'Erasure request REQ-1', { requestId: 'test' });

      expect(await keyRow(victim.id)).toEqual({ kek_id: null, wrapped_key: null });
      expect(openFromDump).toThrow(KekUnavailableError);
      await stepUp('dpo');
      const gone = await clients.dpo
        .post(`/api/subjects/${victim.id}/phi/reveal`)
        .send({ purpose: 'Confirming the erasure took effect', recordIds: victim.recordIds })
        .expect(410);
      expect(gone.body.code).toBe('SUBJECT_KEY_SHREDDED');
      const kept = await clients.dpo
        .post(`/api/subjects/${bystander.id}/phi/reveal`)
        .send({ purpose: 'Confirming others are untouched', recordIds: bystander.recordIds })
        .expect(200);
      expect(kept.body.records[0].content).toEqual({ notes: 'keep me' });
      expect(await events({ subjectId: `subject:${victim.id}` })).toContainEqual(
        expect.objectContaining({ action: 'delete', resource: 'subject-key', purpose: 'Erasure request REQ-1' }),
      );
    });
  });
});
