import type { PackRule } from '@casl/ability/extra';
import type { MongoAbility, RawRuleOf } from '@casl/ability';

/** Where a session is in the sign-in flow. Only `full` reaches the console. */
export type SignInStage = 'password_change' | 'mfa_enroll' | 'mfa_verify' | 'full';

export const ROLES = ['dpo', 'support', 'security', 'sysadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_STATUSES = ['active', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export interface LoginOptions {
  demo: boolean;
  demoAccounts: { email: string; password: string; role: Role; displayName: string }[];
  /** Single sign-on, when the server has a provider configured. */
  sso: { providerName: string; startUrl: string } | null;
  passwordSignIn: boolean;
}

export interface SessionInfo {
  stage: SignInStage;
  email: string;
  displayName: string;
  role: Role;
}

export interface Me {
  staff: { id: string; email: string; displayName: string; role: Role; mfaEnrolled: boolean };
  rules: PackRule<RawRuleOf<MongoAbility>>[];
  stepUpUntil: string | null;
}

export interface Staff {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: StaffStatus;
  mfaEnrolled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  activeSessions: number;
}

export type InvitedStaff = Staff & { temporaryPassword: string };

export interface StaffSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  stage: SignInStage;
}

export interface MfaEnrollment {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

export const AUDIT_ACTIONS = [
  'view',
  'create',
  'edit',
  'delete',
  'print',
  'download',
  'reveal',
  'export',
  'authenticate',
  'deny',
  'administer',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'step_up_required'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One access-log event as the server hashed it; `id` is the seq, added for react-admin. */
export interface AuditEvent {
  id: number;
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

/** A signed tree head: the log's size and Merkle root at a moment, signed with Ed25519. */
export interface TreeHead {
  treeSize: number;
  /** Hex. */
  rootHash: string;
  timestamp: string;
  keyId: string;
  /** Base64. */
  signature: string;
}

export interface InclusionProof {
  head: TreeHead;
  leafIndex: number;
  /** Hex hashes from the leaf up to the root. */
  path: string[];
}

/** GET /api/access-log/:seq, flattened into one react-admin record. */
export interface AuditEventDetail extends AuditEvent {
  /** Base64 of the exact bytes that were hashed. */
  canonical: string;
  /** Hex. */
  leafHash: string;
  /** Null until the next signed head covers the event. */
  proof: InclusionProof | null;
}

export type VerificationResult = 'intact' | 'tampered' | 'error';

export interface Verification {
  id: string;
  result: VerificationResult;
  treeSize: number;
  /** Events checked; null when the server did not say. */
  checked: number | null;
  problems: { kind: string; seq: number | null; message: string }[];
  startedAt: string;
  finishedAt: string | null;
  /** The staff member who ran it; null for a run without one (e.g. the CLI). */
  requestedBy: string | null;
  /** `full`: from the first event; `incremental`: from the last verified head. */
  mode: 'full' | 'incremental';
  /** First and last event read; null when the server did not say. */
  fromSeq: number | null;
  toSeq: number | null;
  /** Events after the newest signed head kept outside the database. */
  unsignedTail: number;
}

/** Anomaly kinds of the monthly access-log review, in the order the page shows them. */
export const REVIEW_ANOMALY_KINDS = ['bulkReads', 'offHours', 'phiWithoutCase', 'downloads', 'denialBursts'] as const;
export type ReviewAnomalyKind = (typeof REVIEW_ANOMALY_KINDS)[number];

interface ReviewActor {
  actorId: string | null;
  actorRole: string | null;
}

/** More reads by one person in one hour than the threshold; `hour` is "YYYY-MM-DDTHH:00" in the org time zone. */
export interface BulkReadAnomaly extends ReviewActor {
  hour: string;
  count: number;
  firstSeq: number;
}

export interface OffHoursAnomaly extends ReviewActor {
  seq: number;
  action: AuditAction;
  resource: string;
  subjectId: string | null;
  time: string;
}

export interface PhiWithoutCaseAnomaly extends ReviewActor {
  seq: number;
  resource: string;
  subjectId: string | null;
  time: string;
  fields: string[] | null;
}

/** Every download, export and print of the month; those with `noReason` are the anomalies. */
export interface DownloadEntry extends ReviewActor {
  seq: number;
  action: AuditAction;
  resource: string;
  time: string;
  purpose: string | null;
  noReason: boolean;
}

export interface DenialBurstAnomaly extends ReviewActor {
  firstSeq: number;
  count: number;
}

export interface ReviewSignOff {
  id: number;
  month: string;
  signedBy: string;
  signedAt: string;
  notes: string;
  anomalyCount: number;
  treeSize: number;
}

/** GET /api/access-log/reviews/:month: the month's anomalies and its sign-off, if any. */
export interface AccessReview {
  month: string;
  /** The organisation's IANA time zone; months, hours and working hours are counted in it. */
  timeZone: string;
  from: string;
  to: string;
  thresholds: { bulkReadsPerHour: number; workHours: string; denialBurstPer10Minutes: number };
  anomalies: {
    bulkReads: BulkReadAnomaly[];
    offHours: OffHoursAnomaly[];
    phiWithoutCase: PhiWithoutCaseAnomaly[];
    downloads: DownloadEntry[];
    denialBursts: DenialBurstAnomaly[];
  };
  anomalyCount: number;
  /** The month is over in the organisation's time zone (the server decides). */
  over: boolean;
  /** The organisation's current month: the latest one with a review. */
  currentMonth: string;
  groups: ReviewGroup[];
  unexplainedGroups: number;
  signOff: ReviewSignOff | null;
}

export interface ReviewExplanation {
  note: string;
  anomalyCount: number;
  explainedBy: { id: string; displayName: string };
  explainedAt: string;
}

/** One person's anomalies in one session, explained together. */
export interface ReviewGroup extends ReviewActor {
  key: string;
  sessionId: string | null;
  count: number;
  kinds: Partial<Record<ReviewAnomalyKind, number>>;
  firstAt: string;
  lastAt: string;
  firstSeq: number;
  explained: boolean;
  explanations: ReviewExplanation[];
}

/** A CSV file of the access log, ready to save. */
export interface AccessLogExport {
  blob: Blob;
  filename: string;
  /** Rows in the file (`X-Row-Count`); null when the server did not say. */
  rows: number | null;
}
