import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BusinessCalendar } from './business-calendar';
import { deadlineAt, dueOf, type DeadlineRule, type DeadlineStart } from './deadline';
import { LibraryHolidaySource } from './holiday-source';
import type { Jurisdiction } from './jurisdictions';
import {
  addCalendarDays,
  addCalendarMonths,
  addCalendarYears,
  calendarDaysBetween,
  endOfLocalDate,
  isLocalDate,
  localDateOf,
} from './local-date';

const SEOUL = 'Asia/Seoul';
const LA = 'America/Los_Angeles';
const library = new LibraryHolidaySource();

/** A business calendar with the library's holidays of the years a test touches. */
const calendarOf = (jurisdiction: Jurisdiction, ...years: number[]) =>
  new BusinessCalendar(
    jurisdiction,
    years.flatMap((y) => library.holidays(jurisdiction, y).map((h) => h.date)),
    { from: `${years[0]}-01-01`, to: `${years[years.length - 1]}-12-31` },
  );

const due = (rule: DeadlineRule, start: DeadlineStart, timeZone: string, calendar?: BusinessCalendar) =>
  dueOf(rule, start, timeZone, () => {
    if (calendar === undefined) throw new Error('no calendar expected');
    return calendar;
  });

describe('calendar arithmetic on local dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-01-15', 1, '2026-02-15'],
  ])('clamps %s + %i month(s) to %s', (from, months, expected) => {
    expect(addCalendarMonths(from, months)).toBe(expected);
  });

  it('moves 29 February a year on to 28 February, and back to a leap day four years on', () => {
    expect(addCalendarYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addCalendarYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
  });

  it('counts calendar days across a DST change as whole days', () => {
    expect(calendarDaysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(calendarDaysBetween('2026-11-02', '2026-10-31')).toBe(-2);
  });

  it('accepts only real dates', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
  });

  it('puts an instant on the date it has in the time zone (the next day in Seoul)', () => {
    const instant = new Date('2026-03-31T15:30:00Z');
    expect(localDateOf(instant, SEOUL)).toBe('2026-04-01');
    expect(localDateOf(instant, LA)).toBe('2026-03-31');
    expect(localDateOf(instant, 'UTC')).toBe('2026-03-31');
  });

  it('ends a day in Los Angeles at local midnight whatever the DST offset', () => {
    expect(endOfLocalDate('2026-03-07', LA).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    // 8 March has 23 hours: it ends at 07:00 UTC, not 08:00.
    expect(endOfLocalDate('2026-03-08', LA).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    // 1 November has 25 hours.
    expect(endOfLocalDate('2026-11-01', LA).toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });
});

describe('holidays from the library', () => {
  it("has Korea's lunar holidays with the three days around Seollal and Chuseok, and substitute days", () => {
    const kr2026 = library.holidays('KR', 2026);
    const days = (name: string) => kr2026.filter((h) => h.nameKo === name).map((h) => h.date);
    expect(days('설날')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18']);
    expect(days('추석')).toEqual(['2026-09-24', '2026-09-25', '2026-09-26']);
    expect(kr2026.filter((h) => h.kind === 'substitute').map((h) => h.date)).toEqual([
      '2026-03-02',
      '2026-05-25',
      '2026-08-17',
      '2026-10-05',
    ]);
    // 2024: Seollal's Saturday and Sunday give Monday 12 February as a substitute day.
    const kr2024 = library.holidays('KR', 2024).map((h) => `${h.date} ${h.kind}`);
    expect(kr2024).toEqual(
      expect.arrayContaining(['2024-02-09 public', '2024-02-10 public', '2024-02-11 public', '2024-02-12 substitute']),
    );
  });

  it("has California's state holidays", () => {
    const ca2026 = library.holidays('US-CA', 2026).map((h) => `${h.date} ${h.nameEn}`);
    expect(ca2026).toEqual(
      expect.arrayContaining([
        '2026-03-31 César Chávez Day',
        '2026-11-26 Thanksgiving Day',
        '2026-11-27 Day after Thanksgiving Day',
      ]),
    );
  });

  it('matches the rows the seed migration holds for 2020-2035 (a newer library shows up here)', () => {
    const sql = readFileSync(join(__dirname, '../../../migrations/20261203000810-seed-calendar-holidays.sql'), 'utf8');
    const seeded = [
      ...sql.matchAll(/^ {2}\('(KR|US-CA)', '([\d-]+)', '((?:[^']|'')*)', '(?:[^']|'')*', '(\w+)', 'library'\)/gm),
    ]
      .map((m) => `${m[1]} ${m[2]} ${m[3].replace(/''/g, "'")} ${m[4]}`)
      .sort();
    const computed: string[] = [];
    for (const j of ['KR', 'US-CA'] as const) {
      for (let y = 2020; y <= 2035; y += 1) {
        for (const h of library.holidays(j, y)) computed.push(`${j} ${h.date} ${h.nameKo} ${h.kind}`);
      }
    }
    expect(seeded.length).toBeGreaterThan(400);
    expect(seeded).toEqual(computed.sort());
  });
});

describe('business days', () => {
  it('skips Chuseok 2026 and the weekend in Korea', () => {
    const kr = calendarOf('KR', 2026);
    // Wed 23 Sep + 1: Thu-Sat is Chuseok, Sun is a weekend day.
    expect(kr.addBusinessDays('2026-09-23', 1)).toBe('2026-09-28');
    // Received Mon 21 Sep: 10 business days also skip Mon 5 Oct (substitute for Sat 3 Oct).
    expect(kr.addBusinessDays('2026-09-21', 10)).toBe('2026-10-08');
    expect(kr.businessDaysBetween('2026-09-21', '2026-10-08')).toBe(10);
  });

  it('skips a Korean substitute holiday (Buddha’s Birthday 2026 falls on a Sunday)', () => {
    const kr = calendarOf('KR', 2026);
    expect(kr.isBusinessDay('2026-05-25')).toBe(false);
    expect(kr.addBusinessDays('2026-05-22', 1)).toBe('2026-05-26');
  });

  it('skips Cesar Chavez Day, Thanksgiving and the day after in California', () => {
    const ca = calendarOf('US-CA', 2026);
    expect(ca.addBusinessDays('2026-03-30', 1)).toBe('2026-04-01');
    // Received Mon 23 Nov: Thu 26 and Fri 27 are holidays.
    expect(ca.addBusinessDays('2026-11-23', 10)).toBe('2026-12-09');
    // In Korea those are working days.
    expect(calendarOf('KR', 2026).addBusinessDays('2026-11-23', 10)).toBe('2026-12-07');
  });

  it('refuses dates whose holidays are not loaded', () => {
    const kr = calendarOf('KR', 2026);
    expect(() => kr.addBusinessDays('2026-12-28', 10)).toThrow(RangeError);
  });
});

describe('deadlines', () => {
  const tenDays: DeadlineRule = { unit: 'calendar_days', amount: 10, atRisk: { days: 3 } };

  it('counts from the local date of receipt in Seoul, even when it is still the day before in UTC', () => {
    // 23:30 in Seoul on 31 March is 14:30 UTC: the request arrived on 31 March.
    const start = { at: new Date('2026-03-31T14:30:00Z') };
    expect(due(tenDays, start, SEOUL).dueOn).toBe('2026-04-10');
    // 00:30 in Seoul on 1 April (15:30 UTC on 31 March) is the next day.
    const later = { at: new Date('2026-03-31T15:30:00Z') };
    const d = due(tenDays, later, SEOUL);
    expect(d.dueOn).toBe('2026-04-11');
    expect(d.dueAt.toISOString()).toBe('2026-04-11T15:00:00.000Z');
  });

  it('lands on the right local date and instant across the spring DST change in Los Angeles', () => {
    // 23:30 PST on Saturday 7 March 2026; DST starts at 02:00 on 8 March.
    const start = { at: new Date('2026-03-08T07:30:00Z') };
    const oneDay = due({ unit: 'calendar_days', amount: 1, atRisk: { days: 0 } }, start, LA);
    expect(oneDay).toEqual({ dueOn: '2026-03-08', dueAt: new Date('2026-03-09T07:00:00Z') });
    // Millisecond arithmetic (start of 7 March + 2 × 24 h) would say 01:00 on 9 March.
    expect(oneDay.dueAt.toISOString()).not.toBe('2026-03-09T08:00:00.000Z');
    // Across the autumn change: 25 hours on 1 November.
    const autumn = due(tenDays, { at: new Date('2026-10-25T19:00:00Z') }, LA);
    expect(autumn).toEqual({ dueOn: '2026-11-04', dueAt: new Date('2026-11-05T08:00:00Z') });
  });

  it('counts a month with the end-of-month clamp, and extends from the due date', () => {
    const month: DeadlineRule = { unit: 'months', amount: 1, atRisk: { days: 5 } };
    expect(due(month, { at: new Date('2026-01-31T03:00:00Z') }, SEOUL).dueOn).toBe('2026-02-28');
    expect(due(month, { at: new Date('2028-01-31T03:00:00Z') }, SEOUL).dueOn).toBe('2028-02-29');
    expect(due(month, { at: new Date('2026-08-31T03:00:00Z') }, SEOUL).dueOn).toBe('2026-09-30');
    // GDPR Art. 12(3): two more months from the first due date.
    expect(due({ ...month, amount: 2 }, { after: '2026-02-28' }, SEOUL).dueOn).toBe('2026-04-28');
  });

  it('counts 10 business days in California and 10 days rolled off a Korean holiday', () => {
    const ca = calendarOf('US-CA', 2026);
    const ccpa: DeadlineRule = { unit: 'business_days', amount: 10, jurisdiction: 'US-CA', atRisk: { days: 2 } };
    expect(due(ccpa, { at: new Date('2026-11-23T18:00:00Z') }, LA, ca).dueOn).toBe('2026-12-09');
    // 10 days from 14 Sep ends on Thu 24 Sep (Chuseok): it moves to Mon 28 Sep.
    const kr = calendarOf('KR', 2026);
    const rolled: DeadlineRule = { ...tenDays, rollToBusinessDay: 'KR' };
    expect(due(rolled, { at: new Date('2026-09-14T01:00:00Z') }, SEOUL, kr).dueOn).toBe('2026-09-28');
  });

  it('runs a 72-hour clock by the hour, across a DST change too', () => {
    const rule: DeadlineRule = { unit: 'hours', amount: 72, atRisk: { hours: 24 } };
    const start = { at: new Date('2026-03-07T12:00:00Z') };
    const d = due(rule, start, LA);
    expect(d.dueAt.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(deadlineAt(rule, start, d, new Date('2026-03-09T11:00:00Z'), LA)).toMatchObject({
      hoursLeft: 25,
      state: 'on_time',
    });
    expect(deadlineAt(rule, start, d, new Date('2026-03-09T13:00:00Z'), LA).state).toBe('at_risk');
    expect(deadlineAt(rule, start, d, new Date('2026-03-10T12:00:00Z'), LA).state).toBe('overdue');
  });

  it('says on time, at risk and overdue by the days left in the organisation time zone', () => {
    const start = { at: new Date('2026-04-01T01:00:00Z') };
    const d = due(tenDays, start, SEOUL);
    expect(d.dueOn).toBe('2026-04-11');
    const at = (iso: string) => deadlineAt(tenDays, start, d, new Date(iso), SEOUL);
    expect(at('2026-04-07T14:59:59Z')).toMatchObject({ daysLeft: 4, state: 'on_time' });
    // 00:00 on 8 April in Seoul is still 7 April in UTC: three days left there.
    expect(at('2026-04-07T15:00:00Z')).toMatchObject({ daysLeft: 3, state: 'at_risk' });
    expect(at('2026-04-11T14:59:59Z')).toMatchObject({ daysLeft: 0, state: 'at_risk' });
    expect(at('2026-04-11T15:00:00Z')).toMatchObject({ daysLeft: -1, state: 'overdue' });
  });
});
