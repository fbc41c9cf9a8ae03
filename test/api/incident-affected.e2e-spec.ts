import { randomUUID } from 'node:crypto';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import { defineAbilityFor } from '../../server/src/authorization/abilities';
import type { Role } from '../../server/src/authorization/roles';
import { CalendarService } from '../../server/src/calendar/calendar.service';
import type { StaffContext } from '../../server/src/context/staff-context';
import { IncidentAffectedService } from '../../server/src/incidents/affected/affected.service';
import { OutboxService } from '../../server/src/outbox/outbox.service';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

/**
 * An incident's affected people over HTTP on the real database: the three selections (whom a
 * staff member read in a window, holders of a data category, an uploaded list with unknown ids
 * reported), the masked list for every role that may see it, one notice per person through the
 * outbox and never twice, the roles that may not see the people at all, a closed incident, bad
 * input, the access-log events and the timeline (counts and ids, never names), and the
 * access-log anomalies linked from the monthly review.
 */
describe('incident affected people', () => {
  let server: TestServer;
  let smtp: SmtpSink;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  const as = (role: Role) => clients.get(role)!;
  const people: Record<string, string> = {};
  let incidentId: string;
  let closedId: string;
  let noticeId: string;
  let readWindow: { from: string; to: string };

  const events = async (where: string, args: unknown[]): Promise<CanonicalAuditEvent[]> => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      `SELECT canonical FROM audit_events WHERE ${where} ORDER BY seq`,
      args,
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  };
  const timeline = (id: string): Promise<{ kind: string; detail: Record<string, unknown> }[]> =>
    server.db.query('SELECT kind, detail FROM incident_timeline WHERE incident_id = $1 ORDER BY id', [id]);
  const insertIncident = async (reference: string, closed = false): Promise<string> => {
    const [row] = await server.db.query(
      `INSERT INTO incidents (reference, title, detected_at, aware_at, reporter, vector, regimes, affected_estimated,
         risk_level, status, created_by, created_at, updated_at, lessons_learned, register_facts, register_effects,
         register_remedial_action, closed_at)
       VALUES ($1, 'Counselling server copied', now(), now(), 'SOC on call', 'outside_hacking', '{KR-PIPA}', 10,
         'high', $2, $3, now(), now(), $4, $4, $4, $4, $5) RETURNING id`,
      [
        reference,
        closed ? 'closed' : 'open',
        ids.get('security'),
        closed ? 'Reviewed.' : null,
        closed ? new Date() : null,
      ],
    );
    return (row as { id: string }).id;
  };
  const ctxOf = (role: Role): StaffContext => ({
    id: ids.get(role)!,
    email: `${role}@example.com`,
    displayName: role,
    role,
    sessionId: 'test',
    stage: 'full',
    mfaVerifiedAt: null,
    mfaEnrolled: true,
    ability: defineAbilityFor({ id: ids.get(role)!, role }),
    origin: { actorId: ids.get(role)!, actorRole: role, requestId: 'test' },
  });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    // Three reads in an hour make a bulk-read anomaly for the monthly review.
    server = await startTestServer({
      env: { AUDIT_SEQUENCER: 'false', SMTP_URL: smtp.url, REVIEW_BULK_READS_PER_HOUR: '2' },
    });
    await signInEveryRole(server, clients, { ids });
    people.minji = (await createSubject(server, { name: '김민지', email: 'minji.kim@example.com' })).id;
    people.seojun = (
      await createSubject(server, {
        name: '이서준',
        email: 'seojun@example.com',
        sensitive: [{ category: 'criminal', content: 'x' }],
      })
    ).id;
    people.jiwoo = (await createSubject(server, { name: '박지우', email: 'jiwoo@example.com' })).id;
    people.phoneOnly = (await createSubject(server, { name: '최하늘', email: null, phone: '010-5555-0192' })).id;
    incidentId = await insertIncident('IN-2026-000001');
    closedId = await insertIncident('IN-2026-000002', true);
    // The DPO reads two people's profiles (and the phone-only person's): the access log names them.
    const from = new Date().toISOString();
    for (const id of [people.minji, people.jiwoo, people.phoneOnly]) {
      await as('dpo').get(`/api/subjects/${id}`).expect(200);
    }
    await server.app.get(AuditSequencer).flush();
    readWindow = { from, to: new Date(Date.now() + 1000).toISOString() };
    await server.db.query(
      `INSERT INTO incident_obligations (incident_id, code, regime, recipient, due_at, status, created_at, updated_at)
       VALUES ($1, 'kr_subjects', 'KR-PIPA', 'subjects', now() + interval '72 hours', 'pending', now(), now()),
              ($1, 'kr_regulator', 'KR-PIPA', 'regulator', now() + interval '72 hours', 'pending', now(), now())`,
      [incidentId],
    );
    const [notice] = await server.db.query(
      `INSERT INTO incident_notices (incident_id, kind, locale, version, content, template_key, template_version,
         created_by, created_at)
       SELECT $1, 'kr_subject_notice', 'ko', 1, $2::jsonb, template_key, version, $3, now()
       FROM message_templates WHERE template_key = 'incident.subject-notice' RETURNING id`,
      [
        incidentId,
        JSON.stringify({
          items: ['이름', '이메일 주소'],
          occurredAt: '2026-12-01 14:20',
          circumstances: '외부 공격으로 상담 예약 서버의 일부 자료가 복사되었습니다.',
          whatYouCanDo: '비밀번호를 바꾸십시오.',
          ourResponse: '취약점을 막았습니다.',
          department: '개인정보보호팀',
          contact: '02-1234-5678',
        }),
        ids.get('dpo'),
      ],
    );
    noticeId = (notice as { id: string }).id;
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  it('previews, then adds the people a staff member read in a window, only inside the window', async () => {
    const before = { from: '2026-01-01T00:00:00Z', to: readWindow.from };
    const none = await as('security')
      .post(`/api/incidents/${incidentId}/affected/select`)
      .send({ by: 'access_log', actorId: ids.get('dpo'), ...before })
      .expect(200);
    expect(none.body).toMatchObject({ matched: 0, added: 0, total: 0 });

    const preview = await as('security')
      .post(`/api/incidents/${incidentId}/affected/select`)
      .send({ by: 'access_log', actorId: ids.get('dpo'), ...readWindow, preview: true })
      .expect(200);
    expect(preview.body).toMatchObject({ preview: true, matched: 3, added: 3, alreadyThere: 0, total: 3 });
    const [{ n }] = await server.db.query('SELECT count(*)::int AS n FROM incident_subjects WHERE incident_id = $1', [
      incidentId,
    ]);
    expect(n).toBe(0);

    const added = await as('security')
      .post(`/api/incidents/${incidentId}/affected/select`)
      .send({ by: 'access_log', actorId: ids.get('dpo'), ...readWindow })
      .expect(200);
    expect(added.body).toMatchObject({ preview: false, matched: 3, added: 3, alreadyThere: 0, unknown: 0, total: 3 });
    const rows: { subject_id: string; source: string; selection: Record<string, unknown> }[] = await server.db.query(
      'SELECT subject_id, source, selection FROM incident_subjects WHERE incident_id = $1 ORDER BY subject_id',
      [incidentId],
    );
    expect(rows.map((r) => r.subject_id).sort()).toEqual([people.minji, people.jiwoo, people.phoneOnly].sort());
    expect(rows[0].source).toBe('access_log');
    expect(rows[0].selection).toEqual({
      by: 'access_log',
      actorId: ids.get('dpo'),
      from: new Date(readWindow.from).toISOString(),
      to: new Date(readWindow.to).toISOString(),
    });
    const entries = await timeline(incidentId);
    expect(entries.at(-1)).toMatchObject({ kind: 'people_selected', detail: { by: 'access_log', added: 3 } });
  });

  it('adds the holders of a data category, and counts those already there', async () => {
    const res = await as('dpo')
      .post(`/api/incidents/${incidentId}/affected/select`)
      .send({ by: 'category', category: 'criminal' })
      .expect(200);
    expect(res.body).toMatchObject({ matched: 1, added: 1, alreadyThere: 0, total: 4 });
    const again = await as('dpo')
      .post(`/api/incidents/${incidentId}/affected/select`)
      .send({ by: 'category', category: 'criminal' })
      .expect(200);
    expect(again.body).toMatchObject({ matched: 1, added: 0, alreadyThere: 1, total: 4 });
    const [row] = await server.db.query(
      'SELECT source, selection FROM incident_subjects WHERE incident_id = $1 AND subject_id = $2',
      [incidentId, people.seojun],
    );
    expect(row).toEqual({ source: 'category', selection: { by: 'category', category: 'criminal' } });
  });

  it('adds an uploaded list, reporting unknown ids without adding them', async () => {
    const other = await insertIncident('IN-2026-000003');
    const unknown = [randomUUID(), randomUUID()];
    const res = await as('security')
      .post(`/api/incidents/${other}/affected/select`)
      .send({ by: 'ids', subjectIds: [people.minji, people.minji, people.seojun, ...unknown] })
      .expect(200);
    expect(res.body).toMatchObject({ matched: 2, added: 2, alreadyThere: 0, unknown: 2, total: 2 });
    expect([...(res.body.unknownIds as string[])].sort()).toEqual([...unknown].sort());
    const rows: { subject_id: string }[] = await server.db.query(
      'SELECT subject_id FROM incident_subjects WHERE incident_id = $1',
      [other],
    );
    expect(rows.map((r) => r.subject_id).sort()).toEqual([people.minji, people.seojun].sort());
  });

  it('takes an uploaded list of 100,000 ids in one request, and refuses more', async () => {
    const other = await insertIncident('IN-2026-000004');
    const many = Array.from({ length: 100_000 }, (_, i) => (i === 0 ? people.jiwoo : randomUUID()));
    const started = performance.now();
    const res = await as('security')
      .post(`/api/incidents/${other}/affected/select`)
      .send({ by: 'ids', subjectIds: many })
      .expect(200);
    console.log(`100,000 uploaded ids selected in ${Math.round(performance.now() - started)} ms`);
    expect(res.body).toMatchObject({ matched: 1, added: 1, unknown: 99_999, total: 1 });
    expect(res.body.unknownIds).toHaveLength(100);
    const tooMany = await as('security')
      .post(`/api/incidents/${other}/affected/select`)
      .send({ by: 'ids', subjectIds: [...many, randomUUID()] })
      .expect(422);
    expect(tooMany.body.errors.map((e: { field: string }) => e.field)).toContain('subjectIds');
  }, 120_000);

  it('lists everyone masked, for security and the DPO alike, and logs who was shown', async () => {
    for (const role of ['security', 'dpo'] as const) {
      const res = await as(role).get(`/api/incidents/${incidentId}/affected`).expect(200);
      expect(res.headers['content-range']).toBe('affected 0-3/4');
      const text = JSON.stringify(res.body);
      for (const plain of [
        '김민지',
        '이서준',
        '박지우',
        '최하늘',
        'minji.kim@example.com',
        'seojun@example.com',
        '5555',
      ]) {
        expect(text).not.toContain(plain);
      }
      const minji = (res.body as { id: string; maskedName: string; maskedContact: string }[]).find(
        (p) => p.id === people.minji,
      );
      expect(minji).toMatchObject({ maskedName: '김**', maskedContact: 'mi***@example.com', source: 'access_log' });
      const phone = (res.body as { id: string; maskedContact: string }[]).find((p) => p.id === people.phoneOnly);
      expect(phone?.maskedContact).toBe('010-****-0192');
    }
    const logged = await events(`actor_id = $1 AND resource = 'incident-subject' AND action = 'view'`, [
      ids.get('dpo'),
    ]);
    expect(logged.at(-1)?.detail).toMatchObject({ incidentId, total: 4 });
    expect((logged.at(-1)?.detail as { shown: string[] }).shown).toHaveLength(4);
  });

  it('keeps auditor, support and sysadmin away from the people', async () => {
    for (const role of ['auditor', 'support', 'sysadmin'] as const) {
      await as(role).get(`/api/incidents/${incidentId}/affected`).expect(403);
      await as(role)
        .post(`/api/incidents/${incidentId}/affected/select`)
        .send({ by: 'category', category: 'identity', preview: true })
        .expect(403);
      await as(role)
        .post(`/api/incidents/${incidentId}/affected/notify`)
        .send({ obligationCode: 'kr_subjects', noticeId })
        .expect(403);
      await as(role).delete(`/api/incidents/${incidentId}/affected/${people.minji}`).expect(403);
      await as(role).get(`/api/incidents/${incidentId}/audit-events`).expect(403);
    }
  });

  it('notifies each person once per obligation through the outbox, with the notice version and their name', async () => {
    const res = await as('dpo')
      .post(`/api/incidents/${incidentId}/affected/notify`)
      .send({ obligationCode: 'kr_subjects', noticeId })
      .expect(200);
    // Three people have an e-mail address; the phone-only person cannot get an e-mail notice.
    expect(res.body).toEqual({ queued: 3, skipped: 0, noAddress: 1 });
    const messages: { id: string; recipient_id: string; reference: string; template_key: string; status: string }[] =
      await server.db.query(
        `SELECT id, recipient_id, reference, template_key, status FROM outbox_messages
         WHERE reference = 'incident:IN-2026-000001' ORDER BY recipient_id`,
      );
    expect(messages.map((m) => m.recipient_id)).toEqual([people.minji, people.seojun, people.jiwoo].sort());
    expect(messages.every((m) => m.template_key === 'incident.subject-notice' && m.status === 'queued')).toBe(true);
    const notifications: Record<string, unknown>[] = await server.db.query(
      `SELECT subject_id, obligation_code, notice_id, outbox_message_id, channel, template_version, locale
       FROM incident_notifications WHERE incident_id = $1`,
      [incidentId],
    );
    expect(notifications).toHaveLength(3);
    const [{ current_version: currentVersion }] = await server.db.query(
      `SELECT version AS current_version FROM message_templates WHERE template_key = 'incident.subject-notice'`,
    );
    expect(notifications[0]).toMatchObject({
      obligation_code: 'kr_subjects',
      notice_id: noticeId,
      channel: 'email',
      template_version: currentVersion,
      locale: 'ko',
    });

    const again = await as('dpo')
      .post(`/api/incidents/${incidentId}/affected/notify`)
      .send({ obligationCode: 'kr_subjects', noticeId })
      .expect(200);
    expect(again.body).toEqual({ queued: 0, skipped: 3, noAddress: 1 });
    const [{ n }] = await server.db.query(
      `SELECT count(*)::int AS n FROM outbox_messages WHERE reference = 'incident:IN-2026-000001'`,
    );
    expect(n).toBe(3);

    // Sent: each person gets the notice with their own name merged in.
    const before = smtp.received.length;
    await server.app.get(OutboxService).dispatchDue();
    await smtp.waitFor(before + 3);
    const toMinji = smtp.received.slice(before).find((m) => m.envelopeTo.includes('minji.kim@example.com'));
    expect(toMinji?.text).toContain('김민지님께');
    expect(toMinji?.text).toContain('외부 공격으로 상담 예약 서버의 일부 자료가 복사되었습니다.');

    const list = await as('dpo').get(`/api/incidents/${incidentId}/affected`).expect(200);
    const minji = (list.body as { id: string; notification: Record<string, unknown> | null }[]).find(
      (p) => p.id === people.minji,
    );
    expect(minji?.notification).toMatchObject({
      obligationCode: 'kr_subjects',
      channel: 'email',
      status: 'sent',
      noticeId,
      noticeVersion: 1,
      templateVersion: currentVersion,
    });
    expect(minji?.notification?.sentAt).toEqual(expect.any(String));

    const entries = await timeline(incidentId);
    const notified = entries.filter((e) => e.kind === 'people_notified');
    expect(notified.map((e) => e.detail)).toEqual([
      expect.objectContaining({ obligationCode: 'kr_subjects', noticeVersion: 1, queued: 3, skipped: 0 }),
      expect.objectContaining({ queued: 0, skipped: 3 }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/김민지|이서준|박지우|example\.com/);
    const perPerson = await events(`subject_id = $1 AND resource = 'incident-notification'`, [
      `subject:${people.minji}`,
    ]);
    expect(perPerson).toHaveLength(1);
    expect(perPerson[0]).toMatchObject({ action: 'create', actorId: ids.get('dpo') });
  });

  it('refuses to notify on an obligation, notice or channel that does not fit', async () => {
    const post = (body: Record<string, unknown>) =>
      as('dpo').post(`/api/incidents/${incidentId}/affected/notify`).send(body);
    expect((await post({ obligationCode: 'kr_regulator', noticeId }).expect(422)).body.code).toBe(
      'AFFECTED_OBLIGATION_UNKNOWN',
    );
    expect((await post({ obligationCode: 'kr_subjects', noticeId: randomUUID() }).expect(422)).body.code).toBe(
      'AFFECTED_NOTICE_UNKNOWN',
    );
    expect((await post({ obligationCode: 'kr_subjects', noticeId, channel: 'sms' }).expect(422)).body.code).toBe(
      'AFFECTED_CHANNEL_MISMATCH',
    );
    await post({ obligationCode: 'Bad Code', noticeId }).expect(422);
    await post({ obligationCode: 'kr_subjects', noticeId: 'not-a-uuid' }).expect(422);
    // A notice drafted on an older version of its template is saved again before it goes out.
    const [outdated] = await server.db.query(
      `INSERT INTO incident_notices (incident_id, kind, locale, version, content, template_key, template_version,
         created_by, created_at)
       SELECT incident_id, kind, locale, 99, content, template_key, template_version - 1, created_by, created_at
       FROM incident_notices WHERE id = $1 RETURNING id`,
      [noticeId],
    );
    expect((await post({ obligationCode: 'kr_subjects', noticeId: outdated.id }).expect(409)).body.code).toBe(
      'AFFECTED_NOTICE_OUTDATED',
    );
  });

  it('removes a person only before they were notified', async () => {
    const notified = await as('security').delete(`/api/incidents/${incidentId}/affected/${people.minji}`).expect(409);
    expect(notified.body.code).toBe('AFFECTED_ALREADY_NOTIFIED');
    const removed = await as('security')
      .delete(`/api/incidents/${incidentId}/affected/${people.phoneOnly}`)
      .expect(200);
    expect(removed.body).toEqual({ total: 3 });
    await as('security').delete(`/api/incidents/${incidentId}/affected/${people.phoneOnly}`).expect(404);
    const entries = await timeline(incidentId);
    expect(entries.at(-1)).toEqual({ kind: 'people_removed', detail: { subjectIds: [people.phoneOnly] } });
  });

  it('refuses new people, removals and notices on a closed incident (409)', async () => {
    const res = await as('security')
      .post(`/api/incidents/${closedId}/affected/select`)
      .send({ by: 'ids', subjectIds: [people.minji] })
      .expect(409);
    expect(res.body.code).toBe('AFFECTED_INCIDENT_CLOSED');
    await as('dpo')
      .post(`/api/incidents/${closedId}/affected/notify`)
      .send({ obligationCode: 'kr_subjects', noticeId })
      .expect(409);
    await as('security').delete(`/api/incidents/${closedId}/affected/${people.minji}`).expect(409);
    // Reading its people stays possible.
    await as('security').get(`/api/incidents/${closedId}/affected`).expect(200);
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const post = (body: Record<string, unknown>) =>
      as('security').post(`/api/incidents/${incidentId}/affected/select`).send(body);
    const fieldOf = (res: { body: { errors?: { field: string }[] } }) => res.body.errors?.map((e) => e.field);
    expect(fieldOf(await post({ by: 'everyone' }).expect(422))).toContain('by');
    expect(fieldOf(await post({ by: 'access_log', ...readWindow }).expect(422))).toContain('actorId');
    expect(fieldOf(await post({ by: 'category', category: 'horoscope' }).expect(422))).toContain('category');
    expect(fieldOf(await post({ by: 'ids', subjectIds: ['nope'] }).expect(422))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^subjectIds/)]),
    );
    expect(fieldOf(await post({ by: 'ids', subjectIds: [] }).expect(422))).toContain('subjectIds');
    const backwards = await post({
      by: 'access_log',
      actorId: ids.get('dpo'),
      from: readWindow.to,
      to: readWindow.from,
    }).expect(422);
    expect(backwards.body.code).toBe('AFFECTED_WINDOW_INVALID');
    await post({ by: 'access_log', actorId: ids.get('dpo'), from: '2026-12-01T10:00:00', to: readWindow.to }).expect(
      422,
    );
    await as('security')
      .post(`/api/incidents/${randomUUID()}/affected/select`)
      .send({ by: 'category', category: 'identity' })
      .expect(404);
    await as('security').get(`/api/incidents/not-a-uuid/affected`).expect(422);
  });

  it('records each selection in the access log with its counts', async () => {
    const logged = await events(`resource = 'incident-subject' AND action = 'create'`, []);
    const byCategory = logged.find((e) => (e.detail as { by?: string }).by === 'category');
    expect(byCategory?.detail).toMatchObject({
      incidentId,
      by: 'category',
      category: 'criminal',
      matched: 1,
      added: 1,
    });
    expect(JSON.stringify(logged)).not.toMatch(/김민지|minji\.kim/);
  });

  it("links a staff member's anomalies of the month, and lists them on the incident", async () => {
    const month = server.app.get(CalendarService).today().slice(0, 7);
    const service = server.app.get(IncidentAffectedService);
    const linked = await service.linkAnomaly(ctxOf('security'), incidentId, { month, actorId: ids.get('dpo')! });
    expect(linked).toBeGreaterThanOrEqual(1);
    expect(await service.linkAnomaly(ctxOf('security'), incidentId, { month, actorId: ids.get('dpo')! })).toBe(0);
    const res = await as('dpo').get(`/api/incidents/${incidentId}/audit-events`).expect(200);
    const listed = res.body as { seq: number; actorId: string }[];
    expect(listed).toHaveLength(linked);
    expect(listed.every((e) => e.actorId === ids.get('dpo'))).toBe(true);
    const entries = await timeline(incidentId);
    expect(entries.find((e) => e.kind === 'audit_events_linked')?.detail).toMatchObject({ month, linked });
    await expect(
      service.linkAnomaly(ctxOf('security'), incidentId, { month: '2026-13', actorId: ids.get('dpo')! }),
    ).rejects.toThrow();
  });

  it('opens an unauthorised-access incident from an anomaly of the monthly review, its events linked', async () => {
    const month = server.app.get(CalendarService).today().slice(0, 7);
    const now = server.app.get(CalendarService).now().toISOString();
    // The fixtures above wrote their references by hand; the API takes the next from the sequence.
    await server.db.query(`SELECT setval('incident_reference_seq', 100)`);
    const res = await as('security')
      .post('/api/incidents')
      .send({
        title: 'Bulk reads by a DPO account',
        detectedAt: now,
        awareAt: now,
        reporter: 'Monthly access review',
        vector: 'insider',
        regimes: ['KR-PIPA'],
        affectedEstimated: 3,
        riskLevel: 'medium',
        templateId: (
          await server.db.query(`SELECT id FROM incident_templates WHERE key = 'unauthorised_staff_access'`)
        )[0].id,
        anomaly: { month, actorId: ids.get('dpo') },
      })
      .expect(201);
    const opened = res.body as { id: string; linkedEvents: number; tasks: unknown[] };
    expect(opened.linkedEvents).toBeGreaterThanOrEqual(1);
    expect(opened.tasks.length).toBeGreaterThan(0);
    const listed = (await as('security').get(`/api/incidents/${opened.id}/audit-events`).expect(200)).body as {
      actorId: string;
    }[];
    expect(listed).toHaveLength(opened.linkedEvents);
    expect(listed.every((e) => e.actorId === ids.get('dpo'))).toBe(true);
    // An anomaly of nobody: the incident is not opened at all.
    const before = (await server.db.query(`SELECT count(*)::int AS n FROM incidents`))[0].n as number;
    await as('security')
      .post('/api/incidents')
      .send({
        title: 'Nothing to link',
        detectedAt: now,
        awareAt: now,
        reporter: 'Monthly access review',
        vector: 'insider',
        affectedEstimated: 0,
        riskLevel: 'low',
        anomaly: { month: '2026-13', actorId: ids.get('dpo') },
      })
      .expect(422);
    expect((await server.db.query(`SELECT count(*)::int AS n FROM incidents`))[0].n).toBe(before);
  });
});
