import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BusinessCalendar } from './business-calendar';
import { CalendarRepository } from './calendar.repository';
import { Clock } from './clock';
import {
  deadlineAt,
  dueOf,
  jurisdictionsOf,
  spanOf,
  type Deadline,
  type DeadlineRule,
  type DeadlineStart,
} from './deadline';
import type { Jurisdiction } from './jurisdictions';
import { LocalDayMemo, localDateOf, type LocalDate } from './local-date';

/**
 * The organisation's calendar: now, today in the organisation's time zone (ORG_TIME_ZONE),
 * business days with each jurisdiction's holidays, and deadlines. Every date rule of every
 * feature goes through here; features add their rules (rights-request periods, 72-hour clocks,
 * retention) on top.
 */
@Injectable()
export class CalendarService {
  private readonly days = new LocalDayMemo();

  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly repo: CalendarRepository,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The organisation's time zone (IANA), ORG_TIME_ZONE. */
  get timeZone(): string {
    return this.config.orgTimeZone;
  }

  /** Today's date in the organisation's time zone (or `timeZone`). Asked on most requests. */
  today(timeZone = this.timeZone): LocalDate {
    return this.days.dateOf(this.clock.now(), timeZone);
  }

  /** A jurisdiction's business days over [from, to], with its active holidays loaded. */
  async businessCalendar(jurisdiction: Jurisdiction, from: LocalDate, to: LocalDate): Promise<BusinessCalendar> {
    return new BusinessCalendar(jurisdiction, await this.repo.activeDates(jurisdiction, from, to), { from, to });
  }

  /** A deadline now: due date, due instant, days and hours left, and its state. */
  async deadline(rule: DeadlineRule, start: DeadlineStart, timeZone = this.timeZone): Promise<Deadline> {
    const base = 'at' in start ? localDateOf(start.at, timeZone) : start.after;
    const span = spanOf(rule, base);
    const calendars = new Map<Jurisdiction, BusinessCalendar>();
    for (const j of jurisdictionsOf(rule)) calendars.set(j, await this.businessCalendar(j, span.from, span.to));
    const due = dueOf(rule, start, timeZone, (j) => {
      const calendar = calendars.get(j);
      if (calendar === undefined) throw new Error(`No calendar loaded for ${j}`);
      return calendar;
    });
    return deadlineAt(rule, start, due, this.clock.now(), timeZone);
  }
}
