import { Injectable } from '@nestjs/common';
import type { LocalDate } from '../../calendar/local-date';
import { Transactions } from '../../database/transactions';

/** Counts over the F9 tables for the dashboards: never a row about a person. */
@Injectable()
export class RetentionFiguresRepository {
  constructor(private readonly tx: Transactions) {}

  /** Open queue items by due date from `from` through `to`; anything overdue counts on `from`. */
  async queueByDay(
    from: LocalDate,
    to: LocalDate,
  ): Promise<{ on: LocalDate; items: number; records: number; held: number }[]> {
    return this.tx.manager.query(
      `SELECT to_char(greatest(due_on, $1::date), 'YYYY-MM-DD') AS "on", count(*)::int AS items,
              coalesce(sum(record_count), 0)::int AS records, count(*) FILTER (WHERE status = 'held')::int AS held
       FROM destruction_queue
       WHERE status IN ('pending', 'held') AND due_on <= $2::date
       GROUP BY 1`,
      [from, to],
    );
  }

  async holdsDueForReview(today: LocalDate): Promise<number> {
    const [row]: { n: number }[] = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM legal_holds WHERE status = 'active' AND review_on <= $1::date`,
      [today],
    );
    return row.n;
  }

  async dormancyByState(): Promise<{ state: string; n: number }[]> {
    return this.tx.manager.query(`SELECT state, count(*)::int AS n FROM dormancy_cases GROUP BY state`);
  }
}
