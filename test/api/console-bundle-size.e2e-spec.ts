import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureUiBuilt } from '../support/server';

const ROOT = join(__dirname, '../..');

interface Measured {
  initial: { file: string; gzip: number }[];
  locales: { file: string; gzip: number }[];
  total: { gzip: number };
  budgetGzip: number;
  ok: boolean;
}

/**
 * The initial-JavaScript budget (F6, 350 KB gzip) as a test: `npm run bundle-size`'s own
 * measurement, on the production build the browser tests use (built once for both).
 */
describe('the console bundle', () => {
  let dist: string;
  let measured: Measured;
  let status: number | null;
  beforeAll(() => {
    dist = ensureUiBuilt();
    const run = spawnSync(process.execPath, ['scripts/bundle-size.mjs', '--no-build', `--dist=${dist}`, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    status = run.status;
    measured = JSON.parse(run.stdout) as Measured;
  }, 300_000);

  it('loads at most 350 KB gzip of JavaScript before any screen', () => {
    // Measured something real: the entry script is among the files counted.
    expect(measured.initial.map((r) => r.file)).toContainEqual(expect.stringMatching(/^assets\/index-.+\.js$/));
    expect({ initialKbGzip: Math.round(measured.total.gzip / 102.4) / 10, ok: measured.ok, status }).toEqual({
      initialKbGzip: expect.any(Number),
      ok: true,
      status: 0,
    });
    // The budget is F6's, not whatever the script says today.
    expect(measured.budgetGzip).toBe(350 * 1024);
  });

  it('loads one language’s messages, the one the console starts in, and counts the larger in the budget', () => {
    const localeFiles = measured.locales.map((r) => r.file);
    expect(localeFiles).toEqual([
      expect.stringMatching(/^assets\/(ko|en)-/),
      expect.stringMatching(/^assets\/(ko|en)-/),
    ]);
    const largest = Math.max(...measured.locales.map((r) => r.gzip));
    expect(measured.initial.filter((r) => localeFiles.includes(r.file)).map((r) => r.gzip)).toEqual([largest]);
    // The entry and its preloads hold neither language's messages.
    const upFront = measured.initial
      .filter((r) => !localeFiles.includes(r.file))
      .map((r) => readFileSync(join(dist, r.file), 'utf8'))
      .join('\n');
    expect(upFront).not.toContain('개인정보 운영 콘솔');
    expect(upFront).not.toContain('Privacy Operations Console');
  });
});
