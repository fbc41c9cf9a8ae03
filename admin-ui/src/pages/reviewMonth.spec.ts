/// <reference types="jest" />
import { isMonth, monthIn, previousMonth, shiftMonth } from './reviewMonth';

describe('review months', () => {
  it('accepts only YYYY-MM with a real month number', () => {
    expect(isMonth('2026-10')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-00')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth(undefined)).toBe(false);
  });

  it('moves across year ends', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2026-10', -13)).toBe('2025-09');
    expect(shiftMonth('2026-10', 0)).toBe('2026-10');
  });

  it('takes the month in the organisation time zone, not in UTC', () => {
    // 2026-10-31 20:00 UTC is already 1 November in Seoul.
    const instant = new Date('2026-10-31T20:00:00Z');
    expect(monthIn(instant, 'UTC')).toBe('2026-10');
    expect(monthIn(instant, 'Asia/Seoul')).toBe('2026-11');
    expect(previousMonth(instant, 'Asia/Seoul')).toBe('2026-10');
    expect(previousMonth(instant, 'UTC')).toBe('2026-09');
  });

  it('gives December of the year before in January', () => {
    expect(previousMonth(new Date('2027-01-15T12:00:00Z'), 'Asia/Seoul')).toBe('2026-12');
  });

  it("uses the browser's time zone when the given one is unknown", () => {
    const instant = new Date('2026-06-15T12:00:00Z');
    expect(monthIn(instant, 'Not/AZone')).toBe(monthIn(instant));
  });
});
