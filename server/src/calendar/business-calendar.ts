import { addCalendarDays, isoWeekday, type LocalDate } from './local-date';

/** Saturday and Sunday (ISO weekdays). */
export const WEEKEND: readonly number[] = [6, 7];

/**
 * Business days of one jurisdiction over a span of dates whose holidays are loaded: every day
 * that is neither a weekend day nor a holiday. It refuses dates outside that span rather than
 * silently treating their holidays as working days.
 */
export class BusinessCalendar {
  private readonly holidays: ReadonlySet<LocalDate>;

  constructor(
    readonly jurisdiction: string,
    holidays: Iterable<LocalDate>,
    readonly span: { from: LocalDate; to: LocalDate },
    private readonly weekend: readonly number[] = WEEKEND,
  ) {
    this.holidays = new Set(holidays);
  }

  isHoliday(date: LocalDate): boolean {
    this.check(date);
    return this.holidays.has(date);
  }

  isBusinessDay(date: LocalDate): boolean {
    this.check(date);
    return !this.weekend.includes(isoWeekday(date)) && !this.holidays.has(date);
  }

  /** `date` itself when it is a business day, else the next one. */
  onOrAfter(date: LocalDate): LocalDate {
    let day = date;
    while (!this.isBusinessDay(day)) day = addCalendarDays(day, 1);
    return day;
  }

  /** The `count`-th business day after `date` (the day itself is not counted; 0 gives `date`). */
  addBusinessDays(date: LocalDate, count: number): LocalDate {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`Not a business-day count: ${count}`);
    let day = date;
    for (let left = count; left > 0;) {
      day = addCalendarDays(day, 1);
      if (this.isBusinessDay(day)) left -= 1;
    }
    return day;
  }

  /** Business days after `from` up to and including `to` (0 when `to` is not later). */
  businessDaysBetween(from: LocalDate, to: LocalDate): number {
    let count = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) {
      if (this.isBusinessDay(day)) count += 1;
    }
    return count;
  }

  private check(date: LocalDate): void {
    if (date < this.span.from || date > this.span.to) {
      throw new RangeError(
        `${date} is outside the loaded holidays of ${this.jurisdiction} (${this.span.from}…${this.span.to})`,
      );
    }
  }
}
