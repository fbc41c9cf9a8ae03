/// <reference types="jest" />
import { KeysetCursors, toIsoInstant } from './keysetCursors';

describe('KeysetCursors', () => {
  it('starts page 1 at the top and page n + 1 at the cursor page n answered with', () => {
    const cursors = new KeysetCursors();
    expect(cursors.get('q', 1)).toBeUndefined();
    expect(cursors.get('q', 2)).toBeNull();
    cursors.recordNext('q', 1, 951);
    cursors.recordNext('q', 2, 901);
    expect(cursors.get('q', 2)).toBe(951);
    expect(cursors.get('q', 3)).toBe(901);
  });

  it('keeps the cursors of different filters apart', () => {
    const cursors = new KeysetCursors();
    cursors.recordNext('{"action":"deny"}', 1, 40);
    expect(cursors.get('{}', 2)).toBeNull();
    expect(cursors.get('{"action":"deny"}', 2)).toBe(40);
  });

  it('forgets a next page that no longer exists', () => {
    const cursors = new KeysetCursors();
    cursors.recordNext('q', 1, 10);
    cursors.recordNext('q', 1, null);
    expect(cursors.get('q', 2)).toBeNull();
  });
});

describe('toIsoInstant', () => {
  it('reads a datetime-local value as local time', () => {
    expect(toIsoInstant('2026-11-22T15:04')).toBe(new Date(2026, 10, 22, 15, 4).toISOString());
  });

  it('leaves other values alone', () => {
    expect(toIsoInstant('2026-11-22T15:04:00Z')).toBe('2026-11-22T15:04:00Z');
    expect(toIsoInstant('deny')).toBe('deny');
    expect(toIsoInstant(3)).toBe(3);
  });
});
