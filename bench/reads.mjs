// Reads benchmark (issue F10, "Fast audited reads"), at 100,000 people:
//   1. GET /api/health, the profile GET /api/subjects/:id (signed in as the DPO, a different person
//      on every request, each with its access-log event committed before the answer) and the bare
//      peer's GET /profile/:id, each at 32 connections with autocannon. The console is the built
//      server (server/dist/main.js) in a process of its own; the peer (bench/lib/bare-peer.mjs) is
//      Express and pg in another process running the same statements (bench/lib/statements.mjs) on
//      the same database as the application role, with no guards, masking or audit. Each load also
//      reports the CPU the answering server's process and PostgreSQL used per request (Linux /proc).
//   2. Subject search by name prefix, one request at a time from a client thread of its own: p95
//      alone, then while the profile load runs.
//   3. Where the profile's statement time goes: EXPLAIN (ANALYZE, SUMMARY) of its one statement
//      (the account, every tab and the findings; the console's adds the event's INSERT) sent unnamed (planned every time) and prepared (generic plan after five executions), and the
//      plans of the search's count and page.
// Prints each ratio with its baseline from the same run and writes bench/results/reads.json.
// `npm run bench` runs it; `node bench/reads.mjs` runs it alone. See bench/README.md.
//
// Environment: BENCH_READS_SUBJECTS (default 100000), BENCH_READS_SECONDS (default 10),
// BENCH_SERVER_DIST (a server build elsewhere, e.g. of an earlier commit, to compare),
// BENCH_READS_DATA_DIR=/some/dir (keeps the seeded database there and reuses it next time),
// BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for the console's process),
// BENCH_PEER_NODE_ARGS (the same for the bare peer's).

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { ensureBuilt, ROOT } from './lib/build.mjs';
import {
  embeddedRuntimeEnv,
  envInt,
  freePort,
  loadFigures,
  machineInfo,
  otherProcesses,
  percentile,
  postgresCpuBetween,
  processTable,
  round,
  runBenchmark,
  signInFully,
  summarize,
} from './lib/measure.mjs';
import { subjectStatements } from './lib/statements.mjs';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'reads.json');
const SERVER_DIST = process.env.BENCH_SERVER_DIST || join(ROOT, 'server', 'dist');

const CONFIG = {
  subjects: envInt('BENCH_READS_SUBJECTS', 100_000),
  seed: 2026,
  connections: 32,
  durationSeconds: envInt('BENCH_READS_SECONDS', 10),
  warmupSeconds: 3,
  profileIds: 2000,
  searchSamples: 120,
  pageSize: 25,
  namePrefixes: ['김', '이', '박', '김민', '서', 'j', 'ol', 'da'],
  startupTimeoutSeconds: 180,
};
const GOALS = { profileOverHealth: 0.5, profileP99Ms: 100, profileOverPeer: 0.9, searchP95Ms: 50 };
const READY_LINE = 'Privacy Operations Console is running at ';
const KEEP_DIR = process.env.BENCH_READS_DATA_DIR || undefined;

const cleanup = { children: [], embedded: null, dataDir: null, clients: [] };

async function shutdown() {
  const { children, embedded, dataDir, clients } = cleanup;
  Object.assign(cleanup, { children: [], embedded: null, dataDir: null, clients: [] });
  for (const child of children) await stopChild(child);
  for (const c of clients) await c.end().catch(() => undefined);
  if (embedded) await embedded.stop().catch((e) => console.error(`stopping PostgreSQL: ${e.message}`));
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

// ---------------------------------------------------------------- child processes

/** Spawns a node process and resolves once `ready(stdoutSoFar)` returns a value. */
async function startChild(label, args, env, ready) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanup.children.push(child);
  let output = '';
  let stdout = '';
  child.stderr.on('data', (c) => (output = (output + c).slice(-8000)));
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${label} not ready after ${CONFIG.startupTimeoutSeconds} s`)),
        CONFIG.startupTimeoutSeconds * 1000,
      );
      child.stdout.on('data', (c) => {
        output = (output + c).slice(-8000);
        stdout += c;
        const value = ready(stdout);
        if (value !== undefined) {
          clearTimeout(timer);
          resolve({ child, value });
        }
      });
      child.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${label} exited during start-up (${code})`));
      });
    });
  } catch (error) {
    error.message += `\n--- ${label} output (tail) ---\n${output}`;
    throw error;
  }
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref());
  if ((await Promise.race([child.exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await child.exited;
  }
}

// ---------------------------------------------------------------- load

/** autocannon at CONFIG.connections; `paths` are taken in turn, one per request. */
async function load(baseUrl, paths, headers, durationSeconds) {
  let next = 0;
  return autocannon({
    url: baseUrl,
    connections: CONFIG.connections,
    duration: durationSeconds,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
      },
    ],
  });
}

