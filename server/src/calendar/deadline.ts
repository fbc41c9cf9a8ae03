import { addHours, differenceInHours } from 'date-fns';
import type { BusinessCalendar } from './business-calendar';
import type { Jurisdiction } from './jurisdictions';
import {
  addCalendarDays,
  addCalendarMonths,
  calendarDaysBetween,
  endOfLocalDate,
  localDateOf,
  type LocalDate,
} from './local-date';

/**
 * How a period is counted. Day and month periods start the day after the event (the day of
 * receipt is not counted) and end when their last day ends in the time zone; an hour period is
 * exact (a 72-hour clock).
 */
export type DeadlineRule =
  | { unit: 'hours'; amount: number; atRisk: { hours: number } }
  | {
      unit: 'calendar_days' | 'months';
      amount: number;
      atRisk: { days: number };
      /** A period whose last day is not a business day ends on the next one (KR Civil Act Art. 161). */
      rollToBusinessDay?: Jurisdiction;
    }
  | { unit: 'business_days'; amount: number; jurisdiction: Jurisdiction; atRisk: { days: number } };

export type DeadlineState = 'on_time' | 'at_risk' | 'overdue';

/** What the API sends about a deadline: the UI only formats it. */
export interface Deadline {
  /** The event the period runs from (receipt), or null when extended from an earlier due date. */
  startedAt: string | null;
  /** The last day of the period in `timeZone`. */
  dueOn: LocalDate;
  /** The instant the period is over: the end of `dueOn`, or the exact hour. */
  dueAt: string;
  timeZone: string;
  /** Calendar days from today (in `timeZone`) to `dueOn`; negative once past. */
  daysLeft: number;
  /** Whole hours until `dueAt`; negative once past. */
  hoursLeft: number;
  state: DeadlineState;
}

/** Where a period starts: an instant (received at), or a local date (extending an earlier due date). */
export type DeadlineStart = { at: Date } | { after: LocalDate };

/** The business calendars a rule needs, loaded for the dates it may touch. */
export type CalendarLookup = (jurisdiction: Jurisdiction) => BusinessCalendar;

/** The local dates a rule may look at from `base`: enough room for weekends and long holidays. */
export function spanOf(rule: DeadlineRule, base: LocalDate): { from: LocalDate; to: LocalDate } {
  const days =
    rule.unit === 'hours'
      ? Math.ceil(rule.amount / 24) + 1
      : rule.unit === 'months'
        ? rule.amount * 31
        : rule.unit === 'business_days'
          ? rule.amount * 2
          : rule.amount;
  return { from: base, to: addCalendarDays(base, days + 45) };
}

export function jurisdictionsOf(rule: DeadlineRule): Jurisdiction[] {
  if (rule.unit === 'business_days') return [rule.jurisdiction];
  if (rule.unit !== 'hours' && rule.rollToBusinessDay !== undefined) return [rule.rollToBusinessDay];
  return [];
}

/** The due date and due instant of a period (no "now" involved). */
export function dueOf(
  rule: DeadlineRule,
  start: DeadlineStart,
  timeZone: string,
  calendars: CalendarLookup,
): { dueOn: LocalDate; dueAt: Date } {
  if (rule.unit === 'hours') {
    const from = 'at' in start ? start.at : endOfLocalDate(start.after, timeZone);
    const dueAt = addHours(from, rule.amount);
    return { dueOn: localDateOf(dueAt, timeZone), dueAt };
  }
  const base = 'at' in start ? localDateOf(start.at, timeZone) : start.after;
  let dueOn: LocalDate;
  switch (rule.unit) {
    case 'calendar_days':
      dueOn = addCalendarDays(base, rule.amount);
      break;
    case 'months':
      dueOn = addCalendarMonths(base, rule.amount);
      break;
    case 'business_days':
      dueOn = calendars(rule.jurisdiction).addBusinessDays(base, rule.amount);
      break;
    default: {
      const unknown: never = rule;
      throw new Error(`Unknown deadline rule ${JSON.stringify(unknown)}`);
    }
  }
  if (rule.unit !== 'business_days' && rule.rollToBusinessDay !== undefined) {
    dueOn = calendars(rule.rollToBusinessDay).onOrAfter(dueOn);
  }
  return { dueOn, dueAt: endOfLocalDate(dueOn, timeZone) };
}

/** The deadline as of `now`: days and hours left, and whether it is on time, at risk or overdue. */
export function deadlineAt(
  rule: DeadlineRule,
  start: DeadlineStart,
  due: { dueOn: LocalDate; dueAt: Date },
  now: Date,
  timeZone: string,
): Deadline {
  const daysLeft = calendarDaysBetween(localDateOf(now, timeZone), due.dueOn);
  const hoursLeft = differenceInHours(due.dueAt, now);
  let state: DeadlineState;
  if (now >= due.dueAt) state = 'overdue';
  else if ('hours' in rule.atRisk ? hoursLeft < rule.atRisk.hours : daysLeft <= rule.atRisk.days) state = 'at_risk';
  else state = 'on_time';
  return {
    startedAt: 'at' in start ? start.at.toISOString() : null,
    dueOn: due.dueOn,
    dueAt: due.dueAt.toISOString(),
    timeZone,
    daysLeft,
    hoursLeft,
    state,
  };
}
