import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addMonths,
  addYears,
  differenceInCalendarDays,
  differenceInMinutes,
  differenceInYears,
  format,
  getISODay,
} from 'date-fns';

/**
 * A calendar date with no time and no zone, 'YYYY-MM-DD': the day a deadline falls on, a
 * holiday, a birthday. Arithmetic on it is calendar arithmetic (date-fns on a UTC TZDate, which
 * has no daylight-saving shifts); it becomes an instant only through a time zone.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date between 1900 and 2999 written 'YYYY-MM-DD'. */
export function isLocalDate(value: unknown): value is LocalDate {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1900 || year > 2999) return false;
  const date = new TZDate(year, month - 1, day, 'UTC');
  return date.getMonth() === month - 1 && date.getDate() === day;
}

function parse(date: LocalDate): TZDate {
  const match = LOCAL_DATE.exec(date);
  if (match === null) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = match.slice(1).map(Number);
  return new TZDate(year, month - 1, day, 'UTC');
}

const print = (date: Date): LocalDate => format(date, 'yyyy-MM-dd');

/** The date an instant falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return print(new TZDate(instant.getTime(), timeZone));
}

/** The instant `date` begins in `timeZone` (its first moment, after a DST gap if midnight has none). */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  const d = parse(date);
  return new Date(new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), timeZone).getTime());
}

/** The first instant after `date` ends in `timeZone`: where a period ending that day is over. */
export function endOfLocalDate(date: LocalDate, timeZone: string): Date {
  return startOfLocalDate(addCalendarDays(date, 1), timeZone);
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return print(addDays(parse(date), days));
}

/** Months later, on the same day or, when that month is shorter, its last day (31 Jan + 1 = 28/29 Feb). */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  return print(addMonths(parse(date), months));
}

/** Years later; 29 February becomes 28 February in a common year. */
export function addCalendarYears(date: LocalDate, years: number): LocalDate {
  return print(addYears(parse(date), years));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: LocalDate, to: LocalDate): number {
  return differenceInCalendarDays(parse(to), parse(from));
}

/**
 * Whole years from `from` to `on`: an age, counted as the law counts it (a year is complete on
 * the anniversary; one born on 29 February turns a year older on 1 March of a common year).
 */
export function wholeYearsBetween(from: LocalDate, on: LocalDate): number {
  return differenceInYears(parse(on), parse(from));
}

/** The date an instant falls on in UTC: for names and stamps that must not depend on a zone. */
export function utcDateOf(instant: Date): LocalDate {
  return localDateOf(instant, 'UTC');
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return getISODay(parse(date));
}

export function yearOf(date: LocalDate): number {
  return parse(date).getFullYear();
}

/** Whole minutes from instant `from` to instant `to`, rounded down (negative when `to` is earlier). */
export function minutesBetween(from: Date, to: Date): number {
  return differenceInMinutes(to, from);
}
