import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureUiBuilt, startTestServer } from '../support/server';

const ROOT = join(__dirname, '../..');

/** What `npm start`'s rebuild check (scripts/build.mjs) says about the console build under `root`. */
function startWouldRebuild(root: string, part: 'admin-ui' | 'server' = 'admin-ui'): string | null {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { PARTS, staleReason } from ${JSON.stringify(join(ROOT, 'scripts/build.mjs'))};
       console.log(JSON.stringify(staleReason(PARTS[${JSON.stringify(part)}], ${JSON.stringify(root)})));`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as string | null;
}

describe('what the tests leave behind', () => {
  it('removes a test server’s data folder (signing key, keyring) when it closes, inside the run’s temp folder', async () => {
    // global-setup points the temp folder at one folder of this run, removed at teardown.
    expect(tmpdir()).toBe(process.env.POC_TEST_RUN_DIR);
    const server = await startTestServer();
    const dir = server.dataDir;
    expect(dir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(dir)).toBe(true);
    await server.close();
    expect(existsSync(dir)).toBe(false);
  });

  it('builds the console for browser tests in production mode, outside admin-ui/dist', () => {
    const shipped = join(ROOT, 'admin-ui/dist');
    const snapshot = () =>
      existsSync(shipped)
        ? readdirSync(shipped)
            .map((f) => `${f}:${statSync(join(shipped, f)).mtimeMs}`)
            .sort()
        : [];
    const before = snapshot();
    const out = mkdtempSync(join(tmpdir(), 'poc-ui-'));
    expect(process.env.NODE_ENV).toBe('test'); // what jest sets, and what must not reach the build
    ensureUiBuilt(out);
    expect(JSON.parse(readFileSync(join(out, 'build-info.json'), 'utf8'))).toEqual({ nodeEnv: 'production' });
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    // Nothing that `npm start` serves was touched.
    expect(snapshot()).toEqual(before);
  }, 180_000);

  it('makes `npm start` rebuild a console built in any mode but production', () => {
    const root = mkdtempSync(join(tmpdir(), 'poc-start-check-'));
    mkdirSync(join(root, 'admin-ui/src'), { recursive: true });
    mkdirSync(join(root, 'admin-ui/dist'), { recursive: true });
    writeFileSync(join(root, 'admin-ui/src/main.tsx'), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'admin-ui/src/main.tsx'), old, old);
    writeFileSync(join(root, 'admin-ui/dist/index.html'), '<html></html>');
    // Built by an older version: it does not say how.
    expect(startWouldRebuild(root)).toMatch(/production/);
    writeFileSync(join(root, 'admin-ui/dist/build-info.json'), '{"nodeEnv":"test"}');
    expect(startWouldRebuild(root)).toMatch(/test build/);
    writeFileSync(join(root, 'admin-ui/dist/build-info.json'), '{"nodeEnv":"development"}');
    expect(startWouldRebuild(root)).toMatch(/development build/);
    writeFileSync(join(root, 'admin-ui/dist/build-info.json'), '{"nodeEnv":"production"}');
    expect(startWouldRebuild(root)).toBeNull();
    // Sources newer than the build: rebuilt, production or not.
    utimesSync(join(root, 'admin-ui/src/main.tsx'), new Date(), new Date(Date.now() + 60_000));
    expect(startWouldRebuild(root)).toBe('sources changed');
  });

  it('makes `npm start` rebuild the server after a source change, though `tsc --noEmit` rewrote its build info since', () => {
    const root = mkdtempSync(join(tmpdir(), 'poc-start-server-'));
    mkdirSync(join(root, 'server/src'), { recursive: true });
    mkdirSync(join(root, 'server/dist'), { recursive: true });
    const at = (seconds: number) => new Date(Date.now() + seconds * 1000);
    writeFileSync(join(root, 'server/dist/main.js'), '');
    utimesSync(join(root, 'server/dist/main.js'), at(-120), at(-120));
    writeFileSync(join(root, 'server/src/main.ts'), '');
    utimesSync(join(root, 'server/src/main.ts'), at(-60), at(-60));
    // `npm run check` type-checks with --noEmit: the build info is newer, the JavaScript is not.
    writeFileSync(join(root, 'server/dist/.tsbuildinfo'), '{}');
    expect(startWouldRebuild(root, 'server')).toBe('sources changed');
    utimesSync(join(root, 'server/dist/main.js'), at(0), at(0));
    expect(startWouldRebuild(root, 'server')).toBeNull();
  });
});
