import { addHours, addMilliseconds, differenceInMilliseconds, parseISO, subMilliseconds } from 'date-fns';
import { millisecondsInDay } from 'date-fns/constants';

/**
 * Instants and exact durations: session and lock times, identity-check validity, step-up
 * windows. These are elapsed time, not calendar time (no day or month is involved), so a
 * duration is a number of milliseconds as the configuration gives it.
 */

/** The instant `ms` after `instant`. */
export function instantAfter(instant: Date, ms: number): Date {
  return addMilliseconds(instant, ms);
}

/** The instant exactly `hours` hours after `instant` (elapsed time: a 72-hour clock ignores daylight saving). */
export function hoursAfter(instant: Date, hours: number): Date {
  return addHours(instant, hours);
}

/** The instant `ms` before `instant`. */
export function instantBefore(instant: Date, ms: number): Date {
  return subMilliseconds(instant, ms);
}

/** Milliseconds from `from` to `to` (negative when `to` is earlier). */
export function msBetween(from: Date, to: Date): number {
  return differenceInMilliseconds(to, from);
}

/** Exact 24-hour days from `from` to `to`, with fractions: the length of a span of instants. */
export function exactDaysBetween(from: Date, to: Date): number {
  return differenceInMilliseconds(to, from) / millisecondsInDay;
}

/** The instant exactly `days` × 24 hours before `instant` (no calendar, no daylight saving). */
export function exactDaysBefore(instant: Date, days: number): Date {
  return subMilliseconds(instant, days * millisecondsInDay);
}

/** Whole seconds from `now` until `until`, rounded up (a Retry-After), 0 once past. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(0, Math.ceil(differenceInMilliseconds(until, now) / 1000));
}

/** Whether more than `ms` has passed from `since` to `now`. */
export function hasElapsed(since: Date, ms: number, now: Date): boolean {
  return msBetween(since, now) > ms;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO 8601 date-time with its offset (Z or ±hh:mm) as a Date, or null when it is not one. A
 * time without an offset would be read in the server's own zone, so it is refused.
 */
export function parseInstant(value: string): Date | null {
  if (!ISO_INSTANT.test(value)) return null;
  const date = parseISO(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
