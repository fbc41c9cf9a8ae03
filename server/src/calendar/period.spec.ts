import { isShorterPeriod, parsePeriod, shiftByPeriod } from './period';

describe('shiftByPeriod forwards: the day a period running from a date ends', () => {
  it('counts years, months, weeks and days on the calendar, month ends and leap days included', () => {
    expect(shiftByPeriod('2026-12-04', 'P5Y', 1)).toBe('2031-12-04');
    // A payment on a leap day is kept until 28 February five years on, not into March.
    expect(shiftByPeriod('2024-02-29', 'P5Y', 1)).toBe('2029-02-28');
    expect(shiftByPeriod('2026-08-31', 'P6M', 1)).toBe('2027-02-28');
    expect(shiftByPeriod('2026-12-20', 'P30D', 1)).toBe('2027-01-19');
    expect(shiftByPeriod('2026-01-31', 'P1Y1M', 1)).toBe('2027-02-28');
    expect(shiftByPeriod('2026-01-01', 'P2W', 1)).toBe('2026-01-15');
  });

  it('answers null for what is not a positive period', () => {
    for (const period of ['P', 'P0D', '5Y', 'PT5H', 'P-1Y', '1 year', '']) {
      expect(shiftByPeriod('2026-01-01', period, 1)).toBeNull();
      expect(parsePeriod(period)).toBeNull();
    }
  });
});

describe('shiftByPeriod backwards: the day before which a record is past its period', () => {
  it('goes back by the period on the calendar', () => {
    expect(shiftByPeriod('2026-03-11', 'P5Y', -1)).toBe('2021-03-11');
    expect(shiftByPeriod('2026-06-10', 'P3M', -1)).toBe('2026-03-10');
    expect(shiftByPeriod('2029-02-28', 'P5Y', -1)).toBe('2024-02-28');
    expect(shiftByPeriod('2027-01-19', 'P30D', -1)).toBe('2026-12-20');
  });
});

describe('isShorterPeriod', () => {
  it('compares periods by where they end from a leap day', () => {
    expect(isShorterPeriod('P30D', 'P1Y')).toBe(true);
    expect(isShorterPeriod('P31D', 'P1M')).toBe(false);
    expect(isShorterPeriod('P1Y', 'P12M')).toBe(false);
  });
});
