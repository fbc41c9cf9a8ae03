import { dueCheckWithMemo } from './cron-due-memo';

// pg-boss's own check, untouched (the memo is installed only by the job runner).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pg-boss 10 exports no Timekeeper
const Timekeeper = require('pg-boss/src/timekeeper') as {
  prototype: { shouldSendIt(this: { clockSkew: number }, cron: string, tz: string): boolean };
};

describe('the memo of pg-boss schedule checks', () => {
  afterEach(() => jest.useRealTimers());

  it.each([
    ['0 3 * * *', 'Asia/Seoul'],
    ['30 9 1 * *', 'Asia/Seoul'],
    ['*/5 * * * *', 'UTC'],
    ['15 4 * * 0', 'Europe/Berlin'],
  ])('answers as pg-boss does for %s in %s, through firings, between them and across a DST change', (cron, tz) => {
    const memo = dueCheckWithMemo();
    const timekeeper = { clockSkew: 1_500 };
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    // Around the firings themselves, and every 73 minutes over two days (the last Sunday of March 2026).
    const start = Date.parse('2026-03-28T00:00:00Z');
    const instants: number[] = [];
    for (let t = start; t < start + 2 * 86_400_000; t += 73 * 60_000) instants.push(t);
    for (const firing of [
      '2026-03-28T18:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-03-29T02:15:00Z',
      '2026-04-01T00:30:00Z',
    ]) {
      for (const offset of [-61_000, -1_000, 0, 1_000, 30_000, 58_000, 59_000, 61_000, 120_000]) {
        instants.push(Date.parse(firing) + offset);
      }
    }
    let due = 0;
    for (const t of instants.sort((a, b) => a - b)) {
      jest.setSystemTime(t);
      const expected = Timekeeper.prototype.shouldSendIt.call(timekeeper, cron, tz);
      expect({ at: new Date(t).toISOString(), due: memo.call(timekeeper, cron, tz) }).toEqual({
        at: new Date(t).toISOString(),
        due: expected,
      });
      if (expected) due += 1;
    }
    expect(due).toBeGreaterThan(0);
  });
});
