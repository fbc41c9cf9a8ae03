import { Client } from 'pg';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { Role } from '../../server/src/authorization/roles';
import { DormancyNoticesJob } from '../../server/src/retention/dormancy/dormancy-notices.job';
import { DormancySeparationJob } from '../../server/src/retention/dormancy/dormancy-separation.job';
import { SubjectFulfilmentService } from '../../server/src/subjects/fulfilment/subject-fulfilment.service';
import { FakeClock } from '../support/fake-clock';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { createSubject, CreatedSubject } from '../support/subject-factory';
import { addProfileDetails } from '../support/subject-fixtures';

const DAY = 86_400_000;

/**
 * Dormant accounts with a fixed clock (F9): unused for 11 months, a person gets the 30 days'
 * notice; at 12 months they are separated into the dormant store, which no ordinary screen reads
 * and the application role cannot select from; support finds them by e-mail, checks their
 * identity and reactivates them, which brings the data back. A person who comes back after the
 * notice is not separated.
 */
describe('retention: dormant accounts', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  let sleeper: CreatedSubject;
  let returner: CreatedSubject;
  let recent: CreatedSubject;

  const as = (role: Role) => clients.get(role)!;
  const caseOf = async (subjectId: string) =>
    (
      (await server.db.query(
        `SELECT state, notice_channel AS "noticeChannel", notice_message_id AS "messageId",
           to_char(separation_due_on, 'YYYY-MM-DD') AS "separationDueOn", reactivated_by AS "reactivatedBy",
           identity_check_id AS "identityCheckId"
         FROM dormancy_cases WHERE subject_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [subjectId],
      )) as Record<string, string | null>[]
    )[0];
  const account = async (subjectId: string) =>
    (
      (await server.db.query(
        `SELECT status, name, email_index IS NOT NULL AS "hasEmail", phone_mask AS "phoneMask", residence,
           separated_at IS NOT NULL AS separated, dormant_at IS NOT NULL AS dormant,
           (SELECT count(*)::int FROM subject_consents WHERE subject_id = s.id) AS consents,
           (SELECT count(*)::int FROM subject_social_links WHERE subject_id = s.id) AS "socialLinks",
           (SELECT count(*)::int FROM subject_sensitive_data WHERE subject_id = s.id) AS sensitive,
           (SELECT count(*)::int FROM subject_calendar_links WHERE subject_id = s.id) AS "calendarLinks"
         FROM subjects s WHERE id = $1`,
        [subjectId],
      )) as Record<string, unknown>[]
    )[0];
  const events = async (subjectId: string, resource: string) => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      'SELECT canonical FROM audit_events WHERE subject_id = $1 AND resource = $2 ORDER BY seq',
      [`subject:${subjectId}`, resource],
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as Record<string, unknown>);
  };

  beforeAll(async () => {
    // 10:00 in Seoul on 3 December 2026.
    clock = new FakeClock(Date.parse('2026-12-03T01:00:00Z'));
    server = await startTestServer({ clock });
    const unused = async (name: string, email: string, phone: string) => {
      const person = await createSubject(server, {
        name,
        email,
        phone,
        consents: [{ purpose: 'terms' }, { purpose: 'marketing' }],
        socialLinks: ['kakao'],
        sensitive: [{ category: 'health', content: '불면증' }],
      });
      // Last used 335 days ago (2 January 2026): eleven months.
      await addProfileDetails(server, person.id, {
        residence: '서울',
        createdDaysAgo: 900,
        lastActiveDaysAgo: 335,
        calendarLinks: [{ accountEmailMask: 'sl***@gmail.com', eventsSynced: 3, linkedDaysAgo: 400 }],
      });
      return person;
    };
    sleeper = await unused('김휴면', 'sleeper@example.com', '010-2345-6789');
    returner = await unused('박복귀', 'returner@example.com', '010-3456-7890');
    recent = await createSubject(server, { name: '최최근', email: 'recent@example.com' });
  });
  afterAll(() => server.close());

  it('sends the notice at 11 months through the outbox, in the person’s language, and records it', async () => {
    const counts = await server.app.get(DormancyNoticesJob).run();
    expect(counts).toEqual({ opened: 2, notified: 2, cancelled: 0, noAddress: 0 });
    const c = await caseOf(sleeper.id);
    expect(c).toMatchObject({ state: 'notified', noticeChannel: 'email', separationDueOn: '2027-01-02' });
    const [message] = (await server.db.query(
      `SELECT template_key AS "templateKey", language, recipient_kind AS "recipientKind", recipient_id AS "recipientId",
         recipient_masked AS "recipientMasked", status FROM outbox_messages WHERE id = $1`,
      [c.messageId],
    )) as Record<string, string>[];
    expect(message).toEqual({
      templateKey: 'dormancy.notice-email',
      language: 'ko',
      recipientKind: 'subject',
      recipientId: sleeper.id,
      recipientMasked: 's***@example.com',
      status: 'queued',
    });
    expect(await caseOf(recent.id)).toBeUndefined();
    expect(await events(sleeper.id, 'dormancy-notice')).toEqual([
      expect.objectContaining({ action: 'create', purpose: 'retention:dormancy', fields: ['name', 'email'] }),
    ]);
    // A rerun the same day sends nothing twice; separation is not due yet.
    expect(await server.app.get(DormancyNoticesJob).run()).toEqual({
      opened: 0,
      notified: 0,
      cancelled: 0,
      noAddress: 0,
    });
    expect(await server.app.get(DormancySeparationJob).run()).toEqual({ separated: 0, cancelled: 0 });
    expect(await account(sleeper.id)).toMatchObject({ status: 'active', separated: false, consents: 2 });
  });

  it('separates the still-unused account at 12 months and cancels the one who came back', async () => {
    // The returner signs in on the platform a week after the notice.
    clock.advance(7 * DAY);
    await server.db.query('UPDATE subjects SET last_active_at = $2 WHERE id = $1', [returner.id, clock.now()]);
    clock.advance(24 * DAY);
    expect(await server.app.get(DormancySeparationJob).run()).toEqual({ separated: 1, cancelled: 1 });

    expect(await account(sleeper.id)).toEqual({
      status: 'dormant',
      name: null,
      hasEmail: false,
      phoneMask: null,
      residence: null,
      separated: true,
      dormant: true,
      consents: 0,
      socialLinks: 0,
      sensitive: 0,
      calendarLinks: 0,
    });
    expect(await caseOf(sleeper.id)).toMatchObject({ state: 'separated' });
    expect(await caseOf(returner.id)).toMatchObject({ state: 'cancelled' });
    expect(await account(returner.id)).toMatchObject({ status: 'active', separated: false, consents: 2, sensitive: 1 });
    expect(await events(sleeper.id, 'dormant-store')).toEqual([
      expect.objectContaining({
        action: 'edit',
        purpose: 'retention:dormancy',
        actorId: null,
        detail: expect.objectContaining({ change: 'separated' }),
      }),
    ]);
  });

  it('keeps a separated account out of search, lists, pickers, names and the profile', async () => {
    // Staff sign in now, a month on (sessions would not last that long).
    await signInEveryRole(server, clients, { ids });
    const support = as('support');
    const byEmail = await support
      .get('/api/subjects')
      .query({ filter: JSON.stringify({ email: 'sleeper@example.com' }) })
      .expect(200);
    expect(byEmail.body).toEqual([]);
    const byName = await support
      .get('/api/subjects')
      .query({ filter: JSON.stringify({ q: '김휴' }) })
      .expect(200);
    expect(byName.body).toEqual([]);
    const all = await support.get('/api/subjects').query({ range: '[0,199]' }).expect(200);
    const listed = (all.body as { id: string }[]).map((r) => r.id);
    expect(listed).toContain(recent.id);
    expect(listed).not.toContain(sleeper.id);
    const dormantOnes = await support
      .get('/api/subjects')
      .query({ filter: JSON.stringify({ status: 'dormant' }) })
      .expect(200);
    expect((dormantOnes.body as { id: string }[]).map((r) => r.id)).not.toContain(sleeper.id);

    const profile = await support.get(`/api/subjects/${sleeper.id}`).expect(409);
    expect(profile.body).toMatchObject({ code: 'SUBJECT_SEPARATED', separatedAt: expect.any(String) });
    await as('dpo')
      .post(`/api/subjects/${sleeper.id}/reveal`)
      .send({ fields: ['email'], purpose: 'Checking a complaint about the account' })
      .expect(409);

    for (const q of ['010-2345-6789', '김휴']) {
      const picker = await as('dpo').get('/api/names/subjects').query({ q, in: 'people' }).expect(200);
      expect(JSON.stringify(picker.body)).not.toContain(sleeper.id);
    }
    const names = await as('auditor').get('/api/names').query({ subjects: sleeper.id }).expect(200);
    expect(names.body.subjects).toEqual([
      { id: sleeper.id, maskedName: '(dormant)', kind: 'client', service: 'maumjuui' },
    ]);

    const pipeline = await as('dpo')
      .get('/api/retention/dormancy')
      .query({ filter: JSON.stringify({ state: 'separated' }) })
      .expect(200);
    expect(pipeline.body).toEqual([
      expect.objectContaining({ subjectId: sleeper.id, state: 'separated', maskedName: null, noticeChannel: 'email' }),
    ]);
    expect((await as('auditor').get('/api/retention/dormancy/summary').expect(200)).body).toEqual({
      due_for_notice: 0,
      notified: 0,
      separated: 1,
      reactivated: 0,
      cancelled: 1,
    });
    await as('sysadmin').get('/api/retention/dormancy').expect(403);

    // Nor does an erasure reach into the store: it is refused until support reactivates the account.
    await expect(
      server.app.get(SubjectFulfilmentService).checkErasure(sleeper.id, [{ category: 'identity', action: 'erase' }]),
    ).rejects.toMatchObject({ code: 'SUBJECT_SEPARATED' });
  });

  it('lets support find the separated account by e-mail, check identity and reactivate it, data back', async () => {
    const support = as('support');
    await as('dpo').post('/api/retention/dormancy/lookup').send({ email: 'sleeper@example.com' }).expect(403);
    await support.post('/api/retention/dormancy/lookup').send({ email: 'nobody@example.com' }).expect(404);
    await support.post('/api/retention/dormancy/lookup').send({ email: 'not an address' }).expect(422);
    await support.post('/api/retention/dormancy/lookup').send({}).expect(422);
    const found = await support.post('/api/retention/dormancy/lookup').send({ phone: '010-2345-6789' }).expect(200);
    expect(found.body).toEqual({ subjectId: sleeper.id });

    const check = await support
      .post(`/api/subjects/${sleeper.id}/identity-checks`)
      .send({ method: 'phone_otp', evidenceRef: 'OTP call 4410' })
      .expect(201);
    const done = await support
      .post(`/api/subjects/${sleeper.id}/actions/reactivate`)
      .send({ identityCheckId: check.body.id, reason: 'The person asked to use the account again' })
      .expect(200);
    expect(done.body.status).toBe('active');

    expect(await account(sleeper.id)).toEqual({
      status: 'active',
      name: '김휴면',
      hasEmail: true,
      phoneMask: '010-****-6789',
      residence: '서울',
      separated: false,
      dormant: false,
      consents: 2,
      socialLinks: 1,
      sensitive: 1,
      calendarLinks: 1,
    });
    expect(await caseOf(sleeper.id)).toMatchObject({
      state: 'reactivated',
      reactivatedBy: ids.get('support'),
      identityCheckId: check.body.id,
    });
    // The ciphertexts came back as they were: the reveal decrypts them.
    const revealed = await as('support')
      .post(`/api/subjects/${sleeper.id}/reveal`)
      .send({ fields: ['email', 'phone'], purpose: 'Confirming the contact after reactivation' })
      .expect(200);
    expect(revealed.body.values).toEqual({ email: 'sleeper@example.com', phone: '010-2345-6789' });
    await support.get(`/api/subjects/${sleeper.id}`).expect(200);
    const restored = (await events(sleeper.id, 'dormant-store')).find(
      (e) => (e.detail as Record<string, unknown>).change === 'restored',
    );
    expect(restored).toMatchObject({
      action: 'edit',
      purpose: 'retention:dormancy',
      actorId: ids.get('support'),
      detail: expect.objectContaining({ change: 'restored', identityCheckId: check.body.id }),
    });
  });

  it('refuses the application role the dormant store itself, while its functions work', async () => {
    const app = new Client({ connectionString: server.database.appUrl });
    await app.connect();
    try {
      if (server.database.appRole) await app.query(`SET ROLE ${server.database.appRole}`);
      await expect(app.query('SELECT * FROM dormant_store.profiles')).rejects.toThrow(/permission denied/);
      await expect(app.query('SELECT * FROM dormant_store.rows')).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM dormant_store.rows')).rejects.toThrow(/permission denied/);
      // The functions work for it: a lookup answers (nobody is separated now).
      const { rows } = await app.query("SELECT dormancy_find('email', '\\x00'::bytea) AS id");
      expect(rows).toEqual([{ id: null }]);
      // …but separate nobody who was not told first.
      await expect(app.query('SELECT dormancy_separate($1, now())', [recent.id])).rejects.toThrow(
        /no notified case due/,
      );
    } finally {
      await app.end();
    }
  });
});
