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

/**
 * localDateOf for an instant that moves slowly, such as now: remembers, per zone, the last day it
 * answered and the instants that day spans, so "today" costs no time-zone arithmetic until the
 * day ends. Any instant outside the remembered day (a clock set back, another date) is computed.
 */
export class LocalDayMemo {
  private readonly days = new Map<string, { from: number; until: number; date: LocalDate }>();

  dateOf(instant: Date, timeZone: string): LocalDate {
    const t = instant.getTime();
    const known = this.days.get(timeZone);
    if (known !== undefined && t >= known.from && t < known.until) return known.date;
    const date = localDateOf(instant, timeZone);
    const from = startOfLocalDate(date, timeZone).getTime();
    const until = endOfLocalDate(date, timeZone).getTime();
    // Kept only when the bounds are the day's exact edges (a change of offset at midnight can
    // make startOfLocalDate miss by its size: Kathmandu on 1 January 1986).
    const exact =
      isEdge(from, date, timeZone) &&
      localDateOf(new Date(until - 1), timeZone) === date &&
      localDateOf(new Date(until), timeZone) !== date;
    if (exact && from <= t && t < until) this.days.set(timeZone, { from, until, date });
    return date;
  }
}

/** Whether `t` is the first instant of `date` in `timeZone`: on it, and the instant before is not. */
function isEdge(t: number, date: LocalDate, timeZone: string): boolean {
  return localDateOf(new Date(t), timeZone) === date && localDateOf(new Date(t - 1), timeZone) !== date;
}

/**
 * Per zone and year, the instant the year begins (few: a list of people spans a few years), or
 * null where startOfLocalDate does not give the year's exact first instant.
 */
const yearStarts = new Map<string, number | null>();

function yearStart(year: number, timeZone: string): number | null {
  const key = `${timeZone} ${year}`;
  let start = yearStarts.get(key);
  if (start === undefined) {
    const first = `${pad(year, 4)}-01-01`;
    const t = startOfLocalDate(first, timeZone).getTime();
    start = isEdge(t, first, timeZone) ? t : null;
    if (yearStarts.size >= 10_000) yearStarts.clear();
    yearStarts.set(key, start);
  }
  return start;
}

/**
 * The year an instant falls in, in `timeZone`: yearOf(localDateOf(instant, timeZone)), from the
 * instants the years begin, remembered (a list's rows each ask; no time-zone arithmetic per row).
 */
export function localYearOf(instant: Date, timeZone: string): number {
  const t = instant.getTime();
  const utcYear = instant.getUTCFullYear();
  // Offsets are under a day: the local year is the UTC year or one of its neighbours.
  const start = utcYear >= 1 && utcYear <= 9998 ? yearStart(utcYear, timeZone) : null;
  const next = start === null ? null : yearStart(utcYear + 1, timeZone);
  if (start === null || next === null) return yearOf(localDateOf(instant, timeZone));
  if (t < start) return utcYear - 1;
  if (t >= next) return utcYear + 1;
  return utcYear;
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
