import { addCalendarDays, addCalendarYears, localDateOf } from '../../server/src/calendar/local-date';
import type { Role } from '../../server/src/authorization/roles';
import { expectOnlyRefusalsAdded, snapshotDatabase } from '../support/db-snapshot';
import { Agent, agent, PASSWORD, signIn, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { FakeClock } from '../support/fake-clock';
import { createSubject } from '../support/subject-factory';

/**
 * Rights requests (REQUIREMENTS A, F7 "Bad input"): intake, the state machine, verification before
 * work, four eyes, closing with recipient tasks, extensions, roles on the row. Every refusal is a
 * 4xx naming the rule, and leaves the database as it was (only the refusal's own access-log event).
 */
describe('rights requests', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  let dpo: Agent;
  let support: Agent;
  let auditor: Agent;
  let dpo2: Agent;
  let today: string;

  beforeAll(async () => {
    // A Tuesday in November: ten days on is a Friday and ten more a Monday, so no weekend or
    // holiday moves the Korean due dates these tests compute by hand.
    server = await startTestServer({ clock: new FakeClock(Date.parse('2026-11-03T01:00:00Z')) });
    await signInEveryRole(server, clients, { ids });
    dpo = clients.get('dpo')!;
    support = clients.get('support')!;
    auditor = clients.get('auditor')!;
    await server.createStaff({ email: 'dpo2@example.com', role: 'dpo', password: PASSWORD });
    dpo2 = agent(server);
    await signIn(server, dpo2, 'dpo2@example.com', PASSWORD);
    today = localDateOf(server.clock.now(), 'Asia/Seoul');
  });
  afterAll(() => server.close());

  const adult = () => createSubject(server, { kind: 'client', service: 'maumjuui', birthDate: '1988-07-14' });

  async function family(childAge: 13 | 15) {
    const guardian = await createSubject(server, { kind: 'guardian', service: 'shelby', birthDate: '1985-02-02' });
    // 15: the fifteenth birthday is today; 13: fourteen is still ten days away.
    const birthDate =
      childAge === 15 ? addCalendarYears(today, -15) : addCalendarDays(addCalendarYears(today, -14), 10);
    const child = await createSubject(server, { kind: 'child', service: 'shelby', guardianId: guardian.id, birthDate });
    return { guardian, child };
  }

  async function identityCheck(subjectId: string, by: Agent = support): Promise<string> {
    const res = await by
      .post(`/api/subjects/${subjectId}/identity-checks`)
      .send({ method: 'phone_otp', evidenceRef: 'OTP to the registered phone' })
      .expect(201);
    return res.body.id as string;
  }

  function intake(by: Agent, body: Record<string, unknown>) {
    return by.post('/api/rights-requests').send({ channel: 'email', relation: 'self', ...body });
  }

  /** A request of `type` by support (assigned to support), verified and started. */
  async function startedRequest(type: string, details?: Record<string, unknown>) {
    const person = await adult();
    const created = await intake(support, { subjectId: person.id, type, ...(details ? { details } : {}) }).expect(201);
    const id = created.body.id as string;
    await support
      .post(`/api/rights-requests/${id}/verify`)
      .send({ identityCheckId: await identityCheck(person.id) })
      .expect(200);
    await support.post(`/api/rights-requests/${id}/start`).send({}).expect(200);
    return { id, person };
  }

  /** Runs `call`, expects its status and code, and that nothing but the refusal's event was written. */
  async function refusedWithoutChange(
    call: () => PromiseLike<{ status: number; body: Record<string, unknown> }>,
    status: number,
    code: string,
  ) {
    const before = await snapshotDatabase(server);
    const res = await call();
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
    return res;
  }

  /** The fields a 422 names (each once, sorted). */
  const fieldsOf = (body: Record<string, unknown>) =>
    [...new Set((body.errors as { field: string }[]).map((e) => e.field))].sort();

  describe('intake', () => {
    it('takes a request from support, assigned to them, with a reference, a due date and a timeline', async () => {
      const person = await adult();
      const res = await intake(support, {
        subjectId: person.id,
        type: 'access',
        details: { items: ['items', 'purposes'] },
      }).expect(201);
      expect(res.body).toMatchObject({
        type: 'access',
        status: 'received',
        relation: 'self',
        regimes: ['KR-PIPA'],
        assignee: { id: ids.get('support') },
        dueOn: addCalendarDays(today, 10),
        daysLeft: 10,
        deadlineState: 'on_time',
      });
      expect(res.body.reference).toMatch(/^RR-\d{4}-\d{6}$/);
      // Acknowledged at intake: the letter is on the timeline and kept as a document.
      expect(res.body.events.map((e: { action: string }) => e.action)).toEqual(['received', 'letter']);
      expect(res.body.documents).toEqual([expect.objectContaining({ kind: 'letter', mediaType: 'application/pdf' })]);
      expect(res.body.clocks).toEqual([
        expect.objectContaining({ regime: 'KR-PIPA', governs: true, dueOn: addCalendarDays(today, 10) }),
      ]);
    });

    it('refuses a second open request of the same type for the same person (409 DUPLICATE_REQUEST, existingId)', async () => {
      const person = await adult();
      const first = await intake(support, { subjectId: person.id, type: 'erasure' }).expect(201);
      const res = await refusedWithoutChange(
        () => intake(dpo, { subjectId: person.id, type: 'erasure' }),
        409,
        'DUPLICATE_REQUEST',
      );
      expect(res.body.existingId).toBe(first.body.id);
      // Another type is another request.
      await intake(support, { subjectId: person.id, type: 'restriction' }).expect(201);
    });

    it('refuses a legal representative for a 15-year-old (422 naming the rule), writing nothing', async () => {
      const { guardian, child } = await family(15);
      const res = await refusedWithoutChange(
        () =>
          intake(support, {
            subjectId: child.id,
            type: 'erasure',
            relation: 'legal_representative',
            requesterSubjectId: guardian.id,
          }),
        422,
        'LEGAL_REPRESENTATIVE_NOT_ALLOWED',
      );
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'relation', code: 'LEGAL_REPRESENTATIVE_NOT_ALLOWED' }),
      ]);
      expect(String(res.body.title)).toContain('under 14');
    });

    it("takes a guardian's request for their 13-year-old, verified on the guardian (not the child)", async () => {
      const { guardian, child } = await family(13);
      const res = await intake(support, {
        subjectId: child.id,
        type: 'erasure',
        relation: 'legal_representative',
        requesterSubjectId: guardian.id,
        representationEvidence: 'Family register extract 2026-0912',
      }).expect(201);
      expect(res.body.requester).toMatchObject({ id: guardian.id, kind: 'guardian' });
      const id = res.body.id as string;
      const childCheck = await identityCheck(child.id);
      const wrong = await refusedWithoutChange(
        () => support.post(`/api/rights-requests/${id}/verify`).send({ identityCheckId: childCheck }),
        422,
        'VALIDATION_FAILED',
      );
      expect(wrong.body.errors).toEqual([
        expect.objectContaining({ field: 'identityCheckId', code: 'IDENTITY_CHECK_INVALID' }),
      ]);
      const verified = await support
        .post(`/api/rights-requests/${id}/verify`)
        .send({ identityCheckId: await identityCheck(guardian.id) })
        .expect(200);
      expect(verified.body.status).toBe('verifying_identity');
      expect(verified.body.verification).toMatchObject({
        checkedSubjectId: guardian.id,
        staffId: ids.get('support'),
        method: 'phone_otp',
      });
    });

    it('needs the power-of-attorney reference for an agent', async () => {
      const person = await adult();
      const res = await refusedWithoutChange(
        () => intake(support, { subjectId: person.id, type: 'access', relation: 'agent' }),
        422,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(res.body)).toEqual(['representationEvidence']);
    });
  });

  describe('state machine', () => {
    it('refuses to start work with no verification record (409 VERIFICATION_REQUIRED), changing nothing', async () => {
      const person = await adult();
      const { body } = await intake(support, { subjectId: person.id, type: 'access' }).expect(201);
      await refusedWithoutChange(
        () => support.post(`/api/rights-requests/${body.id}/start`).send({}),
        409,
        'VERIFICATION_REQUIRED',
      );
    });

    it('refuses a transition out of order (409 INVALID_TRANSITION naming from and to)', async () => {
      const person = await adult();
      const { body } = await intake(support, { subjectId: person.id, type: 'erasure' }).expect(201);
      const res = await refusedWithoutChange(
        () => support.post(`/api/rights-requests/${body.id}/submit`).send({}),
        409,
        'INVALID_TRANSITION',
      );
      expect(res.body).toMatchObject({ from: 'received', to: 'submit' });
    });

    it('refuses a rejection without grounds, and records one with reason, text and remedy', async () => {
      const person = await adult();
      const { body } = await intake(support, { subjectId: person.id, type: 'access' }).expect(201);
      const res = await refusedWithoutChange(
        () => dpo.post(`/api/rights-requests/${body.id}/reject`).send({ refusalText: 'We cannot give you this.' }),
        422,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(res.body)).toEqual(['refusalReason', 'remedyText']);
      // Under PIPA the grounds are the law's list: "manifestly unfounded" or "other" is not one of them.
      for (const refusalReason of ['manifestly_unfounded', 'other']) {
        const off = await refusedWithoutChange(
          () =>
            dpo.post(`/api/rights-requests/${body.id}/reject`).send({
              refusalReason,
              refusalText: 'We will not answer this request.',
              remedyText: 'You may complain to PIPC (KISA 118).',
            }),
          422,
          'VALIDATION_FAILED',
        );
        expect(off.body.errors).toEqual([
          expect.objectContaining({ field: 'refusalReason', code: 'REFUSAL_GROUND_NOT_ALLOWED' }),
        ]);
      }
      const rejected = await dpo
        .post(`/api/rights-requests/${body.id}/reject`)
        .send({
          refusalReason: 'identity_not_verified',
          refusalText: 'We could not confirm that you are the account holder.',
          remedyText: 'You may object to us, or complain to PIPC (KISA 118).',
        })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', refusal: { reason: 'identity_not_verified' } });
      expect(rejected.body.closedAt).not.toBeNull();
    });

    it('keeps four eyes: the DPO who prepared an erasure cannot approve it (403 FOUR_EYES)', async () => {
      const person = await adult();
      const { body } = await intake(dpo, { subjectId: person.id, type: 'erasure' }).expect(201);
      const id = body.id as string;
      await dpo
        .post(`/api/rights-requests/${id}/verify`)
        .send({ identityCheckId: await identityCheck(person.id) })
        .expect(200);
      await dpo.post(`/api/rights-requests/${id}/start`).send({}).expect(200);
      await dpo
        .post(`/api/rights-requests/${id}/prepare`)
        .send({
          decisions: [
            { category: 'contact', action: 'erase' },
            { category: 'payments', action: 'retain', retentionRuleCode: 'ecommerce_payment_records' },
          ],
        })
        .expect(200);
      const submitted = await dpo.post(`/api/rights-requests/${id}/submit`).send({}).expect(200);
      expect(submitted.body).toMatchObject({ status: 'awaiting_approval', can: { approve: false } });
      await refusedWithoutChange(() => dpo.post(`/api/rights-requests/${id}/approve`).send({}), 403, 'FOUR_EYES');
      const other = await dpo2.get(`/api/rights-requests/${id}`).expect(200);
      expect(other.body.can.approve).toBe(true);
    });

    it('cannot close while a recipient task is open (409 TASKS_OPEN); done or excepted with a reason, it closes', async () => {
      const { id } = await startedRequest('objection');
      await dpo
        .post(`/api/rights-requests/${id}/prepare`)
        .send({ note: 'Objection upheld: profiling stopped.' })
        .expect(200);
      await dpo.post(`/api/rights-requests/${id}/execute`).send({}).expect(200);
      // A processor's task, as the fan-out writes it.
      const [{ id: taskId }] = await server.db.query(
        `INSERT INTO rights_request_tasks (request_id, register_kind, register_row_id, recipient_name, data_categories, status, created_at)
         VALUES ($1, 'processor', gen_random_uuid(), '{"ko": "수탁사", "en": "Processor"}', '{contact}', 'open', now()) RETURNING id`,
        [id],
      );
      const res = await refusedWithoutChange(
        () => dpo.post(`/api/rights-requests/${id}/complete`).send({ result: 'completed' }),
        409,
        'TASKS_OPEN',
      );
      expect(res.body.openTasks).toBe(1);
      const noReason = await refusedWithoutChange(
        () => dpo.patch(`/api/rights-requests/${id}/tasks/${taskId}`).send({ status: 'excepted' }),
        422,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(noReason.body)).toEqual(['exceptionReason']);
      await dpo
        .patch(`/api/rights-requests/${id}/tasks/${taskId}`)
        .send({ status: 'excepted', exceptionReason: 'The processor never received this person’s data.' })
        .expect(200);
      const closed = await dpo.post(`/api/rights-requests/${id}/complete`).send({ result: 'completed' }).expect(200);
      expect(closed.body.status).toBe('completed');
      // The timeline records each step, with who and from/to.
      expect(closed.body.events.map((e: { action: string }) => e.action)).toEqual([
        'received',
        'letter',
        'verify',
        'start',
        'prepare',
        'execute',
        'task_excepted',
        'complete',
        'letter',
      ]);
      expect(closed.body.events.at(-2)).toMatchObject({
        fromStatus: 'in_progress',
        toStatus: 'completed',
        actor: { id: ids.get('dpo') },
      });
    });

    it('extends once, with reasons, within the first period only', async () => {
      const { id } = await startedRequest('access');
      const noReasons = await refusedWithoutChange(
        () => dpo.post(`/api/rights-requests/${id}/extend`).send({ regime: 'KR-PIPA' }),
        422,
        'VALIDATION_FAILED',
      );
      expect(fieldsOf(noReasons.body)).toEqual(['reasons']);
      const extended = await dpo
        .post(`/api/rights-requests/${id}/extend`)
        .send({ regime: 'KR-PIPA', reasons: 'The records span three services and need a legal review.' })
        .expect(200);
      expect(extended.body).toMatchObject({ extended: true, dueOn: addCalendarDays(today, 20) });
      await refusedWithoutChange(
        () =>
          dpo
            .post(`/api/rights-requests/${id}/extend`)
            .send({ regime: 'KR-PIPA', reasons: 'Still more records to review.' }),
        409,
        'EXTENSION_ALREADY_USED',
      );
    });

    it('refuses an extension asked after the first period (422 EXTENSION_TOO_LATE)', async () => {
      const { id } = await startedRequest('access');
      // Received eleven days ago: the ten days are over.
      await server.db.query(`UPDATE rights_requests SET received_at = received_at - interval '11 days' WHERE id = $1`, [
        id,
      ]);
      const res = await refusedWithoutChange(
        () =>
          dpo
            .post(`/api/rights-requests/${id}/extend`)
            .send({ regime: 'KR-PIPA', reasons: 'The records need a legal review.' }),
        422,
        'EXTENSION_TOO_LATE',
      );
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'at' })]);
    });
  });

  describe('roles', () => {
    it('support works only on requests assigned to them', async () => {
      const person = await adult();
      const { body } = await intake(dpo, { subjectId: person.id, type: 'access' }).expect(201);
      expect(body.assignee).toBeNull();
      await refusedWithoutChange(
        () =>
          support
            .post(`/api/rights-requests/${body.id}/verify`)
            .send({ identityCheckId: '00000000-0000-4000-8000-000000000000' }),
        403,
        'FORBIDDEN',
      );
      await support.get(`/api/rights-requests/${body.id}`).expect(403);
      const list = await support
        .get('/api/rights-requests')
        .query({ filter: JSON.stringify({ subjectId: person.id }) })
        .expect(200);
      expect(list.body).toEqual([]);
      await dpo
        .post(`/api/rights-requests/${body.id}/assign`)
        .send({ assigneeId: ids.get('support') })
        .expect(200);
      const mine = await support.get(`/api/rights-requests/${body.id}`).expect(200);
      expect(mine.body.can).toMatchObject({
        verify: true,
        approve: false,
        reject: false,
        extend: false,
        assign: false,
      });
    });

    it('the auditor reads but changes nothing', async () => {
      const person = await adult();
      const { body } = await intake(support, { subjectId: person.id, type: 'access' }).expect(201);
      await auditor.get('/api/rights-requests').expect(200);
      const detail = await auditor.get(`/api/rights-requests/${body.id}`).expect(200);
      expect(Object.values(detail.body.can).every((v) => v === false)).toBe(true);
      await refusedWithoutChange(
        () => auditor.post(`/api/rights-requests/${body.id}/start`).send({}),
        403,
        'FORBIDDEN',
      );
      await refusedWithoutChange(() => intake(auditor, { subjectId: person.id, type: 'erasure' }), 403, 'FORBIDDEN');
    });
  });

  describe('withdrawals and records', () => {
    it("support's account withdrawal opens an account-withdrawal request, verified by its identity check", async () => {
      const person = await adult();
      const check = await identityCheck(person.id);
      await support
        .post(`/api/subjects/${person.id}/actions/withdraw`)
        .send({ identityCheckId: check, reason: 'Asked by phone to close the account' })
        .expect(200);
      const list = await support
        .get('/api/rights-requests')
        .query({ filter: JSON.stringify({ subjectId: person.id }) })
        .expect(200);
      expect(list.body).toEqual([
        expect.objectContaining({ type: 'account_withdrawal', status: 'verifying_identity' }),
      ]);
      const detail = await support.get(`/api/rights-requests/${list.body[0].id}`).expect(200);
      expect(detail.body.verification).toMatchObject({ identityCheckId: check });
      expect(detail.body.can.start).toBe(true);
    });

    it('keeps request records: the application role cannot delete them, and the timeline is append-only', async () => {
      const person = await adult();
      const { body } = await intake(support, { subjectId: person.id, type: 'access' }).expect(201);
      const runner = server.db.createQueryRunner();
      await runner.connect();
      try {
        for (const sql of [
          `DELETE FROM rights_requests WHERE id = '${body.id}'`,
          `DELETE FROM rights_request_events WHERE request_id = '${body.id}'`,
          `UPDATE rights_request_events SET action = 'forged' WHERE request_id = '${body.id}'`,
          `DELETE FROM rights_request_tasks WHERE request_id = '${body.id}'`,
          `DELETE FROM rights_request_documents WHERE request_id = '${body.id}'`,
        ]) {
          await runner.query('BEGIN');
          await runner.query('SET LOCAL ROLE console_app');
          await expect(runner.query(sql)).rejects.toThrow(/permission denied|append-only/);
          await runner.query('ROLLBACK');
        }
      } finally {
        await runner.release();
      }
      await dpo.get(`/api/rights-requests/${body.id}`).expect(200);
    });
  });

  it('counts open requests on the DPO and support dashboards', async () => {
    const dpoFigures = await dpo.get('/api/dashboard/dpo').expect(200);
    expect(dpoFigures.body.requests).toEqual({
      open: expect.any(Number),
      dueToday: expect.any(Number),
      overdue: expect.any(Number),
      atRisk: expect.any(Number),
    });
    expect(dpoFigures.body.requests.open).toBeGreaterThan(0);
    const supportFigures = await support.get('/api/dashboard/support').expect(200);
    expect(supportFigures.body.requests.open).toBeGreaterThan(0);
    expect(supportFigures.body.requests.open).toBeLessThanOrEqual(dpoFigures.body.requests.open);
  });
});
