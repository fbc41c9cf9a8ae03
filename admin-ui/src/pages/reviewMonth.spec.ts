/// <reference types="jest" />
import { isMonth, monthOfDay, shiftMonth } from './reviewMonth';

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

  it("takes the month of the organisation's today, as the server sends it", () => {
    expect(monthOfDay('2026-11-01')).toBe('2026-11');
    expect(shiftMonth(monthOfDay('2027-01-15'), -1)).toBe('2026-12');
  });
});
