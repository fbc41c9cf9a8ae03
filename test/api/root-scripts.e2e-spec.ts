import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { freePort } from '../support/free-port';

/**
 * The README's Development table, run the way a newcomer runs it: `npm run …` from the
 * repository root, against the default embedded database (a temp DATA_DIR here), before,
 * while and after the console runs, and after the console was killed with kill -9.
 */
const ROOT = join(__dirname, '../..');
const TIMEOUT = 600_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function until(what: string, condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the root npm scripts act on the console’s own data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'poc-root-scripts-'));
  // PostgreSQL runs as the `postgres` user when the tests run as root.
  chmodSync(dataDir, 0o755);
  let env: NodeJS.ProcessEnv;
  const servers: ChildProcess[] = [];
  const serverDotData = join(ROOT, 'server/.data');
  const hadServerDotData = existsSync(serverDotData);

  const postmasterPid = (): number | null => {
    const file = join(dataDir, 'pg/postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
  };

  /** `npm run <script> -- <args>` from the repository root. */
  const npmRunWith = (extraEnv: NodeJS.ProcessEnv, script: string, ...args: string[]) => {
    const result = spawnSync('npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
      timeout: 300_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    return { status: result.status, output };
  };
  const npmRun = (script: string, ...args: string[]) => npmRunWith({}, script, ...args);

  /** `node server/dist/main.js` (what `npm start` runs once built), resolved when it listens. */
  const startServer = async (extraEnv: NodeJS.ProcessEnv = {}) => {
    const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    servers.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code, signal) => {
        exitCode = code ?? (signal === null ? null : -1);
        resolve(code);
      }),
    );
    await until(
      'the console to listen or exit',
      () => output.includes('is running at') || exitCode !== undefined,
      240_000,
    );
    const outcome = output.includes('is running at') ? ('running' as const) : { code: await exited };
    return { child, outcome, output: () => output, exited };
  };

  beforeAll(async () => {
    env = {
      ...process.env,
      // Relative to the repository root, where the commands are typed (npm runs them elsewhere).
      DATA_DIR: relative(ROOT, dataDir),
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      DEMO_DATA: 'false',
      AUDIT_CHECKPOINT_SECONDS: '1',
      LOG_LEVEL: 'warn',
    };
    // What a newcomer's shell has: no NODE_ENV (jest sets it to test).
    delete env.NODE_ENV;
  });

  afterAll(async () => {
    for (const child of servers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    // Never leave a PostgreSQL running behind a failed test.
    const pid = postmasterPid();
    if (pid !== null && isAlive(pid)) {
      process.kill(pid, 'SIGINT');
      await until('PostgreSQL to stop', () => !isAlive(pid), 60_000).catch(() => process.kill(pid, 'SIGKILL'));
    }
  }, 120_000);

  it(
    'runs migrate, staff:create, seed:demo and audit:verify before, while and after the console runs, and survives kill -9',
    async () => {
      // Before the console ever ran: the commands create and use DATA_DIR's cluster, not server/.data.
      const migrate = npmRun('migrate');
      expect(migrate).toMatchObject({ status: 0 });
      expect(existsSync(join(dataDir, 'pg/PG_VERSION'))).toBe(true);
      expect(existsSync(serverDotData)).toBe(hadServerDotData);
      const created = npmRun('staff:create', '--email', 'first@example.com', '--role', 'sysadmin', '--name', 'First');
      expect(created.output).toContain('Created sysadmin first@example.com');
      expect(created.status).toBe(0);
      // The command stopped the cluster it started.
      await until('the command’s PostgreSQL to stop', () => postmasterPid() === null, 30_000);

      // While the console runs: each command uses its database instead of starting a second one.
      const first = await startServer();
      expect({ outcome: first.outcome, output: first.output() }).toMatchObject({ outcome: 'running' });
      const runningPostgres = postmasterPid() as number;
      await until('a signed head', () => existsSync(join(dataDir, 'audit-heads/heads.jsonl')));
      for (const [script, ...args] of [
        ['seed:demo', '--subjects', '3'],
        ['staff:create', '--email', 'second@example.com', '--role', 'dpo'],
        ['audit:verify'],
        ['migrate'],
      ]) {
        const run = npmRun(script, ...args);
        expect({ script, status: run.status, output: run.output }).toMatchObject({ script, status: 0 });
        expect(run.output).not.toMatch(/undefined/);
      }
      expect(postmasterPid()).toBe(runningPostgres);
      expect(first.child.exitCode).toBeNull();

      // A second console on the same DATA_DIR says what is wrong and what to do.
      const second = await startServer({ PORT: String(await freePort()) });
      expect(second.outcome).toEqual({ code: 1 });
      expect(second.output()).toMatch(/in use by another console process \(server, pid \d+\)/);
      expect(second.output()).toMatch(/What to do: stop that process first, or start this one with another DATA_DIR/);
      expect(second.output()).not.toMatch(/undefined/);

      // kill -9: PostgreSQL outlives the console; the next start stops it and starts cleanly.
      first.child.kill('SIGKILL');
      await first.exited;
      expect(isAlive(runningPostgres)).toBe(true);
      const afterKill = await startServer();
      expect({ outcome: afterKill.outcome, output: afterKill.output() }).toMatchObject({ outcome: 'running' });
      expect(isAlive(runningPostgres)).toBe(false);
      const restartedPostgres = postmasterPid() as number;
      expect(restartedPostgres).not.toBe(runningPostgres);

      // A graceful stop takes PostgreSQL with it.
      afterKill.child.kill('SIGTERM');
      // 143: the exit hook's code for SIGTERM. A failure carries the console's output, to say why.
      const stopped = await afterKill.exited;
      if (stopped !== 0 && stopped !== 143) {
        throw new Error(`The console stopped with ${String(stopped)}:\n${afterKill.output().slice(-6000)}`);
      }
      await until('PostgreSQL to stop', () => !isAlive(restartedPostgres), 30_000);

      // kill -9 again, then a command (not the console) finds the orphan: it stops it and runs.
      const third = await startServer();
      expect(third.outcome).toBe('running');
      const orphan = postmasterPid() as number;
      third.child.kill('SIGKILL');
      await third.exited;
      const verify = npmRun('audit:verify');
      expect({ status: verify.status, output: verify.output }).toMatchObject({ status: 0 });
      expect(isAlive(orphan)).toBe(false);
      expect(existsSync(serverDotData)).toBe(hadServerDotData);
    },
    TIMEOUT,
  );

  it(
    'names the cause and the remedy when the embedded database cannot start (port taken)',
    async () => {
      const blocker: Server = createServer();
      const port = await new Promise<number>((resolve) =>
        blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
      );
      try {
        const run = await startServer({ EMBEDDED_PG_PORT: String(port) });
        expect(run.outcome).toEqual({ code: 1 });
        expect(run.output()).toMatch(/Start-up failed: Embedded PostgreSQL did not start on port \d+: .+/);
        expect(run.output()).toContain(`What to do: port ${port} is taken by another program: set EMBEDDED_PG_PORT`);
        expect(run.output()).not.toMatch(/undefined/);
        const command = npmRunWith({ EMBEDDED_PG_PORT: String(port) }, 'audit:verify');
        expect(command.status).not.toBe(0);
        expect(command.output).toMatch(/EMBEDDED_PG_PORT/);
        expect(command.output).not.toMatch(/undefined/);
      } finally {
        blocker.close();
      }
    },
    TIMEOUT,
  );
});
