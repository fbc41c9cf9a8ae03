import { parseExpression } from 'cron-parser';

/** The part of pg-boss 10's Timekeeper that decides whether a schedule is due (src/timekeeper.js). */
interface TimekeeperShape {
  clockSkew: number;
  shouldSendIt(cron: string, tz: string): boolean;
}

interface Firings {
  /** When they were computed (this process's clock, ms). */
  from: number;
  /** The schedule's last firing before `from`, and its first one after. */
  prev: number;
  next: number;
}

/**
 * pg-boss 10 decides whether a schedule is due by parsing its cron expression in its time zone and
 * stepping back to the previous firing, for every schedule on every check (every
 * JOBS_SCHEDULE_CHECK_SECONDS). cron-parser 4 steps through luxon: 20–35 ms per schedule on the
 * 2-core machine, so about 300 ms of blocked event loop per check for the console's jobs (issue
 * F10's CPU profiles: 3 % of the server's time under load, and the requests queued behind it).
 *
 * The previous firing only changes once the next one has passed, so it is kept until then: the
 * same answer as pg-boss's own `shouldSendIt` (cron-due-memo.spec.ts compares them minute by
 * minute), computed once per firing instead of on every check.
 */
export function dueCheckWithMemo(): TimekeeperShape['shouldSendIt'] {
  const firings = new Map<string, Firings>();
  return function shouldSendIt(this: TimekeeperShape, cron: string, tz: string): boolean {
    // pg-boss's own clock (not the console's Clock): the memo answers exactly as the check it replaces.
    // eslint-disable-next-line no-restricted-properties
    const now = Date.now();
    const key = `${tz}\u0000${cron}`;
    let known = firings.get(key);
    if (known === undefined || now < known.from || now >= known.next) {
      const at = { tz, currentDate: new Date(now) };
      known = {
        from: now,
        prev: parseExpression(cron, at).prev().getTime(),
        next: parseExpression(cron, at).next().getTime(),
      };
      // On a whole minute, a firing may fall on `now` itself: cron-parser's prev and next both
      // leave it out, and it is the previous firing a moment later. Not kept, then.
      if (now % 60_000 !== 0) firings.set(key, known);
    }
    // As pg-boss: due when the previous firing, by the database's clock, is less than a minute ago.
    return (now + this.clockSkew - known.prev) / 1000 < 60;
  };
}

let installed = false;

/** Puts the memo in front of pg-boss's own check, once per process. */
export function installCronDueMemo(): void {
  if (installed) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- pg-boss 10 exports no Timekeeper
  const Timekeeper = require('pg-boss/src/timekeeper') as { prototype: TimekeeperShape };
  if (typeof Timekeeper.prototype.shouldSendIt !== 'function') {
    throw new Error('pg-boss no longer has Timekeeper.shouldSendIt: remove cron-due-memo.ts');
  }
  Timekeeper.prototype.shouldSendIt = dueCheckWithMemo();
  installed = true;
}
