/** The shapes the registers answer with (API.md), shared by the service, renderer, exporter and profiles. */

export const LANGS = ['ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];

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

/** A retention period a machine can check, with the display text the policy uses. */
export interface RetentionValue {
  kind: RetentionKind;
  period?: string;
  after?: RetentionEvent;
  law?: string;
  options?: RetentionValue[];
}
export interface Retention extends RetentionValue {
  text: LocalizedText;
}

export const REGISTERS = ['policies', 'processors', 'provisions', 'transfers', 'activities', 'disclosures'] as const;
export type RegisterName = (typeof REGISTERS)[number];
/** The registers that belong to a policy. */
export type PolicyRegister = Exclude<RegisterName, 'policies' | 'disclosures'>;

export const LAYOUTS = ['standard', 'maumjuui', 'shelby'] as const;
export type Layout = (typeof LAYOUTS)[number];

/**
 * The policy tables the registers generate; `records` is the list of records kept by statute
 * (Shelby 제5조), generated from the retention rules.
 */
export const POLICY_TABLES = ['collection', 'records', 'provision', 'entrustment', 'transfer'] as const;
export type PolicyTable = (typeof POLICY_TABLES)[number];

export const PROCESSOR_STATUSES = ['draft', 'active', 'ended'] as const;
export type ProcessorStatus = (typeof PROCESSOR_STATUSES)[number];
export const ROW_STATUSES = ['active', 'ended'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** PIPA Art. 26(1) and Decree Art. 28(1): what an entrustment contract must cover. */
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
export type ContractTerms = Record<ContractTerm, boolean>;

export const PROVISION_BASES = [
  'consent',
  'statute',
  'public_duty',
  'vital_interests',
  'legitimate_interests',
  'public_safety',
] as const;
export type ProvisionBasis = (typeof PROVISION_BASES)[number];

/** PIPA Art. 28-8(1). */
export const PIPA_BASES = [
  'separate_consent',
  'statute_or_treaty',
  'contract_disclosure',
  'certification',
  'adequacy',
] as const;
export type PipaBasis = (typeof PIPA_BASES)[number];

/** GDPR Art. 45-49. */
export const GDPR_MECHANISMS = ['adequacy', 'scc', 'bcr', 'derogation', 'not_applicable'] as const;
export type GdprMechanism = (typeof GDPR_MECHANISMS)[number];

/** GDPR Art. 49(1)(a)-(g) and the second subparagraph. */
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
export type Derogation = (typeof DEROGATIONS)[number];

/** GDPR Art. 6(1). */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** GDPR Art. 9(2)(a)-(j). */
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
export type Art9Condition = (typeof ART9_CONDITIONS)[number];

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
export type SubjectCategory = (typeof SUBJECT_CATEGORIES)[number];

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
export type DataCategory = (typeof DATA_CATEGORIES)[number];
/** GDPR Art. 9(1) special categories among the data categories. */
export const SPECIAL_CATEGORIES: readonly DataCategory[] = ['health', 'genetic', 'biometric', 'beliefs_sex_life'];

export const DISCLOSURE_BASIS_TYPES = [
  'court_order',
  'warrant',
  'mandatory_report',
  'regulator_request',
  'other',
] as const;
export type DisclosureBasisType = (typeof DISCLOSURE_BASIS_TYPES)[number];

interface RowMeta {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyFields {
  code: string;
  name: LocalizedText;
  layout: Layout;
}

export interface ProcessorFields {
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
  contractTerms: ContractTerms;
  dpaSignedOn: string | null;
  dpaExpiresOn: string | null;
  lastInspectionOn: string | null;
  nextInspectionDue: string | null;
  status: ProcessorStatus;
}

export interface ProvisionFields {
  policyId: string;
  position: number;
  recipient: LocalizedText;
  purpose: LocalizedText;
  items: LocalizedText;
  retention: Retention;
  legalBasis: ProvisionBasis;
  refusal: LocalizedText;
  status: RowStatus;
}

export interface TransferFields {
  policyId: string;
  position: number;
  recipient: LocalizedText;
  contact: string;
  country: string;
  items: LocalizedText;
  purpose: LocalizedText;
  retention: Retention;
  timingMethod: LocalizedText;
  pipaBasis: PipaBasis;
  gdprMechanism: GdprMechanism | null;
  derogation: Derogation | null;
  refusal: LocalizedText;
  suspended: boolean;
  inUse: boolean;
}

export interface ActivityFields {
  policyId: string;
  position: number;
  section: LocalizedText;
  name: LocalizedText;
  purpose: LocalizedText;
  items: LocalizedText;
  legalBasis: LegalBasis;
  art9Condition: Art9Condition | null;
  subjectCategories: SubjectCategory[];
  dataCategories: DataCategory[];
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

export interface DisclosureFields {
  subjectId: string;
  authority: string;
  basisType: DisclosureBasisType;
  legalBasis: string;
  requestReference: string;
  items: string;
  disclosedOn: string;
  /** The approver's name as saved; the id names the staff member (null on rows typed before F6). */
  approvedBy: string;
  approvedById: string | null;
  shareWithSubject: boolean;
  notes: string;
}

export type PolicyRow = RowMeta & PolicyFields;
export type ProcessorRow = RowMeta & ProcessorFields;
export type ProvisionRow = RowMeta & ProvisionFields;
export type TransferRow = RowMeta & TransferFields;
export type ActivityRow = RowMeta & ActivityFields;
export type DisclosureRow = RowMeta & DisclosureFields;

export interface RegisterRows {
  policies: PolicyRow;
  processors: ProcessorRow;
  provisions: ProvisionRow;
  transfers: TransferRow;
  activities: ActivityRow;
  disclosures: DisclosureRow;
}
export type AnyRow = RegisterRows[RegisterName];

export interface RetentionRuleRow {
  id: string;
  code: string;
  name: LocalizedText;
  retention: Retention;
  source: string;
}

/** Every register of one policy, as the renderer, drift check and alerts read them. */
export interface PolicyRegisters {
  policy: PolicyRow;
  processors: ProcessorRow[];
  provisions: ProvisionRow[];
  transfers: TransferRow[];
  activities: ActivityRow[];
  retentionRules: RetentionRuleRow[];
}

/** A recipient in the registers that holds some of a person's data categories (rights-request fan-out). */
export interface RegisterRecipient {
  kind: 'processor' | 'provision' | 'transfer';
  id: string;
  recipient: LocalizedText;
  /** Where its notices go (processors and transfers keep one); empty when the register has none. */
  contact: string;
  /** The asked categories its activities use. */
  dataCategories: DataCategory[];
}
