import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobLabels } from './jobLabels';

/** Every job name the server declares (`export const …_JOB = 'name'`), read from its sources. */
function serverJobNames(dir = join(__dirname, '../../../../server/src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverJobNames(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/export const [A-Z_]+_JOB = '([a-z0-9-]+)'/g)].map((m) => m[1]!);
  });
}

describe('jobLabels', () => {
  it('names every job the server runs, in Korean and in English', () => {
    const names = serverJobNames();
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const locale of ['ko', 'en']) {
      const labels = jobLabels(locale).names;
      expect({ locale, unnamed: names.filter((name) => labels[name] === undefined) }).toEqual({ locale, unnamed: [] });
    }
  });

  it('has the same names and counts in both languages', () => {
    const [ko, en] = [jobLabels('ko'), jobLabels('en')];
    expect(Object.keys(ko.names).sort()).toEqual(Object.keys(en.names).sort());
    expect(Object.keys(ko.counts).sort()).toEqual(Object.keys(en.counts).sort());
  });
});
