import { hasFreshStepUp } from '../auth/step-up.guard';
import { AppConfig } from '../config/app-config';
import { CalendarService } from './calendar.service';
import type { CalendarRepository } from './calendar.repository';
import { Clock } from './clock';
import { exactDaysBefore, hasElapsed, instantAfter, msBetween, parseInstant, secondsUntil } from './instant';

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

const at = (iso: string) => new Date(iso);
const MINUTE = 60 * 1000;

describe('instants and exact durations', () => {
  it('adds and measures exact durations, also across a DST change (no wall clock involved)', () => {
    // 2026-03-08 02:00 in Los Angeles does not exist; a 12-hour session is still 12 hours.
    expect(instantAfter(at('2026-03-08T06:00:00Z'), 12 * 60 * MINUTE).toISOString()).toBe('2026-03-08T18:00:00.000Z');
    expect(msBetween(at('2026-03-08T06:00:00Z'), at('2026-03-08T18:00:00Z'))).toBe(12 * 60 * MINUTE);
    expect(exactDaysBefore(at('2024-03-01T00:00:00Z'), 1).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('ends a window only once more than its length has passed', () => {
    const since = at('2026-12-31T23:55:00Z');
    expect(hasElapsed(since, 10 * MINUTE, at('2027-01-01T00:05:00Z'))).toBe(false);
    expect(hasElapsed(since, 10 * MINUTE, at('2027-01-01T00:05:00.001Z'))).toBe(true);
  });

  it('keeps a step-up fresh for exactly its window', () => {
    const staff = { mfaVerifiedAt: at('2028-02-29T14:58:00Z') };
    expect(hasFreshStepUp(staff, at('2028-02-29T15:03:00Z'), 5 * MINUTE)).toBe(true);
    expect(hasFreshStepUp(staff, at('2028-02-29T15:03:00.001Z'), 5 * MINUTE)).toBe(false);
    expect(hasFreshStepUp({ mfaVerifiedAt: null }, at('2028-02-29T15:00:00Z'), 5 * MINUTE)).toBe(false);
  });

  it('rounds a Retry-After up to whole seconds, and never below zero', () => {
    const now = at('2026-11-22T00:00:00Z');
    expect(secondsUntil(at('2026-11-22T00:14:59.001Z'), now)).toBe(900);
    expect(secondsUntil(at('2026-11-22T00:15:00Z'), now)).toBe(900);
    expect(secondsUntil(at('2026-11-21T23:59:59Z'), now)).toBe(0);
  });

  it('reads an ISO instant, and nothing else', () => {
    expect(parseInstant('2026-11-22T09:00:00+09:00')?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(parseInstant('2026-11-22T00:00:00.123Z')?.toISOString()).toBe('2026-11-22T00:00:00.123Z');
    for (const bad of ['22 Novembre', '2026-11-22T09:00:00', '2026-11-22', '2026-01-01T25:00Z', '1e3']) {
      expect(parseInstant(bad)).toBeNull();
    }
  });
});

describe("the organisation's today with a fixed clock", () => {
  const calendarAt = (iso: string, orgTimeZone: string) =>
    new CalendarService(new FixedClock(at(iso)), { orgTimeZone } as AppConfig, {} as CalendarRepository);

  it('is already the next day in Seoul while UTC is still on the previous one', () => {
    // 00:30 on 1 March 2028 in Seoul; 29 February (a leap day) in UTC and in California.
    expect(calendarAt('2028-02-29T15:30:00Z', 'Asia/Seoul').today()).toBe('2028-03-01');
    expect(calendarAt('2028-02-29T15:30:00Z', 'America/Los_Angeles').today()).toBe('2028-02-29');
  });
});
