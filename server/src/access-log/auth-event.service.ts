import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from './audit.service';
import { AuditAction, AuditOutcome, EventOrigin, staffSubject } from './audit-event';
import { AuthEventType } from './auth-event-type';

export type { EventOrigin } from './audit-event';

export interface AuthEventInput {
  type: AuthEventType;
  outcome: 'success' | 'failure';
  staffId?: string | null;
  /** Whose data the refused request was about, when its path names a person (`subject:<id>`). */
  subjectId?: string;
  email?: string;
  detail?: Record<string, unknown>;
}

const ADMINISTRATION = new Set<AuthEventType>([
  AuthEventType.StaffCreated,
  AuthEventType.RoleChanged,
  AuthEventType.StaffDisabled,
  AuthEventType.StaffEnabled,
  AuthEventType.StaffUnlocked,
  AuthEventType.MfaReset,
]);

/**
 * Authentication, staff-rights and denial events, written into the access log like every
 * other event. The staff member concerned is the event's subject (`staff:<id>`).
 */
@Injectable()
export class AuthEventService {
  constructor(private readonly audit: AuditService) {}

  async record(event: AuthEventInput, origin: EventOrigin, manager?: EntityManager): Promise<void> {
    const denied = event.type === AuthEventType.AccessDenied;
    const action: AuditAction = denied ? 'deny' : ADMINISTRATION.has(event.type) ? 'administer' : 'authenticate';
    const outcome: AuditOutcome = denied ? 'denied' : event.outcome;
    await this.audit.record(
      {
        action,
        resource: ADMINISTRATION.has(event.type) ? 'staff' : denied ? 'route' : 'session',
        outcome,
        subjectId: event.subjectId ?? (event.staffId ? staffSubject(event.staffId) : null),
        detail: { event: event.type, ...(event.email ? { email: event.email } : {}), ...event.detail },
      },
      origin,
      manager,
    );
  }
}
