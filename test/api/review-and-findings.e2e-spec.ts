import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { createSubject } from '../support/subject-factory';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';

const SESSION_A = '11111111-1111-4111-8111-111111111111';
const SESSION_B = '22222222-2222-4222-8222-222222222222';

describe('the monthly review by person and session, and findings as work', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  const clients: Record<string, Agent> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const role of ['dpo', 'support', 'auditor'] as const) {
      ids[role] = (
        await server.createStaff({
          email: `${role}@example.com`,
          role,
          password: PASSWORD,
          displayName: `${role} 담당`,
        })
      ).id;
      clients[role] = agent(server);
      await signIn(server, clients[role], `${role}@example.com`, PASSWORD);
    }
  });
  afterAll(() => server.close());

  const flush = () => server.app.get(AuditSequencer).flush();
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await server.db.query<{ n: string }[]>(sql, params))[0].n);

  describe('the monthly review', () => {
    beforeAll(async () => {
      // October 2026 in Seoul: the DPO's session A reads three times at night and downloads once
      // with no reason; session B reads once at night and once at 10:00 on Hangul Day (a holiday,
      // so off-hours); support reads once at night with no session.
      await server.db.query(
        `INSERT INTO audit_inbox (event)
         SELECT jsonb_build_object('time', t, 'actorId', a, 'actorRole', r, 'sessionId', s, 'ip', NULL,
           'userAgent', NULL, 'subjectId', 'subject-' || i, 'action', act, 'resource', 'subject', 'fields', '["email"]'::jsonb,
           'purpose', NULL, 'outcome', 'success', 'requestId', 'group-' || i, 'detail', '{}'::jsonb)
         FROM (VALUES
           (1, '2026-10-14T02:00:00+09:00'::timestamptz, $1::text, 'dpo', $3::text, 'view'),
           (2, '2026-10-14T02:05:00+09:00', $1, 'dpo', $3, 'view'),
           (3, '2026-10-14T02:10:00+09:00', $1, 'dpo', $3, 'view'),
           (4, '2026-10-14T11:00:00+09:00', $1, 'dpo', $3, 'download'),
           (5, '2026-10-20T23:30:00+09:00', $1, 'dpo', $4, 'view'),
           (6, '2026-10-09T10:00:00+09:00', $1, 'dpo', $4, 'view'),
           (7, '2026-10-15T10:00:00+09:00', $1, 'dpo', $4, 'view'),
           (8, '2026-10-21T05:00:00+09:00', $2, 'support', NULL, 'view')
         ) x(i, t, a, r, s, act)`,
        [ids.dpo, ids.support, SESSION_A, SESSION_B],
      );
      await flush();
    });

    it('groups the anomalies by person and session, with counts, first and last time and kinds', async () => {
      const review = (await clients.dpo.get('/api/access-log/reviews/2026-10').expect(200)).body;
      expect(review.groups).toEqual([
        expect.objectContaining({
          actorId: ids.dpo,
          sessionId: SESSION_A,
          count: 4,
          kinds: { offHours: 3, downloads: 1 },
          firstAt: '2026-10-13T17:00:00.000Z',
          lastAt: '2026-10-14T02:00:00.000Z',
          explained: false,
          explanations: [],
        }),
        expect.objectContaining({
          actorId: ids.dpo,
          sessionId: SESSION_B,
          // 10:00 on a weekday that is a Korean holiday is off-hours; 10:00 on 15 October is not.
          count: 2,
          kinds: { offHours: 2 },
          firstAt: '2026-10-09T01:00:00.000Z',
          lastAt: '2026-10-20T14:30:00.000Z',
        }),
        expect.objectContaining({ actorId: ids.support, sessionId: null, count: 1, kinds: { offHours: 1 } }),
      ]);
      expect(review).toMatchObject({ anomalyCount: 7, unexplainedGroups: 3, over: true });
    });

    it('refuses a role that may not explain, and writes nothing', async () => {
      const before = await count(`SELECT count(*) AS n FROM audit_inbox WHERE event ->> 'resource' = 'access-review'
                                  AND event ->> 'action' = 'edit'`);
      await clients.auditor
        .post('/api/access-log/reviews/2026-10/explanations')
        .send({ actorId: ids.dpo, sessionId: SESSION_A, note: 'A data-migration job, ticket OPS-12' })
        .expect(403);
      expect(await count('SELECT count(*) AS n FROM audit_review_explanations')).toBe(0);
      await flush();
      expect(
        await count(`SELECT count(*) AS n FROM audit_events WHERE resource = 'access-review' AND action = 'edit'`),
      ).toBe(before);
    });

    it('marks a group explained with a note that stays in the review and in the sign-off', async () => {
      const tooShort = await clients.dpo
        .post('/api/access-log/reviews/2026-10/explanations')
        .send({ actorId: ids.dpo, sessionId: SESSION_A, note: ' x ' })
        .expect(422);
      expect(tooShort.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
      await clients.dpo
        .post('/api/access-log/reviews/2026-10/explanations')
        .send({ actorId: ids.support, sessionId: SESSION_A, note: 'No such group in this month' })
        .expect(404);

      const res = await clients.dpo
        .post('/api/access-log/reviews/2026-10/explanations')
        .send({ actorId: ids.dpo, sessionId: SESSION_A, note: '  A data-migration job, ticket OPS-12  ' })
        .expect(200);
      const group = res.body.groups.find((g: { sessionId: string | null }) => g.sessionId === SESSION_A);
      expect(group).toMatchObject({
        explained: true,
        explanations: [
          expect.objectContaining({
            note: 'A data-migration job, ticket OPS-12',
            anomalyCount: 4,
            explainedBy: { id: ids.dpo, displayName: 'dpo 담당' },
          }),
        ],
      });
      expect(res.body.unexplainedGroups).toBe(2);
      // Its access-log event, written with it.
      await flush();
      const [event] = await server.db.query<{ e: Record<string, unknown> }[]>(
        `SELECT convert_from(canonical, 'UTF8')::jsonb AS e FROM audit_events
         WHERE resource = 'access-review' AND action = 'edit' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`,
      );
      expect(event.e).toMatchObject({
        actorId: ids.dpo,
        subjectId: `staff:${ids.dpo}`,
        purpose: 'A data-migration job, ticket OPS-12',
        detail: { month: '2026-10', explained: { actorId: ids.dpo, sessionId: SESSION_A, count: 4 } },
      });

      await clients.dpo
        .post('/api/access-log/reviews/2026-10/sign-off')
        .send({ notes: 'Groups checked; one explained, two followed up.' })
        .expect(200);
      const [stored] = await server.db.query<{ groups: { sessionId: string; explanations: { note: string }[] }[] }[]>(
        `SELECT anomalies -> 'groups' AS groups FROM audit_reviews WHERE month = '2026-10-01'`,
      );
      expect(stored.groups.find((g) => g.sessionId === SESSION_A)?.explanations).toEqual([
        expect.objectContaining({ note: 'A data-migration job, ticket OPS-12' }),
      ]);
      const closed = await clients.dpo
        .post('/api/access-log/reviews/2026-10/explanations')
        .send({ actorId: ids.dpo, sessionId: SESSION_B, note: 'Too late: the month is signed off' })
        .expect(409);
      expect(closed.body.code).toBe('REVIEW_ALREADY_SIGNED');
    });
  });

  describe('compliance findings as work', () => {
    let guardianId: string;
    let childId: string;
    let findingId: string;
    const path = () => `/api/compliance-findings/${findingId}`;
    const listed = async (filter: object) =>
      (
        await clients.dpo
          .get('/api/compliance-findings')
          .query({ filter: JSON.stringify(filter) })
          .expect(200)
      ).body as { id: string }[];

    beforeAll(async () => {
      guardianId = (await createSubject(server, { service: 'shelby', kind: 'guardian', name: '김보호' })).id;
      childId = (await createSubject(server, { service: 'shelby', kind: 'child', guardianId, birthDate: '2018-02-01' }))
        .id;
      // Started on Tuesday 22 September 2026, just before Chuseok (24–26).
      await server.db.query(`UPDATE subjects SET created_at = '2026-09-22T10:00:00+09:00' WHERE id = $1`, [childId]);
      findingId = `child_without_guardian_consent:${childId}:${childId}`;
    });

    it('lists a new finding as open, unowned, with its due date in Korean business days', async () => {
      const [item] = (await listed({ kind: 'child_without_guardian_consent' })) as Record<string, unknown>[];
      expect(item).toMatchObject({
        id: findingId,
        status: 'open',
        owner: null,
        version: 0,
        stillPresent: false,
        // 5 business days: 23 Sep, then 28, 29, 30 Sep and 1 Oct (Chuseok 24–26 skipped; a
        // Chuseok day on a Saturday gets no substitute day).
        deadline: { dueOn: '2026-10-01', state: 'overdue', timeZone: 'Asia/Seoul' },
      });
    });

    it('refuses support an assignment and writes nothing', async () => {
      await clients.support
        .put(path())
        .send({ status: 'in_progress', ownerId: ids.support, note: 'I will take it', version: 0 })
        .expect(403);
      expect(await count('SELECT count(*) AS n FROM compliance_finding_work')).toBe(0);
      expect(await count('SELECT count(*) AS n FROM compliance_finding_work_versions')).toBe(0);
    });

    it('assigns an owner and a status, keeps the history and the event, and refuses a stale version', async () => {
      const res = await clients.dpo
        .put(path())
        .send({ status: 'in_progress', ownerId: ids.support, note: 'Ask the guardian for consent', version: 0 })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'in_progress',
        owner: { id: ids.support, displayName: 'support 담당' },
        version: 1,
      });
      const stale = await clients.dpo
        .put(path())
        .send({ status: 'resolved', ownerId: ids.support, note: 'Done, consent received', version: 0 })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'FINDING_VERSION_CONFLICT' });
      await clients.dpo
        .put(path())
        .send({ status: 'in_progress', ownerId: '00000000-0000-4000-8000-000000000000', note: 'Nobody', version: 1 })
        .expect(422);

      expect((await listed({ status: 'in_progress' })).map((f) => f.id)).toContain(findingId);
      expect((await listed({ ownerId: ids.support })).map((f) => f.id)).toEqual([findingId]);
      expect((await listed({ status: 'open' })).map((f) => f.id)).not.toContain(findingId);

      const history = (await clients.dpo.get(`${path()}/history`).expect(200)).body;
      expect(history).toEqual([
        expect.objectContaining({
          version: 1,
          status: 'in_progress',
          note: 'Ask the guardian for consent',
          changedBy: { id: ids.dpo, displayName: 'dpo 담당' },
        }),
      ]);
      await flush();
      const [event] = await server.db.query<{ e: Record<string, unknown> }[]>(
        `SELECT convert_from(canonical, 'UTF8')::jsonb AS e FROM audit_events
         WHERE resource = 'compliance-finding' AND action = 'edit' AND outcome = 'success' ORDER BY seq DESC LIMIT 1`,
      );
      expect(event.e).toMatchObject({
        subjectId: `subject:${childId}`,
        purpose: 'Ask the guardian for consent',
        detail: { version: 1, status: 'in_progress', ownerId: ids.support },
      });
    });

    it('shows a resolved finding whose condition still holds as still present, and accepted risk without a deadline', async () => {
      const resolved = await clients.dpo
        .put(path())
        .send({ status: 'resolved', ownerId: ids.support, note: 'Guardian said yes on the phone', version: 1 })
        .expect(200);
      expect(resolved.body).toMatchObject({ status: 'resolved', stillPresent: true, deadline: { state: 'overdue' } });
      const accepted = await clients.dpo
        .put(path())
        .send({ status: 'accepted_risk', ownerId: null, note: 'Account closes this week', version: 2 })
        .expect(200);
      expect(accepted.body).toMatchObject({ status: 'accepted_risk', owner: null, deadline: null, version: 3 });
    });

    it("links the person's profile to the finding, with its work", async () => {
      const profile = (await clients.dpo.get(`/api/subjects/${guardianId}`).expect(200)).body;
      expect(profile.findings).toEqual([
        expect.objectContaining({ id: findingId, subjectId: childId, status: 'accepted_risk', version: 3 }),
      ]);
      const one = (await clients.support.get(path()).expect(200)).body;
      expect(one).toMatchObject({ id: findingId, status: 'accepted_risk' });
      await clients.auditor.get(path()).expect(403);
      await clients.dpo.get('/api/compliance-findings/not-a-finding').expect(422);
    });
  });
  describe('append-only at the database', () => {
    // Runs last, once both tables hold rows (a row trigger needs a row to refuse).
    it.each(['audit_review_explanations', 'compliance_finding_work_versions'])(
      'refuses UPDATE and DELETE on %s, even for the owner, and grants the app only INSERT and SELECT',
      async (table) => {
        await expect(server.db.query(`UPDATE ${table} SET note = 'rewritten'`)).rejects.toThrow(/append-only/);
        await expect(server.db.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
        await expect(server.db.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
        const [grants] = await server.db.query<{ upd: boolean; del: boolean; ins: boolean; sel: boolean }[]>(
          `SELECT has_table_privilege('console_app', $1, 'UPDATE') AS upd, has_table_privilege('console_app', $1, 'DELETE') AS del,
                  has_table_privilege('console_app', $1, 'INSERT') AS ins, has_table_privilege('console_app', $1, 'SELECT') AS sel`,
          [table],
        );
        expect(grants).toEqual({ upd: false, del: false, ins: true, sel: true });
      },
    );
  });
});
