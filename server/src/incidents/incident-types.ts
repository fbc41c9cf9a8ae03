/** F8's shared vocabulary (the contract's section "Shared vocabulary"); the SQL CHECKs list the same words. */

export const INCIDENT_VECTORS = ['outside_hacking', 'insider', 'loss_theft', 'misdelivery', 'vendor', 'other'] as const;
export type IncidentVector = (typeof INCIDENT_VECTORS)[number];

export const INCIDENT_STATUSES = ['open', 'investigating', 'contained', 'recovered', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_REGIMES = ['KR-PIPA', 'EU-GDPR', 'US-HIPAA'] as const;
export type IncidentRegime = (typeof INCIDENT_REGIMES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const EU_RISKS = ['unassessed', 'unlikely', 'risk', 'high'] as const;
export type EuRisk = (typeof EU_RISKS)[number];

/** NIST SP 800-61's phases. */
export const INCIDENT_PHASES = [
  'preparation',
  'detection_analysis',
  'containment_eradication_recovery',
  'post_incident',
] as const;
export type IncidentPhase = (typeof INCIDENT_PHASES)[number];

export const OBLIGATION_STATUSES = ['pending', 'done', 'not_required', 'withdrawn'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export type ClockState = 'on_time' | 'due_soon' /* under 24 h */ | 'overdue';
export interface ClockView {
  dueAt: string | null;
  /** May be negative (overdue). */
  hoursLeft: number | null;
  state: ClockState | null;
}

/** Bilingual text (task titles, rule labels). */
export interface Bilingual {
  ko: string;
  en: string;
}

/** The largest number of affected people a record takes (the column's CHECK). */
export const MAX_AFFECTED = 100_000_000;
