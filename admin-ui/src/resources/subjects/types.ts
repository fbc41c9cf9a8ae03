// The shapes of server/src/subjects/API.md. Every value here is masked unless it says otherwise.

export const SUBJECT_KINDS = ['client', 'counselor', 'guardian', 'child'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const SUBJECT_STATUSES = ['active', 'dormant', 'locked', 'withdrawn'] as const;
export type SubjectStatus = (typeof SUBJECT_STATUSES)[number];

export const SERVICES = ['maumjuui', 'shelby'] as const;
export type Service = (typeof SERVICES)[number];

/** Contact fields that can be revealed with a purpose (PHI has its own route). */
export const REVEALABLE_FIELDS = ['name', 'email', 'phone', 'birthDate', 'nickname', 'providerNicknames'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];
/** The revealable fields that hold one value (providerNicknames holds one per social login). */
export type SingleValueField = Exclude<RevealableField, 'providerNicknames'>;

/** POST /api/subjects/:id/reveal: one value per field; the social logins' nicknames keyed by link id. */
export type RevealedValues = Partial<Record<SingleValueField, string | null>> & {
  providerNicknames?: Record<string, string | null>;
};

export const IDENTITY_CHECK_METHODS = [
  'phone_otp',
  'email_link',
  'id_document',
  'video_call',
  'callback_registered_phone',
  'guardian_document',
] as const;
export type IdentityCheckMethod = (typeof IDENTITY_CHECK_METHODS)[number];

export const ACCOUNT_ACTIONS = ['reactivate', 'unlock', 'unlink_social', 'withdraw'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const SOCIAL_PROVIDERS = ['google', 'naver', 'kakao'] as const;
export type SocialProvider = (typeof SOCIAL_PROVIDERS)[number];

export const FINDING_KINDS = [
  'recording_without_both_consents',
  'phi_without_consent',
  'child_without_guardian_consent',
  'supervision_sharing_without_consent',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One row of GET /api/subjects. */
export interface SubjectListItem {
  id: string;
  service: Service;
  kind: SubjectKind;
  status: SubjectStatus;
  name: string;
  email: string | null;
  phone: string | null;
  age: number | null;
  createdAt: string;
  /** The year of createdAt in the organisation's time zone, as the server counts it. */
  joinedYear: number;
  lastActiveAt: string | null;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface SocialLink {
  id: string;
  provider: SocialProvider;
  /** Masked (`***`) until revealed; null when there is none. */
  providerNickname: string | null;
  emailMask: string | null;
  linkedAt: string;
  unlinkedAt: string | null;
}

export interface Consent {
  id: string;
  purpose: string;
  required: boolean;
  granted: boolean;
  version: string;
  recordedAt: string;
  withdrawnAt: string | null;
  givenBy: string | null;
}

export interface Booking {
  id: string;
  scheduledAt: string;
  mode: 'voice' | 'video';
  /** Only for roles that may read PHI: the topic is sealed health information, revealed like PHI. */
  hasTopic?: boolean;
  status: 'booked' | 'completed' | 'cancelled' | 'no_show';
  role: 'client' | 'counselor';
  counterpart: PersonRef | null;
  child: PersonRef | null;
}

export interface CounselingRecord {
  id: string;
  kind: 'session_note' | 'result' | 'expert_opinion';
  psychotherapyNotes: boolean;
  sessionAt: string;
  counselingEndedAt: string | null;
  counselor: PersonRef | null;
}

export interface SensitiveData {
  id: string;
  category: string;
  recordedAt: string;
}

export interface Recording {
  id: string;
  media: 'audio' | 'video';
  recordedAt: string;
  durationSeconds: number;
  clientConsentAt: string | null;
  counselorConsentAt: string | null;
  supervisionConsentAt: string | null;
  sharedWithSupervisorAt: string | null;
}

export interface Review {
  id: string;
  rating: number;
  body: string | null;
  published: boolean;
  createdAt: string;
}

export interface Payment {
  id: string;
  amount: string;
  currency: string;
  method: string;
  gateway: string;
  cardMask: string | null;
  status: string;
  paidAt: string;
}

export interface FinancialProfile {
  bankName: string;
  accountMask: string;
  depositorMask: string;
  taxIdMask: string;
}

export interface Device {
  id: string;
  model: string | null;
  os: string | null;
  appVersion: string | null;
  ipMask: string | null;
  carrier: string | null;
  city: string | null;
  country: string | null;
  timeZone: string | null;
  advertisingIdMask: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface CalendarLink {
  id: string;
  provider: string;
  accountEmailMask: string;
  eventsSynced: number;
  linkedAt: string;
  lastSyncedAt: string | null;
  unlinkedAt: string | null;
}

export interface IdentityCheck {
  id: string;
  method: IdentityCheckMethod;
  evidenceRef: string;
  note: string | null;
  staff: PersonRef | null;
  checkedAt: string;
  validUntil: string;
  /** Whether it still backs an account action, as the server judged when it answered. */
  valid: boolean;
}

/** The identity check that still justifies an account action, and its minutes left (server clock). */
export interface IdentityWindow {
  checkId: string;
  method: IdentityCheckMethod;
  checkedAt: string;
  validUntil: string;
  minutesLeft: number;
}

export interface AccountActionRecord {
  id: string;
  action: AccountAction;
  status: 'done' | 'pending';
  reason: string;
  staff: PersonRef | null;
  identityCheckId: string | null;
  detail: Record<string, unknown> | null;
  createdAt: string;
}

export const FINDING_STATUSES = ['open', 'in_progress', 'resolved', 'accepted_risk'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A deadline as the server computes it (calendar/deadline.ts); the UI only formats it. */
export interface FindingDeadline {
  dueOn: string;
  dueAt: string;
  daysLeft: number;
  state: 'on_time' | 'at_risk' | 'overdue';
}

export interface Finding {
  id: string;
  kind: FindingKind | string;
  /** This person, or one of their children. */
  subjectId: string;
  /** The row the finding is about (recording, consent, record…). */
  ref: string;
  since: string | null;
  status: FindingStatus;
  owner: { id: string; displayName: string } | null;
  version: number;
  /** Null once the risk was accepted. */
  deadline: FindingDeadline | null;
  /** Marked resolved while the data still shows the problem. */
  stillPresent: boolean;
}

export interface ProfileCapabilities {
  reveal: RevealableField[];
  revealPhi: boolean;
  accountAction: boolean;
  accessHistory: boolean;
}

/** GET /api/subjects/:id. Arrays are newest first; `records` and `sensitiveData` are null for roles without PHI. */
export interface SubjectProfile {
  id: string;
  service: Service;
  kind: SubjectKind;
  status: SubjectStatus;
  name: string;
  nickname: string | null;
  email: string | null;
  phone: string | null;
  age: number | null;
  gender: string | null;
  residence: string | null;
  occupation: string | null;
  institution: string | null;
  /** Only for roles that may read PHI: whether a (sealed) counseling interest exists. */
  hasCounselingInterest?: boolean;
  locale: string | null;
  createdAt: string;
  lastActiveAt: string | null;
  dormantAt: string | null;
  lockedAt: string | null;
  withdrawalRequestedAt: string | null;
  withdrawnAt: string | null;
  keyShredded: boolean;
  guardian: (PersonRef & { kind?: SubjectKind }) | null;
  children: (PersonRef & { age: number | null; gender: string | null; under14: boolean; guardianConsent: boolean })[];
  socialLinks: SocialLink[];
  consents: Consent[];
  bookings: Booking[];
  records: CounselingRecord[] | null;
  sensitiveData: SensitiveData[] | null;
  recordings: Recording[];
  reviews: Review[];
  payments: Payment[];
  financialProfile: FinancialProfile | null;
  devices: Device[];
  calendarLinks: CalendarLink[];
  identityChecks: IdentityCheck[];
  /** Sent to roles that take account actions: null when no check is valid now. */
  identityWindow?: IdentityWindow | null;
  accountActions: AccountActionRecord[];
  findings: Finding[];
  can: ProfileCapabilities;
}

/** What a PHI reveal asks for: the rows the purpose needs, each named in the access log. */
export interface PhiSelection {
  recordIds?: string[];
  sensitiveDataIds?: string[];
  bookingIds?: string[];
  counselingInterest?: boolean;
}

/** POST /api/subjects/:id/phi/reveal. Plaintext: kept in component state only. */
export interface PhiReveal {
  records: { id: string; kind?: string; psychotherapyNotes?: boolean; content: Record<string, string> }[];
  sensitiveData: { id: string; category: string; content: string }[];
  bookingTopics: { id: string; topic: string }[];
  counselingInterest?: string | null;
}

/** One event of GET /api/subjects/:id/access-history. */
export interface SubjectAccessEvent {
  seq: number;
  time: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  resource: string;
  fields: string[] | null;
  purpose: string | null;
  outcome: 'success' | 'failure' | 'denied' | 'step_up_required';
}

/** One row of GET /api/compliance-findings. */
export interface ComplianceFinding extends Finding {
  kind: FindingKind;
  subjectName: string;
  service: Service;
}
