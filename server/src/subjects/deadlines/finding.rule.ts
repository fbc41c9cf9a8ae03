import type { DeadlineRule } from '../../calendar/deadline';
import type { FindingKind } from '../subjects.repository';

/**
 * How long the organisation gives itself to fix a compliance finding, counted in Korean business
 * days (KR holidays) from the day the finding started. The periods are the organisation's
 * policy, not a statutory period; they are short where the data is being processed unlawfully
 * right now:
 * - a child under 14 without the legal representative's consent (PIPA Art. 22-2) and sensitive
 *   data without separate consent (PIPA Art. 23): processing must stop or consent be obtained: 5;
 * - a recording shared with a supervisor without consent: the sharing must be undone: 5;
 * - a recording missing one party's consent: both parties are asked, or it is deleted: 10.
 * At risk two days before.
 */
export const FINDING_DEADLINES: Record<FindingKind, DeadlineRule> = {
  child_without_guardian_consent: { unit: 'business_days', amount: 5, jurisdiction: 'KR', atRisk: { days: 2 } },
  phi_without_consent: { unit: 'business_days', amount: 5, jurisdiction: 'KR', atRisk: { days: 2 } },
  supervision_sharing_without_consent: { unit: 'business_days', amount: 5, jurisdiction: 'KR', atRisk: { days: 2 } },
  recording_without_both_consents: { unit: 'business_days', amount: 10, jurisdiction: 'KR', atRisk: { days: 2 } },
};
