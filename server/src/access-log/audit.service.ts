import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@poc/audit';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { AuditEventInput, CanonicalAuditEvent, EventOrigin } from './audit-event';
import { auditScope } from './audited';
import { AuditRepository } from './audit.repository';

/**
 * Records access-log events. The caller passes its transaction's manager, so the event commits
 * with the change or read it describes, or not at all: if the event cannot be written, the
 * request fails (fail closed). The sequencer later gives it a seq and hashes it.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(input: AuditEventInput, origin: EventOrigin, manager?: EntityManager): Promise<void> {
    const event: Omit<CanonicalAuditEvent, 'seq'> = {
      time: this.clock.now().toISOString(),
      actorId: origin.actorId ?? null,
      actorRole: origin.actorRole ?? null,
      sessionId: origin.sessionId ?? null,
      ip: origin.ip ?? null,
      userAgent: origin.userAgent ?? null,
      subjectId: input.subjectId ?? null,
      action: input.action,
      resource: input.resource,
      fields: input.fields ?? [],
      purpose: input.purpose ?? null,
      outcome: input.outcome,
      requestId: origin.requestId ?? null,
      // Callers pass plain JSON; canonicalisation refuses anything else when the event is sequenced.
      detail: (input.detail ?? {}) as JsonObject,
    };
    await this.audit.enqueue(event, manager);
    const scope = auditScope.getStore();
    if (scope) scope.recorded += 1;
  }
}
