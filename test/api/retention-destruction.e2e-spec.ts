import { randomUUID } from 'node:crypto';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { DestructionService } from '../../server/src/retention/destruction/destruction.service';
import { DestructionRunJob } from '../../server/src/retention/destruction/jobs/destruction-run.job';
import { RetentionScanJob } from '../../server/src/retention/destruction/jobs/retention-scan.job';
import type { Role } from '../../server/src/authorization/roles';
import { FakeClock } from '../support/fake-clock';
import {
  agent,
  PASSWORD,
  signIn,
  signInEveryRole,
  startTestServer,
  type Agent,
  type TestServer,
} from '../support/server';
import { createSubject } from '../support/subject-factory';

const DAY = 86_400_000;

/**
 * F9 destruction with a fixed clock: 10 March 2026, 10:00 in Seoul. A record is due the day after
 * its period ends (the period runs through the anniversary day).
 */
describe('Retention destruction (F9)', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    server.db.query(sql, params) as Promise<T[]>;
  const scan = () => server.app.get(RetentionScanJob).run();
  const destroy = () => server.app.get(DestructionRunJob).run();
  let signIns = 0;
  /** A fresh session (the clock moves days ahead, past any session's life): a new staff member of the role. */
  async function as(role: Role): Promise<Agent> {
    signIns += 1;
    const email = `${role}-${signIns}@example.com`;
    const { id } = await server.createStaff({ email, role, password: PASSWORD });
    ids.set(role, id);
    const client = agent(server);
    await signIn(server, client, email, PASSWORD);
    clients.set(role, client);
    return client;
  }
  const dpo = () => clients.get('dpo')!;

  beforeAll(async () => {
    clock = new FakeClock(Date.parse('2026-03-10T01:00:00Z'));
    server = await startTestServer({ clock });
    await signInEveryRole(server, clients, { ids });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  /** Every access-log event so far, sequenced. */
  async function events(): Promise<CanonicalAuditEvent[]> {
    await server.app.get(AuditSequencer).flush();
    const rows = await q<{ canonical: Buffer }>('SELECT canonical FROM audit_events ORDER BY seq');
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  }

  async function person(): Promise<string> {
    return (await createSubject(server)).id;
  }

  async function payment(subjectId: string, paidAt: string): Promise<string> {
    const [row] = await q<{ id: string }>(
      `INSERT INTO subject_payments (subject_id, amount, currency, method, gateway, status, paid_at)
       VALUES ($1, 50000, 'KRW', 'card', 'toss', 'paid', $2) RETURNING id`,
      [subjectId, paidAt],
    );
    return row.id;
  }

  async function device(subjectId: string, lastSeenAt: string): Promise<string> {
    const [row] = await q<{ id: string }>(
      `INSERT INTO subject_devices (subject_id, model, ip, first_seen_at, last_seen_at)
       VALUES ($1, 'Galaxy', '10.0.0.1', $2, $2) RETURNING id`,
      [subjectId, lastSeenAt],
    );
    return row.id;
  }

  async function paymentsOf(subjectId: string): Promise<number> {
    const [row] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM subject_payments WHERE subject_id = $1`, [
      subjectId,
    ]);
    return row.n;
  }

  /** Every record the destruction categories cover, counted as the certificate counts them. */
  async function recordsHeld(): Promise<number> {
    const [row] = await q<{ n: number }>(
      `SELECT (SELECT count(*) FROM subject_payments) + (SELECT count(*) FROM subject_devices)
         + (SELECT count(*) FROM subject_counseling_records WHERE kind = 'result')
         + (SELECT count(*) FROM subject_consents)
         + (SELECT count(*) FROM subject_bookings WHERE topic IS NOT NULL OR topic_cipher IS NOT NULL) AS n`,
    );
    return Number(row.n);
  }

  async function placeHold(body: { subjectIds?: string[]; categories?: string[] }): Promise<string> {
    const [hold] = await q<{ id: string }>(
      `INSERT INTO legal_holds (reference, source, reason, owner_id, review_on, categories, status, created_by,
         created_at, updated_at)
       VALUES ('LH-2026-' || lpad((floor(random() * 900000) + 100000)::text, 6, '0'), 'litigation',
         'Litigation about a refund', $1, '2026-06-30', $2, 'active', $1, now(), now()) RETURNING id`,
      [ids.get('dpo'), body.categories ?? []],
    );
    for (const subjectId of body.subjectIds ?? []) {
      await q(`INSERT INTO legal_hold_subjects (hold_id, subject_id, added_at) VALUES ($1, $2, now())`, [
        hold.id,
        subjectId,
      ]);
    }
    return hold.id;
  }

  async function releaseHold(id: string): Promise<void> {
    await q(
      `UPDATE legal_holds SET status = 'released', released_at = now(), released_by = $2,
         release_reason = 'Settled' WHERE id = $1`,
      [id, ids.get('dpo')],
    );
  }

  it('keeps a payment through the fifth anniversary and destroys it the day after, through the erasure path', async () => {
    const subjectId = await person();
    // 10 March 2021, noon in Seoul.
    await payment(subjectId, '2021-03-10T03:00:00Z');
    await payment(subjectId, '2024-01-01T03:00:00Z');

    await scan();
    const [item] = await q<{ status: string; due_on: string; record_count: number }>(
      `SELECT status, to_char(due_on, 'YYYY-MM-DD') AS due_on, record_count FROM destruction_queue
       WHERE subject_id = $1 AND status IN ('pending', 'held')`,
      [subjectId],
    );
    expect(item).toEqual({ status: 'pending', due_on: '2026-03-11', record_count: 1 });

    // The preview of tomorrow shows it, with why.
    const preview = await dpo().get('/api/retention/queue/preview').expect(200);
    expect(preview.body.on).toBe('2026-03-11');
    const line = preview.body.rules.find((r: { code: string }) => r.code === 'ecommerce_payment_records');
    expect(line).toMatchObject({ category: 'payments', action: 'destroy', period: 'P5Y', people: 1, records: 1 });
    expect(line.why.en).toContain('before 2021-03-11');
    expect(line.why.ko).toContain('2021-03-11');

    // The last day of the period: kept.
    await destroy();
    expect(await paymentsOf(subjectId)).toBe(2);

    clock.advance(DAY);
    await scan();
    await destroy();
    expect(await paymentsOf(subjectId)).toBe(1);
    const [done] = await q<{ status: string; destroyed_count: number }>(
      `SELECT status, destroyed_count FROM destruction_queue WHERE subject_id = $1 ORDER BY id DESC LIMIT 1`,
      [subjectId],
    );
    expect(done).toEqual({ status: 'destroyed', destroyed_count: 1 });
    const destroyed = (await events()).filter(
      (e) => e.resource === 'subject-data' && e.purpose === 'retention:ecommerce_payment_records',
    );
    expect(destroyed).toHaveLength(1);
    expect(destroyed[0]).toMatchObject({ action: 'delete', subjectId: `subject:${subjectId}`, fields: ['payments'] });
    expect(destroyed[0].detail).toMatchObject({ rows: 1, category: 'payments', action: 'destroy' });
  });

  it('destroys a counseling result 3 years after counseling ended, a child’s under the child', async () => {
    const guardian = await createSubject(server);
    const child = await createSubject(server, { kind: 'child', guardianId: guardian.id });
    const counselor = await createSubject(server, { kind: 'counselor', email: null });
    const record = async (subjectId: string, childId: string | null, kind: string, endedAt: string) => {
      await q(
        `INSERT INTO subject_counseling_records (subject_id, counselor_id, child_id, kind, session_at,
           counseling_ended_at, content_cipher, sealed_under)
         VALUES ($1, $2, $3, $4, $5::timestamptz - interval '30 days', $5, '\\x00', $3)`,
        [subjectId, counselor.id, childId, kind, endedAt],
      );
    };
    // Ended 12 March 2023 (Seoul): due on 13 March 2026.
    await record(guardian.id, null, 'result', '2023-03-12T03:00:00Z');
    await record(guardian.id, child.id, 'result', '2023-03-12T03:00:00Z');
    await record(guardian.id, null, 'session_note', '2020-01-01T03:00:00Z');
    const results = async (owner: string) => {
      const [row] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM subject_counseling_records
         WHERE kind = 'result' AND coalesce(child_id, subject_id) = $1`,
        [owner],
      );
      return row.n;
    };

    // 11 March (from the previous test) and 12 March: kept.
    await scan();
    await destroy();
    clock.advance(DAY);
    await scan();
    await destroy();
    expect(await results(guardian.id)).toBe(1);
    expect(await results(child.id)).toBe(1);

    clock.advance(DAY); // 13 March 2026
    await scan();
    const items = await q<{ subject_id: string }>(
      `SELECT subject_id FROM destruction_queue q JOIN retention_rules r ON r.id = q.rule_id
       WHERE r.code = 'counseling_results' AND q.status = 'pending' ORDER BY subject_id`,
    );
    expect(items.map((i) => i.subject_id).sort()).toEqual([guardian.id, child.id].sort());
    await destroy();
    expect(await results(guardian.id)).toBe(0);
    expect(await results(child.id)).toBe(0);
    // Not a result: another rule's business.
    const [note] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM subject_counseling_records WHERE subject_id = $1 AND kind = 'session_note'`,
      [guardian.id],
    );
    expect(note.n).toBe(1);
  });

  it('shreds the data key of an erased person once their last keyed records are destroyed', async () => {
    const erased = await createSubject(server, { email: null });
    const counselor = await createSubject(server, { kind: 'counselor', email: null });
    await q(
      `INSERT INTO subject_counseling_records (subject_id, counselor_id, kind, session_at, counseling_ended_at,
         content_cipher) VALUES ($1, $2, 'result', '2020-01-01T03:00:00Z', '2020-01-01T03:00:00Z', '\\x00')`,
      [erased.id, counselor.id],
    );
    await q(`UPDATE subjects SET erased_at = now(), name = NULL, name_key = NULL WHERE id = $1`, [erased.id]);
    await scan();
    await destroy();
    const [key] = await q<{ wrapped: boolean }>(
      `SELECT wrapped_key IS NOT NULL AS wrapped FROM subject_keys WHERE subject_id = $1`,
      [erased.id],
    );
    expect(key.wrapped).toBe(false);
    const shredded = (await events()).filter(
      (e) => e.resource === 'subject-key' && e.subjectId === `subject:${erased.id}`,
    );
    expect(shredded).toHaveLength(1);
    expect(shredded[0].purpose).toBe('retention:counseling_results');
  });

  it('destroys what a statute kept after an erasure once its destroy_on comes, and releases the hold', async () => {
    const erased = await createSubject(server, { email: null });
    // Paid in 2024: the payments rule alone keeps it until 2029; the erasure's statutory hold ends today.
    await payment(erased.id, '2024-01-01T03:00:00Z');
    await q(`UPDATE subjects SET erased_at = now(), name = NULL, name_key = NULL WHERE id = $1`, [erased.id]);
    const [hold] = await q<{ id: string }>(
      `INSERT INTO subject_legal_holds (subject_id, category, retention_rule_code, law, latest_record_on, destroy_on,
         rights_request_id, created_at)
       VALUES ($1, 'payments', 'ecommerce_payment_records', '전자상거래법', '2024-01-01', '2026-03-10', $2, now())
       RETURNING id`,
      [erased.id, randomUUID()],
    );
    await scan();
    const [item] = await q<{ status: string; statutory_hold_id: string }>(
      `SELECT status, statutory_hold_id FROM destruction_queue WHERE subject_id = $1`,
      [erased.id],
    );
    expect(item).toEqual({ status: 'pending', statutory_hold_id: hold.id });
    await destroy();
    expect(await paymentsOf(erased.id)).toBe(0);
    const [released] = await q<{ released: boolean }>(
      `SELECT released_at IS NOT NULL AS released FROM subject_legal_holds WHERE id = $1`,
      [hold.id],
    );
    expect(released.released).toBe(true);
    const [destroyed] = await q<{ status: string; destroyed_count: number }>(
      `SELECT status, destroyed_count FROM destruction_queue WHERE statutory_hold_id = $1`,
      [hold.id],
    );
    expect(destroyed).toEqual({ status: 'destroyed', destroyed_count: 1 });
    const trail = (await events()).filter(
      (e) => e.resource === 'subject-data' && e.subjectId === `subject:${erased.id}` && e.action === 'delete',
    );
    expect(trail).toHaveLength(1);
    expect(trail[0].purpose).toBe('retention:ecommerce_payment_records');
    expect(trail[0].detail).toMatchObject({ statutoryHoldId: hold.id, rows: 1 });
  });

  it('honours a legal hold on the person, and destroys once it is released', async () => {
    const subjectId = await person();
    await payment(subjectId, '2020-01-01T03:00:00Z');
    const hold = await placeHold({ subjectIds: [subjectId] });

    await scan();
    const [held] = await q<{ status: string; held_by: string[] }>(
      `SELECT status, held_by FROM destruction_queue WHERE subject_id = $1 AND status IN ('pending', 'held')`,
      [subjectId],
    );
    expect(held).toEqual({ status: 'held', held_by: [hold] });
    await destroy();
    expect(await paymentsOf(subjectId)).toBe(1);
    const [certificate] = await q<{ held: number }>(
      `SELECT c.held FROM destruction_certificates c ORDER BY c.issued_at DESC, c.reference DESC LIMIT 1`,
    );
    expect(certificate.held).toBeGreaterThanOrEqual(1);

    await releaseHold(hold);
    await destroy();
    expect(await paymentsOf(subjectId)).toBe(0);
  });

  it('honours a hold on a whole category placed after the scan', async () => {
    const subjectId = await person();
    await device(subjectId, '2025-01-01T03:00:00Z');
    await scan();
    const hold = await placeHold({ categories: ['visit_logs'] });
    await destroy();
    const [row] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM subject_devices WHERE subject_id = $1`, [
      subjectId,
    ]);
    expect(row.n).toBe(1);
    await releaseHold(hold);
    await destroy();
    const [after] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM subject_devices WHERE subject_id = $1`, [
      subjectId,
    ]);
    expect(after.n).toBe(0);
  });

  it('certifies exactly what went: its counts equal the rows gone, per rule', async () => {
    const a = await person();
    const b = await person();
    await payment(a, '2019-05-01T03:00:00Z');
    await payment(a, '2019-06-01T03:00:00Z');
    await payment(b, '2020-05-01T03:00:00Z');
    await device(b, '2025-06-01T03:00:00Z');
    await scan();
    const before = await recordsHeld();
    await destroy();
    const gone = before - (await recordsHeld());
    expect(gone).toBe(4);
    const [certificate] = await q<{
      id: string;
      records: number;
      people: number;
      lines: { ruleCode: string; records: number; people: number; approvedBy: unknown }[];
    }>(
      `SELECT c.id, c.records, c.people, c.lines FROM destruction_certificates c
       JOIN destruction_runs r ON r.id = c.run_id ORDER BY r.started_at DESC, c.reference DESC LIMIT 1`,
    );
    expect(certificate.records).toBe(gone);
    // b went under two rules and is one person: the total counts people, not lines' people.
    expect(certificate.people).toBe(2);
    const payments = certificate.lines.find((l) => l.ruleCode === 'ecommerce_payment_records')!;
    expect(payments).toMatchObject({ records: 3, people: 2, approvedBy: null });
    expect(certificate.lines.find((l) => l.ruleCode === 'website_visit_logs')).toMatchObject({ records: 1, people: 1 });
    // No personal data in a certificate.
    expect(JSON.stringify(certificate)).not.toContain(a);
    expect(JSON.stringify(certificate)).not.toContain(b);

    await as('dpo');
    const view = await dpo().get(`/api/retention/certificates/${certificate.id}`).expect(200);
    expect(view.body.records).toBe(gone);
    const pdf = await dpo()
      .get(`/api/retention/certificates/${certificate.id}/pdf?locale=en`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    await dpo().get(`/api/retention/certificates/${certificate.id}/pdf?locale=ko`).expect(200);
    await dpo().get(`/api/retention/certificates/${randomUUID()}`).expect(404);
  });

  it('rolls a failing person back alone and goes on; a killed run leaves no one half-destroyed and resumes to one certificate', async () => {
    const people = [await person(), await person(), await person(), await person()].sort();
    const devices: string[] = [];
    for (const p of people) {
      await payment(p, '2019-01-01T03:00:00Z');
      devices.push(await device(p, '2025-01-01T03:00:00Z'));
    }
    await scan();
    const before = await recordsHeld();
    // The first person's second category fails: their payment, destroyed first, must come back,
    // while the second person, in the same transaction, goes.
    await q(
      `CREATE FUNCTION test_refuse_device() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF OLD.id = '${devices[0]}' THEN RAISE EXCEPTION 'killed'; END IF; RETURN OLD; END $$`,
    );
    await q(`CREATE TRIGGER test_refuse_device BEFORE DELETE ON subject_devices FOR EACH ROW
             EXECUTE FUNCTION test_refuse_device()`);
    const service = server.app.get(DestructionService);
    // Two people per transaction; a kill once the first batch has committed.
    service.peoplePerTransaction = 2;
    service.afterBatch = () => Promise.reject(new Error('killed between batches'));
    try {
      await expect(destroy()).rejects.toThrow(/between batches/);
    } finally {
      service.afterBatch = null;
    }
    expect(await paymentsOf(people[0])).toBe(1);
    const [kept] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM subject_devices WHERE id = $1`, [devices[0]]);
    expect(kept.n).toBe(1);
    expect(await paymentsOf(people[1])).toBe(0);
    expect(await paymentsOf(people[2])).toBe(1);
    const [running] = await q<{ id: string; n: number }>(
      `SELECT r.id, (SELECT count(*)::int AS n FROM destruction_certificates c WHERE c.run_id = r.id) AS n
       FROM destruction_runs r WHERE r.status = 'running'`,
    );
    expect(running.n).toBe(0);
    // No access-log event for the person rolled back.
    const rolledBack = (await events()).filter(
      (e) => e.resource === 'subject-data' && e.subjectId === `subject:${people[0]}`,
    );
    expect(rolledBack).toHaveLength(0);

    // The resumed run finishes the others and counts the one that fails again.
    const counts = await destroy();
    service.peoplePerTransaction = 200;
    expect(counts).toMatchObject({ failed: 1 });
    expect(await paymentsOf(people[2])).toBe(0);
    expect(await paymentsOf(people[3])).toBe(0);
    expect(await paymentsOf(people[0])).toBe(1);
    const runs = await q<{ status: string; certificates: number; records: number; people: number }>(
      `SELECT r.status, count(c.id)::int AS certificates, coalesce(max(c.records), 0)::int AS records,
         coalesce(max(c.people), 0)::int AS people
       FROM destruction_runs r LEFT JOIN destruction_certificates c ON c.run_id = r.id WHERE r.id = $1
       GROUP BY r.status`,
      [running.id],
    );
    expect(runs).toEqual([
      { status: 'completed', certificates: 1, records: before - (await recordsHeld()), people: 3 },
    ]);

    // Once the cause is gone, the next run destroys the person left; the old run keeps its one certificate.
    await q(`DROP TRIGGER test_refuse_device ON subject_devices`);
    await q(`DROP FUNCTION test_refuse_device()`);
    await destroy();
    expect(await paymentsOf(people[0])).toBe(0);
    const [again] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM destruction_certificates WHERE run_id = $1`,
      [running.id],
    );
    expect(again.n).toBe(1);
  });

  it('lists the queue (audited) for those who read Destruction, and refuses support', async () => {
    for (const role of ['dpo', 'auditor', 'support'] as const) await as(role);
    const list = await dpo().get('/api/retention/queue?filter={"status":"destroyed"}').expect(200);
    expect(list.headers['content-range']).toMatch(/^queue 0-\d+\/\d+$/);
    expect(list.body.every((i: { status: string }) => i.status === 'destroyed')).toBe(true);
    await clients.get('auditor')!.get('/api/retention/runs?filter={"status":"completed"}').expect(200);
    await clients.get('auditor')!.get('/api/retention/certificates').expect(200);
    await clients.get('support')!.get('/api/retention/queue').expect(403);
    await dpo().get('/api/retention/queue/preview?on=tomorrow').expect(422);
    const trail = await events();
    expect(
      trail.some((e) => e.resource === 'destruction-queue' && e.action === 'view' && e.actorId === ids.get('dpo')),
    ).toBe(true);
  });
});
