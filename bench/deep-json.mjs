// Benchmark: does a flood of deeply nested JSON bodies slow the server for everyone else?
// Starts the built server (server/dist/main.js) on its own embedded PostgreSQL in a temporary
// DATA_DIR, measures GET /api/health latency alone ("before"), then again while bursts of twenty
// 600 KB bodies nested 120,000 levels deep arrive at once at POST /api/auth/login without a
// session ("during"; a burst every second, sent from a worker thread so that the sender does
// not slow the measuring loop), and prints both p99s and what the hostile requests were answered.
// Run: `node bench/deep-json.mjs` (BENCH_DEEP_SECONDS, BENCH_DEEP_CLIENTS to change the load).
// Writes bench/results/deep-json.json. See bench/README.md.

import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
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
    const starting = server;
    starting.exited.then((code) => reject(new Error(`server exited (${code}) during start-up:\n${starting.output}`)));
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

/**
 * In a worker thread: every second, `clients` deep bodies at once; waits for all answers of a
 * burst, then the rest of the second. Resolves with the answers and latencies when told to stop.
 */
function flood(clients, baseUrl, kind = 'deep') {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const { performance } = require('node:perf_hooks');
    const { baseUrl, clients, depth, kind } = workerData;
    const deep = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    // The same size, flat: parsed and validated (refused for its unknown field).
    const flat = '{"email":"a@example.com","password":"x","pad":"' + 'x'.repeat(deep.length - 50) + '"}';
    const body = kind === 'flat' ? flat : deep;
    let running = true;
    parentPort.on('message', () => (running = false));
    (async () => {
      const times = [];
      const bursts = [];
      const answers = {};
      while (running) {
        const start = performance.now();
        await Promise.all(Array.from({ length: clients }, async () => {
          const t0 = performance.now();
          const res = await fetch(baseUrl + '/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-protection': '1' },
            body,
          });
          const json = await res.json().catch(() => ({}));
          times.push(performance.now() - t0);
          const key = (res.status + ' ' + (json.code ?? '')).trim();
          answers[key] = (answers[key] ?? 0) + 1;
        }));
        const took = performance.now() - start;
        bursts.push(took);
        if (took < 1000) await new Promise((r) => setTimeout(r, 1000 - took));
      }
      parentPort.postMessage({ times, bursts, answers });
    })();
    `,
    { eval: true, workerData: { baseUrl, clients, depth: DEPTH, kind } },
  );
  const done = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const { times, bursts, answers } = await done;
      await worker.terminate();
      return {
        requests: times.length,
        bursts: bursts.length,
        answers,
        latency: summarize(times),
        burstMs: summarize(bursts),
      };
    },
  };
}

async function main() {
  if (process.env.BENCH_SERVER_DIST === undefined) await ensureBuilt();
  console.log('Starting the server on a fresh embedded PostgreSQL ...');
  await startServer();
  await healthLatencies(2); // warm-up
  const before = await healthLatencies(SECONDS);
  const hostile = flood(CLIENTS, server.baseUrl);
  const during = await healthLatencies(SECONDS);
  const deep = await hostile.stop();
  // Reference: the same bursts of flat bodies of the same size, which every server must read.
  const flat = flood(CLIENTS, server.baseUrl, 'flat');
  const duringFlat = await healthLatencies(SECONDS);
  const flatBodies = await flat.stop();
  const result = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    serverDist: SERVER_DIST,
    config: { seconds: SECONDS, clients: CLIENTS, depth: DEPTH, bodyBytes: DEEP_BODY.length },
    healthBefore: before,
    healthDuring: during,
    ratioP99DuringOverBefore: round(during.p99Ms / before.p99Ms),
    deepBodies: deep,
    healthDuringFlat: duringFlat,
    flatBodies,
  };
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nGET /api/health, ${SECONDS} s each, one request at a time:`);
  console.log(
    `  before: p50 ${before.p50Ms} ms, p99 ${before.p99Ms} ms, max ${before.maxMs} ms (${before.samples} requests)`,
  );
  console.log(
    `  during bursts of ${CLIENTS} ${Math.round(DEEP_BODY.length / 1024)} KB bodies nested ${DEPTH} deep at once, every second: ` +
      `p50 ${during.p50Ms} ms, p99 ${during.p99Ms} ms, max ${during.maxMs} ms (${during.samples} requests)`,
  );
  console.log(`  p99 during / before: ${result.ratioP99DuringOverBefore}`);
  console.log(
    `Deep bodies: ${deep.requests} sent in ${deep.bursts} bursts, answered ${JSON.stringify(deep.answers)}, ` +
      `each p50 ${deep.latency.p50Ms} ms, p99 ${deep.latency.p99Ms} ms; a whole burst p50 ${deep.burstMs.p50Ms} ms, max ${deep.burstMs.maxMs} ms`,
  );
  console.log(
    `Reference, bursts of ${CLIENTS} flat bodies of the same size: health p50 ${duringFlat.p50Ms} ms, ` +
      `p99 ${duringFlat.p99Ms} ms, max ${duringFlat.maxMs} ms; answered ${JSON.stringify(flatBodies.answers)}, ` +
      `a whole burst p50 ${flatBodies.burstMs.p50Ms} ms, max ${flatBodies.burstMs.maxMs} ms`,
  );
  console.log(`Wrote ${RESULTS_FILE}`);
  if (before.failures > 0 || during.failures > 0 || duringFlat.failures > 0)
    throw new Error('GET /api/health failed during the run');
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
