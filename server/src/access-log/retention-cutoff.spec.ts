import { retentionCutoff } from './audit-purge.service';

describe('the access-log retention cut', () => {
  it('is the start of the day 730 days back in Seoul, counting the leap day between', () => {
    // A fixed clock: 11:00 on 3 December 2026 in Seoul. 29 February 2024 lies in between.
    const cut = retentionCutoff(new Date('2026-12-03T02:00:00Z'), 730, 'Asia/Seoul');
    expect(cut.toISOString()).toBe('2024-12-02T15:00:00.000Z'); // 00:00 on 3 December 2024 in Seoul
  });

  it('uses the Seoul date when UTC is still the day before', () => {
    // 00:30 on 1 March 2028 in Seoul (29 February in UTC): the cut is 1 March 2027, 00:00 Seoul.
    expect(retentionCutoff(new Date('2028-02-29T15:30:00Z'), 366, 'Asia/Seoul').toISOString()).toBe(
      '2027-02-28T15:00:00.000Z',
    );
  });

  it('is never later than exactly that many days, which the database insists on, across a DST change', () => {
    // 00:30 on 9 March 2026 in Los Angeles, the day after clocks went forward: the start of
    // 8 March (08:00 UTC) is later than exactly 24 hours ago (07:30 UTC).
    const now = new Date('2026-03-09T07:30:00Z');
    expect(retentionCutoff(now, 1, 'America/Los_Angeles').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(retentionCutoff(new Date('2026-03-09T12:00:00Z'), 1, 'America/Los_Angeles').toISOString()).toBe(
      '2026-03-08T08:00:00.000Z',
    );
  });
});
