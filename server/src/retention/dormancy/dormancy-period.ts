import { addCalendarDays, addCalendarMonths, addCalendarYears, type LocalDate } from '../../calendar/local-date';

const PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/;

/**
 * `date` moved by an ISO 8601 period ('P1Y', 'P30D') forwards (sign 1) or backwards (-1), in
 * calendar units (years, then months, then days). Null for a text that is not such a period or
 * is empty ('P', 'P0D').
 */
export function shiftByPeriod(date: LocalDate, period: string, sign: 1 | -1): LocalDate | null {
  const match = PERIOD.exec(period);
  if (match === null) return null;
  const [years, months, days] = match.slice(1).map((n) => (n === undefined ? 0 : Number(n)));
  if (years + months + days === 0) return null;
  return addCalendarDays(addCalendarMonths(addCalendarYears(date, sign * years), sign * months), sign * days);
}
