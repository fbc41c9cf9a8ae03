// Benchmark: cost of an authenticated read (GET /api/auth/me) against the public health
// check (GET /api/health) on the real server with its embedded PostgreSQL, plus the
// password sign-in rate. Then runs the access-log benchmark (bench/access-log.mjs) and the
// data-subject benchmark (bench/subjects.mjs), the export-package benchmark
// (bench/export-package.mjs) and the retention benchmark (bench/retention.mjs), each as a
// separate process. Run with
// `npm run bench` from the repository root; `--sign-in-only` skips the others. See bench/README.md for what each figure means.

import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { ensureBuilt, ROOT } from './lib/build.mjs';
import {
  DPO,
  envInt,
  freePort,
  loadFigures,
  machineInfo,
  percentile,
  post,
  processTable,
  round,
  sessionCookieFrom,
  signInFully,
  sleep,
} from './lib/measure.mjs';

const SERVER_MAIN = join(ROOT, 'server', 'dist', 'main.js');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'auth-me.json');

const CONFIG = {
  connections: 32,
  // Each round measures /api/auth/me and /api/health back to back (their order alternating), so
  // a burst of load from elsewhere on the machine hits both sides of the ratio alike.
  durationSeconds: envInt('BENCH_AUTH_SECONDS', 5),
  rounds: envInt('BENCH_AUTH_ROUNDS', 2),
  warmupSeconds: 2,
  loginSamples: envInt('BENCH_LOGIN_SAMPLES', 20),
  startupTimeoutSeconds: 120,
  // The demo's start-up work (its retention jobs destroy a backlog) must be over before measuring.
  demoJobsTimeoutSeconds: 300,
};

const READY_LINE = 'Privacy Operations Console is running at ';
// main.ts prints the first line when the demo's retention jobs start, the second when they are done.
const DEMO_JOBS_RUNNING = 'Demo retention: the real jobs are making it now';
const DEMO_JOBS_DONE = /Demo retention: (?!the real jobs)|the demo retention data could not be made/;

// ---------------------------------------------------------------- helpers

async function twoFreePorts() {
  const a = await freePort();
  let b = await freePort();
  while (b === a) b = await freePort();
  return [a, b];
}

// ---------------------------------------------------------------- server process

/** Starts the built server on a fresh data dir; resolves once it prints its ready line. */
async function startServer() {
  const dataDir = await mkdtemp(join(os.tmpdir(), 'poc-bench-'));
  // When run as root, PostgreSQL runs as the `postgres` system user and must reach this dir.
  await chmod(dataDir, 0o755);
  const [port, pgPort] = await twoFreePorts();

  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'true',
    // No cron schedules: pg-boss evaluates every schedule every few seconds in one synchronous
    // block (cron-parser over luxon, about 1 s of CPU on this machine), which would land at random
    // in one endpoint's measurement or the other's. The demo's jobs are started, not scheduled.
    JOBS_SCHEDULE: 'false',
  });

  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, SERVER_MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // `stdout` keeps every line the server prints (a few lines); `output` is the tail of both streams.
  const server = { child, dataDir, port, baseUrl: `http://127.0.0.1:${port}`, output: '', stdout: '' };
  activeServer = server;
  const keep = (chunk) => {
    server.output = (server.output + chunk.toString()).slice(-8000);
  };
  child.stderr.on('data', keep);

  server.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server not ready after ${CONFIG.startupTimeoutSeconds} s`)),
        CONFIG.startupTimeoutSeconds * 1000,
      );
      child.stdout.on('data', (chunk) => {
        keep(chunk);
        server.stdout += chunk.toString();
        if (server.stdout.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      server.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited during start-up (${code ?? signal})`));
      });
    });
  } catch (error) {
    await stopServer(server);
    error.message += `\n--- server output (tail) ---\n${server.output}`;
    throw error;
  }
  return server;
}

/** SIGTERM (the server stops its embedded PostgreSQL), wait for exit, then remove the data dir. */
async function stopServer(server) {
  if (!server || server.stopped) return;
  server.stopped = true;
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
    if ((await Promise.race([server.exited, timeout])) === 'timeout') {
      console.error('server did not exit within 30 s of SIGTERM; sending SIGKILL');
      child.kill('SIGKILL');
      await server.exited;
    }
  }
  await rm(server.dataDir, { recursive: true, force: true, maxRetries: 3 });
}

