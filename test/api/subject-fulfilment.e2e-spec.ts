import { randomUUID } from 'node:crypto';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import type { Role } from '../../server/src/authorization/roles';
import { addCalendarYears, localDateOf } from '../../server/src/calendar/local-date';
import type { StaffContext } from '../../server/src/context/staff-context';
import { Problem } from '../../server/src/common/problem';
import { Transactions } from '../../server/src/database/transactions';
import { OutboxService } from '../../server/src/outbox/outbox.service';
import { KekUnavailableError } from '../../server/src/subjects/crypto/keyring';
import { Aad, SubjectCrypto } from '../../server/src/subjects/crypto/subject-crypto';
import { ChildRecordResealer } from '../../server/src/subjects/fulfilment/child-record-resealer';
import {
  ERASURE_CATEGORIES,
  SubjectFulfilmentService,
  type ErasureDecision,
} from '../../server/src/subjects/fulfilment/subject-fulfilment.service';
import { SubjectKeysService } from '../../server/src/subjects/subject-keys.service';
import { dumpDatabase, leaks } from '../support/db-dump';
import { snapshotDatabase, expectOnlyRefusalsAdded } from '../support/db-snapshot';
import { FakeClock } from '../support/fake-clock';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer, totpAt } from '../support/server';
import { createSubject, CreatedSubject } from '../support/subject-factory';
import { addProfileDetails } from '../support/subject-fixtures';
import { waitFor } from '../support/wait-for';

const TIME_ZONE = 'Asia/Seoul';
const DAY = 86_400_000;

/** Everything one person's data holds in plain text or sealed: none of it may survive an erasure. */
const PERSON = {
  name: '도하늘',
  email: 'doha.neul77@example.com',
  phone: '010-3141-5926',
  phoneForms: ['+821031415926', '010-3141-5926', '01031415926'],
  birthDate: '1983-11-27',
  nickname: '하늘맘77',
  providerNickname: '하늘이카톡',
  residence: '서울특별시 마포구 성미산로 17',
  occupation: '수의사',
  institution: '행복동물병원',
  interest: '번아웃과 수면 문제',
  topic: '직장 내 갈등으로 인한 불면',
  note: '내담자는 야간 근무 후 공황 증상을 호소함',
  sensitive: '졸피뎀 10mg 복용 중',
  review: '도하늘입니다, 선생님 덕분에 잘 지내요',
  ip: '198.51.100.203',
};

