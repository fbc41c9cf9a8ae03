import { TZDate } from '@date-fns/tz';
import type { BusinessCalendar } from './business-calendar';
import { addCalendarDays, addCalendarMonths, startOfLocalDate, type LocalDate } from './local-date';

/** A calendar month as the API names it: 'YYYY-MM'. */
export type LocalMonth = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isLocalMonth(value: unknown): value is LocalMonth {
  return typeof value === 'string' && MONTH.test(value);
}

/** The first day of `month`. */
export function firstDayOf(month: LocalMonth): LocalDate {
  if (!isLocalMonth(month)) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  return `${month}-01`;
}

/** The month `date` falls in. */
export function monthOf(date: LocalDate): LocalMonth {
  return date.slice(0, 7);
}

/** The instants `month` starts and ends in `timeZone`: [from, to). */
export function monthBounds(month: LocalMonth, timeZone: string): { from: Date; to: Date } {
  const first = firstDayOf(month);
  return { from: startOfLocalDate(first, timeZone), to: startOfLocalDate(addCalendarMonths(first, 1), timeZone) };
}

/** The instant a wall-clock hour of `date` is in `timeZone` (hour 0–24; 24 is the next midnight). */
export function atLocalHour(date: LocalDate, hour: number, timeZone: string): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 24) throw new RangeError(`Not an hour of the day: ${hour}`);
  if (hour === 24) return startOfLocalDate(addCalendarDays(date, 1), timeZone);
  const [year, month, day] = date.split('-').map(Number);
  return new Date(new TZDate(year, month - 1, day, hour, 0, timeZone).getTime());
}

/**
 * The working windows of the dates [from, to]: from `startHour` to `endHour` on each business
 * day of `calendar`, in `timeZone`. Anything outside them is off-hours: nights, weekends and the
 * jurisdiction's holidays (a read on Chuseok is off-hours even at 10:00).
 */
export function workingWindows(
  from: LocalDate,
  to: LocalDate,
  hours: { startHour: number; endHour: number },
  timeZone: string,
  calendar: BusinessCalendar,
): { start: Date; end: Date }[] {
  const windows: { start: Date; end: Date }[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    if (!calendar.isBusinessDay(day)) continue;
    windows.push({
      start: atLocalHour(day, hours.startHour, timeZone),
      end: atLocalHour(day, hours.endHour, timeZone),
    });
  }
  return windows;
}
