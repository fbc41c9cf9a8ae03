// Shared by the benchmarks: environment knobs, ports, percentiles and summaries, phase timing
// with machine load, and the demo DPO's sign-in over HTTP.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { generate } from 'otplib';

export const DPO = { email: 'dpo@demo.local', password: 'demo-maple-lantern-26' };
export const CSRF = { 'X-CSRF-Protection': '1' };

// ---------------------------------------------------------------- numbers

/** A positive integer from the environment, or `fallback` when unset or empty. */
export const envInt = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
};

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (xs) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** Latency summary (ms) of a series; `withMin` adds `minMs` (between `p99Ms` and `maxMs`). */
export function summarize(samples, { withMin = false } = {}) {
  const sorted = Float64Array.from(samples).sort();
  return {
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    ...(withMin ? { minMs: round(sorted[0]) } : {}),
    maxMs: round(sorted[sorted.length - 1]),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

// ---------------------------------------------------------------- machine

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Node, platform and CPUs (and, with `memory`, the total memory) of this machine. */
export function machineInfo({ memory = true } = {}) {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    ...(memory ? { memoryGB: round(os.totalmem() / 2 ** 30, 1) } : {}),
  };
}

/** Machine-wide CPU busy share between two /proc/stat readings (Linux only). */
export function cpuTimes() {
  try {
    const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: v[3] + (v[4] ?? 0), total: v.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- CPU time (Linux /proc)

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Command name, parent and utime + stime (s) of every process, from /proc/<pid>/stat; empty off Linux. */
export function processTable() {
  const table = new Map();
  let pids;
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return table;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(pid), {
        comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        ppid: Number(f[1]),
        cpu: (Number(f[11]) + Number(f[12])) / CLOCK_TICKS,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return table;
}

/**
 * CPU seconds PostgreSQL used between two processTable() readings: every process named
 * "postgres" (a bench runs one server), those in both readings and those started in between.
 */
export function postgresCpuBetween(before, after) {
  let total = 0;
  for (const [pid, p] of after) {
    if (p.comm === 'postgres') total += p.cpu - (before.get(pid)?.comm === 'postgres' ? before.get(pid).cpu : 0);
  }
  return total;
}

/**
 * Runs `work` and gives its result with the wall time (s) and the CPU seconds that this process
 * (every thread: worker threads too) and PostgreSQL used meanwhile.
 */
export async function withCpu(work) {
  const table = processTable();
  const own = process.cpuUsage();
  const t0 = performance.now();
  const result = await work();
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(own);
  return {
    result,
    seconds,
    nodeSeconds: (used.user + used.system) / 1e6,
    postgresSeconds: postgresCpuBetween(table, processTable()),
  };
}

/**
 * A record of phases and the function that runs one, recording its wall time, load average and
 * machine CPU use; with `processCpu`, also this process's own CPU use.
 */
export function phaseRecorder({ processCpu = false } = {}) {
  const phases = {};
  async function phase(name, work) {
    const before = cpuTimes();
    const load1Before = os.loadavg()[0];
    const ownBefore = process.cpuUsage();
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      const after = cpuTimes();
      const own = process.cpuUsage(ownBefore);
      const seconds = (performance.now() - t0) / 1000;
      phases[name] = {
        seconds: round(seconds, 1),
        loadavg1Before: round(load1Before),
        loadavg1After: round(os.loadavg()[0]),
        machineCpuBusyPct:
          before && after && after.total > before.total
            ? round(100 * (1 - (after.idle - before.idle) / (after.total - before.total)), 1)
            : null,
        ...(processCpu
          ? { benchProcessCpuPctOfOneCore: round((100 * (own.user + own.system)) / 1e6 / seconds, 1) }
          : {}),
      };
    }
  }
  return { phases, phase };
}

/** Heaviest other processes right now (ps; their CPU share over the last interval is not available). */
export function otherProcesses() {
  const r = spawnSync('ps', ['-eo', 'pid,pcpu,etimes,args', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' });
  if (r.status !== 0) return [];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.trim())
    .filter((l) => !l.startsWith(`${process.pid} `) && !/^\d+\s+\S+\s+\d+\s+ps\s/.test(l))
    .slice(0, 6)
    .map((l) => l.slice(0, 140));
}

// ---------------------------------------------------------------- HTTP sign-in

/** The figures every load benchmark keeps of one autocannon run. */
export function loadFigures(r) {
  return {
    requestsPerSecond: r.requests.average,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMeanMs: r.latency.average,
    requestsTotal: r.requests.total,
    count2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** The last `poc_session` cookie a response sets, as "poc_session=<token>". */
export function sessionCookieFrom(res) {
  const cookies = res.headers.getSetCookie().filter((c) => c.startsWith('poc_session='));
  return cookies.length === 0 ? undefined : cookies[cookies.length - 1].split(';')[0];
}

/** POST with the CSRF header; throws on a non-2xx answer. */
export async function post(baseUrl, path, body, cookie) {
  const headers = { ...CSRF, 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  const res = await fetch(baseUrl + path, { method: 'POST', headers, body: JSON.stringify(body ?? {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  return { res, json: text ? JSON.parse(text) : undefined };
}

/**
 * Signs in as the demo DPO: password, then TOTP enrollment; returns the cookie of a full session.
 * With `secretFile`, the enrolled TOTP secret is kept there, and on a database reused from an
 * earlier run (stage `mfa_verify`) the secret read from it answers the TOTP check instead.
 */
export async function signInFully(baseUrl, secretFile) {
  const first = await post(baseUrl, '/api/auth/login', DPO);
  const cookie1 = sessionCookieFrom(first.res);
  let second;
  if (first.json?.stage === 'mfa_verify' && secretFile && existsSync(secretFile)) {
    const code = await generate({ secret: (await readFile(secretFile, 'utf8')).trim() });
    second = await post(baseUrl, '/api/auth/mfa/verify', { code }, cookie1);
  } else {
    if (!cookie1 || first.json?.stage !== 'mfa_enroll') throw new Error(`login: stage ${first.json?.stage}`);
    const { json: enrollment } = await post(baseUrl, '/api/auth/mfa/enroll', {}, cookie1);
    if (secretFile) await writeFile(secretFile, enrollment.secret, { mode: 0o600 });
    const code = await generate({ secret: enrollment.secret });
    second = await post(baseUrl, '/api/auth/mfa/enroll/confirm', { code }, cookie1);
  }
  const cookie = sessionCookieFrom(second.res);
  if (!cookie || second.json?.stage !== 'full') throw new Error(`second factor: stage ${second.json?.stage}`);
  return cookie;
}

// ---------------------------------------------------------------- running an in-process benchmark

/**
 * Runs `main`, then `shutdown` (which stops the application and PostgreSQL), and exits with 0, or
 * 1 after printing "<label> BENCHMARK FAILED: …". SIGINT/SIGTERM run `shutdown` and exit with 130.
 */
export function runBenchmark(label, main, shutdown) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return; // a second signal must not cut the clean-up short (PostgreSQL would be left running)
      stopping = true;
      console.error(`\n${signal}: stopping the application and PostgreSQL ...`);
      shutdown().finally(() => process.exit(130));
    });
  }

  main()
    .then(
      () => 0,
      (error) => {
        console.error(
          `\n${label} BENCHMARK FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        return 1;
      },
    )
    .then(async (code) => {
      await shutdown();
      process.exit(code);
    });
}

/**
 * The environment for an in-process application on its own embedded PostgreSQL in `dataDir`
 * (made reachable for the `postgres` user when this runs as root), with no external database.
 */
export async function embeddedRuntimeEnv(dataDir, { demoData }) {
  const { chmod } = await import('node:fs/promises');
  await chmod(dataDir, 0o755);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  return Object.assign(env, {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    DEMO_DATA: String(demoData),
  });
}
