import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { dateArithmeticExempt, dateArithmeticRules } from '../../../eslint.dates.mjs';

const ROOT = join(__dirname, '../../..');
const RULE_IDS = ['no-restricted-syntax', 'no-restricted-properties'];

/** ESLint with only the date rules, scoped as in eslint.config.mjs (no type information: fast). */
const dateLint = () =>
  new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      {
        files: ['server/src/**/*.ts', 'admin-ui/src/**/*.{ts,tsx}'],
        ignores: dateArithmeticExempt,
        rules: dateArithmeticRules,
      },
    ] as Linter.Config[],
  });

// Each line is date arithmetic a feature must not do itself.
const BAD = [
  'export const now = new Date();',
  'export const stamp = Date.now();',
  'export const utc = Date.UTC(2026, 1, 29);',
  'export const year = now.getFullYear();',
  'export const offset = now.getTimezoneOffset();',
  'now.setDate(now.getDate() + 1);',
  'export const tomorrow = stamp + 86_400_000;',
  'export const expires = stamp / 1000 + 86400;',
].join('\n');

const flagged = (results: ESLint.LintResult[]) =>
  results.flatMap((r) => r.messages.filter((m) => RULE_IDS.includes(m.ruleId ?? '')).map((m) => m.line));

describe('the date rules (eslint.dates.mjs)', () => {
  it('refuse now, zone-dependent getters, setters and day-length constants in a feature and in the console', async () => {
    const lint = dateLint();
    for (const filePath of ['server/src/registers/example.ts', 'admin-ui/src/pages/Example.tsx']) {
      const lines = flagged(await lint.lintText(BAD, { filePath: join(ROOT, filePath) }));
      // Line 6 has two (setDate and getDate).
      expect(new Set(lines)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    }
  });

  it('let a parsed instant and a clock-given now through', async () => {
    const ok = [
      "export const at = new Date('2026-11-22T00:00:00Z');",
      'export const ms = at.getTime();',
      'export const later = performance.now();',
    ].join('\n');
    const results = await dateLint().lintText(ok, { filePath: join(ROOT, 'server/src/registers/example.ts') });
    expect(flagged(results)).toEqual([]);
  });

  it('leave the calendar module, the one date formatter and tests alone', async () => {
    const lint = dateLint();
    const files = [
      ...readdirSync(__dirname)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(__dirname, f)),
      join(ROOT, 'admin-ui/src/i18n/dates.ts'),
    ];
    expect(files).toContain(join(__dirname, 'clock.ts'));
    for (const file of files) {
      expect(flagged(await lint.lintText(readFileSync(file, 'utf8'), { filePath: file }))).toEqual([]);
    }
    const inTest = await lint.lintText(BAD, { filePath: join(ROOT, 'server/src/registers/example.spec.ts') });
    expect(flagged(inTest)).toEqual([]);
  });

  it('are the ones eslint.config.mjs applies to the server and the console', () => {
    const rulesFor = (file: string) =>
      (
        JSON.parse(
          execFileSync(join(ROOT, 'node_modules/.bin/eslint'), ['--print-config', file], {
            cwd: ROOT,
            encoding: 'utf8',
          }),
        ) as { rules: Record<string, unknown> }
      ).rules;
    const feature = rulesFor('server/src/registers/register-alerts.ts');
    expect(JSON.stringify(feature['no-restricted-properties'])).toContain('getTimezoneOffset');
    expect(JSON.stringify(rulesFor('admin-ui/src/pages/HomePage.tsx')['no-restricted-syntax'])).toContain(
      "callee.name='Date'",
    );
    expect(rulesFor('server/src/calendar/local-date.ts')['no-restricted-properties']).toBeUndefined();
  }, 60_000);
});
