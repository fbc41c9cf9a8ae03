import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { AuditService } from './audit.service';
import { AuditAction, AuditOutcome, EventOrigin, staffSubject } from './audit-event';
import { AuthEventType } from './auth-event-type';

export type { EventOrigin } from './audit-event';

export interface AuthEventInput {
  type: AuthEventType;
  /** Ignored for AccessDenied (always `denied`) and StepUpRequired (always `step_up_required`). */
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
  constructor(
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  async record(event: AuthEventInput, origin: EventOrigin, manager?: EntityManager): Promise<void> {
    const denied = event.type === AuthEventType.AccessDenied;
    // A step-up prompt is part of ordinary work (the person is asked for a code, then goes on):
    // recorded as an authentication challenge, never as a denial that the review would count.
    const stepUp = event.type === AuthEventType.StepUpRequired;
    const action: AuditAction = denied ? 'deny' : ADMINISTRATION.has(event.type) ? 'administer' : 'authenticate';
    const outcome: AuditOutcome = denied ? 'denied' : stepUp ? 'step_up_required' : event.outcome;
    const write = () =>
      this.audit.record(
        {
          action,
          resource: ADMINISTRATION.has(event.type) ? 'staff' : denied || stepUp ? 'route' : 'session',
          outcome,
          subjectId: event.subjectId ?? (event.staffId ? staffSubject(event.staffId) : null),
          detail: { event: event.type, ...(event.email ? { email: event.email } : {}), ...event.detail },
        },
        origin,
        manager,
      );
    // A refusal or a failed step is recorded whatever becomes of the work it interrupted: outside
    // the ambient transaction (unless a manager is passed), so the rollback of a failed request
    // cannot erase the record of what was refused (PIPC standard Art. 8).
    const mustOutliveRollback = denied || stepUp || event.outcome === 'failure';
    await (mustOutliveRollback && manager === undefined ? this.tx.outside(write) : write());
  }
}
