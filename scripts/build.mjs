// Builds each part of the console whose output is missing or older than its sources; shared by
// `npm start` and the command-line scripts (`npm run seed:demo`, `npm run audit:verify`, …).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const PARTS = {
  // tsc's incremental builds rewrite only what changed: the newest file in dist/ tells the age.
  audit: {
    workspace: 'audit',
    sources: ['audit/src', 'audit/tsconfig.json'],
    output: 'audit/dist/index.js',
    outputDir: 'audit/dist',
  },
  server: {
    workspace: 'server',
    sources: ['server/src', 'server/tsconfig.json', 'audit/src'],
    output: 'server/dist/main.js',
    outputDir: 'server/dist',
  },
  'admin-ui': {
    workspace: 'admin-ui',
    sources: ['admin-ui/src', 'admin-ui/index.html', 'admin-ui/vite.config.ts', 'admin-ui/package.json'],
    output: 'admin-ui/dist/index.html',
    // A development build (React's checks, no minification) is never served: one made with
    // NODE_ENV=test or development, or one too old to say how it was made, is built again.
    buildInfo: 'admin-ui/dist/build-info.json',
  },
};

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    // `tsc --noEmit` (npm run check) rewrites the build info without emitting: it says nothing
    // about the age of the JavaScript, and counting it would leave a stale build in place.
    if (entry.name.endsWith('.tsbuildinfo')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Why `part` must be built, or null when its output is current. */
export function staleReason(part, root = ROOT) {
  const output = join(root, part.output);
  if (!existsSync(output)) return 'not built yet';
  const sourceTime = Math.max(
    0,
    ...part.sources
      .map((s) => join(root, s))
      .filter(existsSync)
      .map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
  );
  const builtAt = part.outputDir === undefined ? statSync(output).mtimeMs : newestMtime(join(root, part.outputDir));
  if (builtAt < sourceTime) return 'sources changed';
  if (part.buildInfo !== undefined) {
    const file = join(root, part.buildInfo);
    let info;
    try {
      info = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return 'the build does not say it is a production build';
    }
    if (info?.nodeEnv !== 'production') return `a ${String(info?.nodeEnv)} build, not a production one`;
  }
  return null;
}

/** Builds what is stale, in order; exits the process when a build fails. */
export function buildIfStale(names) {
  for (const name of names) {
    const part = PARTS[name];
    const reason = staleReason(part);
    if (reason === null) continue;
    console.log(`Building ${part.workspace} (${reason})…`);
    const result = spawnSync('npm', ['run', 'build', '-w', part.workspace], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
