import type { AuditAction, AuditEvent, AuditOutcome } from '@poc/audit';

/** What an access-log event says (DESIGN.md, The access log: fields); the types live in @poc/audit. */
export type { AuditAction, AuditOutcome };

export interface AuditEventInput {
  action: AuditAction;
  resource: string;
  outcome: AuditOutcome;
  /** Whose data: a platform subject id, or `staff:<id>` for a staff member's own account. */
  subjectId?: string | null;
  fields?: string[];
  purpose?: string | null;
  detail?: Record<string, unknown>;
}

/** Who did it and from where; taken from the request by the caller. */
export interface EventOrigin {
  ip?: string;
  userAgent?: string;
  requestId?: string;
  sessionId?: string;
  actorId?: string;
  actorRole?: string;
}

/** The event as hashed: every field present, in the canonical JSON encoding of @poc/audit. */
export type CanonicalAuditEvent = AuditEvent;

export const staffSubject = (staffId: string) => `staff:${staffId}`;
