// `npm start`: builds whatever is missing or older than its sources, then runs the console.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const parts = [
  { workspace: 'audit', sources: ['audit/src', 'audit/tsconfig.json'], output: 'audit/dist/index.js' },
  { workspace: 'server', sources: ['server/src', 'server/tsconfig.json', 'audit/src'], output: 'server/dist/main.js' },
  {
    workspace: 'admin-ui',
    sources: ['admin-ui/src', 'admin-ui/index.html', 'admin-ui/vite.config.ts'],
    output: 'admin-ui/dist/index.html',
  },
];

for (const part of parts) {
  const output = join(root, part.output);
  const sourceTime = Math.max(
    ...part.sources
      .map((s) => join(root, s))
      .filter(existsSync)
      .map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
  );
  if (existsSync(output) && statSync(output).mtimeMs >= sourceTime) continue;
  console.log(`Building ${part.workspace}…`);
  const result = spawnSync('npm', ['run', 'build', '-w', part.workspace], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, [join(root, 'server/dist/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
