import { Problem } from '../../common/problem';
import { CalendarFieldCode } from '../calendar.errors';
import type { DeadlineRule, DeadlineStart } from '../deadline';
import type { Jurisdiction } from '../jurisdictions';
import { DEADLINE_RULE, type DeadlineQueryDto } from './deadline.dto';

/** Default "at risk" margins when the query names none. */
const AT_RISK_DAYS = 3;
const AT_RISK_HOURS = 24;

/** The rule and start a validated deadline query names. */
export function parseDeadlineQuery(query: DeadlineQueryDto): {
  rule: DeadlineRule;
  start: DeadlineStart;
  timeZone: string | undefined;
} {
  if ((query.from === undefined) === (query.after === undefined)) {
    throw Problem.validation([
      {
        field: 'from',
        code: CalendarFieldCode.InvalidRule,
        message: 'Give either from (an instant) or after (a date)',
      },
    ]);
  }
  const [, unit, amountText, jurisdiction] = DEADLINE_RULE.exec(query.rule) ?? [];
  const amount = Number(amountText);
  const j = jurisdiction as Jurisdiction | undefined;
  let rule: DeadlineRule;
  switch (unit) {
    case 'hours':
      rule = { unit, amount, atRisk: { hours: query.atRisk ?? AT_RISK_HOURS } };
      break;
    case 'business_days':
      if (j === undefined) {
        throw Problem.validation([
          {
            field: 'rule',
            code: CalendarFieldCode.InvalidRule,
            message: 'Business days need a jurisdiction: business_days:10:KR',
          },
        ]);
      }
      rule = { unit, amount, jurisdiction: j, atRisk: { days: query.atRisk ?? AT_RISK_DAYS } };
      break;
    case 'calendar_days':
    case 'months':
      rule = { unit, amount, atRisk: { days: query.atRisk ?? AT_RISK_DAYS }, ...(j ? { rollToBusinessDay: j } : {}) };
      break;
    default:
      throw Problem.validation([{ field: 'rule', code: CalendarFieldCode.InvalidRule, message: 'Unknown rule' }]);
  }
  const start: DeadlineStart = query.from !== undefined ? { at: new Date(query.from) } : { after: query.after! };
  return { rule, start, timeZone: query.timeZone };
}
