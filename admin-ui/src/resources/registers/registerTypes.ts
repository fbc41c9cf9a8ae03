// The registers' shapes as the API sends them (server/src/registers/API.md); no React here.

/** A text kept in both languages; rendering falls back to the other one when one is empty. */
export interface LocalizedText {
  ko: string;
  en: string;
}

export const RETENTION_KINDS = [
  'duration',
  'statutory',
  'until_purpose',
  'until_withdrawal',
  'until_contract_end',
  'immediate',
  'either',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export const RETENTION_EVENTS = [
  'collection',
  'counseling_end',
  'withdrawal',
  'contract_end',
  'delivery',
  'transaction',
  'last_use',
  'purpose_achieved',
  'backup_rotation',
] as const;
export type RetentionEvent = (typeof RETENTION_EVENTS)[number];

/** How long data is kept: a structure the server checks, and the words the policy prints. */
export interface Retention {
  kind: RetentionKind;
  period?: string;
  after?: RetentionEvent;
  law?: string;
  options?: Retention[];
  /** The policy's own wording as stored; empty in a language: the generated wording is shown. */
  text?: LocalizedText;
  /** Answers only: the wording the policy shows (the stored text, else the generated one). */
  display?: LocalizedText;
}

interface Versioned {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const POLICY_LAYOUTS = ['standard', 'maumjuui', 'shelby'] as const;
export type PolicyLayout = (typeof POLICY_LAYOUTS)[number];

export interface RegisterPolicy extends Versioned {
  code: string;
  name: LocalizedText;
  layout: PolicyLayout;
}

export const CONTRACT_TERMS = [
  'purposeLimit',
  'safeguards',
  'scope',
  'reentrustmentLimits',
  'accessLimits',
  'supervision',
  'liability',
] as const;
export type ContractTerm = (typeof CONTRACT_TERMS)[number];

export const PROCESSOR_STATUSES = ['draft', 'active', 'ended'] as const;
export type ProcessorStatus = (typeof PROCESSOR_STATUSES)[number];

export interface Processor extends Versioned {
  policyId: string;
  parentId: string | null;
  position: number;
  recipient: LocalizedText;
  contact: string;
  task: LocalizedText;
  items: LocalizedText;
  protectionMeasures: LocalizedText;
  retention: Retention;
  country: string | null;
  contractTerms: Record<ContractTerm, boolean>;
  dpaSignedOn: string | null;
  dpaExpiresOn: string | null;
  lastInspectionOn: string | null;
  nextInspectionDue: string | null;
  status: ProcessorStatus;
  missingTerms: ContractTerm[];
  countryName: LocalizedText | null;
  /** Counted by the server in the organisation's time zone; null when unset or the row has ended. */
  dpaDeadline: RegisterDeadline | null;
  inspectionDeadline: RegisterDeadline | null;
}

/** A register row's legal date as the server sends it: the UI formats it and counts nothing. */
export interface RegisterDeadline {
  dueOn: string;
  daysLeft: number;
  state: 'on_time' | 'at_risk' | 'overdue';
}

export const ROW_STATUSES = ['active', 'ended'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export const PROVISION_BASES = [
  'consent',
  'statute',
  'public_duty',
  'vital_interests',
  'legitimate_interests',
  'public_safety',
] as const;

export interface Provision extends Versioned {
  policyId: string;
  position: number;
  recipient: LocalizedText;
  purpose: LocalizedText;
  items: LocalizedText;
  retention: Retention;
  legalBasis: (typeof PROVISION_BASES)[number];
  refusal: LocalizedText;
  status: RowStatus;
}

export const PIPA_BASES = [
  'separate_consent',
  'statute_or_treaty',
  'contract_disclosure',
  'certification',
  'adequacy',
] as const;
export const GDPR_MECHANISMS = ['adequacy', 'scc', 'bcr', 'derogation', 'not_applicable'] as const;
export const DEROGATIONS = [
  'a_explicit_consent',
  'b_contract_with_subject',
  'c_contract_in_subject_interest',
  'd_public_interest',
  'e_legal_claims',
  'f_vital_interests',
  'g_public_register',
  'compelling_legitimate_interests',
] as const;

export interface Transfer extends Versioned {
  policyId: string;
  position: number;
  recipient: LocalizedText;
  contact: string;
  country: string;
  items: LocalizedText;
  purpose: LocalizedText;
  retention: Retention;
  timingMethod: LocalizedText;
  pipaBasis: (typeof PIPA_BASES)[number] | null;
  gdprMechanism: (typeof GDPR_MECHANISMS)[number] | null;
  derogation: (typeof DEROGATIONS)[number] | null;
  refusal: LocalizedText;
  suspended: boolean;
  inUse: boolean;
  countryName: LocalizedText;
}

export const ACTIVITY_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
export const ART9_CONDITIONS = [
  'a_explicit_consent',
  'b_employment',
  'c_vital_interests',
  'd_nonprofit',
  'e_made_public',
  'f_legal_claims',
  'g_substantial_public_interest',
  'h_health_care',
  'i_public_health',
  'j_archiving_research',
] as const;
export const SUBJECT_CATEGORIES = [
  'members',
  'clients',
  'counselors',
  'guardians',
  'children',
  'experts',
  'institution_staff',
  'visitors',
] as const;
export const DATA_CATEGORIES = [
  'identity',
  'contact',
  'account',
  'demographic',
  'counseling',
  'health',
  'genetic',
  'biometric',
  'beliefs_sex_life',
  'criminal',
  'financial',
  'payment',
  'usage_logs',
  'device',
  'location',
  'communications',
  'media',
  'calendar',
  'third_party_account',
  'advertising_ids',
] as const;
/** GDPR Art. 9 special categories: an activity that processes them needs an Art. 9 condition. */
export const SPECIAL_CATEGORIES: readonly string[] = ['health', 'genetic', 'biometric', 'beliefs_sex_life'];

export interface Activity extends Versioned {
  policyId: string;
  position: number;
  section: LocalizedText;
  name: LocalizedText;
  purpose: LocalizedText;
  items: LocalizedText;
  legalBasis: (typeof ACTIVITY_BASES)[number];
  art9Condition: (typeof ART9_CONDITIONS)[number] | null;
  subjectCategories: (typeof SUBJECT_CATEGORIES)[number][];
  dataCategories: (typeof DATA_CATEGORIES)[number][];
  processorIds: string[];
  provisionIds: string[];
  transferIds: string[];
  retention: Retention;
  retentionRuleId: string | null;
  securityMeasures: LocalizedText;
  controllerContact: string;
  dpoContact: string;
  status: RowStatus;
}

export const DISCLOSURE_BASIS_TYPES = [
  'court_order',
  'warrant',
  'mandatory_report',
  'regulator_request',
  'other',
] as const;

export interface LegalDisclosure extends Versioned {
  subjectId: string;
  authority: string;
  basisType: (typeof DISCLOSURE_BASIS_TYPES)[number];
  legalBasis: string;
  requestReference: string;
  items: string;
  disclosedOn: string;
  /** The approver's name as saved; their staff id (null on rows typed before the picker). */
  approvedBy: string;
  approvedById: string | null;
  shareWithSubject: boolean;
  notes: string;
}

export interface RetentionRule {
  id: string;
  code: string;
  name: LocalizedText;
  retention: Retention;
  source: string;
}

/** One saved version of a row, with its differences from the version before. */
export interface HistoryEntry {
  version: number;
  operation: 'create' | 'update' | 'import';
  changedAt: string;
  author: { id: string | null; displayName: string };
  reason: string;
  diff: { field: string; before: unknown; after: unknown }[];
  snapshot: Record<string, unknown>;
}

export const ALERT_CODES = [
  'DPA_EXPIRING',
  'INSPECTION_OVERDUE',
  'TRANSFER_WITHOUT_BASIS',
  'CONTRACT_TERMS_MISSING',
  'SUSPENDED_TRANSFER_IN_USE',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

export interface RegisterAlert {
  id: string;
  code: AlertCode;
  severity: 'warning' | 'critical';
  register: 'processors' | 'transfers';
  rowId: string;
  policyId: string;
  label: LocalizedText;
  dueOn?: string;
  daysLeft?: number;
  missing?: string[];
}

export const POLICY_TABLES = ['collection', 'records', 'provision', 'entrustment', 'transfer'] as const;
export type PolicyTable = (typeof POLICY_TABLES)[number];

export interface RenderedPolicy {
  policyId: string;
  lang: 'ko' | 'en';
  format: 'markdown' | 'html';
  layout: PolicyLayout;
  asOf: string | null;
  /** The tables the policy has; only these are rendered. */
  policyTables: PolicyTable[];
  tables: {
    table: PolicyTable;
    title: string;
    form: 'table' | 'list';
    intro: string | null;
    /** No row in effect: the statement the policy makes instead of the table. */
    none: string | null;
    sections: { heading: string | null; headers: string[]; rows: string[][] }[];
  }[];
  content: string;
}

export const DRIFT_KINDS = ['missing_table', 'missing_from_policy', 'not_in_register', 'changed_cell'] as const;

export interface DriftReport {
  policyId: string;
  inSync: boolean;
  tablesChecked: { table: PolicyTable; lang: 'ko' | 'en'; layout: PolicyLayout; rows: number }[];
  ignoredTables: { headers: string[] }[];
  differences: {
    table: PolicyTable;
    kind: (typeof DRIFT_KINDS)[number];
    /** The row's first cell; absent for a missing table. */
    row?: string;
    column?: string;
    registerValue?: string;
    policyValue?: string;
    /** A missing table: its name, where the policy has it, and the rows the registers give it. */
    title?: string;
    section?: string | null;
    registerRows?: number;
  }[];
}

export interface RegisterProfile {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  policyId: string | null;
}
