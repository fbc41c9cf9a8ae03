import { canonicalize } from '@poc/audit';
import { storableJson, storableObject, storableText } from './storable-json';

describe('storableText', () => {
  it('replaces U+0000 and lone surrogates with U+FFFD, and leaves text alone', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('\ud800')).toBe('\uFFFD');
    expect(storableText('\udc00\ud800')).toBe('\uFFFD\uFFFD');
    expect(storableText('ok \ud83d\ude00 가')).toBe('ok \ud83d\ude00 가');
  });
});

describe('storableObject', () => {
  it('makes any request-borne detail canonicalisable: keys, values, depth, non-JSON values', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200; i++) deep = [deep];
    const detail = storableObject({
      ['__proto__']: { polluted: true },
      'k\u0000': 'v\ud800',
      n: Number.NaN,
      big: 10n,
      when: new Date('2026-12-03T00:00:00Z'),
      skip: undefined,
      deep,
    });
    expect(() => canonicalize(detail)).not.toThrow();
    expect(Object.keys(detail).sort()).toEqual(['__proto__', 'big', 'deep', 'k\uFFFD', 'n', 'when']);
    expect(detail['k\uFFFD']).toBe('v\uFFFD');
    expect(detail.n).toBeNull();
    expect(detail.when).toBe('2026-12-03T00:00:00.000Z');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(storableJson(deep))).toContain('[nested too deep]');
  });

  it('keeps ordinary detail byte for byte', () => {
    const detail = { code: 'X', fields: ['a', 'b'], n: 1, nested: { ok: true, none: null } };
    expect(canonicalize(storableObject(detail)).equals(canonicalize(detail))).toBe(true);
  });
});
