import { Clock } from '../../server/src/common/clock';

/** A clock the test moves by hand. Starts at the real time, aligned to a TOTP step start. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start = Math.floor(Date.now() / 30_000) * 30_000 + 1_000) {
    super();
    this.current = start;
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  epochSeconds(): number {
    return Math.floor(this.current / 1000);
  }
}
