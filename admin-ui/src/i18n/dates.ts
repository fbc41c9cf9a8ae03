import { useLocaleState, useTranslate } from 'react-admin';

/**
 * The one way the console writes dates and times (F6: one format per locale, everywhere):
 *
 * | kind      | ko                        | en                        |
 * | --------- | ------------------------- | ------------------------- |
 * | date      | 2026년 11월 22일          | Nov 22, 2026              |
 * | date+day  | 2026년 11월 22일 (일)     | Sun, Nov 22, 2026         |
 * | date-time | 2026년 11월 22일 15:04    | Nov 22, 2026, 15:04       |
 * | log time  | 2026년 11월 22일 15:04:05 | Nov 22, 2026, 15:04:05    |
 * | month     | 2026년 11월               | November 2026             |
 * | time      | 15:04                     | 15:04                     |
 *
 * A 24-hour clock in both languages (a log and a deadline are read, not chatted about). A
 * calendar day ('YYYY-MM-DD') is that day wherever the browser is: it is never shifted by a time
 * zone. An instant is shown in `timeZone` when given (the organisation's, e.g. for the monthly
 * review), else in the browser's. Day counts ("in 12 days") are never computed here: the server
 * counts them in the organisation's time zone (server/src/calendar) and the UI only words them.
 */
export type DateKind = 'date' | 'dateWithWeekday' | 'dateTime' | 'logTime' | 'month' | 'time';

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const OPTIONS: Record<DateKind, Intl.DateTimeFormatOptions> = {
  date: DAY,
  dateWithWeekday: { ...DAY, weekday: 'short' },
  dateTime: { ...DAY, ...CLOCK },
  logTime: { ...DAY, ...CLOCK, second: '2-digit' },
  month: { year: 'numeric', month: 'long' },
  time: CLOCK,
};

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CALENDAR_MONTH = /^(\d{4})-(\d{2})$/;

/** Formats `value` (an ISO instant, a 'YYYY-MM-DD' day or a 'YYYY-MM' month) as `kind` in `locale`; '' for nothing. */
export const formatDate = (
  value: string | Date | null | undefined,
  kind: DateKind,
  locale: string,
  timeZone?: string,
): string => {
  if (value === null || value === undefined || value === '') return '';
  let date: Date;
  let zone = timeZone;
  const day = typeof value === 'string' ? (CALENDAR_DAY.exec(value) ?? CALENDAR_MONTH.exec(value)) : null;
  if (day) {
    // A calendar day or month: noon UTC of that day, written in UTC, is that day everywhere.
    date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3] ?? 1), 12));
    zone = 'UTC';
  } else {
    date = typeof value === 'string' ? new Date(value) : value;
  }
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  try {
    return new Intl.DateTimeFormat(locale, { ...OPTIONS[kind], timeZone: zone }).format(date);
  } catch {
    // An unknown time zone name: the browser's rather than nothing.
    return new Intl.DateTimeFormat(locale, OPTIONS[kind]).format(date);
  }
};

/** "today" / "in 12 days" / "3 days ago", for a day count the server computed. */
export const relativeDays = (days: number, translate: (key: string, options?: object) => string): string => {
  if (days === 0) return translate('app.dates.today');
  return days > 0
    ? translate('app.dates.in_days', { smart_count: days })
    : translate('app.dates.days_ago', { smart_count: -days });
};

/** The formatters in the UI's current language. */
export const useDates = (timeZone?: string) => {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  return {
    format: (value: string | Date | null | undefined, kind: DateKind = 'date') =>
      formatDate(value, kind, locale, timeZone),
    relativeDays: (days: number) => relativeDays(days, translate),
  };
};