/** Waits until the demo's start-up jobs are over (the server prints a line), when it started any. */
async function waitForDemoJobs(server) {
  if (!server.stdout.includes(DEMO_JOBS_RUNNING)) return false;
  const deadline = performance.now() + CONFIG.demoJobsTimeoutSeconds * 1000;
  while (!DEMO_JOBS_DONE.test(server.stdout)) {
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output}`);
    if (performance.now() > deadline) {
      throw new Error(`the demo's retention jobs did not finish in ${CONFIG.demoJobsTimeoutSeconds} s`);
    }
    await sleep(250);
  }
  return true;
}

// ---------------------------------------------------------------- CPU time (Linux /proc)

/** CPU seconds used so far by the server's Node process, and by its descendants (PostgreSQL). */
function serverCpu(server) {
  const table = processTable();
  const node = table.get(server.child.pid);
  if (node === undefined) return null;
  let postgres = 0;
  const below = [server.child.pid];
  while (below.length > 0) {
    const parent = below.pop();
    for (const [pid, p] of table) {
      if (p.ppid !== parent) continue;
      postgres += p.cpu;
      below.push(pid);
    }
  }
  return { node: node.cpu, postgres };
}

// ---------------------------------------------------------------- HTTP sign-in

async function login(baseUrl) {
  const { res, json } = await post(baseUrl, '/api/auth/login', DPO);
  const cookie = sessionCookieFrom(res);
  if (!cookie) throw new Error('POST /api/auth/login set no poc_session cookie');
  return { cookie, stage: json?.stage };
}

/** Password, then TOTP enrollment, then a check that the new session reads GET /api/auth/me. */
async function signInChecked(baseUrl) {
  const cookie = await signInFully(baseUrl);
  const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { Cookie: cookie } });
  const meBody = await me.json();
  if (me.status !== 200 || meBody?.staff?.email !== DPO.email) {
    throw new Error(`GET /api/auth/me with the new cookie -> ${me.status}: ${JSON.stringify(meBody).slice(0, 300)}`);
  }
  return cookie;
}

async function measureLogins(baseUrl, n) {
  const times = [];
  const start = performance.now();
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    const { stage } = await login(baseUrl);
    times.push(performance.now() - t0);
    if (stage !== 'mfa_verify') throw new Error(`login ${i + 1}: expected stage mfa_verify, got ${stage}`);
  }
  const totalMs = performance.now() - start;
  const sorted = [...times].sort((a, b) => a - b);
  return {
    samples: n,
    perSecond: round(n / (totalMs / 1000)),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(times.reduce((a, b) => a + b, 0) / n),
    totalMs: round(totalMs),
  };
}

// ---------------------------------------------------------------- load

function load(url, headers, durationSeconds) {
  return autocannon({ url, headers, connections: CONFIG.connections, duration: durationSeconds });
}

/** One measured run of an endpoint, with the server's CPU time over it. */
async function measureRun(server, target, seconds) {
  const cpuBefore = serverCpu(server);
  const r = await load(target.url, target.headers, seconds);
  const cpuAfter = serverCpu(server);
  const cpu =
    cpuBefore && cpuAfter
      ? { node: cpuAfter.node - cpuBefore.node, postgres: cpuAfter.postgres - cpuBefore.postgres }
      : null;
  return {
    ...loadFigures(r),
    cpuSeconds: cpu && { node: round(cpu.node, 2), postgres: round(cpu.postgres, 2) },
  };
}

/** The rounds of one endpoint in one figure: requests/s over all of them, the worst round's p99. */
function combine(url, runs) {
  const sum = (f) => runs.reduce((a, r) => a + f(r), 0);
  const requests = sum((r) => r.requestsTotal);
  const withCpu = runs.every((r) => r.cpuSeconds !== null);
  const cpuMsPerRequest = (part) =>
    withCpu && requests > 0 ? round((1000 * sum((r) => r.cpuSeconds[part])) / requests, 3) : null;
  return {
    url,
    requestsPerSecond: round(sum((r) => r.requestsPerSecond) / runs.length, 1),
    latencyP50Ms: percentile(
      runs.map((r) => r.latencyP50Ms).sort((a, b) => a - b),
      50,
    ),
    latencyP99Ms: Math.max(...runs.map((r) => r.latencyP99Ms)),
    requestsTotal: requests,
    count2xx: sum((r) => r.count2xx),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    cpuMsPerRequest: { node: cpuMsPerRequest('node'), postgres: cpuMsPerRequest('postgres') },
    rounds: runs,
  };
}

