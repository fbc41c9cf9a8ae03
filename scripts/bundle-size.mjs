// Builds the console UI in production mode and prints what a browser downloads before any
// route's own chunk: the entry script index.html loads and every chunk it preloads (its static
// imports), raw, gzip and brotli. `--no-build` measures an existing build: admin-ui/dist, or the
// one `--dist=<folder>` names (the tests measure their own build this way, in `npm test`).
// `--json` prints the figures as one JSON line. Exit code 1 when over the budget.
// The budget (F6): initial JavaScript at most 350 KB gzip.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ROOT } from './build.mjs';

export const INITIAL_JS_BUDGET_GZIP = 350 * 1024;
const distArg = process.argv.find((a) => a.startsWith('--dist='));
const DIST = distArg ? distArg.slice('--dist='.length) : join(ROOT, 'admin-ui/dist');
const json = process.argv.includes('--json');

if (!process.argv.includes('--no-build')) {
  const result = spawnSync('npm', ['run', 'build', '-w', 'admin-ui'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const sizes = (file) => {
  const bytes = readFileSync(join(DIST, file));
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const sum = (rows) =>
  rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const initial = [
  ...html.matchAll(/<script[^>]*\ssrc="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g),
].map((m) => m[1]);
const initialCss = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+\.css)"/g)].map((m) => m[1]);
const allJs = readdirSync(join(DIST, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `assets/${f}`);

// The messages of the language the console starts in load right after the entry, before the first
// screen: the larger of the two (Korean) counts towards the budget.
const localeRows = allJs
  .filter((f) => /^assets\/(ko|en)-[\w-]+\.js$/.test(f))
  .map((file) => ({ file, ...sizes(file) }));
const startLocale = localeRows.reduce((a, r) => (a === null || r.gzip > a.gzip ? r : a), null);
const rows = [...initial.map((file) => ({ file, ...sizes(file) })), ...(startLocale ? [startLocale] : [])];
const total = sum(rows);
const everything = sum(allJs.map(sizes));
const ok = total.gzip <= INITIAL_JS_BUDGET_GZIP;
process.exitCode = ok ? 0 : 1;
if (json) {
  console.log(JSON.stringify({ initial: rows, locales: localeRows, total, budgetGzip: INITIAL_JS_BUDGET_GZIP, ok }));
} else {
  console.log('Initial JavaScript (index.html and its preloads, and the larger language’s messages):');
  for (const r of rows)
    console.log(
      `  ${r.file.padEnd(44)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(9)} gzip ${kb(r.brotli).padStart(9)} br`,
    );
  console.log(
    `  ${'total'.padEnd(44)} ${kb(total.raw).padStart(10)} raw ${kb(total.gzip).padStart(9)} gzip ${kb(total.brotli).padStart(9)} br`,
  );
  if (initialCss.length > 0) console.log(`Initial CSS: ${kb(sum(initialCss.map(sizes)).gzip)} gzip`);
  console.log(`All JavaScript: ${allJs.length} files, ${kb(everything.raw)} raw, ${kb(everything.gzip)} gzip`);
  console.log(`Budget ${kb(INITIAL_JS_BUDGET_GZIP)} gzip: ${ok ? 'within' : 'OVER'}`);
}
