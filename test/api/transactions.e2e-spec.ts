import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../server/src/access-log/audit.service';
import { AuthEventService } from '../../server/src/access-log/auth-event.service';
import { AuthEventType } from '../../server/src/access-log/auth-event-type';
import type { StaffContext } from '../../server/src/context/staff-context';
import { defineAbilityFor } from '../../server/src/authorization/abilities';
import { Transactions } from '../../server/src/database/transactions';
import { OutboxService } from '../../server/src/outbox/outbox.service';
import { SubjectsRepository } from '../../server/src/subjects/subjects.repository';
import { SubjectsService } from '../../server/src/subjects/subjects.service';
import { accessLogEventsOf } from '../support/audit-fixtures';
import { createSubject } from '../support/subject-factory';
import { PASSWORD, startTestServer, TestServer } from '../support/server';

/**
 * One ambient transaction across features (F6): a subject change (subjects/), a message queued in
 * the outbox (outbox/) and their access-log events (access-log/) commit or roll back as one,
 * without any of those services being handed a manager.
 */
describe('one transaction across features', () => {
  let server: TestServer;
  let tx: Transactions;
  let support: { id: string };

  beforeAll(async () => {
    server = await startTestServer();
    tx = server.app.get(Transactions);
    support = await server.createStaff({ email: 'support@example.com', role: 'support', password: PASSWORD });
  });

  afterAll(async () => {
    await server.close();
  });

  const contextFor = (requestId: string): StaffContext => ({
    id: support.id,
    email: 'support@example.com',
    displayName: 'support',
    role: 'support',
    sessionId: randomUUID(),
    stage: 'full',
    mfaVerifiedAt: server.clock.now(),
    mfaEnrolled: true,
    ability: defineAbilityFor({ id: support.id, role: 'support' }),
    origin: { actorId: support.id, actorRole: 'support', requestId },
  });

  /** The unit of work: check the person's identity, tell them, record it; `lastStep` may fail. */
  async function identityCheckAndNotice(personId: string, requestId: string, templateKey: string) {
    const ctx = contextFor(requestId);
    return tx.run(async () => {
      const check = await server.app
        .get(SubjectsService)
        .recordIdentityCheck(ctx, personId, { method: 'phone_otp', evidenceRef: requestId });
      const messageId = await server.app.get(OutboxService).enqueue({
        templateKey: 'rights-request.acknowledgement',
        language: 'ko',
        recipient: { kind: 'subject', id: personId, address: 'person@example.com' },
        data: { name: '김하늘' },
        reference: requestId,
      });
      await server.app
        .get(AuditService)
        .record({ action: 'create', resource: 'outbox-message', outcome: 'success', subjectId: personId }, ctx.origin);
      // The last step: a second message, from the template the caller names.
      await server.app.get(OutboxService).enqueue({
        templateKey,
        language: 'ko',
        recipient: { kind: 'subject', id: personId, address: 'person@example.com' },
        data: { name: '김하늘' },
        reference: `${requestId}-last`,
      });
      return { checkId: check.id, messageId };
    });
  }

  /** What reached the database for this request id: its identity check, messages and access-log events. */
  async function written(requestId: string) {
    const count = async (sql: string) => Number((await server.db.query<{ n: string }[]>(sql, [requestId]))[0].n);
    return {
      identityChecks: await count('SELECT count(*) AS n FROM subject_identity_checks WHERE evidence_ref = $1'),
      messages: await count("SELECT count(*) AS n FROM outbox_messages WHERE reference LIKE $1 || '%'"),
      events: (await accessLogEventsOf(server, requestId)).length,
    };
  }

  it('commits the subject change, both messages and the access-log events together', async () => {
    const person = await createSubject(server);
    const requestId = `tx-ok-${randomUUID()}`;
    await identityCheckAndNotice(person.id, requestId, 'rights-request.acknowledgement');
    expect(await written(requestId)).toEqual({ identityChecks: 1, messages: 2, events: 2 });
  });

  it('rolls back the subject change, the message and the access-log events when the last step fails', async () => {
    const person = await createSubject(server);
    const requestId = `tx-fail-${randomUUID()}`;
    await expect(identityCheckAndNotice(person.id, requestId, 'no-such-template')).rejects.toMatchObject({
      code: 'TEMPLATE_NOT_FOUND',
    });
    expect(await written(requestId)).toEqual({ identityChecks: 0, messages: 0, events: 0 });
  });

  it('joins nested runs and every repository transaction into one database transaction', async () => {
    const txid = async (query: (sql: string) => Promise<{ id: string }[]>) =>
      (await query('SELECT txid_current()::text AS id'))[0].id;
    const ids = await tx.run(async (outer) => {
      const inner = await tx.run((manager) => txid((sql) => manager.query(sql)));
      const repository = await server.app
        .get(SubjectsRepository)
        .transaction((manager) => txid((sql) => manager.query(sql)));
      return {
        outer: await txid((sql) => outer.query(sql)),
        inner,
        repository,
        ambient: await txid((sql) => tx.manager.query(sql)),
      };
    });
    expect(new Set(Object.values(ids)).size).toBe(1);
    // A second unit of work is a transaction of its own.
    const next = await tx.run((manager) => txid((sql) => manager.query(sql)));
    expect(next).not.toBe(ids.outer);
  });

  it('refuses a hand-passed manager that is not the ambient transaction', async () => {
    const other = server.app.get(DataSource).manager;
    await expect(
      tx.run(() =>
        server.app.get(AuditService).record({ action: 'view', resource: 'subject', outcome: 'success' }, {}, other),
      ),
    ).rejects.toThrow(/other than the ambient one/);
  });

  it('keeps a refusal recorded inside a unit of work that then rolls back', async () => {
    const requestId = `tx-denied-${randomUUID()}`;
    await expect(
      tx.run(async () => {
        await server.app.get(AuthEventService).record(
          {
            type: AuthEventType.AccessDenied,
            outcome: 'failure',
            staffId: support.id,
            detail: { code: 'FORBIDDEN' },
          },
          { actorId: support.id, actorRole: 'support', requestId },
        );
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await written(requestId)).events).toBe(1);
  });

  it('claims and records outbox deliveries in their own transactions, even when called inside one', async () => {
    const outbox = server.app.get(OutboxService);
    const id = await outbox.enqueue({
      templateKey: 'rights-request.acknowledgement',
      language: 'en',
      recipient: { kind: 'staff', id: support.id, address: 'support@example.com' },
      data: { name: 'Support' },
    });
    // Joined, the claim would hold the row while the delivery result waits for it on another connection.
    await expect(
      tx.run(async () => {
        await outbox.dispatchDue();
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    const [row] = await server.db.query<{ status: string }[]>('SELECT status FROM outbox_messages WHERE id = $1', [id]);
    expect(row.status).toBe('sent');
  }, 15_000);

  it('does not hand a finished transaction to work its callbacks start later', async () => {
    let later: Promise<boolean> | undefined;
    await tx.run(async () => {
      later = new Promise((resolve) => setImmediate(() => resolve(tx.active)));
    });
    expect(await later).toBe(false);
  });
});