/**
 * Warms both endpoints up, then runs `rounds` rounds: in each, one endpoint and then the other
 * for `durationSeconds` each, the order alternating from round to round.
 */
async function measureAuthMe(server, cookie) {
  const me = { label: 'GET /api/auth/me', url: `${server.baseUrl}/api/auth/me`, headers: { cookie } };
  const health = { label: 'GET /api/health', url: `${server.baseUrl}/api/health`, headers: {} };
  process.stdout.write(`  warm-up ${CONFIG.warmupSeconds} s each ... `);
  await load(me.url, me.headers, CONFIG.warmupSeconds);
  await load(health.url, health.headers, CONFIG.warmupSeconds);
  process.stdout.write('done\n');
  const runs = { me: [], health: [] };
  for (let round = 1; round <= CONFIG.rounds; round += 1) {
    const order = round % 2 === 1 ? [me, health] : [health, me];
    process.stdout.write(`  round ${round}/${CONFIG.rounds}:`);
    for (const target of order) {
      const run = await measureRun(server, target, CONFIG.durationSeconds);
      (target === me ? runs.me : runs.health).push(run);
      process.stdout.write(` ${target.label} ${run.requestsPerSecond.toFixed(0)} req/s p99 ${run.latencyP99Ms} ms;`);
    }
    const ratio = runs.me[round - 1].requestsPerSecond / runs.health[round - 1].requestsPerSecond;
    process.stdout.write(` me/health ${ratio.toFixed(3)}\n`);
  }
  return { me: combine('/api/auth/me', runs.me), health: combine('/api/health', runs.health) };
}

// ---------------------------------------------------------------- report

