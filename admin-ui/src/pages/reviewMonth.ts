// Calendar months of the monthly access-log review ("2026-10"); no React, so tests load it without the UI.

/** A month as the API takes it: `YYYY-MM`. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonth = (value: unknown): value is string => typeof value === 'string' && MONTH.test(value);

/** The month of a plain date ('2026-11-03' → '2026-11'), e.g. of the organisation's today from the server. */
export const monthOfDay = (day: string): string => day.slice(0, 7);

/** `month` moved by `delta` months: shiftMonth('2026-01', -1) is '2025-12'. */
export const shiftMonth = (month: string, delta: number): string => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};
