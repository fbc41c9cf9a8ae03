/// <reference types="jest" />
import { formatDate, relativeDays } from './dates';

jest.mock('react-admin', () => ({}));

describe('one date format per locale (formatDate)', () => {
  const instant = '2026-11-22T06:04:05Z'; // 15:04:05 in Seoul

  it('writes each kind the same way in Korean and in English, on a 24-hour clock', () => {
    const seoul = 'Asia/Seoul';
    expect(formatDate(instant, 'date', 'ko', seoul)).toBe('2026년 11월 22일');
    expect(formatDate(instant, 'dateTime', 'ko', seoul)).toBe('2026년 11월 22일 15:04');
    expect(formatDate(instant, 'logTime', 'ko', seoul)).toBe('2026년 11월 22일 15:04:05');
    expect(formatDate(instant, 'time', 'ko', seoul)).toBe('15:04');
    expect(formatDate(instant, 'date', 'en', seoul)).toBe('Nov 22, 2026');
    expect(formatDate(instant, 'dateTime', 'en', seoul)).toBe('Nov 22, 2026, 15:04');
    expect(formatDate(instant, 'logTime', 'en', seoul)).toBe('Nov 22, 2026, 15:04:05');
  });

  it('keeps a calendar day that day, whatever the time zone', () => {
    for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Seoul', 'Pacific/Pago_Pago']) {
      expect(formatDate('2026-01-31', 'date', 'en', zone)).toBe('Jan 31, 2026');
      expect(formatDate('2026-01-31', 'dateWithWeekday', 'ko', zone)).toBe('2026년 1월 31일 (토)');
    }
    expect(formatDate('2026-10', 'month', 'ko')).toBe('2026년 10월');
    expect(formatDate('2026-10', 'month', 'en')).toBe('October 2026');
  });

  it('writes nothing for nothing, and an unreadable value as it is', () => {
    expect(formatDate(null, 'date', 'ko')).toBe('');
    expect(formatDate('', 'date', 'ko')).toBe('');
    expect(formatDate('not a date', 'date', 'ko')).toBe('not a date');
  });

  it('words a day count the server computed', () => {
    const translate = (key: string, options?: object) => `${key}${JSON.stringify(options ?? {})}`;
    expect(relativeDays(0, translate)).toBe('app.dates.today{}');
    expect(relativeDays(12, translate)).toBe('app.dates.in_days{"smart_count":12}');
    expect(relativeDays(-3, translate)).toBe('app.dates.days_ago{"smart_count":3}');
  });
});
