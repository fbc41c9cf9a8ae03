import { endOfRetention, startOfRetention } from './retention-period';

describe('endOfRetention', () => {
  it('counts years, months and days on the calendar, month ends and leap days included', () => {
    expect(endOfRetention('2026-12-04', 'P5Y')).toBe('2031-12-04');
    // A payment on a leap day is kept until 28 February five years on, not into March.
    expect(endOfRetention('2024-02-29', 'P5Y')).toBe('2029-02-28');
    expect(endOfRetention('2026-08-31', 'P6M')).toBe('2027-02-28');
    expect(endOfRetention('2026-12-20', 'P30D')).toBe('2027-01-19');
    expect(endOfRetention('2026-01-31', 'P1Y1M')).toBe('2027-02-28');
  });

  it('answers null for what is not a period of years, months and days', () => {
    for (const period of ['P', '5Y', 'PT5H', 'P5W', '']) expect(endOfRetention('2026-01-01', period)).toBeNull();
  });
});

describe('startOfRetention', () => {
  it('goes back by the period on the calendar: the day before which a record is past its period', () => {
    expect(startOfRetention('2026-03-11', 'P5Y')).toBe('2021-03-11');
    expect(startOfRetention('2026-06-10', 'P3M')).toBe('2026-03-10');
    expect(startOfRetention('2029-02-28', 'P5Y')).toBe('2024-02-28');
    expect(startOfRetention('2027-01-19', 'P30D')).toBe('2026-12-20');
  });

  it('answers null for what is not a period of years, months and days', () => {
    for (const period of ['P', 'P-1Y', '1 year', 'P5W']) expect(startOfRetention('2026-01-01', period)).toBeNull();
  });
});
