import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from '../common/startup-error';

/**
 * What is running on an embedded cluster's directory before we start it. PostgreSQL keeps
 * `postmaster.pid` in the cluster directory while it runs; the console keeps `pg-owner.json`
 * in DATA_DIR naming the process that started it. After `kill -9` of that process, PostgreSQL
 * keeps running with nobody to stop it, and a second `postgres -D` on the directory exits at
 * once ("lock file already exists").
 */
export type ClusterState =
  /** Nothing runs on the directory. */
  | { kind: 'stopped' }
  /** A lock file is left, but no PostgreSQL of this directory runs behind it (a crash, a reboot). */
  | { kind: 'stale-lock'; pid: number }
  /** PostgreSQL runs on the directory, but the process that started it is gone (`kill -9`). */
  | { kind: 'orphaned'; postmaster: Postmaster }
  /** PostgreSQL runs on the directory for a live console process (the server or a command). */
  | { kind: 'running'; postmaster: Postmaster; owner: ClusterOwner };

export interface Postmaster {
  pid: number;
  port: number;
}

export interface ClusterOwner {
  pid: number;
  /** 'server' for `npm start`, 'command' for a command-line run such as `npm run seed:demo`. */
  kind: 'server' | 'command';
}

const OWNER_FILE = 'pg-owner.json';
const LOCK_FILE = 'postmaster.pid';

export function inspectCluster(dataDir: string, clusterDir: string): ClusterState {
  const lock = readLock(clusterDir);
  if (lock === null) return { kind: 'stopped' };
  if (!isAlive(lock.pid) || !isPostgresOf(lock.pid, clusterDir, lock.dataDir)) {
    return { kind: 'stale-lock', pid: lock.pid };
  }
  const postmaster = { pid: lock.pid, port: lock.port };
  const owner = readOwner(dataDir);
  const ownerCommand = owner === null ? null : commandLine(owner.pid);
  if (owner !== null && isAlive(owner.pid) && (ownerCommand === null || ownerCommand.includes('node'))) {
    return { kind: 'running', postmaster, owner };
  }
  return { kind: 'orphaned', postmaster };
}

/** Removes a lock file no PostgreSQL stands behind (checked by `inspectCluster`). */
export function removeStaleLock(clusterDir: string): void {
  rmSync(join(clusterDir, LOCK_FILE), { force: true });
}

/**
 * Stops a PostgreSQL left running by a console process that was killed: a fast shutdown
 * (SIGINT: open transactions roll back, the data is safe), then waits for it to exit.
 */
export async function stopOrphanedCluster(
  postmaster: Postmaster,
  clusterDir: string,
  timeoutMs = 60_000,
): Promise<void> {
  try {
    process.kill(postmaster.pid, 'SIGINT');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
    throw new StartupError(
      `PostgreSQL (pid ${postmaster.pid}) is still running on ${clusterDir} from an earlier run, ` +
        `and this user may not stop it (${(error as NodeJS.ErrnoException).code ?? 'refused'})`,
      `stop it as its owner (kill -INT ${postmaster.pid}), then start again`,
    );
  }
  const deadline = performance.now() + timeoutMs;
  while (isAlive(postmaster.pid)) {
    if (performance.now() > deadline) {
      throw new StartupError(
        `PostgreSQL (pid ${postmaster.pid}), left running on ${clusterDir} by an earlier run, did not stop within ${timeoutMs / 1000} s`,
        `stop it by hand (kill -INT ${postmaster.pid}; if it does not exit, kill -QUIT ${postmaster.pid}), then start again`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Records this process as the one that started the cluster (and must stop it). */
export function claimCluster(dataDir: string, kind: ClusterOwner['kind']): void {
  writeFileSync(join(dataDir, OWNER_FILE), JSON.stringify({ pid: process.pid, kind } satisfies ClusterOwner), {
    mode: 0o600,
  });
}

export function releaseCluster(dataDir: string): void {
  const owner = readOwner(dataDir);
  if (owner?.pid === process.pid) rmSync(join(dataDir, OWNER_FILE), { force: true });
}

function readLock(clusterDir: string): { pid: number; dataDir: string; port: number } | null {
  const file = join(clusterDir, LOCK_FILE);
  if (!existsSync(file)) return null;
  // Line 1: the postmaster's pid; 2: its data directory; 3: start time; 4: port.
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return { pid: 0, dataDir: '', port: 0 };
  return { pid, dataDir: lines[1] ?? '', port: Number.isSafeInteger(port) ? port : 0 };
}

function readOwner(dataDir: string): ClusterOwner | null {
  try {
    const owner = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as Partial<ClusterOwner>;
    if (typeof owner.pid !== 'number') return null;
    return { pid: owner.pid, kind: owner.kind === 'command' ? 'command' : 'server' };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, run by another user (PostgreSQL runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's command line, where /proc tells it (Linux); null elsewhere. */
function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

/**
 * Whether `pid` is a PostgreSQL serving this directory, and not a process that reuses the pid of
 * one that died. Without /proc, a live pid named in the lock file is taken as PostgreSQL.
 */
function isPostgresOf(pid: number, clusterDir: string, lockedDir: string): boolean {
  const cmd = commandLine(pid);
  if (cmd !== null && !/postgres/.test(cmd)) return false;
  try {
    return realpathSync(lockedDir) === realpathSync(clusterDir);
  } catch {
    return false;
  }
}
