import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  APP_ROLE,
  ensureDatabase,
  SEQUENCER_ROLE,
  startEmbeddedDatabase,
} from '../../server/src/database/embedded-database';
import { migrate } from '../../server/src/database/migrator';
import { freePort } from './free-port';
import { TEMPLATE_DATABASE } from './test-database';

/**
 * Starts one PostgreSQL for the whole run (embedded, or the one DATABASE_URL names, whose
 * user needs CREATEDB) and migrates a template database that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  // Everything the tests put in the temp folder (data dirs with signing keys and keyrings, copies
  // of migrations, browser profiles) goes into one folder of this run, removed at teardown:
  // TMPDIR is what os.tmpdir() answers in the workers, which inherit this environment.
  const runDir = await mkdtemp(join(tmpdir(), 'poc-test-run-'));
  // Readable by the `postgres` user when the tests run as root (a test may start its own cluster);
  // what the tests create inside is private again (mkdtemp makes 0700 folders).
  await chmod(runDir, 0o755);
  let ownerBase: string;
  let appBase: string;
  let sequencerBase: string;
  let templateOwnerUrl: string;
  if (process.env.DATABASE_URL) {
    ownerBase = process.env.DATABASE_URL;
    appBase = process.env.APP_DATABASE_URL ?? ownerBase;
    if (!process.env.APP_DATABASE_URL) process.env.POC_TEST_APP_ROLE = APP_ROLE;
    sequencerBase = process.env.SEQUENCER_DATABASE_URL ?? ownerBase;
    if (!process.env.SEQUENCER_DATABASE_URL) process.env.POC_TEST_SEQUENCER_ROLE = SEQUENCER_ROLE;
    const client = new Client({ connectionString: ownerBase });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await client.end();
    const u = new URL(ownerBase);
    u.pathname = `/${TEMPLATE_DATABASE}`;
    templateOwnerUrl = u.toString();
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'poc-test-pg-'));
    // When tests run as root, PostgreSQL runs as the `postgres` user and must reach the directory.
    await chmod(dir, 0o755);
    const embedded = await startEmbeddedDatabase({ dir, port: await freePort() });
    (globalThis as Record<string, unknown>).__POC_EMBEDDED__ = { embedded, dir };
    await ensureDatabase(embedded.superUrl(), TEMPLATE_DATABASE);
    ownerBase = embedded.ownerUrl('postgres');
    appBase = embedded.appUrl('postgres');
    sequencerBase = embedded.sequencerUrl('postgres');
    templateOwnerUrl = embedded.ownerUrl(TEMPLATE_DATABASE);
    // Tamper tests act as a database superuser would.
    process.env.POC_TEST_SUPER_URL = embedded.superUrl('postgres');
  }
  process.env.POC_TEST_RUN_DIR = runDir;
  process.env.TMPDIR = runDir;
  await migrate(templateOwnerUrl);
  process.env.POC_TEST_OWNER_URL = ownerBase;
  process.env.POC_TEST_APP_URL = appBase;
  process.env.POC_TEST_SEQUENCER_URL = sequencerBase;
}
