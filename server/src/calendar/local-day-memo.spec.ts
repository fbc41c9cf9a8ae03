import fc from 'fast-check';
import { addCalendarDays, LocalDayMemo, localDateOf, localYearOf, startOfLocalDate, yearOf } from './local-date';

// Zones with a daylight-saving change at midnight (Santiago, Havana: a local day that starts at
// 01:00, or lasts 25 hours), an ordinary one (Berlin), none (Seoul), a 45-minute offset
// (Kathmandu) and one past the date line (Chatham Islands).
const ZONES = [
  'Asia/Seoul',
  'Europe/Berlin',
  'America/Santiago',
  'America/Havana',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'UTC',
];
const HOUR = 3_600_000;

/** `check` for 3,000 random instants in [from, to], each in one of the ZONES. */
function forRandomInstants(from: number, to: number, check: (instant: Date, zone: string) => void): void {
  fc.assert(
    fc.property(fc.constantFrom(...ZONES), fc.integer({ min: from, max: to }), (zone, t) => check(new Date(t), zone)),
    { numRuns: 3000 },
  );
}

describe('LocalDayMemo', () => {
  it('answers localDateOf on both sides of every midnight of a year, walked forwards and back', () => {
    for (const zone of ZONES) {
      const memo = new LocalDayMemo();
      const instants: number[] = [];
      for (let day = '2026-01-01'; day < '2027-01-02'; day = addCalendarDays(day, 1)) {
        const start = startOfLocalDate(day, zone).getTime();
        instants.push(start - 1, start, start + 1, start + 5 * HOUR, start + 23 * HOUR);
      }
      for (const t of [...instants, ...instants.reverse()]) {
        const instant = new Date(t);
        expect(memo.dateOf(instant, zone)).toBe(localDateOf(instant, zone));
      }
    }
  });

  it('answers localDateOf for instants in any order, around the changes of offset', () => {
    const memo = new LocalDayMemo();
    // 1900 to 2100: historic offsets of a few seconds and minutes included.
    forRandomInstants(Date.UTC(1900, 0, 1), Date.UTC(2100, 0, 1), (instant, zone) =>
      expect(memo.dateOf(instant, zone)).toBe(localDateOf(instant, zone)),
    );
  });

  it('answers localDateOf across a day whose first instant startOfLocalDate misses (Kathmandu, 1986)', () => {
    // At midnight on 1 January 1986 Kathmandu moved from +05:30 to +05:45.
    const zone = 'Asia/Kathmandu';
    const from = Date.parse('1985-12-31T17:00:00Z');
    const minutes = Array.from({ length: 180 }, (_, i) => from + i * 60_000);
    const memo = new LocalDayMemo();
    for (const t of [...minutes, ...minutes.reverse()]) {
      expect([t, memo.dateOf(new Date(t), zone)]).toEqual([t, localDateOf(new Date(t), zone)]);
    }
  });

  it('moves to the next day at local midnight, not at a whole UTC day', () => {
    const memo = new LocalDayMemo();
    // Midnight in Seoul is 15:00 UTC the day before.
    expect(memo.dateOf(new Date('2026-12-04T14:59:59.999Z'), 'Asia/Seoul')).toBe('2026-12-04');
    expect(memo.dateOf(new Date('2026-12-04T15:00:00.000Z'), 'Asia/Seoul')).toBe('2026-12-05');
    expect(memo.dateOf(new Date('2026-12-04T14:59:59.999Z'), 'Asia/Seoul')).toBe('2026-12-04');
  });
});

describe('localYearOf', () => {
  it('answers the year of localDateOf on both sides of every new year from 1900 to 2100', () => {
    for (const zone of ZONES) {
      for (let year = 1900; year <= 2100; year++) {
        const start = startOfLocalDate(`${year}-01-01`, zone).getTime();
        for (const t of [start - 1, start, start + 1]) {
          const instant = new Date(t);
          expect([zone, t, localYearOf(instant, zone)]).toEqual([zone, t, yearOf(localDateOf(instant, zone))]);
        }
      }
    }
  });

  it('answers the year of localDateOf for any instant', () => {
    forRandomInstants(Date.UTC(1800, 0, 1), Date.UTC(2200, 0, 1), (instant, zone) =>
      expect(localYearOf(instant, zone)).toBe(yearOf(localDateOf(instant, zone))),
    );
  });
});
