/**
 * The engine's vocabulary: the shared words come from core's `../incident-types.ts` (one place for
 * the whole feature); the notice kinds are the engine's own.
 */
export {
  EU_RISKS,
  INCIDENT_REGIMES,
  INCIDENT_VECTORS,
  OBLIGATION_STATUSES,
  type ClockState,
  type ClockView,
  type EuRisk,
  type IncidentRegime,
  type IncidentVector,
  type ObligationStatus,
} from '../incident-types';

export const NOTICE_KINDS = [
  'kr_subject_notice',
  'kr_regulator_report',
  'eu_authority_report',
  'eu_subject_notice',
  'us_individual_notice',
  'us_hhs_report',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