/**
 * Warm-up, then the measured load; with the CPU each side used while measured (Linux /proc):
 * the answering server's process (`serverPid`), every PostgreSQL process, and this process
 * (autocannon), each in ms per answered request and in cores.
 */
async function measure(label, baseUrl, paths, headers, serverPid) {
  process.stdout.write(`  ${label}: warm-up ${CONFIG.warmupSeconds} s ... `);
  await load(baseUrl, paths, headers, CONFIG.warmupSeconds);
  process.stdout.write(`measuring ${CONFIG.durationSeconds} s ... `);
  const before = { table: processTable(), bench: process.cpuUsage() };
  const t0 = performance.now();
  const r = await load(baseUrl, paths, headers, CONFIG.durationSeconds);
  const seconds = (performance.now() - t0) / 1000;
  const after = processTable();
  const server = [before.table.get(serverPid), after.get(serverPid)];
  const used = {
    server: server.includes(undefined) ? null : server[1].cpu - server[0].cpu,
    postgres: after.size === 0 ? null : postgresCpuBetween(before.table, after),
    bench: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(before.bench)),
  };
  const figures = loadFigures(r);
  const cpu = {};
  for (const [side, s] of Object.entries(used)) {
    cpu[side] =
      s === null || figures.requestsTotal === 0
        ? null
        : { msPerRequest: round((1000 * s) / figures.requestsTotal, 3), cores: round(s / seconds, 2) };
  }
  const shown = (c) => (c ? `${c.msPerRequest} ms/req` : 'n/a');
  process.stdout.write(
    `${r.requests.average.toFixed(1)} req/s, p99 ${r.latency.p99} ms; CPU server ${shown(cpu.server)}, PostgreSQL ${shown(cpu.postgres)}\n`,
  );
  return { ...figures, cpu };
}

/**
 * Name-prefix searches one at a time (prefixes in turn), from a client thread of its own
 * (bench/lib/search-client.mjs); their latencies in ms. It stops early once `stop[0]` is set.
 */
function searchSeries(baseUrl, cookie, samples, stop = new Int32Array(new SharedArrayBuffer(4))) {
  const range = encodeURIComponent(`[0,${CONFIG.pageSize - 1}]`);
  const sort = encodeURIComponent(JSON.stringify(['createdAt', 'DESC']));
  const paths = CONFIG.namePrefixes.map(
    (q) => `/api/subjects?filter=${encodeURIComponent(JSON.stringify({ q }))}&range=${range}&sort=${sort}`,
  );
  const client = new Worker(new URL('./lib/search-client.mjs', import.meta.url), {
    workerData: { baseUrl, cookie, paths, samples, stop },
  });
  return new Promise((resolve, reject) => {
    client.once('message', resolve);
    client.once('error', reject);
    client.once('exit', (code) => reject(new Error(`the search client exited (${code}) before answering`)));
  });
}

// ---------------------------------------------------------------- plans

