import { TZDate, tzOffset } from '@date-fns/tz';
import { differenceInMinutes } from 'date-fns';

/**
 * A calendar date with no time and no zone, 'YYYY-MM-DD': the day a deadline falls on, a
 * holiday, a birthday. Arithmetic on it is calendar arithmetic, done on the UTC fields of a Date
 * (UTC has no daylight-saving shifts; no Intl call, unlike a TZDate); it becomes an instant only
 * through a time zone.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of a year, month (0–11, may overflow) and day (may overflow), any year from 0. */
function utcMidnight(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

/** A real calendar date between 1900 and 2999 written 'YYYY-MM-DD'. */
export function isLocalDate(value: unknown): value is LocalDate {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1900 || year > 2999) return false;
  const date = utcMidnight(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function fields(date: LocalDate): [year: number, month: number, day: number] {
  const match = LOCAL_DATE.exec(date);
  if (match === null) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

function parse(date: LocalDate): Date {
  return utcMidnight(...fields(date));
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const print = (date: Date): LocalDate =>
  `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;

/** The date an instant falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  if (timeZone === 'UTC') return utcDateOf(instant);
  // tzOffset keeps one Intl.DateTimeFormat per zone (the formatter is what costs, not its use).
  const offsetMinutes = tzOffset(timeZone, instant);
  const shifted = new Date(instant.getTime() + offsetMinutes * 60_000);
  if (Number.isNaN(shifted.getTime())) throw new RangeError(`Invalid time value (${timeZone})`);
  return print(shifted);
}

/** The instant `date` begins in `timeZone` (its first moment, after a DST gap if midnight has none). */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  const [year, month, day] = fields(date);
  if (timeZone === 'UTC') return utcMidnight(year, month, day);
  return new Date(new TZDate(year, month, day, timeZone).getTime());
}

/** The first instant after `date` ends in `timeZone`: where a period ending that day is over. */
export function endOfLocalDate(date: LocalDate, timeZone: string): Date {
  return startOfLocalDate(addCalendarDays(date, 1), timeZone);
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  const [year, month, day] = fields(date);
  return print(utcMidnight(year, month, day + days));
}

/** Months later, on the same day or, when that month is shorter, its last day (31 Jan + 1 = 28/29 Feb). */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = fields(date);
  const lastDay = utcMidnight(year, month + months + 1, 0).getUTCDate();
  return print(utcMidnight(year, month + months, Math.min(day, lastDay)));
}

/** Years later; 29 February becomes 28 February in a common year. */
export function addCalendarYears(date: LocalDate, years: number): LocalDate {
  return addCalendarMonths(date, years * 12);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / DAY_MS);
}

/**
 * Whole years from `from` to `on`: an age, counted as the law counts it (a year is complete on
 * the anniversary; one born on 29 February turns a year older on 1 March of a common year).
 */
export function wholeYearsBetween(from: LocalDate, on: LocalDate): number {
  if (on < from) return 0 - wholeYearsBetween(on, from); // never -0
  const [y1, m1, d1] = fields(from);
  const [y2, m2, d2] = fields(on);
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

/** The date an instant falls on in UTC: for names and stamps that must not depend on a zone. */
export function utcDateOf(instant: Date): LocalDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid time value');
  return print(instant);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return parse(date).getUTCDay() || 7;
}

export function yearOf(date: LocalDate): number {
  return fields(date)[0];
}

/** Whole minutes from instant `from` to instant `to`, rounded down (negative when `to` is earlier). */
export function minutesBetween(from: Date, to: Date): number {
  return differenceInMinutes(to, from);
}
