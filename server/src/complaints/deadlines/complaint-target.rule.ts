import type { DeadlineRule } from '../../calendar/deadline';

/**
 * The DPO's target for answering a complaint: 10 days after receipt, as the Shelby policy
 * promises for rights requests (PIPA's 10 days), counted on the calendar from the day after
 * receipt and, like the statutory periods, rolled to the next Korean business day when the tenth
 * day is a weekend or holiday (Civil Act Art. 161). At risk in its last 3 days.
 */
export const COMPLAINT_TARGET: DeadlineRule = {
  unit: 'calendar_days',
  amount: 10,
  atRisk: { days: 3 },
  rollToBusinessDay: 'KR',
};