describe('subject fulfilment: erasure, child keys, rectification, restriction, consent withdrawal', () => {
  let server: TestServer;
  let clock: FakeClock;
  let fulfilment: SubjectFulfilmentService;
  const clients = {} as Record<Role, Agent>;
  const secrets = {} as Record<Role, string>;
  const ids = {} as Record<Role, string>;
  let ctx: StaffContext;

  beforeAll(async () => {
    clock = new FakeClock();
    // Jobs run here: the erasure queues the KEK rotation that finishes a crypto-shred.
    server = await startTestServer({ clock, env: { JOBS_ENABLED: 'true', IDENTITY_CHECK_VALID_MINUTES: '30' } });
    for (const role of ['dpo', 'support'] as Role[]) {
      ids[role] = (await server.createStaff({ email: `${role}@example.com`, role, password: PASSWORD })).id;
      clients[role] = agent(server);
      secrets[role] = await signIn(server, clients[role], `${role}@example.com`, PASSWORD);
    }
    fulfilment = server.app.get(SubjectFulfilmentService);
    ctx = {
      id: ids.dpo,
      email: 'dpo@example.com',
      displayName: 'DPO',
      role: 'dpo',
      sessionId: 'test-session',
      origin: { actorId: ids.dpo, actorRole: 'dpo', requestId: 'test' },
    } as StaffContext;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  async function stepUp(role: Role): Promise<void> {
    clock.advance(30_000);
    await clients[role]
      .post('/api/auth/step-up')
      .send({ code: await totpAt(server, secrets[role]) })
      .expect(200);
  }

  async function events(subjectId: string): Promise<CanonicalAuditEvent[]> {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      'SELECT canonical FROM audit_events WHERE subject_id = $1 ORDER BY seq',
      [`subject:${subjectId}`],
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  }

  /** A person with something in every category, and a payment made `paidDaysAgo` days ago. */
  async function fullPerson(paidDaysAgo = 40): Promise<CreatedSubject> {
    const person = await createSubject(server, {
      service: 'maumjuui',
      name: PERSON.name,
      email: PERSON.email,
      phone: PERSON.phone,
      birthDate: PERSON.birthDate,
      records: [{ kind: 'session_note', content: { notes: PERSON.note } }],
      sensitive: [{ category: 'medication', content: PERSON.sensitive }],
      consents: [{ purpose: 'phi' }, { purpose: 'marketing' }, { purpose: 'recording' }],
      socialLinks: ['kakao'],
      recordings: [{}],
    });
    const [{ counselor_id: counselorId }] = (await server.db.query(
      'SELECT counselor_id FROM subject_counseling_records WHERE subject_id = $1',
      [person.id],
    )) as { counselor_id: string }[];
    await addProfileDetails(server, person.id, {
      nickname: PERSON.nickname,
      residence: PERSON.residence,
      occupation: PERSON.occupation,
      institution: PERSON.institution,
      counselingInterest: PERSON.interest,
      bookings: [{ counselorId, topic: PERSON.topic, daysFromNow: -41 }],
      reviews: [{ counselorId, rating: 5, body: PERSON.review, daysAgo: 30 }],
      payments: [{ amount: '80000.00', daysAgo: paidDaysAgo }],
      devices: [{ model: 'Galaxy S24', os: 'Android 15', ip: PERSON.ip }],
      calendarLinks: [{ accountEmailMask: 'do***@example.com', eventsSynced: 4, linkedDaysAgo: 60 }],
    });
    await server.db.query(
      `UPDATE subject_social_links SET provider_nickname = $2, email_mask = 'do***@kakao.com'
       WHERE subject_id = $1`,
      [person.id, PERSON.providerNickname],
    );
    await server.db.query(
      `INSERT INTO subject_financial_profiles (subject_id, bank_name, account_cipher, account_mask, depositor_mask,
         tax_id_cipher, tax_id_mask, updated_at) VALUES ($1, '국민은행', '\\x01', '****-1234', '도**', '\\x01', '******-*', now())`,
      [person.id],
    );
    return person;
  }

  async function searchTotal(filter: Record<string, string>): Promise<number> {
    const res = await clients.support
      .get('/api/subjects')
      .query({ filter: JSON.stringify(filter) })
      .expect(200);
    return (res.body as unknown[]).length;
  }

  const eraseAllBut = (retained: Partial<Record<string, string>>): ErasureDecision[] =>
    ERASURE_CATEGORIES.map((category) =>
      retained[category]
        ? { category, action: 'retain', retentionRuleCode: retained[category] }
        : { category, action: 'erase' },
    );

  async function problemOf(work: Promise<unknown>): Promise<Problem> {
    try {
      await work;
    } catch (error) {
      if (error instanceof Problem) return error;
      throw error;
    }
    throw new Error('expected a problem');
  }

  describe('erasure', () => {
    let person: CreatedSubject;
    let paidOn: string;

    beforeAll(async () => {
      person = await fullPerson(40);
      paidOn = localDateOf(new Date(clock.now().getTime() - 40 * DAY), TIME_ZONE);
    });

    it('proposes every category it finds, with the payments held 5 years from the latest payment', async () => {
      const proposal = await fulfilment.proposeErasure(person.id);
      const byCategory = new Map(proposal.categories.map((c) => [c.category, c]));
      for (const category of ERASURE_CATEGORIES) expect(byCategory.get(category)?.present).toBe(true);
      expect(byCategory.get('payments')?.hold).toEqual({
        retentionRuleCode: 'ecommerce_payment_records',
        law: '전자상거래법 시행령 제6조',
        destroyOn: addCalendarYears(paidOn, 5),
      });
      expect(byCategory.get('counseling')?.hold).toBeNull();
    });

    it('refuses to erase payments under the statutory hold, naming the statute, and changes nothing', async () => {
      const before = await snapshotDatabase(server);
      const problem = await problemOf(fulfilment.erase(ctx, person.id, eraseAllBut({}), randomUUID()));
      expect(problem.status).toBe(409);
      expect(problem.code).toBe('LEGAL_HOLD');
      expect(problem.title).toContain('전자상거래법 시행령 제6조');
      expect(problem.errors).toEqual([
        expect.objectContaining({ field: `decisions.${ERASURE_CATEGORIES.indexOf('payments')}`, code: 'LEGAL_HOLD' }),
      ]);
      expect(expectOnlyRefusalsAdded(before, await snapshotDatabase(server))).toBe(0);
    });

    it('finds the person by phone, email and name before the erasure', async () => {
      expect(await searchTotal({ phone: PERSON.phone })).toBe(1);
      expect(await searchTotal({ email: PERSON.email })).toBe(1);
      expect(await searchTotal({ q: PERSON.name })).toBe(1);
      const dump = await dumpDatabase(server);
      // The dump is able to see them: the plain values are there before.
      expect(leaks(dump, [PERSON.name, PERSON.nickname, PERSON.residence, PERSON.ip, PERSON.birthDate])).toHaveLength(
        5,
      );
    });

    it('erases every trace but the held payments: the dump holds none of the values, search finds nothing', async () => {
      const requestId = randomUUID();
      const [{ kek_id: kekBefore }] = (await server.db.query('SELECT kek_id FROM subject_keys WHERE subject_id = $1', [
        person.id,
      ])) as { kek_id: string }[];
      // Two messages to the person: one already sent (its address and content kept, as templates allow
      // while developing), one still queued.
      const outbox = server.app.get(OutboxService);
      // Queued, due tomorrow (the running dispatch job leaves them be), in one transaction with the
      // change that marks one of them sent with its address and content still there.
      const [sentId, queuedId] = await server.app.get(Transactions).run(async (manager) => {
        const message = (n: number) =>
          outbox.enqueue(
            {
              templateKey: 'rights-request.acknowledgement',
              language: 'ko',
              recipient: { kind: 'subject', id: person.id, address: PERSON.email },
              data: {
                name: PERSON.name,
                reference: `RR-2026-00000${n}`,
                receivedOn: '2026-11-02',
                dueOn: '2026-11-12',
              },
              reference: `rights-request:test-${n}`,
            },
            manager,
          );
        const ids = [await message(1), await message(2)];
        await manager.query(
          `UPDATE outbox_messages SET next_attempt_at = now() + interval '1 day' WHERE id = ANY($1)`,
          [ids],
        );
        await manager.query(`UPDATE outbox_messages SET status = 'sent', sent_at = now() WHERE id = $1`, [ids[0]]);
        return ids;
      });
      const result = await fulfilment.erase(
        ctx,
        person.id,
        eraseAllBut({ payments: 'ecommerce_payment_records' }),
        requestId,
      );
      // The messages keep their metadata and hash only; the queued one is cancelled.
      expect(
        await server.db.query(
          `SELECT id, status, recipient_address_sealed IS NULL AS "addressGone", content_sealed IS NULL AS "contentGone",
                  content_deleted_at IS NOT NULL AS "deleted", recipient_masked AS masked
             FROM outbox_messages WHERE recipient_id = $1 ORDER BY created_at, id`,
          [person.id],
        ),
      ).toEqual(
        expect.arrayContaining([
          { id: sentId, status: 'sent', addressGone: true, contentGone: true, deleted: true, masked: '(erased)' },
          {
            id: queuedId,
            status: 'cancelled',
            addressGone: true,
            contentGone: true,
            deleted: true,
            masked: '(erased)',
          },
        ]),
      );
      expect(result).toEqual({
        erased: ERASURE_CATEGORIES.filter((c) => c !== 'payments').sort(),
        retained: [
          {
            category: 'payments',
            retentionRuleCode: 'ecommerce_payment_records',
            law: '전자상거래법 시행령 제6조',
            destroyOn: addCalendarYears(paidOn, 5),
          },
        ],
        shredded: true,
        tombstone: true,
      });

      const dump = await dumpDatabase(server);
      expect(
        leaks(dump, [
          PERSON.name,
          PERSON.email,
          ...PERSON.phoneForms,
          PERSON.birthDate,
          PERSON.nickname,
          PERSON.providerNickname,
          PERSON.residence,
          PERSON.occupation,
          PERSON.institution,
          PERSON.interest,
          PERSON.topic,
          PERSON.note,
          PERSON.sensitive,
          PERSON.review,
          PERSON.ip,
        ]),
      ).toEqual([]);
      expect(await searchTotal({ phone: PERSON.phone })).toBe(0);
      expect(await searchTotal({ email: PERSON.email })).toBe(0);
      expect(await searchTotal({ q: PERSON.name })).toBe(0);

      // A tombstone without personal data, the payments kept apart under their hold.
      expect(await server.db.query('SELECT * FROM subject_tombstones WHERE subject_id = $1', [person.id])).toEqual([
        expect.objectContaining({ kind: 'client', service: 'maumjuui', rights_request_id: requestId }),
      ]);
      expect(
        await server.db.query(
          `SELECT category, retention_rule_code, law, to_char(destroy_on, 'YYYY-MM-DD') AS destroy_on
           FROM subject_legal_holds WHERE subject_id = $1`,
          [person.id],
        ),
      ).toEqual([
        {
          category: 'payments',
          retention_rule_code: 'ecommerce_payment_records',
          law: '전자상거래법 시행령 제6조',
          destroy_on: addCalendarYears(paidOn, 5),
        },
      ]);
      expect(await server.db.query('SELECT amount FROM subject_payments WHERE subject_id = $1', [person.id])).toEqual([
        { amount: '80000.00' },
      ]);
      // The key is gone; once the erasure committed, the queued rotation retires the KEK that wrapped it.
      await expect(server.app.get(SubjectKeysService).dataKey(person.id)).rejects.toMatchObject({
        code: 'SUBJECT_KEY_SHREDDED',
      });
      const crypto = server.app.get(SubjectCrypto);
      await waitFor('the KEK rotation job', () => {
        try {
          crypto.keyring.key(kekBefore);
          return undefined;
        } catch (error) {
          return error instanceof KekUnavailableError ? true : undefined;
        }
      });
      // The events name the request and the categories, never a value.
      const trail = await events(person.id);
      expect(trail).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'delete',
            resource: 'subject-data',
            detail: expect.objectContaining({ rightsRequestId: requestId, shredded: true, tombstone: true }),
          }),
          expect.objectContaining({
            action: 'delete',
            resource: 'subject-key',
            detail: { rightsRequestId: requestId },
          }),
        ]),
      );
    });

    it('shows the erased person on the profile without a name', async () => {
      const res = await clients.support.get(`/api/subjects/${person.id}`).expect(200);
      expect(res.body).toMatchObject({ name: '(erased)', email: null, phone: null, age: null, keyShredded: true });
      expect(res.body.erasedAt).toEqual(expect.any(String));
    });

    it('lets a payment past its 5 years be erased: the hold ends with the period', async () => {
      const old = await createSubject(server, { name: '오래된결제', email: null });
      await addProfileDetails(server, old.id, { payments: [{ amount: '1000.00', daysAgo: 5 * 366 + 2 }] });
      const proposal = await fulfilment.proposeErasure(old.id);
      expect(proposal.categories.find((c) => c.category === 'payments')).toEqual({
        category: 'payments',
        present: true,
        hold: null,
      });
      await fulfilment.erase(ctx, old.id, [{ category: 'payments', action: 'erase' }], randomUUID());
      expect(await server.db.query('SELECT 1 FROM subject_payments WHERE subject_id = $1', [old.id])).toEqual([]);
    });
  });

  describe('bad decisions', () => {
    it('refuses a category decided twice, an unknown category, an unknown retention rule or an unknown person, changing nothing', async () => {
      const person = await createSubject(server, { name: '잘못된결정', email: null });
      const before = await snapshotDatabase(server);
      const cases: [ErasureDecision[], number, string][] = [
        [
          [
            { category: 'contact', action: 'erase' },
            { category: 'contact', action: 'erase' },
          ],
          422,
          'UNKNOWN_ERASURE_CATEGORY',
        ],
        [[{ category: 'everything', action: 'erase' } as unknown as ErasureDecision], 422, 'UNKNOWN_ERASURE_CATEGORY'],
        [[], 422, 'UNKNOWN_ERASURE_CATEGORY'],
        [[{ category: 'reviews', action: 'retain', retentionRuleCode: 'forever' }], 422, 'UNKNOWN_RETENTION_RULE'],
      ];
      for (const [decisions, status, code] of cases) {
        const problem = await problemOf(fulfilment.erase(ctx, person.id, decisions, randomUUID()));
        expect(problem.status).toBe(status);
        expect(problem.errors[0].code).toBe(code);
      }
      const missing = await problemOf(
        fulfilment.erase(ctx, randomUUID(), [{ category: 'contact', action: 'erase' }], randomUUID()),
      );
      expect(missing.code).toBe('SUBJECT_NOT_FOUND');
      expect(expectOnlyRefusalsAdded(before, await snapshotDatabase(server))).toBe(0);
    });
  });

  describe('a child erased alone', () => {
    it("moves a child's records to the child's own key, then shreds only the child's: the guardian's PHI still opens", async () => {
      const crypto = server.app.get(SubjectCrypto);
      const keys = server.app.get(SubjectKeysService);
      const guardian = await createSubject(server, {
        service: 'shelby',
        kind: 'guardian',
        name: '윤보라',
        phone: '010-7000-1212',
        sensitive: [{ category: 'health', content: '보호자 본인 불안 장애' }],
        consents: [{ purpose: 'phi' }],
      });
      // Twelve years old on the test's date.
      const birthDate = addCalendarYears(localDateOf(clock.now(), TIME_ZONE), -12);
      const child = await createSubject(server, {
        service: 'shelby',
        kind: 'child',
        name: '윤새봄',
        email: null,
        guardianId: guardian.id,
        birthDate,
        consents: [{ purpose: 'guardian_for_child', givenBy: guardian.id }],
      });
      const counselor = await createSubject(server, { kind: 'counselor', name: '상담사 박', email: null });
      // Rows written before this change: about the child, sealed under the guardian's key. The test
      // lifts the check the migration added for new rows to write them, as an older installation has them.
      const guardianKey = await keys.dataKey(guardian.id);
      const recordId = randomUUID();
      const ownBookingId = randomUUID();
      const childBookingId = randomUUID();
      const CHILD_RESULT = '아동 발달 검사 결과: 주의력 결핍 경향';
      await server.db.transaction(async (m) => {
        await m.query('ALTER TABLE subject_counseling_records DROP CONSTRAINT subject_counseling_records_child_key');
        await m.query('ALTER TABLE subject_bookings DROP CONSTRAINT subject_bookings_child_topic_key');
        await m.query(
          `INSERT INTO subject_bookings (id, client_id, counselor_id, child_id, scheduled_at, mode, topic_cipher, status)
           VALUES ($1, $2, $3, $4, now() - interval '20 days', 'video', $5, 'completed'),
                  ($6, $2, $3, NULL, now() - interval '10 days', 'video', $7, 'completed')`,
          [
            childBookingId,
            guardian.id,
            counselor.id,
            child.id,
            crypto.seal(guardianKey, Aad.bookingTopic(childBookingId), '아이의 주의력 문제'),
            ownBookingId,
            crypto.seal(guardianKey, Aad.bookingTopic(ownBookingId), '보호자 양육 스트레스'),
          ],
        );
        await m.query(
          `INSERT INTO subject_counseling_records (id, subject_id, booking_id, counselor_id, child_id, kind, session_at,
             content_cipher) VALUES ($1, $2, $3, $4, $5, 'result', now() - interval '20 days', $6)`,
          [
            recordId,
            guardian.id,
            childBookingId,
            counselor.id,
            child.id,
            crypto.seal(guardianKey, Aad.record(recordId), JSON.stringify({ result: CHILD_RESULT })),
          ],
        );
        await m.query(`ALTER TABLE subject_counseling_records ADD CONSTRAINT subject_counseling_records_child_key
          CHECK (child_id IS NULL OR sealed_under = child_id) NOT VALID`);
        await m.query(`ALTER TABLE subject_bookings ADD CONSTRAINT subject_bookings_child_topic_key
          CHECK (child_id IS NULL OR topic_cipher IS NULL OR topic_sealed_under = child_id) NOT VALID`);
      });
      expect(await server.app.get(ChildRecordResealer).resealAll()).toEqual({ records: 1, topics: 1 });
      const [moved] = (await server.db.query(
        'SELECT sealed_under, content_cipher FROM subject_counseling_records WHERE id = $1',
        [recordId],
      )) as { sealed_under: string; content_cipher: Buffer }[];
      expect(moved.sealed_under).toBe(child.id);
      // A copy of the ciphertext as a backup would hold it.
      const backup = moved.content_cipher;
      const [backupKey] = (await server.db.query('SELECT kek_id, wrapped_key FROM subject_keys WHERE subject_id = $1', [
        child.id,
      ])) as { kek_id: string; wrapped_key: Buffer }[];
      expect(() => crypto.open(guardianKey, Aad.record(recordId), backup)).toThrow();
      expect(JSON.parse(crypto.open(await keys.dataKey(child.id), Aad.record(recordId), backup))).toEqual({
        result: CHILD_RESULT,
      });

      const result = await fulfilment.erase(ctx, child.id, eraseAllBut({}), randomUUID());
      expect(result).toMatchObject({ shredded: true, tombstone: true, retained: [] });

      // The child's key is gone, and the backup's copy of it can no longer be unwrapped.
      await expect(keys.dataKey(child.id)).rejects.toMatchObject({ code: 'SUBJECT_KEY_SHREDDED', status: 410 });
      await waitFor('the KEK rotation job', () => {
        try {
          crypto.unwrap(child.id, backupKey.kek_id, backupKey.wrapped_key);
          return undefined;
        } catch (error) {
          return error instanceof KekUnavailableError ? true : undefined;
        }
      });
      expect(await server.db.query('SELECT 1 FROM subject_counseling_records WHERE id = $1', [recordId])).toEqual([]);
      expect(
        await server.db.query('SELECT topic_cipher FROM subject_bookings WHERE id = $1', [childBookingId]),
      ).toEqual([{ topic_cipher: null }]);

      // The guardian's own PHI still opens, through the DPO's reveal.
      await stepUp('dpo');
      const reveal = await clients.dpo
        .post(`/api/subjects/${guardian.id}/phi/reveal`)
        .send({ purpose: 'Erasure check RR-TEST', sensitiveDataIds: guardian.sensitiveIds, bookingIds: [ownBookingId] })
        .expect(200);
      expect(reveal.body.sensitiveData).toEqual([
        { id: guardian.sensitiveIds[0], category: 'health', content: '보호자 본인 불안 장애' },
      ]);
      expect(reveal.body.bookingTopics).toEqual([{ id: ownBookingId, topic: '보호자 양육 스트레스' }]);
      expect(await searchTotal({ phone: '010-7000-1212' })).toBe(1);
    });
  });

  describe('when the key goes', () => {
    it('shreds once every category that holds data is erased, though absent ones were not named; an unrelated erasure keeps it', async () => {
      const keys = server.app.get(SubjectKeysService);
      // A child with a health note and nothing financial: the console offers only what is present.
      const guardian = await createSubject(server, { kind: 'guardian', service: 'shelby', birthDate: '1984-03-03' });
      const child = await createSubject(server, {
        service: 'shelby',
        kind: 'child',
        guardianId: guardian.id,
        birthDate: '2014-05-05',
        sensitive: [{ category: 'health', content: '아동 수면 문제' }],
        consents: [{ purpose: 'guardian_for_child', givenBy: guardian.id }],
      });
      // Erasing the consents alone leaves everything sealed under the key: it stays.
      const partial = await fulfilment.erase(ctx, child.id, [{ category: 'consents', action: 'erase' }], randomUUID());
      expect(partial.shredded).toBe(false);
      await expect(keys.dataKey(child.id)).resolves.toBeDefined();

      const proposal = await fulfilment.proposeErasure(child.id);
      const present = proposal.categories.filter((c) => c.present).map((c) => c.category);
      expect(present).not.toContain('financial');
      const decisions: ErasureDecision[] = present.map((category) => ({ category, action: 'erase' }));
      const result = await fulfilment.erase(ctx, child.id, decisions, randomUUID());
      expect(result.shredded).toBe(true);
      await expect(keys.dataKey(child.id)).rejects.toMatchObject({ code: 'SUBJECT_KEY_SHREDDED', status: 410 });
      await expect(keys.dataKey(guardian.id)).resolves.toBeDefined();
    });
  });

  describe('rectification', () => {
    it('changes the email: index and mask follow, before and after are kept sealed, the event names no value', async () => {
      const person = await createSubject(server, { name: '정정대상', email: 'old.address@example.com' });
      const requestId = randomUUID();
      await fulfilment.rectify(ctx, person.id, { field: 'email', value: 'New.Address@Example.com' }, requestId);
      expect(await searchTotal({ email: 'old.address@example.com' })).toBe(0);
      expect(await searchTotal({ email: 'new.address@example.com' })).toBe(1);
      const [row] = (await server.db.query('SELECT email_mask FROM subjects WHERE id = $1', [person.id])) as {
        email_mask: string;
      }[];
      expect(row.email_mask).toBe('ne***@example.com');
      const [kept] = (await server.db.query(
        'SELECT field, before_cipher, after_cipher, rights_request_id FROM subject_rectifications WHERE subject_id = $1',
        [person.id],
      )) as { field: string; before_cipher: Buffer; after_cipher: Buffer; rights_request_id: string }[];
      const crypto = server.app.get(SubjectCrypto);
      const key = await server.app.get(SubjectKeysService).dataKey(person.id);
      expect(kept.rights_request_id).toBe(requestId);
      expect(crypto.open(key, `rectification:${person.id}:email:before`, kept.before_cipher)).toBe(
        'old.address@example.com',
      );
      expect(crypto.open(key, `rectification:${person.id}:email:after`, kept.after_cipher)).toBe(
        'new.address@example.com',
      );
      const dump = await dumpDatabase(server);
      expect(leaks(dump, ['old.address@example.com', 'new.address@example.com'])).toEqual([]);
      expect((await events(person.id)).find((e) => e.resource === 'subject' && e.action === 'edit')).toMatchObject({
        fields: ['email'],
        detail: expect.objectContaining({ rightsRequestId: requestId }),
      });
    });

    it('changes the name: prefix search finds the new one only', async () => {
      const person = await createSubject(server, { name: '개명전이름', email: null });
      await fulfilment.rectify(ctx, person.id, { field: 'name', value: '개명후이름' }, randomUUID());
      expect(await searchTotal({ q: '개명전' })).toBe(0);
      expect(await searchTotal({ q: '개명후' })).toBe(1);
    });
  });

  describe('restriction', () => {
    it('suspends processing: shown on the profile and in search, account actions refuse until lifted', async () => {
      const person = await createSubject(server, { name: '처리정지', status: 'locked', phone: '010-5555-0199' });
      const requestId = randomUUID();
      await fulfilment.restrict(ctx, person.id, requestId, 'Restriction request');
      expect(await fulfilment.isRestricted(person.id)).toBe(true);
      const profile = await clients.support.get(`/api/subjects/${person.id}`).expect(200);
      expect(profile.body.restricted).toEqual({ since: clock.now().toISOString() });
      const list = await clients.support
        .get('/api/subjects')
        .query({ filter: JSON.stringify({ phone: '010-5555-0199' }) })
        .expect(200);
      expect(list.body[0].restricted).toEqual({ since: clock.now().toISOString() });

      const check = await clients.support
        .post(`/api/subjects/${person.id}/identity-checks`)
        .send({ method: 'phone_otp', evidenceRef: 'OTP-12345' })
        .expect(201);
      const refused = await clients.support
        .post(`/api/subjects/${person.id}/actions/unlock`)
        .send({ identityCheckId: check.body.id, reason: 'Caller verified by OTP' })
        .expect(409);
      expect(refused.body.code).toBe('SUBJECT_RESTRICTED');

      await fulfilment.liftRestriction(ctx, person.id, requestId, 'Restriction lifted: objection resolved');
      expect(await fulfilment.isRestricted(person.id)).toBe(false);
      await clients.support
        .post(`/api/subjects/${person.id}/actions/unlock`)
        .send({ identityCheckId: check.body.id, reason: 'Caller verified by OTP' })
        .expect(200);
      const trail = (await events(person.id)).filter((e) => e.resource === 'subject-restriction');
      expect(trail.map((e) => (e.detail as { restricted: boolean }).restricted)).toEqual([true, false]);
      expect(trail.every((e) => (e.detail as { rightsRequestId: string }).rightsRequestId === requestId)).toBe(true);
    });
  });

  describe('consent withdrawal', () => {
    it('withdraws per purpose at once; marketing withdrawn suppresses marketing on the profile', async () => {
      const person = await createSubject(server, {
        name: '동의철회',
        consents: [{ purpose: 'marketing' }, { purpose: 'phi' }, { purpose: 'recording' }],
      });
      clock.advance(60_000);
      const requestId = randomUUID();
      expect(await fulfilment.withdrawConsents(ctx, person.id, ['marketing', 'recording'], requestId)).toEqual({
        withdrawn: ['marketing', 'recording'],
      });
      const rows = (await server.db.query(
        'SELECT purpose, withdrawn_at FROM subject_consents WHERE subject_id = $1 ORDER BY purpose',
        [person.id],
      )) as { purpose: string; withdrawn_at: Date | null }[];
      expect(rows).toEqual([
        { purpose: 'marketing', withdrawn_at: clock.now() },
        { purpose: 'phi', withdrawn_at: null },
        { purpose: 'recording', withdrawn_at: clock.now() },
      ]);
      const profile = await clients.support.get(`/api/subjects/${person.id}`).expect(200);
      expect(profile.body.marketingSuppressed).toEqual({ since: clock.now().toISOString() });
      const problem = await problemOf(fulfilment.withdrawConsents(ctx, person.id, ['newsletter'], requestId));
      expect(problem.status).toBe(422);
      expect(problem.errors).toEqual([
        expect.objectContaining({ field: 'purposes.0', code: 'UNKNOWN_CONSENT_PURPOSE' }),
      ]);
    });
  });

  describe('account withdrawal', () => {
    it('erases every category, keeps the held payments, and withdraws the account', async () => {
      const person = await fullPerson(400);
      const result = await fulfilment.withdrawAccount(ctx, person.id, randomUUID());
      expect(result.retained.map((r) => r.category)).toEqual(['payments']);
      expect(result.erased).toHaveLength(ERASURE_CATEGORIES.length - 1);
      const [row] = (await server.db.query('SELECT status, withdrawn_at, name FROM subjects WHERE id = $1', [
        person.id,
      ])) as { status: string; withdrawn_at: Date | null; name: string | null }[];
      expect(row).toEqual({ status: 'withdrawn', withdrawn_at: clock.now(), name: null });
    });
  });
});
