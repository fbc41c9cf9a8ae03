import { parseExpression } from 'cron-parser';

/**
 * Reads a job's cron expression the way pg-boss evaluates it (cron-parser, in the given time zone).
 * Only the five standard fields: pg-boss fires a schedule at most once a minute.
 */
export class CronSchedule {
  private constructor(
    readonly expression: string,
    readonly timeZone: string,
  ) {}

  static parse(expression: string, timeZone: string): CronSchedule {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 5) throw new Error(`cron "${expression}" must have five fields (minute to weekday)`);
    parseExpression(expression, { tz: timeZone });
    return new CronSchedule(expression, timeZone);
  }

  /** The first time the schedule fires after `after`. */
  nextAfter(after: Date): Date {
    return parseExpression(this.expression, { tz: this.timeZone, currentDate: after }).next().toDate();
  }
}
