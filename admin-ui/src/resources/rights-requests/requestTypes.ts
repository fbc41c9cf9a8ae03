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
  subject: { id: string; name: string; kind: string };
  assignee: PersonRef | null;
  receivedAt: string;
  /** The governing due date; null once closed. */
  dueOn: string | null;
  daysLeft: number | null;
  deadlineState: DeadlineState | null;
  regimes: Regime[];
}

/** One regime's clock as the server computed it (flattened `RequestClock`). */
export interface RequestClockView {
  regime: Regime;
  kind: 'acknowledge' | 'answer';
  dueOn: string;
  daysLeft?: number;
  state?: DeadlineState;
  extended: boolean;
  governs: boolean;
  met?: boolean;
}

export interface RequestEvent {
  id: string;
  kind: string;
  at: string;
  staff?: PersonRef | null;
  from?: string | null;
  to?: string | null;
  note?: string | null;
}

export interface RequestTask {
  id: string;
  /** Who holds the data: a processor or recipient from the registers. */
  recipient?: { id?: string; name: unknown } | null;
  name?: unknown;
  categories?: string[];
  status: 'open' | 'done' | 'excepted';
  evidence?: string | null;
  reason?: string | null;
  closedAt?: string | null;
}

export interface RequestDocument {
  id: string;
  kind: string;
  fileName?: string;
  mediaType?: string;
  locale?: string;
  createdAt: string;
}

export interface RetainedCategory {
  category: string;
  retentionRuleCode?: string;
  law: string;
  destroyOn: string;
}

export interface RightsRequestDetail extends RightsRequestRow {
  details: Record<string, unknown>;
  requester?: { id: string; name: string; kind?: string } | null;
  representationEvidence?: string | null;
  locale: 'ko' | 'en';
  verification: { method: string; staff?: PersonRef | null; staffId?: string; checkedAt: string } | null;
  identityCheckId?: string | null;
  extendedAt?: string | null;
  clocks: RequestClockView[];
  refusal: { reason: RefusalReason; text: string; remedy: string } | null;
  outcome: { erased?: string[]; retained?: RetainedCategory[]; note?: string } | null;
  tasks: RequestTask[];
  events: RequestEvent[];
  documents: RequestDocument[];
  preparedBy: PersonRef | null;
  approvedBy: PersonRef | null;
  can: Partial<Record<RequestAction | 'assign' | 'task', boolean>>;
}

export type RequestAction =
  'verify' | 'start' | 'prepare' | 'submit' | 'approve' | 'reject' | 'extend' | 'complete' | 'partial';

/** The erasure proposal: what the person has, and what a statute holds. */
export interface ErasureProposal {
  categories: {
    category: ErasureCategory;
    present: boolean;
    hold: null | { retentionRuleCode: string; law: string; destroyOn: string };
  }[];
}
