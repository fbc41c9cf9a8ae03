// `npm run fuzz -- --cases 10000 [--seed N]`: the long fuzz over every route and role
// (test/fuzz/every-route.fuzz-spec.ts), on the embedded PostgreSQL the tests use. Prints the
// answers by status class and the first 5xx; exits non-zero on any 5xx.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const cases = option('cases', '10000');
const seed = option('seed', undefined);
if (!/^[1-9]\d{0,6}$/.test(cases)) {
  console.error('--cases must be a whole number from 1 to 9,999,999');
  process.exit(2);
}
if (seed !== undefined && !/^\d{1,9}$/.test(seed)) {
  console.error('--seed must be a whole number');
  process.exit(2);
}

const jest = spawn(
  process.execPath,
  [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'fuzz', '--runInBand'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FUZZ_CASES: cases, ...(seed === undefined ? {} : { FUZZ_SEED: seed }) },
  },
);
jest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
