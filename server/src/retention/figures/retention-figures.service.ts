import { Injectable } from '@nestjs/common';
import { CalendarService } from '../../calendar/calendar.service';
import { addCalendarDays, type LocalDate } from '../../calendar/local-date';
import { RetentionFiguresRepository } from './retention-figures.repository';

const QUEUE_DAYS = 7;

export interface RetentionFigures {
  /** Today and the six days after it: what the destruction runs will meet (overdue items count today). */
  queue: { on: LocalDate; items: number; records: number; held: number }[];
  holdsDueForReview: number;
  dormancy: { due_for_notice: number; notified: number; separated: number; reactivated: number };
}

/** The DPO's retention figures: counts only (the caller checks the role). */
@Injectable()
export class RetentionFiguresService {
  constructor(
    private readonly figures: RetentionFiguresRepository,
    private readonly calendar: CalendarService,
  ) {}

  async forDpo(): Promise<RetentionFigures> {
    const today = this.calendar.today();
    const days = Array.from({ length: QUEUE_DAYS }, (_, i) => addCalendarDays(today, i));
    const counted = new Map((await this.figures.queueByDay(today, days[QUEUE_DAYS - 1])).map((d) => [d.on, d]));
    const states = new Map((await this.figures.dormancyByState()).map((s) => [s.state, s.n]));
    return {
      queue: days.map((on) => ({
        on,
        items: counted.get(on)?.items ?? 0,
        records: counted.get(on)?.records ?? 0,
        held: counted.get(on)?.held ?? 0,
      })),
      holdsDueForReview: await this.figures.holdsDueForReview(today),
      dormancy: {
        due_for_notice: states.get('due_for_notice') ?? 0,
        notified: states.get('notified') ?? 0,
        separated: states.get('separated') ?? 0,
        reactivated: states.get('reactivated') ?? 0,
      },
    };
  }
}
