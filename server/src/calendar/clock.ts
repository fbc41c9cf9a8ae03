/**
 * The one source of "now". Tests replace it to move time without waiting; the calendar module
 * provides it to every other module.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
