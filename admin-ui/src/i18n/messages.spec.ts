/// <reference types="jest" />
import englishMessages from 'ra-language-english';
import { KNOWN_PROBLEM_CODES } from '../providers/problems';
import { en } from './en';
import { ko } from './ko';
import { loadMessagePacks } from '../testing/messagePacks';
import { resolveInitialLocale } from './locale';

/** "a.b.c" for every leaf string of a nested messages object. */
const keysOf = (messages: object, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );

describe('console messages', () => {
  it('has a Korean text for every English key, and no Korean key without an English one', () => {
    expect(keysOf(ko).sort()).toEqual(keysOf(en).sort());
  });

  it('has the same keys in both languages of each screen pack, and none the language or another pack has already', async () => {
    const main = new Set(keysOf(en));
    const seen = new Set<string>();
    const packs = await loadMessagePacks();
    expect(packs.length).toBeGreaterThanOrEqual(4);
    for (const pack of packs) {
      expect(keysOf(pack.ko).sort()).toEqual(keysOf(pack.en).sort());
      expect(keysOf(pack.en).filter((key) => main.has(key) || seen.has(key))).toEqual([]);
      for (const key of keysOf(pack.en)) seen.add(key);
    }
  });

  it('covers every react-admin key that ra-language-english has', () => {
    const raKeys = keysOf(englishMessages).filter((key) => key.startsWith('ra.'));
    expect(raKeys.length).toBeGreaterThan(150);
    const koKeys = new Set(keysOf(ko));
    expect(raKeys.filter((key) => !koKeys.has(key))).toEqual([]);
  });

  it('translates every problem code the console recognises, in both languages', () => {
    const enKeys = new Set(keysOf(en));
    const koKeys = new Set(keysOf(ko));
    for (const code of KNOWN_PROBLEM_CODES) {
      expect(enKeys.has(`app.problem.${code}`)).toBe(true);
      expect(koKeys.has(`app.problem.${code}`)).toBe(true);
    }
  });

  it('keeps Korean texts in Korean', () => {
    const hangul = /[\uac00-\ud7a3]/;
    const app = keysOf(ko).filter((key) => key.startsWith('app.') && !['app.none'].includes(key));
    const get = (key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], ko);
    expect(app.filter((key) => !hangul.test(String(get(key))))).toEqual([]);
  });
});

describe('resolveInitialLocale', () => {
  it.each([
    [['ko-KR', 'en-US'], 'ko'],
    [['ko'], 'ko'],
    [['ja-JP', 'ko-KR', 'en'], 'ko'],
    [['en-GB', 'ko-KR'], 'en'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ])('picks %j -> %s', (languages, expected) => {
    expect(resolveInitialLocale(languages)).toBe(expected);
  });
});
