import fc from 'fast-check';
import { encodeEvent } from './canonical';
import { columnMismatches, isoTimeToMicros, utcTimeToMicros } from './columns';
import { makeEvent } from './testing/log-fixture';

describe('isoTimeToMicros', () => {
  it('reads every form the database accepts, to the microsecond', () => {
    const base = Date.UTC(2026, 11, 3, 7, 0, 0) * 1000;
    expect(isoTimeToMicros('2026-12-03T07:00:00Z')).toBe(base);
    expect(isoTimeToMicros('2026-12-03T07:00:00.123Z')).toBe(base + 123_000);
    expect(isoTimeToMicros('2026-12-03T07:00:00.123456Z')).toBe(base + 123_456);
    expect(isoTimeToMicros('2026-12-03T16:00:00.5+09:00')).toBe(base + 500_000);
    expect(isoTimeToMicros('2026-12-03T07:00:00.000001+00:00')).toBe(base + 1);
  });

  it('refuses a time without a zone, with more than microseconds, or not a string', () => {
    expect(isoTimeToMicros('2026-12-03T07:00:00')).toBeNull();
    expect(isoTimeToMicros('2026-12-03T07:00:00.1234567Z')).toBeNull();
    expect(isoTimeToMicros('2026-12-03 07:00:00Z')).toBeNull();
    expect(isoTimeToMicros('2026-13-03T07:00:00Z')).toBeNull();
    expect(isoTimeToMicros(1_700_000_000_000)).toBeNull();
    expect(isoTimeToMicros(null)).toBeNull();
  });
});

describe('columnMismatches', () => {
  const event = makeEvent(5, { actorId: 'A1B2C3D4-0000-4000-8000-000000000000', time: '2026-12-03T07:00:00.000Z' });
  const canonical = encodeEvent(event);
  const columns = {
    timeMicros: Date.parse(event.time) * 1000,
    actorId: 'a1b2c3d4-0000-4000-8000-000000000000', // a uuid column reads back in lower case
    actorRole: event.actorRole,
    subjectId: event.subjectId,
    action: event.action,
    resource: event.resource,
    outcome: event.outcome,
    requestId: event.requestId,
  };

  it('finds nothing when the columns say what the bytes say', () => {
    expect(columnMismatches(canonical, columns)).toEqual([]);
  });

  it('names each column that differs, by its database name', () => {
    expect(columnMismatches(canonical, { ...columns, timeMicros: columns.timeMicros - 1, requestId: null })).toEqual([
      'occurred_at',
      'request_id',
    ]);
  });

  it('counts every column as different when the bytes are not an event', () => {
    expect(columnMismatches(Buffer.from('[1]'), columns)).toHaveLength(8);
    expect(columnMismatches(Buffer.from('{'), columns)).toHaveLength(8);
  });
});

describe('utcTimeToMicros', () => {
  const utc = (s: string) => {
    const b = Buffer.from(`xx${s}yy`, 'latin1');
    return utcTimeToMicros(b, 2, b.length - 2);
  };

  it('reads the times the console writes as isoTimeToMicros does, to the microsecond', () => {
    for (const s of [
      '2026-11-22T03:00:00Z',
      '2026-11-22T03:00:00.1Z',
      '2026-01-28T23:59:59.123456Z',
      '1970-01-01T00:00:00.000Z',
    ]) {
      expect(utc(s)).toBe(isoTimeToMicros(s));
    }
    expect(utc('2026-11-22T03:00:00.123456Z')).toBe(Date.UTC(2026, 10, 22, 3) * 1000 + 123456);
  });

  it('answers only for what it reads exactly (else undefined, and isoTimeToMicros decides)', () => {
    let answered = 0;
    const digit = fc.constantFrom(...'0123456789');
    const piece = fc.oneof(digit, digit, digit, fc.constantFrom('-', ':', 'T', 'Z', '.', '+', ' ', 'x', '9'));
    const times = fc.tuple(
      fc.integer({ min: 1900, max: 2100 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.integer({ min: 0, max: 61 }),
      fc.string({ unit: digit, maxLength: 8 }),
      fc.constantFrom('Z', '+09:00', 'z', ''),
      fc.array(fc.tuple(fc.nat(), piece), { maxLength: 2 }),
    );
    fc.assert(
      fc.property(times, ([y, mo, d, h, mi, s, frac, zone, edits]) => {
        const two = (n: number) => String(n).padStart(2, '0');
        let t = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${frac === '' ? '' : `.${frac}`}${zone}`;
        for (const [at, p] of edits) t = t.slice(0, at % t.length) + p + t.slice((at % t.length) + 1);
        const fast = utc(t);
        if (fast !== undefined) {
          answered++;
          expect(fast).toBe(isoTimeToMicros(t));
        }
      }),
      { numRuns: 5000 },
    );
    expect(answered).toBeGreaterThan(100); // the cases it reads, all compared
  });
});
