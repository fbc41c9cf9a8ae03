import { encodeEvent } from './canonical';
import { columnMismatches, isoTimeToMicros } from './columns';
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
