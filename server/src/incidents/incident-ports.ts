import type { StaffContext } from "../context/staff-context";
import type {
  Bilingual,
  ClockView,
  EuRisk,
  IncidentPhase,
  IncidentRegime,
  IncidentVector,
  ObligationStatus,
} from './incident-types';

/**
 * The seams core calls but other F8 parts build (the contract's sections 1, 3 and 5). Core
 * depends on these interfaces only, through injection tokens, so the notification engine, the
 * checklist templates and the anomaly link are swapped in at the module without touching the
 * service. The shapes repeat the contract's signatures exactly.
 */

// ---- the notification engine (obligations/notification-engine.ts) -------------------------

export type RulePeriod =
  | { unit: 'hours'; amount: number }
  | { unit: 'days'; amount: number }
  | { unit: 'days_after_year_end'; amount: number };

export type RuleCondition = Record<string, unknown>;

export interface IncidentFacts {
  regimes: IncidentRegime[];
  awareAt: Date;
  vector: IncidentVector;
  affectedEstimated: number;
  affectedConfirmed: number | null;
  usLargestStateCount: number | null;
  sensitiveData: boolean;
  uniqueIdentifiers: boolean;
  dataEncrypted: boolean;
  euRisk: EuRisk;
}

export interface NotificationRule {
  code: string;
  regime: IncidentRegime;
  recipient: string;
  period: RulePeriod;
  condition: RuleCondition;
  legalSource: string;
  label: Bilingual;
  noticeKind: string | null;
  position: number;
}

export interface RequiredObligation {
  code: string;
  regime: IncidentRegime;
  recipient: string;
  dueAt: Date | null;
  /** Which clauses held, with the figures. */
  grounds: Record<string, unknown>;
}

export interface StoredObligation {
  code: string;
  status: ObligationStatus;
  dueAt: Date | null;
}

export interface Reconciliation {
  add: RequiredObligation[];
  withdraw: string[];
  reinstate: RequiredObligation[];
  redate: RequiredObligation[];
}

export interface ObligationEngine {
  /** The rules table (NotificationRulesService.rules()). */
  rules(): Promise<NotificationRule[]>;
  requiredObligations(facts: IncidentFacts, rules: NotificationRule[], timeZone: string): RequiredObligation[];
  reconcile(stored: StoredObligation[], required: RequiredObligation[]): Reconciliation;
  clockOf(dueAt: Date | null, now: Date): ClockView;
}
export const OBLIGATION_ENGINE = Symbol('OBLIGATION_ENGINE');

// ---- checklist templates (templates/, IncidentTemplatesService.instantiate) -----------------

export interface TaskDraft {
  templateKey: string;
  phase: IncidentPhase;
  position: number;
  title: Bilingual;
  description: Bilingual | null;
  dueAt: Date;
  dependsOn: string[];
}

export interface IncidentTaskSource {
  /** The current version's tasks as drafts (due times from awareAt), in dependency order. */
  instantiate(templateId: string, awareAt: Date): Promise<{ templateVersionId: string; tasks: TaskDraft[] }>;
}
export const INCIDENT_TASK_SOURCE = Symbol('INCIDENT_TASK_SOURCE');

// ---- the anomaly link (affected/, IncidentAffectedService.linkAnomaly) ----------------------

export interface AnomalyLinker {
  /** Links that actor's anomaly events of the month to the incident; returns how many. */
  linkAnomaly(ctx: StaffContext, incidentId: string, anomaly: { month: string; actorId: string }): Promise<number>;
}
export const ANOMALY_LINKER = Symbol('ANOMALY_LINKER');
