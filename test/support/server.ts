import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ROLES, type Role } from '../../server/src/authorization/roles';
import { createApp } from '../../server/src/bootstrap';
import { Clock, SystemClock } from '../../server/src/common/clock';
import { createLogger } from '../../server/src/common/logger';
import { MasterKey } from '../../server/src/common/master-key';
import { AppConfig } from '../../server/src/config/app-config';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import { StaffService } from '../../server/src/staff/staff.service';
import { FakeClock } from './fake-clock';
import { createTestDatabase, dropTestDatabase } from './test-database';

export interface TestServer {
  url: string;
  app: NestExpressApplication;
  clock: Clock;
  /** Owner connection to this test's database, for assertions on what was written. */
  db: DataSource;
  /** Superuser connection URL to this test's database (embedded cluster only). */
  superUrl?: string;
  /** Directory the sequencer writes signed heads to (outside the database). */
  headDir: string;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  dataDir: string;
  masterKey: MasterKey;
  close(): Promise<void>;
  /** Stops the application only, keeping its database (another instance may still use it). */
  stopApp(): Promise<void>;
  createStaff(input: { email: string; role: Role; password: string; displayName?: string }): Promise<{ id: string }>;
}

export interface TestServerOptions {
  serveUi?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
  /** Run a second instance on another server's database (several instances side by side). */
  shareDatabaseWith?: TestServer;
  /**
   * Every line the server logs (pino JSON, all levels) is pushed here, and not printed: for
   * tests of what must never reach the log.
   */
  logLines?: string[];
  /** Listen on this port instead of a random one (a URL registered elsewhere, like an SSO callback). */
  port?: number;
}

const ROOT = join(__dirname, '../..');
/**
 * Where browser tests' console build goes: never admin-ui/dist, which `npm start` serves. Under
 * test-results/ (ignored by git, the linters and `npm start`).
 */
export const TEST_UI_DIR = join(ROOT, 'test-results/console-build');

/**
 * Builds the console for browser tests when its build is missing, older than its sources, or not
 * a production build. Built with NODE_ENV=production (jest sets NODE_ENV=test, which would give
 * React's development build: not what staff get) into TEST_UI_DIR.
 */
