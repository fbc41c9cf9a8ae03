// Benchmark: does a flood of deeply nested JSON bodies slow the server for everyone else?
// Starts the built server (server/dist/main.js) on its own embedded PostgreSQL in a temporary
// DATA_DIR, measures GET /api/health latency alone ("before"), then again while twenty clients
// at once keep sending a 600 KB body nested 120,000 levels deep to POST /api/auth/login without
// a session ("during"), and prints both p99s and what the hostile requests were answered.
// Run: `node bench/deep-json.mjs` (BENCH_DEEP_SECONDS, BENCH_DEEP_CLIENTS to change the load).
// Writes bench/results/deep-json.json. See bench/README.md.

import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuilt, ROOT } from './lib/build.mjs';
import { envInt, freePort, machineInfo, round, sleep, summarize } from './lib/measure.mjs';

const SECONDS = envInt('BENCH_DEEP_SECONDS', 10);
const CLIENTS = envInt('BENCH_DEEP_CLIENTS', 20);
const DEPTH = 120_000;
const READY_LINE = 'Privacy Operations Console is running at ';
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'deep-json.json');
// BENCH_SERVER_DIST=/other/checkout/server/dist measures another build (e.g. the code before a fix).
const SERVER_DIST = process.env.BENCH_SERVER_DIST ?? join(ROOT, 'server/dist');

// {"a":{"a":...1...}}: 600 KB of nesting, as in the report.
const DEEP_BODY = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

let server;

async function startServer() {
  const dataDir = await mkdtemp(join(os.tmpdir(), 'poc-bench-deep-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  Object.assign(env, { EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'error', DEMO_DATA: 'false' });
  const child = spawn(process.execPath, [join(SERVER_DIST, 'main.js')], { cwd: ROOT, env, stdio: 'pipe' });
  server = { child, dataDir, baseUrl: `http://127.0.0.1:${port}`, output: '' };
  server.exited = new Promise((resolve) => child.once('exit', resolve));
  const keep = (chunk) => (server.output = (server.output + chunk).slice(-4000));
  child.stderr.on('data', keep);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 120 s:\n${server.output}`)), 120_000);
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      if (server.output.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.exited.then((code) => reject(new Error(`server exited (${code}) during start-up:\n${server.output}`)));
  });
}

async function stopServer() {
  if (!server) return;
  const { child, dataDir } = server;
  server = undefined;
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    const timeout = sleep(30_000).then(() => 'timeout');
    if ((await Promise.race([new Promise((r) => child.once('exit', r)), timeout])) === 'timeout') child.kill('SIGKILL');
  }
  await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

/** GET /api/health one after another for `seconds`; latencies in ms. */
async function healthLatencies(seconds) {
  const until = performance.now() + seconds * 1000;
  const times = [];
  let failures = 0;
  while (performance.now() < until) {
    const t0 = performance.now();
    const res = await fetch(`${server.baseUrl}/api/health`);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200) failures += 1;
  }
  return { ...summarize(times), failures };
}

/** `clients` loops, each sending the deep body again as soon as it is answered, until `stop()`. */
function flood(clients) {
  let running = true;
  const times = [];
  const answers = {};
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
        body: DEEP_BODY,
      });
      const body = await res.json().catch(() => ({}));
      times.push(performance.now() - t0);
      const key = `${res.status} ${body.code ?? ''}`.trim();
      answers[key] = (answers[key] ?? 0) + 1;
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return { requests: times.length, answers, latency: summarize(times) };
    },
  };
}

async function main() {
  if (process.env.BENCH_SERVER_DIST === undefined) await ensureBuilt();
  console.log('Starting the server on a fresh embedded PostgreSQL ...');
  await startServer();
  await healthLatencies(2); // warm-up
  const before = await healthLatencies(SECONDS);
  const hostile = flood(CLIENTS);
  const during = await healthLatencies(SECONDS);
  const deep = await hostile.stop();
  const result = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    serverDist: SERVER_DIST,
    config: { seconds: SECONDS, clients: CLIENTS, depth: DEPTH, bodyBytes: DEEP_BODY.length },
    healthBefore: before,
    healthDuring: during,
    ratioP99DuringOverBefore: round(during.p99Ms / before.p99Ms),
    deepBodies: deep,
  };
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nGET /api/health, ${SECONDS} s each, one request at a time:`);
  console.log(
    `  before: p50 ${before.p50Ms} ms, p99 ${before.p99Ms} ms, max ${before.maxMs} ms (${before.samples} requests)`,
  );
  console.log(
    `  during ${CLIENTS} concurrent ${Math.round(DEEP_BODY.length / 1024)} KB bodies nested ${DEPTH} deep: ` +
      `p50 ${during.p50Ms} ms, p99 ${during.p99Ms} ms, max ${during.maxMs} ms (${during.samples} requests)`,
  );
  console.log(`  p99 during / before: ${result.ratioP99DuringOverBefore}`);
  console.log(
    `Deep bodies: ${deep.requests} sent, answered ${JSON.stringify(deep.answers)}, ` +
      `p50 ${deep.latency.p50Ms} ms, p99 ${deep.latency.p99Ms} ms`,
  );
  console.log(`Wrote ${RESULTS_FILE}`);
  if (before.failures > 0 || during.failures > 0) throw new Error('GET /api/health failed during the run');
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void stopServer().finally(() => process.exit(130)));
}
main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopServer());
