import { findUnstorableText, MAX_JSON_DEPTH, nestsDeeperThan, parseJsonParam } from './json-input';
import { Problem } from './problem';

describe('nestsDeeperThan', () => {
  const nested = (n: number, open = '[', close = ']') => open.repeat(n) + close.repeat(n);

  it('counts objects and arrays, and refuses one level past the limit', () => {
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan('{"a":'.repeat(33) + '1' + '}'.repeat(33), 32)).toBe(true);
    expect(nestsDeeperThan(Buffer.from('[{"a":[{"b":[]}]}]'), 5)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('[{"a":[{"b":[]}]}]'), 4)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 2)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${'{'.repeat(100)}"}`, 2)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\\\","b":${nested(5)}}`, 3)).toBe(true);
  });

  it('reads UTF-8 bytes: multi-byte characters never look like brackets', () => {
    expect(nestsDeeperThan(Buffer.from(`{"이름":"${'가'.repeat(50)}[["}`), 1)).toBe(false);
  });

  it('scans 600 KB of nesting in one pass, stopping at the limit', () => {
    const text = Buffer.from('{"a":'.repeat(120_000) + '1' + '}'.repeat(120_000));
    expect(nestsDeeperThan(text, MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('findUnstorableText', () => {
  it('names the first key or string holding U+0000 or a lone surrogate, by dotted path', () => {
    expect(findUnstorableText({ a: 'ok', b: ['x', { c: 'y\u0000' }] })).toBe('b.1.c');
    expect(findUnstorableText({ a: { 'k\ud800': 1 } })).toBe('a.k\ud800');
    expect(findUnstorableText({ a: '\udc00\ud800' })).toBe('a');
    expect(findUnstorableText(['\udfff'], 'filter')).toBe('filter.0');
  });

  it('accepts surrogate pairs and every other character', () => {
    expect(
      findUnstorableText({ emoji: '\ud83d\ude00', ko: '가나다', ctl: '\u0001\u007f', n: 1, z: null }),
    ).toBeUndefined();
  });
});

describe('parseJsonParam', () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as Problem).errors.map((e) => `${e.field} ${e.code}`);
    }
    return [];
  };

  it('refuses deep nesting before parsing, then bad JSON, then unstorable text', () => {
    expect(codeOf(() => parseJsonParam('filter', '['.repeat(40) + 'oops'))).toEqual(['filter JSON_TOO_DEEP']);
    expect(codeOf(() => parseJsonParam('filter', '{oops'))).toEqual(['filter INVALID_JSON']);
    expect(codeOf(() => parseJsonParam('filter', '{"q":"\\u0000"}'))).toEqual(['filter.q INVALID_CHARACTER']);
    expect(parseJsonParam('sort', '["id","ASC"]')).toEqual(['id', 'ASC']);
  });
});
