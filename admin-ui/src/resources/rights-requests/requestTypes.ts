// The shapes of server/src/rights-requests/API.md (F7). Names are masked; dates are the server's.

export const REQUEST_TYPES = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'restriction',
  'consent_withdrawal',
  'account_withdrawal',
  'objection',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_STATUSES = [
  'received',
  'verifying_identity',
  'in_progress',
  'awaiting_approval',
  'completed',
  'partially_completed',
  'rejected',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const CHANNELS = ['in_app', 'email', 'phone', 'letter', 'dpo_mailbox'] as const;
export type Channel = (typeof CHANNELS)[number];

export const RELATIONS = ['self', 'agent', 'legal_representative'] as const;
export type Relation = (typeof RELATIONS)[number];

export const REGIMES = ['KR-PIPA', 'EU-GDPR', 'US-CA-CCPA', 'US-HIPAA'] as const;
export type Regime = (typeof REGIMES)[number];

export const ACCESS_ITEMS = ['items', 'purposes', 'retention', 'third_parties', 'consents', 'source'] as const;

export const ERASURE_CATEGORIES = [
  'identity',
  'contact',
  'counseling',
  'sensitive',
  'bookings',
  'reviews',
  'recordings',
  'payments',
  'financial',
  'devices',
  'social_links',
  'calendar_links',
  'consents',
] as const;
export type ErasureCategory = (typeof ERASURE_CATEGORIES)[number];

export const CONSENT_PURPOSES = [
  'privacy_optional',
  'phi',
  'sensitive_data',
  'recording',
  'supervision_disclosure',
  'marketing',
  'overseas_transfer',
  'third_party_provision',
] as const;

export const RECTIFICATION_FIELDS = [
  'name',
  'email',
  'phone',
  'birthDate',
  'nickname',
  'residence',
  'occupation',
] as const;

export const REFUSAL_REASONS = [
  'statute',
  'third_party_life_body',
  'others_interests',
  'manifestly_unfounded',
  'identity_not_verified',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const DUE_FILTERS = ['today', 'overdue', 'at_risk', 'open'] as const;

export type DeadlineState = 'on_time' | 'at_risk' | 'overdue';

export interface PersonRef {
  id: string;
  name: string;
}

/** One row of GET /api/rights-requests. */
export interface RightsRequestRow {
  id: string;
  reference: string;
  type: RequestType;
  channel: Channel;
  relation: Relation;
  status: RequestStatus;
  extended: boolean;
  /** The name is null once the person is erased: the request stays, their name does not. */
  subject: { id: string; name: string | null; kind: string | null };
  assignee: PersonRef | null;
  receivedAt: string;
  /** The governing due date. */
  dueOn: string | null;
  daysLeft: number | null;
  deadlineState: DeadlineState | null;
  regimes: Regime[];
}

/** One regime's clock as the server computed it (a flattened `RequestClock`). */
export interface RequestClockView {
  regime: Regime;
  kind: 'acknowledge' | 'answer';
  dueOn: string;
  dueAt: string;
  daysLeft: number;
  state: DeadlineState;
  extended: boolean;
  governs: boolean;
  /** False once acknowledged (acknowledgement) or once the request is closed (answer). */
  open: boolean;
}

export interface RequestEvent {
  id: string;
  action: string;
  actor: PersonRef | null;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  at: string;
  detail: Record<string, unknown> | null;
}

export interface RequestTask {
  id: string;
  registerKind: 'processor' | 'provision' | 'transfer';
  registerRowId: string;
  /** The processor's or recipient's name as the register holds it (text, or a text per language). */
  recipientName: unknown;
  dataCategories: string[];
  status: 'open' | 'done' | 'excepted';
  evidence: string | null;
  exceptionReason: string | null;
  doneBy: PersonRef | null;
  doneAt: string | null;
}

export interface RequestDocument {
  id: string;
  kind: string;
  /** For a letter, which one (`extension`, `processor_notice` …); null for other documents. */
  letterKind?: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes?: number;
  createdAt: string;
}

export interface RetainedCategory {
  category: string;
  retentionRuleCode?: string;
  law: string;
  destroyOn: string;
}

export interface RightsRequestDetail extends RightsRequestRow {
  service: string;
  locale: 'ko' | 'en';
  details: Record<string, unknown>;
  requester: { id: string; name: string | null; kind: string | null } | null;
  representationEvidence: string | null;
  verification: { method: string; staffId: string; checkedAt: string; identityCheckId: string } | null;
  preparation: Record<string, unknown> | null;
  preparedBy: (PersonRef & { at?: string }) | null;
  approvedBy: (PersonRef & { at?: string }) | null;
  extensions: { regime: Regime; at: string; reasons: string }[];
  clocks: RequestClockView[];
  refusal: { reason: RefusalReason; text: string; remedy: string } | null;
  outcome: { erased?: string[]; retained?: RetainedCategory[]; shredded?: boolean; note?: string } | null;
  executedAt: string | null;
  closedAt: string | null;
  tasks: RequestTask[];
  events: RequestEvent[];
  documents: RequestDocument[];
  can: Partial<Record<RequestCan, boolean>>;
}

export type RequestCan =
  | 'verify'
  | 'start'
  | 'prepare'
  | 'submit'
  | 'approve'
  | 'execute'
  | 'reject'
  | 'complete'
  | 'extend'
  | 'assign'
  | 'updateTasks';

/** The erasure proposal: what the person has, and what a statute holds. */
export interface ErasureProposal {
  categories: {
    category: ErasureCategory;
    present: boolean;
    hold: null | { retentionRuleCode: string; law: string; destroyOn: string };
  }[];
}