export function ensureUiBuilt(outDir: string = TEST_UI_DIR): string {
  const newest = (path: string): number =>
    statSync(path).isDirectory()
      ? readdirSync(path, { withFileTypes: true }).reduce(
          (latest, entry) => Math.max(latest, newest(join(path, entry.name))),
          0,
        )
      : statSync(path).mtimeMs;
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(ROOT, 'admin-ui', p));
  const index = join(outDir, 'index.html');
  const info = join(outDir, 'build-info.json');
  const current =
    existsSync(index) &&
    existsSync(info) &&
    (JSON.parse(readFileSync(info, 'utf8')) as { nodeEnv?: string }).nodeEnv === 'production' &&
    statSync(index).mtimeMs >= Math.max(...sources.map(newest));
  if (current) return outDir;
  const result = spawnSync('npm', ['run', 'build', '-w', 'admin-ui', '--', '--outDir', outDir, '--emptyOutDir'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`Building the console failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
}

/** A fresh migrated database and the whole Nest application on a random local port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const uiDir = options.serveUi ? ensureUiBuilt() : join(tmpdir(), 'no-ui');
  const database = options.shareDatabaseWith?.database ?? (await createTestDatabase());
  // Signing keys and keyrings: removed by close(), and with the whole run's folder at teardown.
  const ownDataDir =
    options.shareDatabaseWith === undefined && options.env?.DATA_DIR === undefined
      ? mkdtempSync(join(tmpdir(), 'poc-test-data-'))
      : undefined;
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: options.shareDatabaseWith?.dataDir ?? ownDataDir,
    DATABASE_URL: database.ownerUrl,
    PORT: '0',
    UI_DIST_DIR: uiDir,
    // No background jobs in tests unless a test asks (JOBS_ENABLED: 'true'), and then no cron
    // schedules unless it asks too: a daily job due during a test would change what it sees.
    // Without jobs nothing sends the outbox behind a test's back: tests call dispatchDue().
    JOBS_ENABLED: 'false',
    JOBS_SCHEDULE: 'false',
    JOBS_POLL_SECONDS: '1',
    JOBS_SCHEDULE_CHECK_SECONDS: '1',
    ...options.env,
  });
  const clock = options.clock ?? new SystemClock();
  const app = await createApp({
    config,
    log: options.logLines
      ? createLogger('trace', { write: (line: string) => void options.logLines!.push(line) })
      : createLogger(config.logLevel),
    database: {
      ownerUrl: database.ownerUrl,
      appUrl: database.appUrl,
      appRole: database.appRole,
      sequencerUrl: database.sequencerUrl,
      sequencerRole: database.sequencerRole,
    },
    clock,
    masterKey: options.shareDatabaseWith?.masterKey ?? new MasterKey(randomBytes(32)),
  });
  await app.listen(options.port ?? 0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  let appClosed = false;
  const stopApp = async () => {
    if (appClosed) return;
    appClosed = true;
    await app.close();
  };
  const db = new DataSource({ type: 'postgres', url: database.ownerUrl });
  await db.initialize();
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    clock,
    db,
    superUrl: database.superUrl,
    database,
    dataDir: config.dataDir,
    masterKey: app.get(MasterKey),
    headDir: config.auditHeadDir,
    stopApp,
    async close() {
      await stopApp();
      await db.destroy();
      if (!options.shareDatabaseWith) await dropTestDatabase(database.name);
      if (ownDataDir !== undefined) rmSync(ownDataDir, { recursive: true, force: true });
    },
    async createStaff(input) {
      const { account } = await app
        .get(StaffService)
        .createAccount(
          { ...input, displayName: input.displayName ?? input.email.split('@')[0] },
          { requestId: 'test' },
        );
      return { id: account.id };
    },
  };
}

export type Agent = ReturnType<typeof request.agent>;

/** A browser-like client: keeps the session cookie and sends the CSRF header on writes. */
export function agent(server: TestServer): Agent {
  return request.agent(server.url).set('x-csrf-protection', '1');
}

/** The TOTP code for the server's current time (works with a FakeClock too). */
export function totpAt(server: TestServer, secret: string, offsetSteps = 0): Promise<string> {
  const epoch = Math.floor(server.clock.now().getTime() / 1000) + offsetSteps * 30;
  return generate({ secret, epoch });
}

/** Signs a staff member all the way in (enrolling on first sign-in); returns the TOTP secret. */
export async function signIn(
  server: TestServer,
  client: Agent,
  email: string,
  password: string,
  secret?: string,
): Promise<string> {
  const login = await client.post('/api/auth/login').send({ email, password }).expect(200);
  if (login.body.stage === 'mfa_enroll') {
    const enroll = await client.post('/api/auth/mfa/enroll').expect(200);
    const code = await totpAt(server, enroll.body.secret as string);
    await client.post('/api/auth/mfa/enroll/confirm').send({ code }).expect(200);
    return enroll.body.secret as string;
  }
  if (secret === undefined) throw new Error(`${email} is enrolled: pass the secret`);
  // Each step is accepted once: move to a fresh step when the clock is fake.
  if (server.clock instanceof FakeClock) server.clock.advance(30_000);
  await client
    .post('/api/auth/mfa/verify')
    .send({ code: await totpAt(server, secret) })
    .expect(200);
  return secret;
}

export const PASSWORD = 'correct horse battery staple';

/**
 * Creates one staff member per role (`<role>@example.com`, PASSWORD) and signs each in, filling
 * `clients` (and `ids`, when given) by role.
 */
export async function signInEveryRole(
  server: TestServer,
  clients: Map<Role, Agent>,
  options: { ids?: Map<Role, string>; displayName?: (role: Role) => string } = {},
): Promise<void> {
  for (const role of ROLES) {
    const email = `${role}@example.com`;
    const { id } = await server.createStaff({
      email,
      role,
      password: PASSWORD,
      displayName: options.displayName?.(role),
    });
    options.ids?.set(role, id);
    const client = agent(server);
    await signIn(server, client, email, PASSWORD);
    clients.set(role, client);
  }
}

/** Sequences everything pending, then returns the access-log events about one staff member. */
export async function staffTrail(server: TestServer, staffId: string): Promise<CanonicalAuditEvent[]> {
  await server.app.get(AuditSequencer).flush();
  const rows: { canonical: Buffer }[] = await server.db.query(
    'SELECT canonical FROM audit_events WHERE subject_id = $1 ORDER BY seq',
    [`staff:${staffId}`],
  );
  return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
}
