/** The shapes of a rights request (F7-CONTRACT §2), shared by the service, repository and DTOs. */

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

export const REQUEST_CHANNELS = ['in_app', 'email', 'phone', 'letter', 'dpo_mailbox'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_RELATIONS = ['self', 'agent', 'legal_representative'] as const;
export type RequestRelation = (typeof REQUEST_RELATIONS)[number];

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
export const CLOSED_STATUSES: readonly RequestStatus[] = ['completed', 'partially_completed', 'rejected'];

/** PIPA Art. 35(4) grounds, plus the GDPR Art. 12(5) and unverifiable-identity cases (REQUIREMENTS A). */
export const REFUSAL_REASONS = [
  'statute',
  'third_party_life_body',
  'others_interests',
  'manifestly_unfounded',
  'identity_not_verified',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * Under PIPA the grounds are exhaustive (Art. 35(4): a statute; harm to a third party's life or
 * body; unjust harm to another's interests), and a requester whose identity cannot be verified
 * is not yet a requester (Decree Art. 46(1)). A request the PIPA governs is refused on these only.
 */
export const PIPA_REFUSAL_REASONS: readonly RefusalReason[] = [
  'statute',
  'third_party_life_body',
  'others_interests',
  'identity_not_verified',
];

/** Decree Art. 41(1) items an access request may ask for. */
export const ACCESS_ITEMS = ['items', 'purposes', 'retention', 'third_parties', 'consents', 'source'] as const;
export type AccessItem = (typeof ACCESS_ITEMS)[number];

export const TASK_STATUSES = ['open', 'done', 'excepted'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const REGISTER_KINDS = ['processor', 'provision', 'transfer'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export const DOCUMENT_KINDS = ['export_json', 'export_pdf', 'letter'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Four eyes (DESIGN Roles): the work one DPO prepares, another approves. */
export const FOUR_EYES_TYPES: readonly RequestType[] = ['access', 'portability', 'erasure', 'account_withdrawal'];

/** The routes that change a request, each its own transition. */
export const REQUEST_ACTIONS = [
  'verify',
  'start',
  'prepare',
  'submit',
  'approve',
  'execute',
  'reject',
  'complete',
  'extend',
  'assign',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export interface Verification {
  method: string;
  staffId: string;
  checkedAt: string;
  identityCheckId: string;
  /** Whose identity was checked: the subject, or the guardian acting for a child. */
  checkedSubjectId: string;
}

export interface StoredExtension {
  regime: string;
  at: string;
  reasons: string;
  /** The date the DPO named as the new due date, where the regime asks for one (LocalDate). */
  until?: string | null;
}
