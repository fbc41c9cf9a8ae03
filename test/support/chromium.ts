import { existsSync } from 'node:fs';
import { open, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { waitFor } from './wait-for';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The browser binary: `CHROMIUM_PATH`, else the system Chromium, else the one the
 * `@sparticuz/chromium` package unpacks, so browser tests run on a machine with no
 * browser installed.
 */
export async function resolveChromiumExecutable(
  options: { env?: NodeJS.ProcessEnv; systemPath?: string } = {},
): Promise<string> {
  const env = options.env ?? process.env;
  const systemPath = options.systemPath ?? SYSTEM_CHROMIUM;
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  if (existsSync(systemPath)) return systemPath;
  // The package is ESM; its CommonJS build exports the class itself, so accept both shapes.
  const loaded = (await import('@sparticuz/chromium')) as unknown as {
    default?: { executablePath(): Promise<string> };
    executablePath?: () => Promise<string>;
  };
  const sparticuz = loaded.default ?? (loaded as { executablePath(): Promise<string> });
  return unpackOnce(() => sparticuz.executablePath());
}

/**
 * @sparticuz/chromium unpacks into `<tmpdir>/chromium` and answers that path as soon as the file
 * exists, so two jest workers unpacking at once could start it half-written (spawn ETXTBSY). The
 * first to take the lock unpacks; the others wait for the path it leaves. (The tests' tmpdir is
 * their run's own folder.)
 */
async function unpackOnce(unpack: () => Promise<string>): Promise<string> {
  const ready = join(tmpdir(), 'chromium.path');
  const unpacked = async () => (existsSync(ready) ? readFile(ready, 'utf8') : undefined);
  const done = await unpacked();
  if (done) return done;
  let lock;
  try {
    lock = await open(join(tmpdir(), 'chromium.lock'), 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return waitFor('Chromium unpacked by another test worker', unpacked, 180_000);
  }
  try {
    const path = await unpack();
    await writeFile(`${ready}.partial`, path);
    await rename(`${ready}.partial`, ready);
    return path;
  } finally {
    await lock.close();
  }
}

/**
 * Headless Chromium for browser tests. Playwright gives every launch a fresh
 * temporary profile (user-data-dir) and deletes it on close.
 */
export async function launchChromium(options: { executablePath?: string } = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? (await resolveChromiumExecutable());
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}
