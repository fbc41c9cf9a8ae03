import type { StaffContext } from '../context/staff-context';
import type { ClockView } from './incident-types';
import type {
  IncidentFacts,
  NotificationRule,
  Reconciliation,
  RequiredObligation,
  StoredObligation,
} from './obligations/notification-engine';
import type { TaskDraft } from './templates/template-types';

/**
 * The seams core calls but other F8 parts build (the contract's sections 1, 3 and 5). Core
 * depends on these interfaces only, through injection tokens, so the notification engine, the
 * checklist templates and the anomaly link are swapped in at the module without touching the
 * service. The shapes repeat the contract's signatures exactly.
 */

// ---- the notification engine (obligations/notification-engine.ts) -------------------------

export type {
  IncidentFacts,
  NotificationRule,
  Reconciliation,
  RequiredObligation,
  StoredObligation,
} from './obligations/notification-engine';

/** NotificationRulesService.rules() with the engine's pure functions, as one injectable. */
export interface ObligationEngine {
  /** The rules table (NotificationRulesService.rules()). */
  rules(): Promise<NotificationRule[]>;
  requiredObligations(facts: IncidentFacts, rules: NotificationRule[], timeZone: string): RequiredObligation[];
  reconcile(stored: StoredObligation[], required: RequiredObligation[]): Reconciliation;
  clockOf(dueAt: Date | null, now: Date): ClockView;
}
export const OBLIGATION_ENGINE = Symbol('OBLIGATION_ENGINE');

// ---- checklist templates (templates/, IncidentTemplatesService.instantiate) -----------------

export type { TaskDraft } from './templates/template-types';

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
