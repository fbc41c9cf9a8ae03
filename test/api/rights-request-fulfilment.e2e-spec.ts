import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import type { Role } from '../../server/src/authorization/roles';
import { exactDaysBefore, instantAfter } from '../../server/src/calendar/instant';
import { addCalendarYears, localDateOf } from '../../server/src/calendar/local-date';
import { RequestRemindersJob } from '../../server/src/rights-requests/jobs/request-reminders.job';
import { SubjectKeysService } from '../../server/src/subjects/subject-keys.service';
import { dumpDatabase, leaks } from '../support/db-dump';
import { expectOnlyRefusalsAdded, snapshotDatabase } from '../support/db-snapshot';
import { FakeClock } from '../support/fake-clock';
import { pdfText } from '../support/pdf-text';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer, totpAt } from '../support/server';
import { createSubject } from '../support/subject-factory';
import { addProfileDetails } from '../support/subject-fixtures';

const TIME_ZONE = 'Asia/Seoul';

/** The child's values: after the erasure none of them may be anywhere in the database. */
const CHILD = {
  name: '윤새봄',
  email: 'saebom.yoon.kid@example.com',
  phone: '010-7000-5656',
  phoneForms: ['+821070005656', '010-7000-5656', '01070005656'],
  record: '놀이 평가 결과: 주의력 저하 소견',
  sensitive: '주의력결핍 과잉행동장애 진단',
};

/**
 * Rights requests that act on the data, end to end over HTTP (F7 "Done when"): a guardian's
 * erasure of a 12-year-old's data through four eyes, with statutory holds, processor tasks from the
 * registers and a Korean completion letter; the dump afterwards; an access export; rectification,
 * restriction and consent withdrawal through execute.
 */
