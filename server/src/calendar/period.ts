import { addCalendarDays, addCalendarMonths, addCalendarYears, type LocalDate } from './local-date';

/** An ISO 8601 period of whole years, months, weeks and days ('P3Y', 'P1Y6M', 'P2W', 'P30D'). */
const PERIOD = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?$/;

export interface PeriodParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

/** The parts of a positive period; null for anything else ('P', 'P0D', 'P-1Y', 'PT5H', '1 year'). */
export function parsePeriod(text: string): PeriodParts | null {
  const m = PERIOD.exec(text);
  if (m === null) return null;
  const [years, months, weeks, days] = [m[1], m[2], m[3], m[4]].map((n) => (n === undefined ? 0 : Number(n)));
  if (years + months + weeks + days === 0) return null;
  return { years, months, weeks, days };
}

/**
 * `date` moved by a period forwards (sign 1: the day a period running from `date` ends) or
 * backwards (-1: the day a period ending on `date` began), in calendar units: years, then months,
 * then weeks and days. So 29 February plus 5 years is 28 February. Null when `period` is not a
 * positive period (parsePeriod).
 */
export function shiftByPeriod(date: LocalDate, period: string, sign: 1 | -1): LocalDate | null {
  const parts = parsePeriod(period);
  if (parts === null) return null;
  const moved = addCalendarMonths(addCalendarYears(date, sign * parts.years), sign * parts.months);
  return addCalendarDays(moved, sign * (parts.weeks * 7 + parts.days));
}

/** True when `shorter` ends before `longer` from any start (checked from a leap day, the worst case). */
export function isShorterPeriod(shorter: string, longer: string): boolean {
  const from: LocalDate = '2000-02-29';
  const a = shiftByPeriod(from, shorter, 1);
  const b = shiftByPeriod(from, longer, 1);
  return a !== null && b !== null && a < b;
}
