import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { AuditEventInput, CanonicalAuditEvent, EventOrigin } from './audit-event';
import { auditScope } from './audited';
import { AuditRepository } from './audit.repository';
import { storableNullableText, storableObject, storableText } from './storable-json';

/**
 * Records access-log events. The event joins the ambient transaction (database/transactions.ts;
 * a manager passed by hand must be that same transaction), so it commits with the change or read
 * it describes, or not at all: if the event cannot be written, the request fails (fail closed).
 * The sequencer later gives it a seq and hashes it.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(input: AuditEventInput, origin: EventOrigin, manager?: EntityManager): Promise<void> {
    await this.audit.enqueue(this.eventOf(input, origin), manager);
    const scope = auditScope.getStore();
    if (scope) scope.recorded += 1;
  }

  /**
   * A read and its own event in one statement: `read` gets the SQL that inserts the event (a
   * data-modifying CTE) and its parameter, and returns the rows of a statement that starts with
   * it, so that the event and the read cost one round trip and one commit. The statement fails
   * as a whole if the event cannot be written, so nothing is returned unrecorded. A statement
   * that writes the event only on a condition (its own INSERT … SELECT with `value`) says through
   * `written` whether it did.
   */
  async recordWith<T>(
    input: AuditEventInput,
    origin: EventOrigin,
    read: (logged: { cte: (param: number) => string; value: string }) => Promise<T>,
    written: (result: T) => boolean = () => true,
  ): Promise<T> {
    const result = await read({
      cte: (param) => `logged AS (INSERT INTO audit_inbox (event) VALUES ($${param}::jsonb))`,
      value: JSON.stringify(this.eventOf(input, origin)),
    });
    const scope = auditScope.getStore();
    if (scope && written(result)) scope.recorded += 1;
    return result;
  }

  /** Several events of one origin in one statement (a batch job's per-person events). */
  async recordMany(inputs: readonly AuditEventInput[], origin: EventOrigin, manager?: EntityManager): Promise<void> {
    await this.audit.enqueueMany(
      inputs.map((input) => this.eventOf(input, origin)),
      manager,
    );
    const scope = auditScope.getStore();
    if (scope) scope.recorded += inputs.length;
  }

  private eventOf(input: AuditEventInput, origin: EventOrigin): Omit<CanonicalAuditEvent, 'seq'> {
    // Every string a request can carry passes through storableText: an event that cannot be
    // written would fail the request it records, and an attacker could then probe unrecorded.
    const event: Omit<CanonicalAuditEvent, 'seq'> = {
      time: this.clock.now().toISOString(),
      actorId: origin.actorId ?? null,
      actorRole: storableNullableText(origin.actorRole),
      sessionId: origin.sessionId ?? null,
      ip: storableNullableText(origin.ip),
      userAgent: storableNullableText(origin.userAgent),
      subjectId: storableNullableText(input.subjectId),
      action: input.action,
      resource: storableText(input.resource),
      fields: (input.fields ?? []).map(storableText),
      purpose: storableNullableText(input.purpose),
      outcome: input.outcome,
      requestId: storableNullableText(origin.requestId),
      detail: storableObject(input.detail ?? {}),
    };
    return event;
  }
}
