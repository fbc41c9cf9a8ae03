import { addCalendarDays, addCalendarMonths, addCalendarYears, type LocalDate } from '../../calendar/local-date';

const PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/;

/**
 * The date a retention period (ISO 8601 'P5Y', 'P6M', 'P30D', as retention_rules store them)
 * ends when it runs from `from`: calendar arithmetic, so 29 February plus 5 years is 28 February.
 * Null for a text that is not such a period.
 */
export function endOfRetention(from: LocalDate, period: string): LocalDate | null {
  const match = PERIOD.exec(period);
  if (match === null || period === 'P') return null;
  const [years, months, days] = match.slice(1).map((n) => (n === undefined ? 0 : Number(n)));
  return addCalendarDays(addCalendarMonths(addCalendarYears(from, years), months), days);
}

/**
 * The day a period that ends on `on` began: `on` minus the period, the same calendar arithmetic.
 * A record whose trigger fell before that day has outlived its period on `on` (F9's cutoff).
 */
export function startOfRetention(on: LocalDate, period: string): LocalDate | null {
  const match = PERIOD.exec(period);
  if (match === null || period === 'P') return null;
  const [years, months, days] = match.slice(1).map((n) => (n === undefined ? 0 : Number(n)));
  return addCalendarDays(addCalendarMonths(addCalendarYears(on, -years), -months), -days);
}