async function explainJson(client, sql, values) {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) ${sql}`, values);
  const plan = rows[0]['QUERY PLAN'][0];
  const nodes = [];
  const walk = (p) => {
    if (p['Index Name'] || p['Relation Name'] || nodes.length < 3) {
      nodes.push(`${p['Node Type']}${p['Index Name'] ? ` using ${p['Index Name']}` : ''} (rows ${p['Actual Rows']})`);
    }
    for (const c of p.Plans ?? []) walk(c);
  };
  walk(plan.Plan);
  return { planningMs: round(plan['Planning Time'], 3), executionMs: round(plan['Execution Time'], 3), nodes };
}

/**
 * A statement of the profile: planned each time when sent unnamed (median of 7), and prepared
 * (EXECUTE of a PREPAREd statement: the first five executions get custom plans, then PostgreSQL
 * keeps the generic plan when it costs no more). `args(id)` gives the EXECUTE's literal arguments.
 */
async function statementPlans(client, text, values, types, args, ids) {
  const unnamed = [];
  for (const id of ids.slice(0, 7)) unnamed.push(await explainJson(client, text, values(id)));
  await client.query(`PREPARE bench_statement(${types}) AS ${text}`);
  const prepared = [];
  // EXPLAIN EXECUTE takes no bind parameters: the arguments are literals of the database's own uuids.
  for (const id of ids.slice(0, 10)) {
    prepared.push(await explainJson(client, `EXECUTE bench_statement(${args(id)})`, []));
  }
  const { rows } = await client.query(
    `SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name = 'bench_statement'`,
  );
  await client.query('DEALLOCATE bench_statement');
  const med = (xs) =>
    round(
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      ),
      3,
    );
  const figures = (xs) => ({
    planningMs: med(xs.map((x) => x.planningMs)),
    executionMs: med(xs.map((x) => x.executionMs)),
  });
  return {
    unnamed: figures(unnamed),
    preparedFirstFive: figures(prepared.slice(0, 5)),
    preparedAfterFive: { ...figures(prepared.slice(5)), nodes: prepared.at(-1).nodes },
    planCounts: rows[0],
  };
}

/** The name search's statements for "김" as the console sends them (sorted by createdAt DESC). */
async function searchPlans(client, nameKey) {
  const like = `${nameKey('김').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const page = (order) =>
    explainJson(
      client,
      `WITH page AS (SELECT s.id FROM subjects s WHERE s.name_key LIKE $1 ORDER BY ${order} LIMIT 25 OFFSET 0)
       SELECT s.id FROM page JOIN subjects s ON s.id = page.id ORDER BY ${order}`,
      [like],
    );
  return {
    // Before F10 the order said "DESC NULLS LAST", which no index of created_at gives.
    pageNullsLast: await page('s.created_at DESC NULLS LAST, s.id DESC'),
    page: await page('s.created_at DESC, s.id DESC'),
    cappedCount: await explainJson(
      client,
      'SELECT count(*)::int AS total FROM (SELECT 1 FROM subjects s WHERE s.name_key LIKE $1 LIMIT 1001) capped',
      [like],
    ),
    fullCount: await explainJson(client, 'SELECT count(*)::int AS total FROM subjects s WHERE s.name_key LIKE $1', [
      like,
    ]),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  await ensureBuilt(); // this benchmark's setup and the peer use server/dist even when BENCH_SERVER_DIST is set
  const machine = machineInfo();
  const othersAtStart = otherProcesses();
  const statements = subjectStatements();
  const { serverRequire } = statements;
  serverRequire('reflect-metadata');
  const { prepareRuntime } = serverRequire('./runtime.js');
  const { createApp } = serverRequire('./bootstrap.js');
  const { SystemClock } = serverRequire('./common/clock.js');
  const { ensureDemoStaff } = serverRequire('./staff/demo-staff.js');
  const { StaffService } = serverRequire('./staff/staff.service.js');
  const { seedDemoSubjects, demoSubjectCrypto } = serverRequire('./demo/seed-demo-subjects.js');
  const { ContactValues } = serverRequire('./subjects/contact-values.js');
  const pg = serverRequire('pg');

  const dataDir = KEEP_DIR ?? (await mkdtemp(join(os.tmpdir(), 'poc-bench-reads-')));
  await mkdir(dataDir, { recursive: true });
  if (!KEEP_DIR) cleanup.dataDir = dataDir;
  const env = await embeddedRuntimeEnv(dataDir, { demoData: true });

  console.log('Starting embedded PostgreSQL and migrating ...');
  const runtime = await prepareRuntime(env);
  cleanup.embedded = runtime.database.embedded;
  const owner = new pg.Client({ connectionString: runtime.database.ownerUrl });
  await owner.connect();
  cleanup.clients.push(owner);

  const { rows: present } = await owner.query('SELECT count(*)::int AS n FROM subjects');
  let seeded = { created: present[0].n, seconds: 0, reused: true };
  if (present[0].n === 0) {
    console.log(`Seeding ${CONFIG.subjects.toLocaleString('en')} people (seed ${CONFIG.seed}) ...`);
    seeded = await seedDemoSubjects(
      runtime.database.ownerUrl,
      demoSubjectCrypto(runtime.config, runtime.masterKey.key),
      { subjects: CONFIG.subjects, seed: CONFIG.seed },
    );
    await owner.query('VACUUM (ANALYZE)');
    console.log(`  ${seeded.created.toLocaleString('en')} people in ${round(seeded.seconds, 1)} s`);
  } else if (present[0].n !== CONFIG.subjects) {
    throw new Error(`${dataDir} holds ${present[0].n} people, not ${CONFIG.subjects}`);
  } else {
    console.log(`Reusing the ${present[0].n.toLocaleString('en')} people in ${dataDir}`);
  }

  // The demo staff accounts, created once by an application in this process, which then stops.
  const setup = await createApp({ ...runtime, clock: new SystemClock() });
  await ensureDemoStaff(setup.get(StaffService));
  await setup.close();

  const { rows: idRows } = await owner.query(
    `SELECT id FROM subjects WHERE separated_at IS NULL ORDER BY md5(id::text) LIMIT $1`,
    [CONFIG.profileIds],
  );
  const ids = idRows.map((r) => r.id);

  console.log(`Starting the console (${SERVER_DIST.slice(ROOT.length + 1) || SERVER_DIST}) and the bare peer ...`);
  const port = await freePort();
  const serverEnv = {
    ...env,
    PORT: String(port),
    DATABASE_URL: runtime.database.ownerUrl,
    APP_DATABASE_URL: runtime.database.appUrl,
    SEQUENCER_DATABASE_URL: runtime.database.sequencerUrl,
  };
  const args = [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), join(SERVER_DIST, 'main.js')];
  const consoleProcess = await startChild('the console', args, serverEnv, (out) =>
    out.includes(READY_LINE) ? true : undefined,
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const peerEnv = {
    ...process.env,
    PEER_DATABASE_URL: runtime.database.appUrl,
    PEER_PORT: String(await freePort()),
  };
  const peerArgs = [
    ...(process.env.BENCH_PEER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    join(ROOT, 'bench', 'lib', 'bare-peer.mjs'),
  ];
  const peer = await startChild('the bare peer', peerArgs, peerEnv, (out) => {
    const m = /PEER READY (\d+)/.exec(out);
    return m ? Number(m[1]) : undefined;
  });
  const peerUrl = `http://127.0.0.1:${peer.value}`;
  const cookie = await signInFully(baseUrl, KEEP_DIR ? join(dataDir, 'bench-dpo-totp') : undefined);

  // Both answer the same person.
  const [mine, theirs] = await Promise.all([
    fetch(`${baseUrl}/api/subjects/${ids[0]}`, { headers: { Cookie: cookie } }).then((r) => r.json()),
    fetch(`${peerUrl}/profile/${ids[0]}`).then((r) => r.json()),
  ]);
  if (mine.id !== ids[0] || theirs.id !== ids[0]) throw new Error('the console or the peer answered another person');

  const profilePaths = ids.map((id) => `/api/subjects/${id}`);
  const peerPaths = ids.map((id) => `/profile/${id}`);
  const { rows: before } = await owner.query(
    `SELECT (SELECT count(*) FROM audit_inbox)::int + (SELECT count(*) FROM audit_events)::int AS n`,
  );

  console.log(`Load: ${CONFIG.connections} connections, ${CONFIG.durationSeconds} s each:`);
  const consolePid = consoleProcess.child.pid;
  const health = await measure('GET /api/health', baseUrl, ['/api/health'], {}, consolePid);
  const profile = await measure('GET /api/subjects/:id (DPO)', baseUrl, profilePaths, { Cookie: cookie }, consolePid);
  const bare = await measure('bare peer GET /profile/:id', peerUrl, peerPaths, {}, peer.child.pid);

  const { rows: after } = await owner.query(
    `SELECT (SELECT count(*) FROM audit_inbox)::int + (SELECT count(*) FROM audit_events)::int AS n`,
  );
  const auditEvents = after[0].n - before[0].n;

  console.log('Search by name prefix, one request at a time:');
  const searchAlone = summarize(await searchSeries(baseUrl, cookie, CONFIG.searchSamples));
  console.log(`  alone: p50 ${searchAlone.p50Ms} ms, p95 ${searchAlone.p95Ms} ms`);
  const loaded = new Int32Array(new SharedArrayBuffer(4));
  const background = load(baseUrl, profilePaths, { Cookie: cookie }, CONFIG.durationSeconds).finally(() => {
    Atomics.store(loaded, 0, 1);
  });
  const underLoadTimes = await searchSeries(baseUrl, cookie, CONFIG.searchSamples, loaded);
  const backgroundResult = await background;
  const searchUnderLoad = summarize(underLoadTimes);
  console.log(
    `  under profile load (${backgroundResult.requests.average.toFixed(1)} req/s): p50 ${searchUnderLoad.p50Ms} ms, p95 ${searchUnderLoad.p95Ms} ms (${underLoadTimes.length} searches)`,
  );
  const range = await fetch(
    `${baseUrl}/api/subjects?filter=${encodeURIComponent(JSON.stringify({ q: '김' }))}&range=${encodeURIComponent('[0,24]')}`,
    { headers: { Cookie: cookie } },
  );
  await range.arrayBuffer();

  const app = new pg.Client({ connectionString: runtime.database.appUrl });
  await app.connect();
  cleanup.clients.push(app);
  const bound = statements.fourteenthBirthdayBound(new Date().toISOString().slice(0, 10));
  const plans = {
    profile: await statementPlans(
      app,
      statements.PROFILE.text,
      (id) => [id, bound],
      'uuid, date',
      (id) => `'${id}', '${bound}'`,
      ids,
    ),
    search: await searchPlans(app, (q) => ContactValues.nameKey(q)),
  };

  const ratios = {
    profileOverHealth: round(profile.requestsPerSecond / health.requestsPerSecond, 3),
    profileOverPeer: round(profile.requestsPerSecond / bare.requestsPerSecond, 3),
  };
  const result = {
    benchmark: 'reads',
    date: new Date().toISOString(),
    machine,
    serverDist: SERVER_DIST.slice(ROOT.length + 1) || SERVER_DIST,
    config: {
      ...CONFIG,
      goals: GOALS,
      tool: 'autocannon (in this process), console and peer in processes of their own',
    },
    seeding: { people: seeded.created, seconds: round(seeded.seconds, 1), reused: seeded.reused === true },
    health,
    profile: { ...profile, auditEventsWritten: auditEvents },
    bare,
    ratios,
    search: {
      alone: searchAlone,
      underProfileLoad: { ...searchUnderLoad, profileRequestsPerSecond: backgroundResult.requests.average },
      contentRangeFor김: range.headers.get('content-range'),
    },
    plans,
    goals: {
      profileOverHealth: ratios.profileOverHealth >= GOALS.profileOverHealth,
      profileP99: profile.latencyP99Ms <= GOALS.profileP99Ms,
      profileOverPeer: ratios.profileOverPeer >= GOALS.profileOverPeer,
      searchP95UnderLoad: searchUnderLoad.p95Ms <= GOALS.searchP95Ms,
    },
    load: { otherProcessesAtStart: othersAtStart, otherProcessesAtEnd: otherProcesses(), loadavg: os.loadavg() },
  };
  printSummary(result);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote ${RESULTS_FILE.slice(ROOT.length + 1)}`);

  const problems = [];
  for (const [name, r] of Object.entries({ health, profile, bare })) {
    if (r.non2xx !== 0 || r.errors !== 0 || r.timeouts !== 0) {
      problems.push(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    }
  }
  // Every profile answered (warm-up and measured) left its event: at least as many as measured.
  if (auditEvents < profile.requestsTotal) {
    problems.push(`${profile.requestsTotal} profile reads measured but only ${auditEvents} access-log events written`);
  }
  if (problems.length > 0) throw new Error(`benchmark invalid:\n  - ${problems.join('\n  - ')}`);
}

function printSummary(r) {
  const ok = (met) => (met ? 'met' : 'MISSED');
  const line = (label, x) =>
    `  ${label.padEnd(34)} ${x.requestsPerSecond.toFixed(1).padStart(8)} req/s   p50 ${String(x.latencyP50Ms).padStart(4)} ms   p99 ${String(x.latencyP99Ms).padStart(4)} ms`;
  console.log('');
  console.log(
    `Reads — ${r.machine.cpuCount} x ${r.machine.cpuModel}, Node ${r.machine.node}; ${r.seeding.people.toLocaleString('en')} people; ${r.config.connections} connections, ${r.config.durationSeconds} s each`,
  );
  console.log(line('GET /api/health', r.health));
  console.log(line('GET /api/subjects/:id (+ event)', r.profile));
  console.log(line('bare Express+pg, same SQL', r.bare));
  console.log(
    `  profile ÷ health: ${r.ratios.profileOverHealth.toFixed(3)} (goal ≥ ${GOALS.profileOverHealth}: ${ok(r.goals.profileOverHealth)}); profile p99 ${r.profile.latencyP99Ms} ms (goal ≤ ${GOALS.profileP99Ms}: ${ok(r.goals.profileP99)})`,
  );
  console.log(
    `  profile ÷ bare peer: ${r.ratios.profileOverPeer.toFixed(3)} (goal ≥ ${GOALS.profileOverPeer}: ${ok(r.goals.profileOverPeer)})`,
  );
  const cpu = (x) =>
    x.cpu.server && x.cpu.postgres
      ? `Node ${x.cpu.server.msPerRequest} + PostgreSQL ${x.cpu.postgres.msPerRequest} ms (${x.cpu.server.cores} + ${x.cpu.postgres.cores} cores)`
      : 'n/a (no /proc)';
  console.log(`  CPU per request: health ${cpu(r.health)}; profile ${cpu(r.profile)}; peer ${cpu(r.bare)}`);
  console.log(
    `  search by name prefix p95: alone ${r.search.alone.p95Ms} ms, under profile load ${r.search.underProfileLoad.p95Ms} ms (goal ≤ ${GOALS.searchP95Ms}: ${ok(r.goals.searchP95UnderLoad)}); "김" answers Content-Range ${r.search.contentRangeFor김}`,
  );
  const p = r.plans.profile;
  console.log(
    `  profile statement (account, tabs, findings): unnamed planning ${p.unnamed.planningMs} ms + execution ${p.unnamed.executionMs} ms; prepared after 5 runs planning ${p.preparedAfterFive.planningMs} ms + execution ${p.preparedAfterFive.executionMs} ms (generic plans ${p.planCounts.generic_plans}, custom ${p.planCounts.custom_plans})`,
  );
  const s = r.plans.search;
  console.log(
    `  search "김": page ${s.page.executionMs} ms (${s.page.nodes.join(', ')}; with "NULLS LAST" ${s.pageNullsLast.executionMs} ms), capped count ${s.cappedCount.executionMs} ms, full count ${s.fullCount.executionMs} ms`,
  );
  console.log(`  load average ${r.load.loadavg.map((x) => x.toFixed(2)).join(' ')}`);
  console.log('');
}

runBenchmark('READS', main, shutdown);
