import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../common/logger';
import { CalendarRepository } from './calendar.repository';
import { Clock } from './clock';
import { LibraryHolidaySource } from './holiday-source';
import { JURISDICTION_CODES } from './jurisdictions';
import { yearOf, localDateOf } from './local-date';

/** The first year the calendar holds (a migration seeded 2020-2035). */
export const FIRST_SEEDED_YEAR = 2020;
/** Years ahead of today the calendar always holds, so that no deadline runs past its holidays. */
export const YEARS_AHEAD = 9;

/**
 * Seeds, at start-up, every year from FIRST_SEEDED_YEAR to YEARS_AHEAD years from now that no
 * one has seeded yet, from the holiday library. A seeded year is never seeded again: the DPO's
 * corrections and additions stay, and a newer library only affects years seeded after it.
 */
@Injectable()
export class HolidaySeeder implements OnApplicationBootstrap {
  constructor(
    private readonly repo: CalendarRepository,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.seedMissingYears();
    if (seeded.length > 0) this.log.info({ seeded }, 'holiday calendars seeded');
  }

  async seedMissingYears(lastYear = yearOf(localDateOf(this.clock.now(), 'UTC')) + YEARS_AHEAD): Promise<string[]> {
    const source = new LibraryHolidaySource();
    const seeded: string[] = [];
    for (const jurisdiction of JURISDICTION_CODES) {
      const done = new Set(await this.repo.seededYears(jurisdiction));
      for (let year = FIRST_SEEDED_YEAR; year <= lastYear; year += 1) {
        if (done.has(year)) continue;
        const now = this.clock.now();
        if (
          await this.repo.seedYear(
            jurisdiction,
            year,
            LibraryHolidaySource.id,
            source.holidays(jurisdiction, year),
            now,
          )
        ) {
          seeded.push(`${jurisdiction} ${year}`);
        }
      }
    }
    return seeded;
  }
}
