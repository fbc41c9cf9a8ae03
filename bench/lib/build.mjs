// Shared by the benchmarks: make sure audit/dist and server/dist are built from the current
// sources before anything is measured (a stale build would benchmark old code, or fail against
// the current migrations).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

/** Newest modification time (ms) of the files under `dir` that `keep` accepts; 0 when none. */
async function newestMtime(dir, keep = () => true) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (!keep(file)) continue;
    newest = Math.max(newest, (await stat(file)).mtimeMs);
  }
  return newest;
}

const isSource = (f) => f.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(f) && !f.includes('/testing/');
const isEmitted = (f) => f.endsWith('.js');

/** Why `workspace` needs a build, or undefined when its dist is current. */
async function staleness(workspace, entry) {
  const dir = join(ROOT, workspace);
  if (!existsSync(join(dir, 'dist', entry))) return `${workspace}/dist/${entry} is missing`;
  const configTime = Math.max(
    ...(await Promise.all(
      ['tsconfig.json', 'tsconfig.build.json'].map((f) =>
        stat(join(dir, f)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
    )),
  );
  const sourceTime = Math.max(await newestMtime(join(dir, 'src'), isSource), configTime);
  // Compare with emitted JavaScript only: tsc may rewrite .tsbuildinfo without emitting.
  if (sourceTime > (await newestMtime(join(dir, 'dist'), isEmitted))) return `${workspace}/dist is older than its src`;
  return undefined;
}

/**
 * Builds the audit library and the server when either dist is missing or older than its
 * sources. The server imports `@poc/audit` from audit/dist, so both must be current.
 */
export async function ensureBuilt() {
  const audit = await staleness('audit', 'index.js');
  const server = await staleness('server', 'main.js');
  const reason = audit ?? server;
  if (reason === undefined) return;
  console.log(`${reason}: building the audit library and the server ...`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(npm, ['run', 'build', '-w', 'audit'], { cwd: ROOT });
  await run(npm, ['run', 'build', '-w', 'server'], { cwd: ROOT });
  for (const file of ['audit/dist/index.js', 'server/dist/main.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`the build finished but ${file} is still missing`);
  }
}
