import type { LocalDate } from '../../calendar/local-date';
import type { DataCategory } from '../../registers/register-types';

/** What an erasure decides on, one decision per category (F7 contract §3). */
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

/** The register data categories (F4) each erasure category touches: the processor fan-out reads it. */
export const REGISTER_CATEGORIES_OF: Record<ErasureCategory, DataCategory[]> = {
  identity: ['identity', 'demographic', 'account'],
  contact: ['contact'],
  counseling: ['counseling', 'health'],
  sensitive: ['health', 'genetic', 'beliefs_sex_life', 'criminal'],
  bookings: ['counseling', 'communications'],
  reviews: ['communications'],
  recordings: ['media'],
  payments: ['payment'],
  financial: ['financial'],
  devices: ['device', 'usage_logs', 'location', 'advertising_ids'],
  social_links: ['third_party_account'],
  calendar_links: ['calendar'],
  consents: ['account'],
};

/**
 * The categories a statute keeps, and the retention rule (retention_rules.code) that says how long:
 * payment records 5 years (E-Commerce Act Decree Art. 6). Data, not code: a rule added to the table
 * is used by naming its code here.
 */
export const STATUTORY_HOLD_OF: Partial<Record<ErasureCategory, string>> = {
  payments: 'ecommerce_payment_records',
};

export type ErasureDecision =
  | { category: ErasureCategory; action: 'erase' }
  | { category: ErasureCategory; action: 'retain'; retentionRuleCode: string };

export interface LegalHoldView {
  retentionRuleCode: string;
  law: string;
  destroyOn: LocalDate;
}

export interface ErasureProposal {
  categories: Array<{ category: ErasureCategory; present: boolean; hold: LegalHoldView | null }>;
}

export interface ErasureResult {
  erased: ErasureCategory[];
  retained: Array<{ category: ErasureCategory } & LegalHoldView>;
  shredded: boolean;
  tombstone: boolean;
}

/** The fields a rectification may change. */
export const RECTIFIABLE_FIELDS = [
  'name',
  'email',
  'phone',
  'birthDate',
  'nickname',
  'gender',
  'residence',
  'occupation',
  'institution',
] as const;
export type RectifiableField = (typeof RECTIFIABLE_FIELDS)[number];

export interface RectificationChange {
  field: RectifiableField;
  value: string | null;
}

/** Consent purposes a person can withdraw (subject_consents.purpose). */
export const CONSENT_PURPOSES = [
  'terms',
  'privacy_required',
  'privacy_optional',
  'phi',
  'sensitive_data',
  'recording',
  'supervision_disclosure',
  'marketing',
  'overseas_transfer',
  'third_party_provision',
  'guardian_for_child',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** One person's due records of a retention category (F9): the statements that destroy or pseudonymise them. */
export interface DueRecords {
  /** The retention record category (retention_rules.category). */
  category: string;
  /** The erasure category the records belong to (whose presence decides the data key). */
  erasureCategory: ErasureCategory;
  /** `$1` the people (uuid[]), `$2` the cutoff: records whose trigger time is before it; each returns the owner as `subject_id`. */
  statements: readonly string[];
}

/** Which rule and run a retention destruction carries out. */
export interface RetentionDestruction {
  ruleCode: string;
  ruleVersion: number;
  runId: string;
  action: 'destroy' | 'pseudonymise';
  /** A statute's hold (subject_legal_holds) reaching its destroy_on: what it kept goes too, and it is released. */
  statutoryHoldId: string | null;
}

export interface RecordsDestroyed {
  rows: number;
  shredded: boolean;
}

/** One item of a person's retention destruction (see SubjectFulfilmentService.destroyRecordsBatch). */
export interface DueDestruction {
  records: DueRecords;
  cutoff: Date;
  retention: RetentionDestruction;
}

/** A person's items in a batch: all destroyed (per item, in order), or none and why. */
export type PersonDestroyed =
  { subjectId: string; ok: true; items: RecordsDestroyed[] } | { subjectId: string; ok: false; error: unknown };
