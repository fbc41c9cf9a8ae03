// The root command-line scripts (`npm run seed:demo`, `npm run audit:verify`, …): built if needed,
// then run from the repository root, so they act on the same data directory as `npm start`
// (DATA_DIR, or the root's .data). While the console runs they use its database.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, ROOT } from './build.mjs';

const [command, ...args] = process.argv.slice(2);
const script = join(ROOT, 'server/src/cli', `${command ?? ''}.ts`);
if (!command || !existsSync(script)) {
  console.error(`Usage: node scripts/cli.mjs <command> [arguments]; no command ${command ?? ''} in server/src/cli`);
  process.exit(2);
}
buildIfStale(['audit', 'server']);

const child = spawn(process.execPath, [join(ROOT, 'server/dist/cli', `${command}.js`), ...args], {
  cwd: ROOT,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
