import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by global-setup: where the migrated template lives and how to reach a clone. */
export interface TestDatabaseEnv {
  ownerUrl: (database: string) => string;
  appUrl: (database: string) => string;
  /** Set when there is no separate application login: connect as owner and SET ROLE. */
  appRole?: string;
  sequencerUrl: (database: string) => string;
  /** Set when there is no separate sequencer login: connect as owner and SET ROLE. */
  sequencerRole?: string;
  template: string;
  /** A superuser, when the tests run on the embedded cluster (tamper tests need one). */
  superUrl?: (database: string) => string;
}

export const TEMPLATE_DATABASE = 'console_test_template';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function testDatabaseEnv(): TestDatabaseEnv {
  const owner = process.env.POC_TEST_OWNER_URL;
  const app = process.env.POC_TEST_APP_URL;
  const sequencer = process.env.POC_TEST_SEQUENCER_URL;
  if (!owner || !app || !sequencer)
    throw new Error('The test database is not set up: run the tests with jest from the repository root');
  return {
    ownerUrl: (db) => withDatabase(owner, db),
    appUrl: (db) => withDatabase(app, db),
    appRole: process.env.POC_TEST_APP_ROLE || undefined,
    sequencerUrl: (db) => withDatabase(sequencer, db),
    sequencerRole: process.env.POC_TEST_SEQUENCER_ROLE || undefined,
    template: TEMPLATE_DATABASE,
    superUrl: process.env.POC_TEST_SUPER_URL
      ? (db) => withDatabase(process.env.POC_TEST_SUPER_URL as string, db)
      : undefined,
  };
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
export async function createTestDatabase(): Promise<{
  ownerUrl: string;
  appUrl: string;
  appRole?: string;
  sequencerUrl: string;
  sequencerRole?: string;
  superUrl?: string;
  name: string;
}> {
  const env = testDatabaseEnv();
  const name = `console_test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: env.ownerUrl('postgres') });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${env.template}`);
  } finally {
    await client.end();
  }
  return {
    ownerUrl: env.ownerUrl(name),
    appUrl: env.appUrl(name),
    appRole: env.appRole,
    sequencerUrl: env.sequencerUrl(name),
    sequencerRole: env.sequencerRole,
    superUrl: env.superUrl?.(name),
    name,
  };
}

export async function dropTestDatabase(name: string): Promise<void> {
  // WITH (FORCE) must end every session on the database, including superuser-owned ones (an
  // autovacuum worker after a large insert, a test's superuser client still closing) that the
  // owner may not end: use the embedded cluster's superuser when there is one, and retry briefly.
  const env = testDatabaseEnv();
  const client = new Client({ connectionString: env.superUrl?.('postgres') ?? env.ownerUrl('postgres') });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '42501' || attempt === 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}
