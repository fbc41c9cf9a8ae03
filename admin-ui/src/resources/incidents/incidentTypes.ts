// The incident API's shapes (F8 contract §2, §4, §5); the server decides, the console shows.
export const INCIDENT_VECTORS = ['outside_hacking', 'insider', 'loss_theft', 'misdelivery', 'vendor', 'other'] as const;
export const INCIDENT_STATUSES = ['open', 'investigating', 'contained', 'recovered', 'closed'] as const;
export const INCIDENT_REGIMES = ['KR-PIPA', 'EU-GDPR', 'US-HIPAA'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const EU_RISKS = ['unassessed', 'unlikely', 'risk', 'high'] as const;
export const INCIDENT_PHASES = [
  'preparation',
  'detection_analysis',
  'containment_eradication_recovery',
  'post_incident',
] as const;
export const NOTICE_KINDS = [
  'kr_subject_notice',
  'kr_regulator_report',
  'eu_authority_report',
  'eu_subject_notice',
  'us_individual_notice',
  'us_hhs_report',
] as const;

export type IncidentVector = (typeof INCIDENT_VECTORS)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type IncidentRegime = (typeof INCIDENT_REGIMES)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type EuRisk = (typeof EU_RISKS)[number];
export type IncidentPhase = (typeof INCIDENT_PHASES)[number];
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type ClockState = 'on_time' | 'due_soon' | 'overdue';

export interface Localized {
  ko: string;
  en: string;
}
export interface Person {
  id: string;
  name: string;
}
/** A deadline as the server counted it: `hoursLeft` may be negative (overdue). */
export interface ClockView {
  dueAt: string | null;
  hoursLeft: number | null;
  state: ClockState | null;
}

export interface IncidentRow {
  id: string;
  reference: string;
  title: string;
  vector: IncidentVector;
  status: IncidentStatus;
  riskLevel: RiskLevel;
  owner: Person | null;
  detectedAt: string;
  awareAt: string;
  affectedEstimated: number;
  affectedConfirmed: number | null;
  regimes: IncidentRegime[];
  nearestClock: (ClockView & { code: string }) | null;
  tasks: { open: number; total: number };
  version: number;
}

export interface ObligationView {
  code: string;
  regime: IncidentRegime;
  recipient: string;
  label: Localized;
  legalSource: Localized;
  noticeKind: NoticeKind | null;
  status: 'pending' | 'done' | 'not_required' | 'withdrawn';
  dueAt: string | null;
  clock: ClockView;
  grounds: Record<string, unknown> | null;
  doneAt: string | null;
  late: boolean;
  lateReason: string | null;
  decisionReasons: string | null;
  externalReference: string | null;
  escalation: string | null;
}

export interface TaskView {
  id: string;
  phase: IncidentPhase;
  position: number;
  templateKey: string | null;
  title: Localized;
  description: Localized | null;
  dependsOn: string[];
  assignee: Person | null;
  dueAt: string | null;
  clock: ClockView | null;
  note: string | null;
  completedAt: string | null;
  completedBy: Person | null;
  evidence: { id: string; fileName: string; sizeBytes: number; uploadedAt: string }[];
  version: number;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  detail: Record<string, unknown> | null;
  actor: Person | null;
  at: string;
}

export interface IncidentDetail extends Omit<IncidentRow, 'tasks'> {
  description: string | null;
  reporter: string;
  systems: string[];
  processorIds: string[];
  dataCategories: string[];
  usLargestStateCount: number | null;
  sensitiveData: boolean;
  uniqueIdentifiers: boolean;
  dataEncrypted: boolean;
  euRisk: EuRisk;
  euRiskReasons: string | null;
  lessonsLearned: string | null;
  registerFacts: string | null;
  registerEffects: string | null;
  registerRemedialAction: string | null;
  closedAt: string | null;
  obligations: ObligationView[];
  tasks: TaskView[];
  timeline: TimelineEntry[];
  affected: { total: number; notified: number };
  linkedEvents: number;
  template: { id: string; key: string; name: Localized; version: number } | null;
  can: { update: boolean; decide: boolean; notify: boolean; close: boolean; selectPeople: boolean };
}

export interface IncidentTemplateRow {
  id: string;
  key: string;
  name: Localized;
  description?: Localized | string | null;
  suggestedVector?: IncidentVector | null;
  currentVersion?: number;
  archived?: boolean;
}

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  locale: 'ko' | 'en';
  version: number;
  templateKey: string | null;
  templateVersion: number | null;
  subject: string | null;
  body: string | null;
  content?: Record<string, unknown>;
  createdAt: string;
  createdBy: Person;
  missing: string[];
}

export interface AffectedRow {
  id: string;
  maskedName: string | null;
  maskedContact: string | null;
  kind: string | null;
  service: string | null;
  source: string;
  addedAt: string;
  notification: {
    channel: string;
    status: string;
    sentAt: string | null;
    noticeId: string;
    noticeVersion: number;
    templateVersion: number | null;
  } | null;
}

export type SelectPeople =
  | { by: 'access_log'; actorId: string; from: string; to: string }
  | { by: 'category'; category: string }
  | { by: 'ids'; subjectIds: string[] };

export interface SelectResult {
  matched: number;
  added: number;
  alreadyThere: number;
  unknown: number;
  total: number;
}
