import { median, monthSummary, openAges } from './complaint-figures';

describe('complaint figures', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([27, 5, 18])).toBe(18);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('puts open complaints in age buckets with inclusive edges: 0–3, 4–7, 8–10, over 10', () => {
    const today = '2026-10-20';
    const received = (daysAgo: number) => `2026-10-${String(20 - daysAgo).padStart(2, '0')}`;
    const ages = openAges(
      [0, 3, 4, 7, 8, 10, 11].map((d) => ({ day: received(d), count: 1 })),
      today,
      1,
    );
    expect(ages).toEqual({
      total: 7,
      byAge: [
        { age: '0_3', count: 2 },
        { age: '4_7', count: 2 },
        { age: '8_10', count: 2 },
        { age: 'over_10', count: 1 },
      ],
      overdue: 1,
    });
  });

  it('counts a complaint resolved on its target day, in Seoul, as on time', () => {
    const summary = monthSummary({
      month: '2026-10',
      timeZone: 'Asia/Seoul',
      monthStart: new Date('2026-09-30T15:00:00Z'),
      monthEnd: new Date('2026-10-31T15:00:00Z'),
      complaints: [
        // 23:30 on the target day in Seoul (still 14:30 UTC that day): on time.
        {
          receivedAt: new Date('2026-10-01T01:00:00Z'),
          category: 'consent',
          severity: 'low',
          status: 'resolved',
          targetOn: '2026-10-12',
          resolvedAt: new Date('2026-10-12T14:30:00Z'),
        },
        // 00:30 the next day in Seoul (still the target day in UTC): late.
        {
          receivedAt: new Date('2026-10-01T01:00:00Z'),
          category: 'consent',
          severity: 'low',
          status: 'resolved',
          targetOn: '2026-10-12',
          resolvedAt: new Date('2026-10-12T15:30:00Z'),
        },
      ],
      escalations: [],
    });
    expect(summary.resolved).toEqual({ onTime: 1, late: 1 });
    expect(summary.medianDaysToResolve).toBe(11.5);
  });
});
