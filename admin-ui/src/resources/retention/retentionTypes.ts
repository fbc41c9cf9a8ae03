// The retention API's shapes (F9 contract: /api/retention/…); no React here, so unit tests load it.
import type { LocalizedText, Retention } from '../registers/registerTypes';

export const RULES = 'retention/rules';
export const HOLDS = 'retention/holds';
export const QUEUE = 'retention/queue';
export const RUNS = 'retention/runs';
export const CERTIFICATES = 'retention/certificates';
export const DORMANCY = 'retention/dormancy';
/** The preview page's access name (CASL `Destruction`, like the queue). */
export const PREVIEW = 'retention/preview';

/** Message namespace of the retention screens (i18n/retention.*.ts). */
export const RT = 'resources.retention';

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

export const HOLD_SOURCES = ['incident', 'litigation', 'regulator_inquiry', 'rights_request'] as const;
export type HoldSource = (typeof HOLD_SOURCES)[number];
export const QUEUE_STATUSES = ['pending', 'held', 'destroyed', 'cancelled'] as const;
export const DORMANCY_STATES = ['due_for_notice', 'notified', 'separated', 'reactivated'] as const;
export type DormancyState = (typeof DORMANCY_STATES)[number] | 'cancelled';

export interface StaffRef {
  id: string;
  name: string;
}

export interface RetentionRuleRecord {
  id: string;
  code: string;
  name: LocalizedText;
  retention: Retention;
  source: string;
  category: string | null;
  trigger: RetentionTrigger | null;
  action: RetentionAction | null;
  noticePeriod: string | null;
  enabled: boolean;
  version: number;
  updatedAt: string;
  approvedBy: StaffRef | null;
  approvedAt: string | null;
}

export interface RuleVersion {
  version: number;
  rule: Partial<RetentionRuleRecord> & Record<string, unknown>;
  reason: string;
  changedBy: StaffRef | null;
  createdAt: string;
}

export interface LegalHold {
  id: string;
  reference: string;
  source: HoldSource;
  incidentId: string | null;
  incidentReference: string | null;
  rightsRequestId: string | null;
  sourceReference: string | null;
  reason: string;
  owner: StaffRef;
  reviewOn: string;
  reviewDue: boolean;
  categories: string[];
  subjectCount: number;
  status: 'active' | 'released';
  createdBy: StaffRef | string | null;
  createdAt: string;
  releasedAt: string | null;
  releasedBy: StaffRef | string | null;
  releaseReason: string | null;
  version: number;
}

export interface HoldSubject {
  id?: string;
  subjectId: string;
  maskedName?: string | null;
  name?: string | null;
  addedAt?: string;
}

export interface HoldEvent {
  id: string;
  kind: string;
  detail: Record<string, unknown>;
  staff: StaffRef | null;
  at: string;
}

export interface PreviewRule {
  ruleId: string;
  code: string;
  name: LocalizedText;
  category: string;
  action: RetentionAction;
  period: string | null;
  trigger: RetentionTrigger;
  legalBasis: string | null;
  people: number;
  records: number;
  held: number;
  why: LocalizedText;
}

export interface Preview {
  on: string;
  rules: PreviewRule[];
  totals: { people: number; records: number; held: number };
}

export interface QueueItem {
  id: string | number;
  ruleId: string;
  ruleCode?: string;
  ruleVersion?: number;
  category: string;
  action: RetentionAction;
  subjectId: string;
  dueOn: string;
  recordCount: number;
  status: (typeof QUEUE_STATUSES)[number];
  heldBy?: string[];
  scannedAt?: string;
  destroyedAt?: string | null;
  destroyedCount?: number | null;
}

export interface DestructionRun {
  id: string;
  throughOn: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** Queue items this run destroyed, and their records. */
  destroyedItems: number;
  destroyedRecords: number;
}

export interface CertificateLine {
  ruleId: string;
  ruleCode: string;
  ruleVersion: number;
  name: LocalizedText;
  category: string;
  action: RetentionAction;
  period: string | null;
  trigger: RetentionTrigger;
  legalBasis: string | null;
  approvedBy: StaffRef | null;
  approvedAt: string | null;
  people: number;
  records: number;
  held: number;
}

export interface Certificate {
  id: string;
  reference: string;
  runId: string;
  issuedAt: string;
  throughOn: string;
  lines: CertificateLine[];
  people: number;
  records: number;
  held: number;
}

export interface DormancyCase {
  id: string;
  subjectId: string;
  state: DormancyState;
  service: string | null;
  kind: string | null;
  maskedName: string | null;
  lastActiveAt: string;
  noticeDueOn: string;
  separationDueOn: string;
  noticeChannel: 'email' | 'sms' | 'app_push' | 'letter' | null;
  notifiedAt: string | null;
  separatedAt: string | null;
  reactivatedAt: string | null;
}

export type DormancySummary = Record<(typeof DORMANCY_STATES)[number], number>;

/** The DPO dashboard's retention figures (F9 contract section 3). */
export interface RetentionFigures {
  queue: { on: string; items: number; records: number; held: number }[];
  holdsDueForReview: number;
  dormancy: DormancySummary;
}

/** A staff reference as the API may send it: an object, or an id alone. */
export const staffName = (ref: StaffRef | string | null | undefined): string | null =>
  ref === null || ref === undefined ? null : typeof ref === 'string' ? ref : ref.name;
