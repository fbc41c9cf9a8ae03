import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { AuthEventEntity } from './auth-event.entity';
import { AuthEventRepository } from './auth-event.repository';
import { AuthEventType } from './auth-event-type';

/** Who did it and from where; taken from the request by the caller. */
export interface EventOrigin {
  ip?: string;
  userAgent?: string;
  requestId?: string;
  sessionId?: string;
  actorId?: string;
  actorRole?: string;
}

export interface AuthEventInput {
  type: AuthEventType;
  outcome: 'success' | 'failure';
  staffId?: string | null;
  email?: string;
  detail?: Record<string, unknown>;
}

/**
 * Records authentication and staff-rights events. Callers pass their transaction's manager so
 * the event commits or rolls back with the change it describes.
 * (The tamper-evident access log, issue F2, takes these over.)
 */
@Injectable()
export class AuthEventService {
  constructor(
    private readonly events: AuthEventRepository,
    private readonly clock: Clock,
  ) {}

  async record(event: AuthEventInput, origin: EventOrigin, manager?: EntityManager): Promise<void> {
    await this.events.insert(
      {
        occurredAt: this.clock.now(),
        eventType: event.type,
        outcome: event.outcome,
        staffId: event.staffId ?? null,
        actorId: origin.actorId ?? null,
        actorRole: origin.actorRole ?? null,
        sessionId: origin.sessionId ?? null,
        email: event.email ?? null,
        ip: origin.ip ?? null,
        userAgent: origin.userAgent ?? null,
        requestId: origin.requestId ?? null,
        detail: event.detail ?? {},
      },
      manager,
    );
  }

  /** Events about one staff member, newest first (for tests and the staff page). */
  listForStaff(staffId: string, limit = 50): Promise<AuthEventEntity[]> {
    return this.events.listForStaff(staffId, limit);
  }
}
