import { addCalendarDays, addCalendarMonths, addCalendarYears, type LocalDate } from '../../calendar/local-date';
import { parseDuration } from '../../registers/retention';

/**
 * The date a rule's period ('P5Y', 'P6M', 'P2W', 'P30D') ends when it runs from `from`: calendar
 * arithmetic, so 29 February plus 5 years is 28 February. Null for a text that is not a positive
 * period of years, months, weeks and days.
 */
export function periodEnd(from: LocalDate, period: string): LocalDate | null {
  const parts = parseDuration(period);
  if (parts === null) return null;
  return addCalendarDays(
    addCalendarMonths(addCalendarYears(from, parts.years), parts.months),
    parts.weeks * 7 + parts.days,
  );
}

/** True when `shorter` ends before `longer` from any start (checked from a leap day, the worst case). */
export function isShorterPeriod(shorter: string, longer: string): boolean {
  const from: LocalDate = '2000-02-29';
  const a = periodEnd(from, shorter);
  const b = periodEnd(from, longer);
  return a !== null && b !== null && a < b;
}
