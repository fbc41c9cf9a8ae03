import type HolidaysLibrary from 'date-holidays';
import { JURISDICTIONS, type Jurisdiction } from './jurisdictions';
import { addCalendarDays, calendarDaysBetween, localDateOf, type LocalDate } from './local-date';

export const HOLIDAY_KINDS = ['public', 'substitute', 'temporary'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** A holiday as a source states it, one row per day (Chuseok and Seollal are three). */
export interface HolidaySeed {
  jurisdiction: Jurisdiction;
  date: LocalDate;
  nameKo: string;
  nameEn: string;
  kind: HolidayKind;
}

// date-holidays anchors Seollal's three days at the new year's day instead of its eve, so the
// span misses 전날 and adds a day after 다음날 (its own KR.yaml says so; issue #640 there).
const SEOLLAL_RULE = 'korean 01-0-01 P3D';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const LIBRARY_VERSION = (require('date-holidays/package.json') as { version: string }).version;

/**
 * The public holidays the `date-holidays` package computes (lunar Seollal, Chuseok and
 * Buddha's Birthday, and substitute holidays included). Temporary holidays and election days
 * are decided late by governments and are added by hand.
 */
export class LibraryHolidaySource {
  static readonly id = `date-holidays@${LIBRARY_VERSION}`;

  holidays(jurisdiction: Jurisdiction, year: number): HolidaySeed[] {
    // Loaded on first use: most start-ups find every year seeded and never need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Holidays = require('date-holidays') as typeof HolidaysLibrary;
    const { library, timeZone } = JURISDICTIONS[jurisdiction];
    const calendar =
      'state' in library
        ? new Holidays(library.country, library.state, { types: ['public'], timezone: timeZone })
        : new Holidays(library.country, { types: ['public'], timezone: timeZone });
    const english = new Map(calendar.getHolidays(year, 'en').map((h) => [`${h.rule}|${h.date}`, h.name]));
    const seen = new Set<string>();
    const seeds: HolidaySeed[] = [];
    for (const h of calendar.getHolidays(year, 'ko')) {
      const first = addCalendarDays(h.date.slice(0, 10), h.rule === SEOLLAL_RULE ? -1 : 0);
      const days = Math.max(1, calendarDaysBetween(localDateOf(h.start, timeZone), localDateOf(h.end, timeZone)));
      for (let i = 0; i < days; i += 1) {
        const date = addCalendarDays(first, i);
        const key = `${date}|${h.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        seeds.push({
          jurisdiction,
          date,
          nameKo: h.name,
          nameEn: english.get(`${h.rule}|${h.date}`) ?? h.name,
          kind: h.substitute ? 'substitute' : 'public',
        });
      }
    }
    return seeds.sort((a, b) => a.date.localeCompare(b.date) || a.nameKo.localeCompare(b.nameKo));
  }
}
