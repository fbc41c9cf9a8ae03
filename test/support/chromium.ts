import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
  return sparticuz.executablePath();
}

/**
 * Headless Chromium for browser tests. Playwright gives every launch a fresh
 * temporary profile (user-data-dir) and deletes it on close.
 */
export async function launchChromium(options: { executablePath?: string } = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? (await resolveChromiumExecutable());
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}
