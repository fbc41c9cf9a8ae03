/** What an access-log event says (DESIGN.md, The access log: fields). */
export type AuditAction =
  | 'view'
  | 'create'
  | 'edit'
  | 'delete'
  | 'print'
  | 'download'
  | 'reveal'
  | 'export'
  | 'authenticate'
  | 'deny'
  | 'administer';

export type AuditOutcome = 'success' | 'failure' | 'denied';

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
export interface CanonicalAuditEvent {
  seq: number;
  time: string;
  actorId: string | null;
  actorRole: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  subjectId: string | null;
  action: AuditAction;
  resource: string;
  fields: string[];
  purpose: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  detail: Record<string, unknown>;
}

export const staffSubject = (staffId: string) => `staff:${staffId}`;
