/// <reference types="jest" />
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MENU_GROUPS } from '../layout/menuGroups';
import { en as enMain } from './en';
import { ko as koMain } from './ko';
import { loadMessagePacks } from '../testing/messagePacks';

// The messages a language has: its own, and the packs that load with some screens (i18n/index.ts).
let en: object[] = [enMain];
let ko: object[] = [koMain];
beforeAll(async () => {
  const packs = await loadMessagePacks();
  en = [enMain, ...packs.map((pack) => pack.en)];
  ko = [koMain, ...packs.map((pack) => pack.ko)];
});

/** "a.b.c" -> text for every leaf string of a nested messages object. */
const leavesOf = (messages: object, prefix = ''): [string, string][] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leavesOf(value as object, `${prefix}${key}.`),
  );
const leaves = (all: readonly object[]): [string, string][] => all.flatMap((messages) => leavesOf(messages));

// The resources' definitions name react-admin components never rendered here; react-admin itself
// is an ES module jest's CommonJS runtime cannot load.
jest.mock('react-admin', () => ({}));

const SRC = join(__dirname, '..');
const REPO = join(SRC, '..', '..');
const filesUnder = (dir: string, pattern: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, pattern);
    return pattern.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });

/**
 * The Korean glossary: one word per thing. The access log is 접속기록, the PIPC standard's term
 * (개인정보의 안전성 확보조치 기준 제8조); the registers are 대장. `(g) 공공 등록부` is GDPR
 * Art. 49(1)(g)'s public register, another thing.
 */
const NOT_OUR_WORDS: { word: RegExp; use: string }[] = [
  { word: /접근\s*기록|접속\s+기록|접근\s*이력|접속\s*이력|접근\s*로그|접속\s*로그/, use: '접속기록' },
  { word: /(?<!공공 )등록부/, use: '대장' },
];

/** A message, or the namespace a screen builds keys under (e.g. 'resources.registers.problem'). */
const isKeyOrNamespace = (keys: Set<string>, key: string): boolean =>
  keys.has(key) || [...keys].some((k) => k.startsWith(`${key}.`));

describe('one glossary per language', () => {
  it('uses one Korean word for the access log and one for the registers, in every Korean message', () => {
    const wrong = leaves(ko).flatMap(([key, text]) =>
      NOT_OUR_WORDS.filter(({ word }) => word.test(text)).map(({ use }) => `${key}: "${text}" (use ${use})`),
    );
    expect(wrong).toEqual([]);
  });

  it('uses the same words in the Korean texts the server writes (exports, messages)', () => {
    const wrong = filesUnder(join(REPO, 'server', 'src'), /\.ts$/).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          NOT_OUR_WORDS.filter(({ word }) => word.test(line)).map(
            ({ use }) => `${relative(REPO, file)}:${i + 1} (use ${use})`,
          ),
        ),
    );
    expect(wrong).toEqual([]);
  });

  it("names every resource of the menu in both languages (never react-admin's humanised resource name)", () => {
    const resources = MENU_GROUPS.flatMap((group) => group.items.flatMap((entry) => entry.resource ?? []));
    expect(resources.length).toBeGreaterThan(10);
    // The menu shows before any screen's pack loads: the names are in the language's own messages.
    for (const [language, messages] of [
      ['en', [enMain]],
      ['ko', [koMain]],
    ] as const) {
      const keys = new Set(leaves(messages).map(([key]) => key));
      expect({ language, missing: resources.filter((r) => !keys.has(`resources.${r}.name`)) }).toEqual({
        language,
        missing: [],
      });
    }
  });

  it('names every resource the server writes to the access log, in both languages', () => {
    const written = new Set<string>();
    for (const file of filesUnder(join(REPO, 'server', 'src'), /\.ts$/)) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(
        /@Audited\('[a-z]+', '([a-z/_-]+)'\)|\b(?:resource|viewAudit|exportAudit): '([a-z/_-]+)'/g,
      )) {
        written.add((m[1] ?? m[2])!);
      }
    }
    // Authentication events: 'staff', 'route' (a denial or step-up) or 'session' (auth-event.service.ts).
    for (const name of ['staff', 'route', 'session']) written.add(name);
    expect(written.size).toBeGreaterThan(20);
    for (const [language, messages] of [
      ['en', en],
      ['ko', ko],
    ] as const) {
      const keys = new Set(leaves(messages).map(([key]) => key));
      expect({ language, missing: [...written].filter((r) => !keys.has(`app.access_log.resources.${r}`)) }).toEqual({
        language,
        missing: [],
      });
    }
  });

  it('has every message key the screens name, in both languages', () => {
    const enKeys = new Set(leaves(en).map(([key]) => key));
    const koKeys = new Set(leaves(ko).map(([key]) => key));
    const used = new Map<string, string>();
    for (const file of filesUnder(SRC, /\.tsx?$/)) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /['"`]((?:app|resources|ra)\.[A-Za-z0-9_.-]+[A-Za-z0-9_])['"`]/g,
      )) {
        used.set(match[1]!, relative(SRC, file));
      }
    }
    expect(used.size).toBeGreaterThan(200);
    const missing = [...used]
      .filter(([key]) => !isKeyOrNamespace(enKeys, key) || !isKeyOrNamespace(koKeys, key))
      .map(([key, file]) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });
});
