import type {
  Bilingual,
  ClockView,
  EuRisk,
  IncidentPhase,
  IncidentRegime,
  IncidentStatus,
  IncidentVector,
  ObligationStatus,
  RiskLevel,
} from '../incident-types';

export interface StaffRef {
  id: string;
  name: string;
}

export interface IncidentListItem {
  id: string;
  reference: string;
  title: string;
  vector: IncidentVector;
  status: IncidentStatus;
  riskLevel: RiskLevel;
  owner: StaffRef | null;
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
  label: Bilingual;
  legalSource: Bilingual;
  noticeKind: string | null;
  status: ObligationStatus;
  dueAt: string | null;
  clock: ClockView;
  grounds: Record<string, unknown>;
  doneAt: string | null;
  late: boolean;
  lateReason: string | null;
  decisionReasons: string | null;
  externalReference: string | null;
  escalation: 'due_soon' | 'overdue' | null;
}

export interface TaskView {
  id: string;
  phase: IncidentPhase;
  position: number;
  templateKey: string | null;
  title: Bilingual;
  description: Bilingual | null;
  dependsOn: string[];
  assignee: StaffRef | null;
  dueAt: string | null;
  clock: ClockView;
  note: string | null;
  completedAt: string | null;
  completedBy: StaffRef | null;
  evidence: { id: string; fileName: string; mediaType: string; sizeBytes: number; uploadedAt: string }[];
  version: number;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  detail: Record<string, unknown>;
  actor: StaffRef | null;
  at: string;
}

/** The list row's facts; `tasks` is the checklist itself here (the counts are in the list). */
export interface IncidentDetail extends Omit<IncidentListItem, 'tasks'> {
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
  createdAt: string;
  obligations: ObligationView[];
  tasks: TaskView[];
  timeline: TimelineEntry[];
  affected: { total: number; notified: number };
  linkedEvents: number;
  template: { id: string; key: string; name: Bilingual; version: number } | null;
  can: { update: boolean; decide: boolean; notify: boolean; close: boolean; selectPeople: boolean };
}
