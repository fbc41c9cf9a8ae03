/**
 * The shared vocabulary of F9 (retention rules, legal holds, destruction, dormancy). The rules
 * table says which category a rule acts on; this catalogue says what the console can do with each
 * category: which trigger its period may run from and which actions apply. The SQL that finds and
 * destroys a category's records lives with the destruction run (destruction/record-categories.ts).
 */

export const RETENTION_TRIGGERS = [
  'collection',
  'counseling_end',
  'withdrawal',
  'transaction_date',
  'last_login',
] as const;
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];

export const RETENTION_ACTIONS = ['destroy', 'pseudonymise', 'separate'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

export interface RecordCategorySpec {
  /** The events a period of this category may run from. */
  triggers: readonly RetentionTrigger[];
  actions: readonly RetentionAction[];
  /** The F7 erasure category whose data these records are (the erasure path destroys through it). */
  erasureCategory: string | null;
}

/**
 * The categories of records the console acts on (retention_rules.category):
 * - contract_records: consents (the terms agreed) of withdrawn accounts, from the withdrawal;
 * - payments: subject_payments, from the payment (transaction date);
 * - visit_logs: subject_devices (device and visit logs), from their last collection;
 * - counseling_results: counseling records of kind 'result', from the end of counseling;
 * - expert_provision: what was given to the counselor with a booking (its topic), from the end of counseling;
 * - accounts: the account itself, separated into the dormant store after its last use.
 */
export const RECORD_CATEGORIES = {
  contract_records: { triggers: ['withdrawal'], actions: ['destroy'], erasureCategory: 'consents' },
  payments: { triggers: ['transaction_date'], actions: ['destroy', 'pseudonymise'], erasureCategory: 'payments' },
  visit_logs: { triggers: ['collection'], actions: ['destroy', 'pseudonymise'], erasureCategory: 'devices' },
  counseling_results: { triggers: ['counseling_end'], actions: ['destroy'], erasureCategory: 'counseling' },
  expert_provision: { triggers: ['counseling_end'], actions: ['destroy'], erasureCategory: 'bookings' },
  accounts: { triggers: ['last_login'], actions: ['separate'], erasureCategory: null },
} as const satisfies Record<string, RecordCategorySpec>;
export type RecordCategory = keyof typeof RECORD_CATEGORIES;
export const RECORD_CATEGORY_CODES = Object.keys(RECORD_CATEGORIES) as RecordCategory[];

export const LEGAL_HOLD_SOURCES = ['incident', 'litigation', 'regulator_inquiry', 'rights_request'] as const;
export type LegalHoldSource = (typeof LEGAL_HOLD_SOURCES)[number];

export const QUEUE_STATUSES = ['pending', 'held', 'destroyed', 'cancelled'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const DORMANCY_STATES = ['due_for_notice', 'notified', 'separated', 'reactivated', 'cancelled'] as const;
export type DormancyState = (typeof DORMANCY_STATES)[number];