function printTable(result) {
  const { login: l, me, health, ratio } = result;
  const cpu = (x, part) => (x.cpuMsPerRequest[part] === null ? 'n/a' : x.cpuMsPerRequest[part].toFixed(3));
  const rows = [
    ['', 'GET /api/auth/me', 'GET /api/health'],
    ['requests/s (avg of rounds)', me.requestsPerSecond.toFixed(1), health.requestsPerSecond.toFixed(1)],
    ['latency p50 (ms, median round)', String(me.latencyP50Ms), String(health.latencyP50Ms)],
    ['latency p99 (ms, worst round)', String(me.latencyP99Ms), String(health.latencyP99Ms)],
    ['server CPU ms/request: Node', cpu(me, 'node'), cpu(health, 'node')],
    ['server CPU ms/request: PostgreSQL', cpu(me, 'postgres'), cpu(health, 'postgres')],
    ['non-2xx', String(me.non2xx), String(health.non2xx)],
    ['errors / timeouts', `${me.errors} / ${me.timeouts}`, `${health.errors} / ${health.timeouts}`],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => `  ${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2].padStart(w[2])}`;
  console.log('');
  console.log(
    `Load: ${result.config.connections} connections, ${result.config.rounds} rounds of ${result.config.durationSeconds} s ` +
      `per endpoint (after ${result.config.warmupSeconds} s warm-up each); ${result.machine.cpuCount} x ${result.machine.cpuModel}, Node ${result.machine.node}`,
  );
  for (const r of rows) console.log(line(r));
  console.log(
    `  ratio me_rps / health_rps: ${ratio.meOverHealthRps.toFixed(3)} ` +
      `(rounds: ${ratio.rounds.map((x) => x.toFixed(3)).join(', ')})`,
  );
  if (ratio.healthCpuOverMeCpu !== null) {
    console.log(`  ratio by server CPU per request, health_cpu / me_cpu: ${ratio.healthCpuOverMeCpu.toFixed(3)}`);
  }
  console.log('');
  console.log(
    `Sign-in (POST /api/auth/login, argon2id verify), ${l.samples} sequential: ` +
      `${l.perSecond.toFixed(2)} logins/s, p50 ${l.p50Ms.toFixed(1)} ms, p99 ${l.p99Ms.toFixed(1)} ms`,
  );
  console.log('');
}

// ---------------------------------------------------------------- main

async function main() {
  await ensureBuilt();
  const machine = machineInfo({ memory: false });

  console.log('Starting the server (embedded PostgreSQL, demo data) ...');
  const t0 = performance.now();
  const server = await startServer();
  console.log(`  ready at ${server.baseUrl} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  try {
    const t1 = performance.now();
    if (await waitForDemoJobs(server)) {
      console.log(`  the demo's retention jobs finished after ${((performance.now() - t1) / 1000).toFixed(1)} s more`);
    }

    console.log(`Signing in as ${DPO.email} (password + TOTP enrollment) ...`);
    const cookie = await signInChecked(server.baseUrl);

    console.log(`Timing ${CONFIG.loginSamples} sequential password logins ...`);
    const loginFigures = await measureLogins(server.baseUrl, CONFIG.loginSamples);

    console.log('Load:');
    const { me, health } = await measureAuthMe(server, cookie);

    const result = {
      benchmark: 'auth-me',
      date: new Date().toISOString(),
      machine,
      config: {
        connections: CONFIG.connections,
        durationSeconds: CONFIG.durationSeconds,
        rounds: CONFIG.rounds,
        warmupSeconds: CONFIG.warmupSeconds,
        loginSamples: CONFIG.loginSamples,
        tool: 'autocannon 9 (in-process, same machine as the server)',
      },
      login: loginFigures,
      me,
      health,
      ratio: {
        meOverHealthRps: round(me.requestsPerSecond / health.requestsPerSecond, 4),
        rounds: me.rounds.map((r, i) => round(r.requestsPerSecond / health.rounds[i].requestsPerSecond, 4)),
        // The same comparison by server CPU per request (Node and PostgreSQL): what the ratio of
        // requests/s would be if the server's CPU were the only limit. Load from other processes
        // hardly moves it.
        healthCpuOverMeCpu:
          me.cpuMsPerRequest.node === null
            ? null
            : round(
                (health.cpuMsPerRequest.node + health.cpuMsPerRequest.postgres) /
                  (me.cpuMsPerRequest.node + me.cpuMsPerRequest.postgres),
                4,
              ),
      },
    };

    printTable(result);
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Wrote ${RESULTS_FILE.slice(ROOT.length + 1)}`);

    const problems = [];
    if (me.non2xx !== 0) problems.push(`GET /api/auth/me returned ${me.non2xx} non-2xx responses (expected 0)`);
    if (me.errors !== 0 || me.timeouts !== 0) {
      problems.push(`GET /api/auth/me had ${me.errors} errors and ${me.timeouts} timeouts`);
    }
    if (health.non2xx !== 0 || health.errors !== 0 || health.timeouts !== 0) {
      problems.push(
        `GET /api/health had ${health.non2xx} non-2xx, ${health.errors} errors, ${health.timeouts} timeouts: baseline invalid`,
      );
    }
    if (problems.length > 0) throw new Error(`benchmark invalid:\n  - ${problems.join('\n  - ')}`);
  } finally {
    await stopServer(server);
  }
}

let activeServer;
let activeChild;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server ...`);
    // A terminal's Ctrl-C reaches the access-log benchmark too (same process group), and it
    // cleans up after itself; a SIGTERM sent to this process alone is passed on.
    if (signal === 'SIGTERM' && activeChild && activeChild.exitCode === null) activeChild.kill(signal);
    const childDone = activeChild ? new Promise((resolve) => activeChild.once('exit', resolve)) : undefined;
    stopServer(activeServer)
      .then(() => childDone)
      .finally(() => process.exit(130));
  });
}

/** A benchmark script of bench/, in its own process (its own embedded PostgreSQL and memory). */
function runBench(title, script) {
  return new Promise((resolve) => {
    console.log(`\n=== ${title} (bench/${script}) ===\n`);
    activeChild = spawn(process.execPath, [join(ROOT, 'bench', script)], { cwd: ROOT, stdio: 'inherit' });
    activeChild.once('error', (error) => {
      console.error(`could not start bench/${script}: ${error.message}`);
      resolve(1);
    });
    activeChild.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const signInCode = await main().then(
  () => 0,
  (error) => {
    console.error(`\nBENCHMARK FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  },
);
const others = process.argv.includes('--sign-in-only')
  ? []
  : [
      ['Access-log benchmark', 'access-log.mjs'],
      ['Subjects benchmark', 'subjects.mjs'],
      ['Export package benchmark', 'export-package.mjs'],
      ['Retention benchmark', 'retention.mjs'],
      ['Reads benchmark', 'reads.mjs'],
    ];
let othersCode = 0;
for (const [title, script] of others) {
  // Every benchmark runs even when an earlier one failed.
  const code = await runBench(title, script);
  othersCode ||= code;
}
process.exit(signInCode || othersCode);