describe('rights requests carried out on the data', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = {} as Record<Role | 'dpo2', Agent>;
  const secrets = {} as Record<Role | 'dpo2', string>;
  let today: string;

  beforeAll(async () => {
    // A Tuesday in November: no holiday near the Korean due dates.
    clock = new FakeClock(Date.parse('2026-11-03T01:00:00Z'));
    server = await startTestServer({ clock });
    for (const [who, role] of [
      ['dpo', 'dpo'],
      ['dpo2', 'dpo'],
      ['support', 'support'],
      ['auditor', 'auditor'],
    ] as const) {
      await server.createStaff({ email: `${who}@example.com`, role, password: PASSWORD });
      clients[who] = agent(server);
      secrets[who] = await signIn(server, clients[who], `${who}@example.com`, PASSWORD);
    }
    // The registers as the demo has them: the policies' processors, provisions and transfers.
    for (const code of ['shelby', 'maumjuui']) {
      await clients.dpo
        .post(`/api/registers/profiles/${code}/import`)
        .send({ reason: `load the ${code} profile` })
        .expect(201);
    }
    today = localDateOf(clock.now(), TIME_ZONE);
  }, 120_000);
  afterAll(() => server?.close());

  async function stepUp(who: Role | 'dpo2'): Promise<void> {
    clock.advance(30_000);
    await clients[who]
      .post('/api/auth/step-up')
      .send({ code: await totpAt(server, secrets[who]) })
      .expect(200);
  }

  async function identityCheck(subjectId: string): Promise<string> {
    const res = await clients.support
      .post(`/api/subjects/${subjectId}/identity-checks`)
      .send({ method: 'phone_otp', evidenceRef: 'OTP to the registered phone' })
      .expect(201);
    return res.body.id as string;
  }

  async function events(subjectId: string): Promise<CanonicalAuditEvent[]> {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      'SELECT canonical FROM audit_events WHERE subject_id = $1 ORDER BY seq',
      [`subject:${subjectId}`],
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  }

  async function searchTotal(filter: Record<string, string>): Promise<number> {
    const res = await clients.support
      .get('/api/subjects')
      .query({ filter: JSON.stringify(filter) })
      .expect(200);
    return (res.body as unknown[]).length;
  }

  /** Every open task closed: the first done with evidence, the rest excepted with a reason. */
  async function closeTasks(id: string, tasks: { id: string }[]): Promise<void> {
    for (const [i, task] of tasks.entries()) {
      await clients.dpo
        .patch(`/api/rights-requests/${id}/tasks/${task.id}`)
        .send(
          i === 0
            ? { status: 'done', evidence: 'Processor confirmed by e-mail on the same day' }
            : { status: 'excepted', exceptionReason: 'This recipient never received this person’s data.' },
        )
        .expect(200);
    }
  }

  /** A request by support for an adult, verified and started. */
  async function started(
    type: string,
    details?: Record<string, unknown>,
    seed: Parameters<typeof createSubject>[1] = {},
  ) {
    const person = await createSubject(server, { service: 'maumjuui', birthDate: '1988-07-14', ...seed });
    const created = await clients.support
      .post('/api/rights-requests')
      .send({ subjectId: person.id, type, channel: 'email', relation: 'self', ...(details ? { details } : {}) })
      .expect(201);
    const id = created.body.id as string;
    await clients.support
      .post(`/api/rights-requests/${id}/verify`)
      .send({ identityCheckId: await identityCheck(person.id) })
      .expect(200);
    await clients.support.post(`/api/rights-requests/${id}/start`).send({}).expect(200);
    return { id, person };
  }

  const download = (who: Agent, id: string, documentId: string) =>
    who
      .get(`/api/rights-requests/${id}/documents/${documentId}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  describe('a guardian erases their 12-year-old child’s data', () => {
    let guardian: Awaited<ReturnType<typeof createSubject>>;
    let child: Awaited<ReturnType<typeof createSubject>>;
    let requestId: string;
    let reference: string;

    it('walks intake → verification of the guardian → preparation → four eyes → erasure → tasks → Korean letter', async () => {
      guardian = await createSubject(server, {
        service: 'shelby',
        kind: 'guardian',
        name: '윤보라',
        email: 'bora.yoon@example.com',
        phone: '010-7000-3434',
        sensitive: [{ category: 'health', content: '보호자 본인 불안 장애' }],
        consents: [{ purpose: 'phi' }],
      });
      child = await createSubject(server, {
        service: 'shelby',
        kind: 'child',
        name: CHILD.name,
        email: CHILD.email,
        phone: CHILD.phone,
        guardianId: guardian.id,
        birthDate: addCalendarYears(today, -12),
        records: [{ kind: 'result', content: { result: CHILD.record } }],
        sensitive: [{ category: 'health', content: CHILD.sensitive }],
        consents: [{ purpose: 'guardian_for_child', givenBy: guardian.id }],
      });
      await addProfileDetails(server, child.id, { payments: [{ amount: '55000.00', daysAgo: 40 }] });
      const [{ paid_on: paidOn }] = (await server.db.query(
        `SELECT to_char(paid_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD') AS paid_on FROM subject_payments WHERE subject_id = $1`,
        [child.id],
      )) as { paid_on: string }[];

      // Intake by support, on the guardian's behalf; the acknowledgement goes out at once.
      const created = await clients.support
        .post('/api/rights-requests')
        .send({
          subjectId: child.id,
          type: 'erasure',
          channel: 'phone',
          relation: 'legal_representative',
          requesterSubjectId: guardian.id,
          representationEvidence: 'Family register extract 2026-1103',
          details: { categories: ['identity', 'contact', 'counseling', 'sensitive', 'payments'] },
        })
        .expect(201);
      requestId = created.body.id as string;
      reference = created.body.reference as string;
      expect(created.body.documents).toEqual([expect.objectContaining({ kind: 'letter' })]);

      // Support checks the guardian's identity, verifies, starts.
      await clients.support
        .post(`/api/rights-requests/${requestId}/verify`)
        .send({ identityCheckId: await identityCheck(guardian.id) })
        .expect(200);
      await clients.support.post(`/api/rights-requests/${requestId}/start`).send({}).expect(200);

      // The proposal: what the child has, and the statute holding the payments.
      const proposal = await clients.support.get(`/api/rights-requests/${requestId}/erasure-proposal`).expect(200);
      const payments = (proposal.body.categories as { category: string }[]).find((c) => c.category === 'payments');
      expect(payments).toEqual({
        category: 'payments',
        present: true,
        hold: {
          retentionRuleCode: 'ecommerce_payment_records',
          law: expect.any(String),
          destroyOn: addCalendarYears(paidOn, 5),
        },
        registerCategories: ['payment'],
      });
      const decisions = (
        proposal.body.categories as { category: string; hold: { retentionRuleCode: string } | null }[]
      ).map((c) =>
        c.hold === null
          ? { category: c.category, action: 'erase' }
          : { category: c.category, action: 'retain', retentionRuleCode: c.hold.retentionRuleCode },
      );
      await clients.support.post(`/api/rights-requests/${requestId}/prepare`).send({ decisions }).expect(200);
      await clients.support.post(`/api/rights-requests/${requestId}/submit`).send({}).expect(200);

      // The one who prepared it cannot approve it (support approves nothing: DESIGN Roles); nothing changes.
      const before = await snapshotDatabase(server);
      const own = await clients.support.post(`/api/rights-requests/${requestId}/approve`).send({});
      expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      expectOnlyRefusalsAdded(before, await snapshotDatabase(server));

      const approved = await clients.dpo.post(`/api/rights-requests/${requestId}/approve`).send({}).expect(200);
      expect(approved.body).toMatchObject({ status: 'in_progress', approvedBy: expect.objectContaining({}) });
      const destroyOn = addCalendarYears(paidOn, 5);
      expect(approved.body.outcome).toMatchObject({
        erased: expect.arrayContaining(['identity', 'contact', 'counseling', 'sensitive']),
        retained: [
          { category: 'payments', retentionRuleCode: 'ecommerce_payment_records', law: expect.any(String), destroyOn },
        ],
        shredded: true,
        tombstone: true,
      });
      // The timeline shows what was erased and what was kept, and why.
      const approveEvent = (approved.body.events as { action: string; detail: Record<string, unknown> }[]).find(
        (e) => e.action === 'approve',
      );
      expect(approveEvent?.detail.outcome).toEqual(approved.body.outcome);

      // The child's PHI is gone with the child's key; the guardian's still opens.
      await expect(server.app.get(SubjectKeysService).dataKey(child.id)).rejects.toMatchObject({
        code: 'SUBJECT_KEY_SHREDDED',
      });
      await stepUp('dpo');
      const childReveal = await clients.dpo
        .post(`/api/subjects/${child.id}/phi/reveal`)
        .send({ purpose: `Erasure check ${reference}`, sensitiveDataIds: child.sensitiveIds });
      expect({ status: childReveal.status, code: childReveal.body.code }).toEqual({
        status: 410,
        code: 'SUBJECT_KEY_SHREDDED',
      });
      const guardianReveal = await clients.dpo
        .post(`/api/subjects/${guardian.id}/phi/reveal`)
        .send({ purpose: `Erasure check ${reference}`, sensitiveDataIds: guardian.sensitiveIds })
        .expect(200);
      expect(guardianReveal.body.sensitiveData).toEqual([
        { id: guardian.sensitiveIds[0], category: 'health', content: '보호자 본인 불안 장애' },
      ]);

      // The payments stay, under their hold, with the destruction date 5 years on.
      expect(await server.db.query('SELECT amount FROM subject_payments WHERE subject_id = $1', [child.id])).toEqual([
        { amount: '55000.00' },
      ]);
      expect(
        await server.db.query(
          `SELECT category, retention_rule_code, to_char(destroy_on, 'YYYY-MM-DD') AS destroy_on
           FROM subject_legal_holds WHERE subject_id = $1`,
          [child.id],
        ),
      ).toEqual([{ category: 'payments', retention_rule_code: 'ecommerce_payment_records', destroy_on: destroyOn }]);

      // Tasks for the Shelby policy's recipients holding the erased categories, each with its notice.
      const tasks = approved.body.tasks as {
        id: string;
        registerKind: string;
        registerRowId: string;
        recipientName: { ko: string; en: string };
        outboxMessageId: string;
      }[];
      expect(tasks.length).toBeGreaterThan(0);
      // Listed in the same order every time: by kind, then by the recipient's Korean name.
      const listed = tasks.map((t) => [t.registerKind, t.recipientName.ko].join(' '));
      expect(listed).toEqual([...listed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const policies = (await clients.dpo.get('/api/registers/policies').expect(200)).body as {
        id: string;
        code: string;
      }[];
      const shelby = policies.find((p) => p.code === 'shelby')!;
      const processors = (
        await clients.dpo
          .get('/api/registers/processors')
          .query({ filter: JSON.stringify({ policyId: shelby.id }), range: '[0,99]' })
          .expect(200)
      ).body as { id: string }[];
      const processorTasks = tasks.filter((t) => t.registerKind === 'processor');
      expect(processorTasks.length).toBeGreaterThan(0);
      for (const t of processorTasks) expect(processors.map((p) => p.id)).toContain(t.registerRowId);
      const notices = (await server.db.query(`SELECT template_key FROM outbox_messages WHERE id = ANY($1::uuid[])`, [
        tasks.map((t) => t.outboxMessageId),
      ])) as { template_key: string }[];
      expect(notices).toHaveLength(tasks.length);
      for (const n of notices) expect(n.template_key).toMatch(/^rights-request\.processor-notice\.(email|letter)$/);

      // It cannot close while a task is open; closed tasks let it complete.
      const early = await clients.dpo.post(`/api/rights-requests/${requestId}/complete`).send({ result: 'completed' });
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'TASKS_OPEN' });
      await closeTasks(requestId, tasks);
      const done = await clients.dpo
        .post(`/api/rights-requests/${requestId}/complete`)
        .send({ result: 'completed' })
        .expect(200);
      expect(done.body.status).toBe('completed');
      // No clock runs on a closed request: no days left, no colour.
      expect(done.body).toMatchObject({ daysLeft: null, deadlineState: null });
      expect(done.body.clocks.every((c: { open: boolean }) => !c.open)).toBe(true);

      // The completion letter: a Korean PDF on the request, queued to the guardian by e-mail.
      const letters = (done.body.documents as { id: string; kind: string; fileName: string }[]).filter(
        (d) => d.kind === 'letter',
      );
      const completion = letters.find((d) => d.fileName.includes('completion'))!;
      expect(completion.fileName).toBe(`${reference}-completion-ko.pdf`);
      const pdf = await download(clients.dpo, requestId, completion.id).expect(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      const text = await pdfText(pdf.body as Buffer);
      expect(text).toContain(reference);
      expect(text).toContain('윤보라');
      expect(text).toMatch(/삭제/);
      expect(text).toContain(`${Number(destroyOn.slice(0, 4))}년`);
      const sent = (await server.db.query(
        `SELECT channel, recipient_id, template_key FROM outbox_messages WHERE reference = $1 ORDER BY created_at`,
        [`rights-request:${reference}`],
      )) as { channel: string; recipient_id: string; template_key: string }[];
      expect(sent.filter((m) => m.recipient_id === guardian.id)).toEqual([
        { channel: 'email', recipient_id: guardian.id, template_key: 'rights-request.acknowledgement.email' },
        { channel: 'email', recipient_id: guardian.id, template_key: 'rights-request.completion.email' },
      ]);
      // Producing a letter that carries the guardian's name and address is in the access log.
      expect(await events(guardian.id)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'create',
            resource: 'rights-request-letter',
            purpose: `Rights request ${reference}`,
            detail: expect.objectContaining({ requestId, kind: 'completion', channel: 'email' }),
          }),
        ]),
      );
    });

    it('leaves none of the child’s values in a dump, search finds nothing, and the request records stay', async () => {
      expect(requestId).toBeDefined();
      const dump = await dumpDatabase(server);
      expect(
        leaks(dump, [
          CHILD.name,
          CHILD.email,
          ...CHILD.phoneForms,
          CHILD.record,
          CHILD.sensitive,
          addCalendarYears(today, -12),
        ]),
      ).toEqual([]);
      expect(await searchTotal({ phone: CHILD.phone })).toBe(0);
      expect(await searchTotal({ email: CHILD.email })).toBe(0);
      expect(await searchTotal({ q: CHILD.name })).toBe(0);
      // The guardian is still found.
      expect(await searchTotal({ phone: '010-7000-3434' })).toBe(1);

      // Request records are kept (11 CCR 7101): the row, its timeline and its documents remain.
      const detail = await clients.dpo.get(`/api/rights-requests/${requestId}`).expect(200);
      expect(detail.body).toMatchObject({ id: requestId, reference, type: 'erasure', status: 'completed' });
      expect(detail.body.subject).toMatchObject({ id: child.id, name: '(erased)' });
      expect((detail.body.events as { action: string }[]).map((e) => e.action)).toEqual(
        expect.arrayContaining(['received', 'verify', 'start', 'prepare', 'submit', 'approve', 'complete', 'letter']),
      );
      expect((detail.body.documents as unknown[]).length).toBe(2);
    });
  });

  describe('access export', () => {
    it('is prepared by one DPO and approved by another; JSON and PDF are kept sealed and only the DPO downloads them', async () => {
      const { id, person } = await started('access', undefined, {
        name: '서지민',
        records: [{ kind: 'session_note', content: { notes: '수면 위생 상담' } }],
      });
      await clients.dpo.post(`/api/rights-requests/${id}/prepare`).send({}).expect(200);
      await clients.dpo.post(`/api/rights-requests/${id}/submit`).send({}).expect(200);
      const own = await clients.dpo.post(`/api/rights-requests/${id}/approve`).send({});
      expect({ status: own.status, code: own.body.code }).toEqual({ status: 403, code: 'FOUR_EYES' });
      // Approving an export needs a TOTP code from the last five minutes (DESIGN §5), and nothing moves without one.
      clock.advance(6 * 60_000);
      const stale = await clients.dpo2.post(`/api/rights-requests/${id}/approve`).send({});
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 403, code: 'STEP_UP_REQUIRED' });
      const waiting = await clients.dpo2.get(`/api/rights-requests/${id}`).expect(200);
      expect({ status: waiting.body.status, documents: waiting.body.documents.length }).toEqual({
        status: 'awaiting_approval',
        documents: 1,
      });
      await stepUp('dpo2');
      const approved = await clients.dpo2.post(`/api/rights-requests/${id}/approve`).send({}).expect(200);
      expect(approved.body.outcome).toMatchObject({ export: expect.objectContaining({ records: 1 }) });
      const docs = approved.body.documents as { id: string; kind: string }[];
      const json = docs.find((d) => d.kind === 'export_json')!;
      const pdf = docs.find((d) => d.kind === 'export_pdf')!;
      expect(json && pdf).toBeTruthy();
      // Stored sealed: the package's content is not in the table in the clear.
      const [stored] = (await server.db.query(
        'SELECT content_sealed::text AS c FROM rights_request_documents WHERE id = $1',
        [json.id],
      )) as { c: string }[];
      expect(stored.c).not.toContain(Buffer.from('수면 위생 상담').toString('hex'));

      // Downloading the package is exporting too: a fresh code first.
      const unconfirmed = await download(clients.dpo, id, json.id);
      expect({ status: unconfirmed.status, code: JSON.parse(String(unconfirmed.body)).code }).toEqual({
        status: 403,
        code: 'STEP_UP_REQUIRED',
      });
      await stepUp('dpo');
      const got = await download(clients.dpo, id, json.id).expect(200);
      expect((got.body as Buffer).toString('utf8')).toContain('수면 위생 상담');
      expect(await events(person.id)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'download',
            resource: 'rights-request-document',
            detail: expect.objectContaining({ documentId: json.id, kind: 'export_json' }),
          }),
        ]),
      );
      // Support (assigned, may read the request) and the auditor may not open the person's whole file.
      expect((await download(clients.support, id, pdf.id)).status).toBe(403);
      expect((await download(clients.auditor, id, json.id)).status).toBe(403);
      // The acknowledgement letter, support may.
      const ack = docs.find((d) => d.kind === 'letter')!;
      await download(clients.support, id, ack.id).expect(200);
    });
  });

  describe('erasing data under a legal hold', () => {
    const decisions = [
      { category: 'identity', action: 'erase' },
      { category: 'payments', action: 'erase' },
    ];
    /** The statute the proposal names for the person's payments. */
    async function paymentsLaw(id: string): Promise<string> {
      const proposal = await clients.dpo.get(`/api/rights-requests/${id}/erasure-proposal`).expect(200);
      const payments = (proposal.body.categories as { category: string; hold: { law: string } | null }[]).find(
        (c) => c.category === 'payments',
      );
      expect(payments?.hold).toMatchObject({ retentionRuleCode: 'ecommerce_payment_records' });
      return payments!.hold!.law;
    }

    it('refuses at prepare an erasure of payments younger than 5 years (409 LEGAL_HOLD naming the statute), changing nothing', async () => {
      const { id, person } = await started('erasure', { categories: ['identity', 'payments'] }, { name: '한가람' });
      await addProfileDetails(server, person.id, { payments: [{ amount: '30000.00', daysAgo: 40 }] });
      const law = await paymentsLaw(id);

      const before = await snapshotDatabase(server);
      const refused = await clients.support.post(`/api/rights-requests/${id}/prepare`).send({ decisions });
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'LEGAL_HOLD' });
      expect(refused.body.title).toContain(law);
      expect(refused.body.errors).toEqual([
        { field: 'decisions.1', code: 'LEGAL_HOLD', message: expect.stringContaining('ecommerce_payment_records') },
      ]);
      expectOnlyRefusalsAdded(before, await snapshotDatabase(server));

      // Retained under its rule, the same preparation is taken.
      const retained = await clients.support
        .post(`/api/rights-requests/${id}/prepare`)
        .send({
          decisions: [
            decisions[0],
            { ...decisions[1], action: 'retain', retentionRuleCode: 'ecommerce_payment_records' },
          ],
        })
        .expect(200);
      expect(retained.body.preparedBy).toMatchObject({ id: expect.any(String) });
    });

    it('refuses at approval an erasure that a payment taken since has put under a hold, changing nothing', async () => {
      const { id, person } = await started('erasure', { categories: ['identity', 'payments'] }, { name: '한누리' });
      // Nothing holds payments the person does not have: the preparation stands.
      await clients.support.post(`/api/rights-requests/${id}/prepare`).send({ decisions }).expect(200);
      await clients.support.post(`/api/rights-requests/${id}/submit`).send({}).expect(200);
      await addProfileDetails(server, person.id, { payments: [{ amount: '12000.00', daysAgo: 3 }] });
      const law = await paymentsLaw(id);

      const before = await snapshotDatabase(server);
      const refused = await clients.dpo.post(`/api/rights-requests/${id}/approve`).send({});
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'LEGAL_HOLD' });
      expect(refused.body.title).toContain(law);
      expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
      const detail = await clients.dpo.get(`/api/rights-requests/${id}`).expect(200);
      expect(detail.body).toMatchObject({ status: 'awaiting_approval', executedAt: null, outcome: null });
    });

    it('refuses at approval erasing a person a legal hold placed since keeps (409 LEGAL_HOLD_ACTIVE naming the hold), changing nothing', async () => {
      const { id, person } = await started('erasure', { categories: ['identity'] }, { name: '한결' });
      const identityOnly = [{ category: 'identity', action: 'erase' }];
      // Prepared and submitted before the hold: the approval must check again.
      await clients.support.post(`/api/rights-requests/${id}/prepare`).send({ decisions: identityOnly }).expect(200);
      await clients.support.post(`/api/rights-requests/${id}/submit`).send({}).expect(200);
      const [dpo] = await server.db.query<{ id: string }[]>(`SELECT id FROM staff WHERE email = 'dpo@example.com'`);
      const hold = await clients.dpo
        .post('/api/retention/holds')
        .send({
          source: 'litigation',
          sourceReference: '서울중앙지방법원 2026가합12345',
          reason: 'Evidence in a pending lawsuit',
          ownerId: dpo.id,
          reviewOn: '2030-01-01',
          subjectIds: [person.id],
        })
        .expect(201);

      const before = await snapshotDatabase(server);
      const refused = await clients.dpo.post(`/api/rights-requests/${id}/approve`).send({});
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'LEGAL_HOLD_ACTIVE' });
      expect(refused.body.title).toContain(hold.body.reference);
      expectOnlyRefusalsAdded(before, await snapshotDatabase(server));

      // Released, the same approval goes through.
      await clients.dpo
        .post(`/api/retention/holds/${hold.body.id}/release`)
        .send({ reason: 'The lawsuit was settled' })
        .expect(200);
      await clients.dpo.post(`/api/rights-requests/${id}/approve`).send({}).expect(200);
    });

    it('has no erasure proposal for a request that erases nothing (409 NOT_AN_ERASURE_REQUEST)', async () => {
      const { id } = await started('access', undefined, { name: '한빛' });
      const res = await clients.dpo.get(`/api/rights-requests/${id}/erasure-proposal`);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'NOT_AN_ERASURE_REQUEST' });
    });
  });

  describe('requests carried out by execute', () => {
    async function finish(id: string, executed: { body: { tasks: { id: string }[] } }) {
      await closeTasks(id, executed.body.tasks);
      const done = await clients.dpo
        .post(`/api/rights-requests/${id}/complete`)
        .send({ result: 'completed' })
        .expect(200);
      expect(done.body.status).toBe('completed');
      expect((done.body.documents as { kind: string; fileName: string }[]).map((d) => d.fileName)).toEqual(
        expect.arrayContaining([expect.stringContaining('completion')]),
      );
      return done;
    }

    it('rectification: the new value is sealed until carried out and never shown; search follows it', async () => {
      const { id } = await started('rectification', { field: 'email' }, { email: 'jimin.old@example.com' });
      const prepared = await clients.support
        .post(`/api/rights-requests/${id}/prepare`)
        .send({ change: { field: 'email', value: 'jimin.new@example.com' } })
        .expect(200);
      expect(JSON.stringify(prepared.body)).not.toContain('jimin.new');
      const executed = await clients.dpo.post(`/api/rights-requests/${id}/execute`).send({}).expect(200);
      expect(executed.body.outcome).toEqual({ rectified: 'email' });
      expect(JSON.stringify(executed.body)).not.toContain('jimin.new');
      expect(executed.body.preparation).toEqual({ change: { field: 'email' } });
      expect(await searchTotal({ email: 'jimin.new@example.com' })).toBe(1);
      expect(await searchTotal({ email: 'jimin.old@example.com' })).toBe(0);
      expect(executed.body.tasks.length).toBeGreaterThan(0);
      await finish(id, executed);
      expect(leaks(await dumpDatabase(server), ['jimin.new@example.com', 'jimin.old@example.com'])).toEqual([]);
    });

    it('restriction: the person is restricted at once; an export then refuses (409 SUBJECT_RESTRICTED), changing nothing', async () => {
      const { id, person } = await started('restriction');
      await clients.support
        .post(`/api/rights-requests/${id}/prepare`)
        .send({ note: 'Accuracy contested: processing suspended until checked' })
        .expect(200);
      const executed = await clients.dpo.post(`/api/rights-requests/${id}/execute`).send({}).expect(200);
      expect(executed.body.outcome).toEqual({ restricted: true });
      const profile = await clients.support.get(`/api/subjects/${person.id}`).expect(200);
      expect(profile.body.restricted).toEqual({ since: expect.any(String) });
      await finish(id, executed);

      const access = await clients.support
        .post('/api/rights-requests')
        .send({ subjectId: person.id, type: 'access', channel: 'email', relation: 'self' })
        .expect(201);
      const accessId = access.body.id as string;
      await clients.support
        .post(`/api/rights-requests/${accessId}/verify`)
        .send({ identityCheckId: await identityCheck(person.id) })
        .expect(200);
      await clients.support.post(`/api/rights-requests/${accessId}/start`).send({}).expect(200);
      await clients.support.post(`/api/rights-requests/${accessId}/prepare`).send({}).expect(200);
      await clients.support.post(`/api/rights-requests/${accessId}/submit`).send({}).expect(200);
      const before = await snapshotDatabase(server);
      const refused = await clients.dpo.post(`/api/rights-requests/${accessId}/approve`).send({});
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'SUBJECT_RESTRICTED' });
      expectOnlyRefusalsAdded(before, await snapshotDatabase(server));
    });

    it('consent withdrawal: marketing withdrawn at once and the person suppressed from marketing', async () => {
      const { id, person } = await started(
        'consent_withdrawal',
        { purposes: ['marketing'] },
        { consents: [{ purpose: 'marketing' }, { purpose: 'phi' }] },
      );
      await clients.support.post(`/api/rights-requests/${id}/prepare`).send({}).expect(200);
      const executed = await clients.dpo.post(`/api/rights-requests/${id}/execute`).send({}).expect(200);
      expect(executed.body.outcome).toEqual({ withdrawn: ['marketing'] });
      const [consent] = (await server.db.query(
        `SELECT withdrawn_at FROM subject_consents WHERE subject_id = $1 AND purpose = 'marketing'`,
        [person.id],
      )) as { withdrawn_at: Date | null }[];
      expect(consent.withdrawn_at).toEqual(clock.now());
      const profile = await clients.support.get(`/api/subjects/${person.id}`).expect(200);
      expect(profile.body.marketingSuppressed).toEqual({ since: expect.any(String) });
      await finish(id, executed);
    });

    it('grants in part: a refusal reason outside the legal list is refused; a partial close needs its note and sends the partial letter', async () => {
      const { id } = await started('objection');
      const bad = await clients.dpo.post(`/api/rights-requests/${id}/reject`).send({
        refusalReason: 'too_busy',
        refusalText: 'We have no time for this.',
        remedyText: 'Write to us again later.',
      });
      expect({ status: bad.status, field: bad.body.errors?.[0]?.field }).toEqual({
        status: 422,
        field: 'refusalReason',
      });
      await clients.support
        .post(`/api/rights-requests/${id}/prepare`)
        .send({ note: 'Marketing profiling stops; the contract processing continues (PIPA Art. 37(2))' })
        .expect(200);
      const executed = await clients.dpo.post(`/api/rights-requests/${id}/execute`).send({}).expect(200);
      const noNote = await clients.dpo
        .post(`/api/rights-requests/${id}/complete`)
        .send({ result: 'partially_completed' });
      expect(noNote.status).toBe(422);
      await closeTasks(id, executed.body.tasks);
      const done = await clients.dpo
        .post(`/api/rights-requests/${id}/complete`)
        .send({
          result: 'partially_completed',
          note: 'Profiling for marketing stopped; contract processing continues.',
        })
        .expect(200);
      expect(done.body.status).toBe('partially_completed');
      const partial = (done.body.documents as { id: string; fileName: string }[]).find((d) =>
        d.fileName.includes('partial'),
      )!;
      const text = await pdfText((await download(clients.dpo, id, partial.id).expect(200)).body as Buffer);
      expect(text).toContain('Profiling for marketing stopped');
    });
  });

  describe('receipt dated in the past, and the reminder job', () => {
    const daysAgo = (days: number) => exactDaysBefore(clock.now(), days).toISOString();
    const intake = async (receivedAt: string) => {
      const person = await createSubject(server, { service: 'maumjuui', birthDate: '1990-03-03' });
      return clients.support
        .post('/api/rights-requests')
        .send({ subjectId: person.id, type: 'objection', channel: 'letter', relation: 'self', receivedAt });
    };

    it('takes a request received before it was typed in, its clocks from then; not in the future, not over a year back', async () => {
      const future = await intake(instantAfter(clock.now(), 60_000).toISOString());
      expect({ status: future.status, code: future.body.code, field: future.body.errors?.[0]?.field }).toEqual({
        status: 422,
        code: 'VALIDATION_FAILED',
        field: 'receivedAt',
      });
      const ancient = await intake(daysAgo(400));
      expect({ status: ancient.status, field: ancient.body.errors?.[0]?.field }).toEqual({
        status: 422,
        field: 'receivedAt',
      });
      const late = await intake(daysAgo(8));
      expect(late.status).toBe(201);
      expect(late.body.receivedAt).toBe(daysAgo(8));
      expect(late.body).toMatchObject({ daysLeft: 2, deadlineState: 'at_risk' });
    });

    it('reminds once per state: one notice and one timeline event each for an at-risk and an overdue request', async () => {
      const atRisk = (await intake(daysAgo(8))).body.id as string;
      const overdue = (await intake(daysAgo(12))).body.id as string;
      const job = server.app.get(RequestRemindersJob);
      const reminders = async (id: string) => ({
        events: (
          (await server.db.query(
            `SELECT action FROM rights_request_events WHERE request_id = $1 AND action LIKE 'reminder_%'`,
            [id],
          )) as { action: string }[]
        ).map((e) => e.action),
        notices: (
          (await server.db.query(
            `SELECT template_key FROM outbox_messages WHERE reference = $1 AND template_key = 'rights-request.staff-reminder'`,
            [`rights-request:${id}`],
          )) as unknown[]
        ).length,
      });
      await job.run();
      expect(await reminders(atRisk)).toEqual({ events: ['reminder_at_risk'], notices: 1 });
      expect(await reminders(overdue)).toEqual({ events: ['reminder_overdue'], notices: 1 });
      // A second run, the same day and the next, repeats neither.
      await job.run();
      clock.advance(86_400_000);
      await job.run();
      expect(await reminders(atRisk)).toEqual({ events: ['reminder_at_risk'], notices: 1 });
      expect(await reminders(overdue)).toEqual({ events: ['reminder_overdue'], notices: 1 });
    });
  });
});
