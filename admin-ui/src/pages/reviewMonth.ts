// Calendar months of the monthly access-log review ("2026-10"); no React, so tests load it without the UI.

/** A month as the API takes it: `YYYY-MM`. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonth = (value: unknown): value is string => typeof value === 'string' && MONTH.test(value);

/** The calendar month `date` falls in, in `timeZone` (the browser's when none is given or it is unknown). */
export const monthIn = (date: Date, timeZone?: string): string => {
  const format = (zone: string | undefined) =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit' }).formatToParts(date);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = format(timeZone);
  } catch {
    parts = format(undefined);
  }
  const year = parts.find((part) => part.type === 'year')?.value ?? '';
  const month = parts.find((part) => part.type === 'month')?.value ?? '';
  return `${year.padStart(4, '0')}-${month}`;
};

/** `month` moved by `delta` months: shiftMonth('2026-01', -1) is '2025-12'. */
export const shiftMonth = (month: string, delta: number): string => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** The month a review is usually done for: the last finished one in `timeZone`. */
export const previousMonth = (now: Date, timeZone?: string): string => shiftMonth(monthIn(now, timeZone), -1);
