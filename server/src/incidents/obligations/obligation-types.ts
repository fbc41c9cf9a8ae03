/**
 * The vocabulary the engine needs. The same literal unions as `../incident-types.ts` (F8 core);
 * kept here so the engine stays a leaf the rest of the feature imports.
 */
export const INCIDENT_VECTORS = ['outside_hacking', 'insider', 'loss_theft', 'misdelivery', 'vendor', 'other'] as const;
export type IncidentVector = (typeof INCIDENT_VECTORS)[number];
export const INCIDENT_REGIMES = ['KR-PIPA', 'EU-GDPR', 'US-HIPAA'] as const;
export type IncidentRegime = (typeof INCIDENT_REGIMES)[number];
export const EU_RISKS = ['unassessed', 'unlikely', 'risk', 'high'] as const;
export type EuRisk = (typeof EU_RISKS)[number];
export const OBLIGATION_STATUSES = ['pending', 'done', 'not_required', 'withdrawn'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];
export const NOTICE_KINDS = [
  'kr_subject_notice',
  'kr_regulator_report',
  'eu_authority_report',
  'eu_subject_notice',
  'us_individual_notice',
  'us_hhs_report',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type ClockState = 'on_time' | 'due_soon' /* under 24 h */ | 'overdue';
export interface ClockView {
  dueAt: string | null;
  /** Whole hours left, negative once past. */
  hoursLeft: number | null;
  state: ClockState | null;
}
