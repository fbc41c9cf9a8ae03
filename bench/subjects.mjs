// Benchmark of the data-subject API (issue 4, "Bench") at 100,000 demo subjects:
//   1. search by e-mail   GET /api/subjects?filter={"email":…}   (keyed blind index)
//   2. search by name     GET /api/subjects?filter={"q":"김"}     (prefix; Korean 1–2 syllables, English)
//   3. profile            GET /api/subjects/:id                   (with its access-log "view" event)
// each against the same reads done directly with `pg` as the application role (no Nest, no
// masking, no access-log event) in the same run, interleaved, so the overhead shows as a ratio.
// Seeds its own embedded PostgreSQL in a temporary DATA_DIR with `seedDemoSubjects` (the code
// behind `npm run seed:demo`) and reports how long that took. `npm run bench` runs it after the
// other benchmarks; `node bench/subjects.mjs` runs it alone. See bench/README.md.
//
// Environment: BENCH_SUBJECTS (default 100000), BENCH_SUBJECT_SAMPLES (default 200),
// BENCH_SUBJECTS_DATA_DIR=/some/dir keeps the seeded database there and reuses it next time
// (the seeding figure is then the one of the run that created it).

import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuilt, ROOT } from './lib/build.mjs';
import {
  envInt,
  freePort,
  machineInfo,
  otherProcesses,
  phaseRecorder,
  round,
  runBenchmark,
  signInFully,
  summarize,
} from './lib/measure.mjs';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'subjects.json');

const CONFIG = {
  subjects: envInt('BENCH_SUBJECTS', 100_000),
  seed: 2026,
  samples: envInt('BENCH_SUBJECT_SAMPLES', 200),
  warmup: 20,
  pageSize: 25,
  namePrefixes: ['김', '이', '박', '김민', '서', 'j', 'ol', 'da'],
};
const TARGETS = { searchP95Ms: 50, profileP95Ms: 50 };
const KEEP_DIR = process.env.BENCH_SUBJECTS_DATA_DIR || undefined;

// BENCH_SERVER_DIST: benchmark a server build elsewhere (skips the build check).
const SERVER_DIST = process.env.BENCH_SERVER_DIST || join(ROOT, 'server', 'dist');
const serverRequire = createRequire(join(SERVER_DIST, 'main.js'));

const { phases, phase } = phaseRecorder();

// ---------------------------------------------------------------- HTTP

let requestCounter = 0;
async function timedGet(baseUrl, path, cookie, tag) {
  const requestId = `bench-${tag}-${++requestCounter}`;
  const t0 = performance.now();
  const res = await fetch(baseUrl + path, { headers: { Cookie: cookie, 'X-Request-Id': requestId } });
  const body = await res.json();
  const ms = performance.now() - t0;
  if (res.status !== 200) {
    const error = new Error(`GET ${path} -> ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    error.status = res.status;
    throw error;
  }
  return { ms, body, requestId, range: res.headers.get('content-range') };
}

// ---------------------------------------------------------------- the same reads, directly

/**
 * Records the statements the application runs, by wrapping pg's Client#query in this process
 * (the application runs in it): text, parameters, and when each was sent and answered.
 */
function statementRecorder(pg) {
  const original = pg.Client.prototype.query;
  let log = null;
  pg.Client.prototype.query = function (config, values, callback) {
    if (log === null) return original.call(this, config, values, callback);
    const entry = {
      sql: typeof config === 'string' ? config : config?.text,
      values: Array.isArray(values) ? values : (config?.values ?? []),
      t0: performance.now(),
      t1: 0,
    };
    const current = log;
    const done = () => {
      entry.t1 = performance.now();
      current.push(entry);
    };
    // TypeORM passes a callback; pg's own promise API does not.
    if (typeof values === 'function') {
      return original.call(this, config, (error, res) => {
        done();
        values(error, res);
      });
    }
    if (typeof callback === 'function') {
      return original.call(this, config, values, (error, res) => {
        done();
        callback(error, res);
      });
    }
    const result = original.call(this, config, values);
    if (result && typeof result.then === 'function') {
      return result.then(
        (r) => {
          done();
          return r;
        },
        (error) => {
          done();
          throw error;
        },
      );
    }
    return result;
  };
  return {
    /** Runs `work`, returning its result and the statements run meanwhile. */
    async during(work) {
      const mine = [];
      log = mine;
      try {
        return { result: await work(), statements: mine };
      } finally {
        log = null;
      }
    },
    restore() {
      pg.Client.prototype.query = original;
    },
  };
}

// A read of subject data (the guard chain reads staff and sessions; the access-log event is an
// INSERT; the sequencer reads the inbox: none of those match).
const SUBJECT_READ = /^\s*(select|with)\b[\s\S]*\b(from|join)\s+(subjects|subject_[a-z_]+)\b/i;

/**
 * The application's subject reads in the order and concurrency it ran them: a statement sent
 * before every earlier one was answered joins their wave (Promise.all), otherwise starts a new one.
 */
function wavesOf(statements) {
  const reads = statements.filter((s) => SUBJECT_READ.test(s.sql)).sort((a, b) => a.t0 - b.t0);
  const waves = [];
  let end = -Infinity;
  for (const s of reads) {
    if (s.t0 >= end) waves.push([]);
    waves[waves.length - 1].push(s);
    end = Math.max(end, s.t1);
  }
  return waves;
}

/** The same statements with the same parameters, wave by wave, through a pool of the application role. */
async function replay(pool, waves) {
  const t0 = performance.now();
  let rows = 0;
  for (const wave of waves) {
    const results = await Promise.all(wave.map((s) => pool.query(s.sql, s.values)));
    for (const r of results) rows += r.rowCount ?? 0;
  }
  return { ms: performance.now() - t0, rows };
}

async function explain(client, sql, params) {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  const plan = rows[0]['QUERY PLAN'][0];
  const nodes = [];
  const walk = (p) => {
    nodes.push(
      `${p['Node Type']}${p['Index Name'] ? ` using ${p['Index Name']}` : ''}${p['Relation Name'] ? ` on ${p['Relation Name']}` : ''} (rows ${p['Actual Rows']}, ${round(p['Actual Total Time'], 3)} ms)`,
    );
    for (const c of p.Plans ?? []) walk(c);
  };
  walk(plan.Plan);
  return {
    sql: sql.replace(/\s+/g, ' ').slice(0, 400),
    executionMs: round(plan['Execution Time'], 3),
    planningMs: round(plan['Planning Time'], 3),
    plan: nodes,
  };
}

/** EXPLAIN ANALYZE of every subject read of one request, slowest first. */
async function explainRequest(client, statements) {
  const out = [];
  for (const s of statements.filter((x) => SUBJECT_READ.test(x.sql))) out.push(await explain(client, s.sql, s.values));
  return out.sort((a, b) => b.executionMs - a.executionMs);
}

// ---------------------------------------------------------------- main

const cleanup = { app: null, embedded: null, dataDir: null, clients: [], recorder: null };

async function shutdown() {
  const { app, embedded, dataDir, clients, recorder } = cleanup;
  Object.assign(cleanup, { app: null, embedded: null, dataDir: null, clients: [], recorder: null });
  recorder?.restore();
  for (const c of clients) await c.end().catch(() => undefined);
  if (app) await app.close().catch((e) => console.error(`closing the app: ${e.message}`));
  if (embedded) await embedded.stop().catch((e) => console.error(`stopping PostgreSQL: ${e.message}`));
  if (dataDir && !KEEP_DIR) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

async function seedOrReuse(owner, runtime, seedDemoSubjects, demoSubjectCrypto) {
  const marker = join(runtime.config.dataDir, 'bench-subjects-seed.json');
  const { rows } = await owner.query('SELECT count(*)::int AS n FROM subjects');
  if (rows[0].n > 0) {
    if (!existsSync(marker) || rows[0].n !== CONFIG.subjects) {
      throw new Error(
        `${runtime.config.dataDir} holds ${rows[0].n} subjects, not a seeded bench database of ${CONFIG.subjects}`,
      );
    }
    console.log(`Reusing ${rows[0].n.toLocaleString('en')} seeded subjects in ${runtime.config.dataDir}`);
    return { ...JSON.parse(await readFile(marker, 'utf8')), reused: true };
  }
  console.log(`Seeding ${CONFIG.subjects.toLocaleString('en')} demo subjects (seed ${CONFIG.seed}) ...`);
  let shown = 0;
  const result = await seedDemoSubjects(
    runtime.database.ownerUrl,
    demoSubjectCrypto(runtime.config, runtime.masterKey.key),
    {
      subjects: CONFIG.subjects,
      seed: CONFIG.seed,
      onProgress: (done, total) => {
        if (done - shown < 20_000 && done !== total) return;
        shown = done;
        console.log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      },
    },
  );
  if (result.created !== CONFIG.subjects) throw new Error(`seeding created ${result.created} subjects`);
  const t0 = performance.now();
  await owner.query('VACUUM (ANALYZE)');
  const sizes = await owner.query(
    `SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS size
       FROM pg_class c WHERE c.relkind = 'r' AND (c.relname = 'subjects' OR c.relname LIKE 'subject\\_%')`,
  );
  const seeding = {
    subjects: result.created,
    rows: result.rows,
    totalRows: Object.values(result.rows).reduce((a, b) => a + b, 0),
    seconds: round(result.seconds, 1),
    generateSeconds: round(result.generateSeconds, 1),
    waitForDatabaseSeconds: round(result.waitForDatabaseSeconds, 1),
    vacuumAnalyzeSeconds: round((performance.now() - t0) / 1000, 1),
    subjectsPerSecond: Math.round(result.created / result.seconds),
    planted: result.planted,
    referenceDate: result.referenceDate,
    databaseSize: sizes.rows[0].size,
    loadavg1AtEnd: round(os.loadavg()[0]),
    what: 'seedDemoSubjects (npm run seed:demo): faker + AES-256-GCM sealing in this process, INSERT … SELECT FROM unnest() per table, one transaction per 1,000 households, synchronous_commit off',
  };
  console.log(
    `  seeded in ${seeding.seconds} s (${seeding.subjectsPerSecond}/s; generating ${seeding.generateSeconds} s, waiting for PostgreSQL ${seeding.waitForDatabaseSeconds} s), ${seeding.totalRows.toLocaleString('en')} rows, ${seeding.databaseSize}`,
  );
  if (KEEP_DIR) await writeFile(marker, JSON.stringify(seeding));
  return seeding;
}

/** Sample subjects (deterministic), with the plaintext e-mail of adults opened through SubjectCrypto. */
async function pickSamples(owner, crypto, Aad) {
  const { rows } = await owner.query(
    `SELECT s.id, s.kind, s.email_cipher, k.kek_id, k.wrapped_key FROM subjects s JOIN subject_keys k ON k.subject_id = s.id
      ORDER BY md5(s.id::text) LIMIT $1`,
    [CONFIG.samples],
  );
  const profiles = rows.map((r) => r.id);
  const emails = [];
  for (const r of rows) {
    if (!r.email_cipher) continue;
    const key = crypto.unwrap(r.id, r.kek_id, r.wrapped_key);
    emails.push({ id: r.id, email: crypto.open(key, Aad.contact(r.id, 'email'), r.email_cipher) });
  }
  return { profiles, emails };
}

async function main() {
  if (!process.env.BENCH_SERVER_DIST) await ensureBuilt();
  const machine = machineInfo();
  const othersAtStart = otherProcesses();

  serverRequire('reflect-metadata');
  const { prepareRuntime } = serverRequire('./runtime.js');
  const { createApp } = serverRequire('./bootstrap.js');
  const { SystemClock } = serverRequire('./common/clock.js');
  const { ensureDemoStaff } = serverRequire('./staff/demo-staff.js');
  const { StaffService } = serverRequire('./staff/staff.service.js');
  const { AuditSequencer } = serverRequire('./access-log/audit-sequencer.js');
  const { seedDemoSubjects, demoSubjectCrypto } = serverRequire('./demo/seed-demo-subjects.js');
  const { Aad } = serverRequire('./subjects/crypto/subject-crypto.js');
  const { ContactValues } = serverRequire('./subjects/contact-values.js');
  const pg = serverRequire('pg');

  const dataDir = KEEP_DIR ?? (await mkdtemp(join(os.tmpdir(), 'poc-bench-subjects-')));
  await mkdir(dataDir, { recursive: true });
  cleanup.dataDir = dataDir;
  await chmod(dataDir, 0o755); // PostgreSQL runs as `postgres` when this runs as root
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  const portFile = join(dataDir, 'bench-pg-port');
  const pgPort = existsSync(portFile) ? Number(await readFile(portFile, 'utf8')) : await freePort();
  if (KEEP_DIR) await writeFile(portFile, String(pgPort));
  Object.assign(env, {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'true',
  });

  console.log('Starting embedded PostgreSQL and migrating ...');
  const runtime = await prepareRuntime(env);
  cleanup.embedded = runtime.database.embedded;
  const owner = new pg.Client({ connectionString: runtime.database.ownerUrl });
  await owner.connect();
  cleanup.clients.push(owner);

  const seeding = await phase('seed', () => seedOrReuse(owner, runtime, seedDemoSubjects, demoSubjectCrypto));
  const samples = await pickSamples(owner, demoSubjectCrypto(runtime.config, runtime.masterKey.key), Aad);

  console.log('Starting the application in-process (createApp) ...');
  const app = await createApp({ ...runtime, clock: new SystemClock() });
  cleanup.app = app;
  await ensureDemoStaff(app.get(StaffService));
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const sequencer = app.get(AuditSequencer);
  await sequencer.flush();
  const cookie = await signInFully(baseUrl, KEEP_DIR ? join(dataDir, 'bench-dpo-totp') : undefined);

  const appOptions = {
    connectionString: runtime.database.appUrl,
    ...(runtime.database.appRole ? { options: `-c role=${runtime.database.appRole}` } : {}),
  };
  const appClient = new pg.Client(appOptions);
  await appClient.connect();
  cleanup.clients.push(appClient);
  // As many connections as the application's pool (TypeORM's default, 10): its concurrent reads stay concurrent.
  const pool = new pg.Pool({ ...appOptions, max: 10 });
  cleanup.clients.push(pool);

  // The routes may not exist yet (the API is written alongside this benchmark).
  try {
    await timedGet(baseUrl, `/api/subjects?range=${encodeURIComponent('[0,0]')}`, cookie, 'probe');
  } catch (error) {
    if (error.status === 404) {
      await writeResult({
        machine,
        seeding,
        api: null,
        note: 'GET /api/subjects answered 404: the subject routes are not there yet',
      });
      throw new Error('GET /api/subjects -> 404: the subject routes do not exist yet (seeding figures written)', {
        cause: error,
      });
    }
    throw error;
  }

  const range = encodeURIComponent(`[0,${CONFIG.pageSize - 1}]`);
  const emailPath = (e) => `/api/subjects?filter=${encodeURIComponent(JSON.stringify({ email: e }))}&range=${range}`;
  const namePath = (q) => `/api/subjects?filter=${encodeURIComponent(JSON.stringify({ q }))}&range=${range}`;
  const profilePath = (id) => `/api/subjects/${id}`;
  const recorder = statementRecorder(pg);
  cleanup.recorder = recorder;

  // Correctness of what is timed: the API finds the people the database holds, masked.
  for (const { id, email } of samples.emails.slice(0, 5)) {
    const { body } = await timedGet(baseUrl, emailPath(email), cookie, 'check');
    if (!Array.isArray(body) || !body.some((r) => r.id === id)) {
      throw new Error(`search by the e-mail of ${id} did not find them: ${JSON.stringify(body).slice(0, 200)}`);
    }
    if (JSON.stringify(body).includes(email)) throw new Error('search answered an unmasked e-mail address');
  }
  const prefixTotals = {};
  for (const q of CONFIG.namePrefixes) {
    const like = `${ContactValues.nameKey(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await owner.query('SELECT count(*)::int AS n FROM subjects WHERE name_key LIKE $1', [like]);
    const { body, range: contentRange } = await timedGet(baseUrl, namePath(q), cookie, 'check');
    prefixTotals[q] = rows[0].n;
    // The API counts up to 1,000 matches and answers "1001+" past that (issue F10).
    const total = contentRange?.split('/')[1];
    const expected = rows[0].n > 1000 ? '1001+' : String(rows[0].n);
    if (body.length !== Math.min(CONFIG.pageSize, rows[0].n) || total !== expected) {
      throw new Error(`name prefix ${q}: API ${body.length} rows (${contentRange}), database ${rows[0].n}`);
    }
  }
  const checkProfile = await timedGet(baseUrl, profilePath(samples.profiles[0]), cookie, 'check');
  if (checkProfile.body.id !== samples.profiles[0]) throw new Error('profile answered another subject');

  /**
   * One sample: an untimed request that records the statements (and warms the caches for this
   * subject), then the timed request, then the recorded subject reads replayed directly (timed).
   */
  const sample = async (path, tag) => {
    const captured = await recorder.during(() => timedGet(baseUrl, path, cookie, `${tag}-capture`));
    const waves = wavesOf(captured.statements);
    if (waves.length === 0) throw new Error(`GET ${path} ran no subject reads that could be recorded`);
    const http = await timedGet(baseUrl, path, cookie, tag);
    const direct = await replay(pool, waves);
    return { http, direct, statements: captured.statements, waves };
  };

  console.log(
    `Timing ${CONFIG.samples} requests per series after ${CONFIG.warmup} warm-up rounds (interleaved: e-mail, name prefix, profile), each against its own subject reads replayed directly ...`,
  );
  const series = { email: [], name: [], profile: [] };
  const byPrefix = Object.fromEntries(CONFIG.namePrefixes.map((q) => [q, { http: [], sql: [] }]));
  const slowest = {};
  const shape = { email: null, name: null, profile: null };
  const profileRequestIds = [];
  await phase('measure', async () => {
    for (let i = 0; i < CONFIG.warmup + CONFIG.samples; i++) {
      const { email } = samples.emails[i % samples.emails.length];
      const q = CONFIG.namePrefixes[i % CONFIG.namePrefixes.length];
      const id = samples.profiles[i % samples.profiles.length];
      const runs = {
        email: await sample(emailPath(email), 'email'),
        name: await sample(namePath(q), 'name'),
        profile: await sample(profilePath(id), 'profile'),
      };
      if (i < CONFIG.warmup) continue;
      for (const [k, r] of Object.entries(runs)) {
        series[k].push({ http: r.http.ms, sql: r.direct.ms });
        if (!slowest[k] || r.http.ms > slowest[k].http.ms) slowest[k] = r;
        shape[k] ??= {
          statements: r.statements.length,
          subjectReads: r.waves.reduce((n, w) => n + w.length, 0),
          waves: r.waves.map((w) => w.length),
        };
      }
      byPrefix[q].http.push(runs.name.http.ms);
      byPrefix[q].sql.push(runs.name.direct.ms);
      profileRequestIds.push(runs.profile.http.requestId);
    }
  });
  recorder.restore();
  cleanup.recorder = null;

  // Every timed profile request left its access-log event.
  await sequencer.flush();
  const { rows: logged } = await owner.query(
    `SELECT count(DISTINCT request_id)::int AS n FROM audit_events WHERE request_id = ANY($1::text[])
        AND subject_id LIKE 'subject:%' AND action = 'view'`,
    [profileRequestIds],
  );
  const auditedProfiles = logged[0].n;

  // Where the time goes in the slowest request of each series: every statement it ran, and the
  // plans of its subject reads.
  const diagnosis = {};
  for (const [k, r] of Object.entries(slowest)) {
    diagnosis[k] = {
      request: r.http.requestId,
      httpMs: round(r.http.ms),
      replayMs: round(r.direct.ms),
      statements: r.statements.map((s) => ({
        ms: round(s.t1 - s.t0),
        startMs: round(s.t0 - r.statements[0].t0),
        sql: s.sql.replace(/\s+/g, ' ').slice(0, 200),
      })),
      plans: (await explainRequest(appClient, r.statements)).slice(0, 4),
    };
  }

  const fig = (k, target, extra = {}) => {
    const h = summarize(series[k].map((x) => x.http));
    const s = summarize(series[k].map((x) => x.sql));
    return {
      http: h,
      sqlBaseline: s,
      ratio: { p50: round(h.p50Ms / s.p50Ms), p95: round(h.p95Ms / s.p95Ms) },
      target: { p95MsAtMost: target, met: h.p95Ms <= target },
      requestShape: shape[k],
      ...extra,
    };
  };
  const result = {
    benchmark: 'subjects',
    date: new Date().toISOString(),
    machine,
    config: { ...CONFIG, targets: TARGETS },
    seeding,
    method:
      'Per sample: one untimed request records the statements the application runs (pg Client#query wrapped in this process); then the timed HTTP request (fetch, from sending to the parsed JSON body, DPO session); then the recorded subject reads (SELECT/WITH over subject tables) replayed with the same parameters through a 10-connection pg pool as the application role, in the same waves of concurrency: the same rows and columns with no Nest, guards, masking or access-log event. Series interleaved.',
    api: {
      searchEmail: fig('email', TARGETS.searchP95Ms, { request: 'GET /api/subjects?filter={"email":…}&range=[0,24]' }),
      searchNamePrefix: fig('name', TARGETS.searchP95Ms, {
        request: 'GET /api/subjects?filter={"q":…}&range=[0,24]',
        matches: prefixTotals,
        byPrefix: Object.fromEntries(
          Object.entries(byPrefix).map(([q, s]) => [
            q,
            { matches: prefixTotals[q], httpP95Ms: summarize(s.http).p95Ms, sqlP95Ms: summarize(s.sql).p95Ms },
          ]),
        ),
      }),
      profile: fig('profile', TARGETS.profileP95Ms, {
        request: 'GET /api/subjects/:id (DPO), with its access-log "view" event',
        auditedRequests: { timed: profileRequestIds.length, withViewEvent: auditedProfiles },
      }),
      slowestRequests: diagnosis,
    },
    load: { phases, otherProcessesAtStart: othersAtStart, otherProcessesAtEnd: otherProcesses() },
  };
  printTable(result);
  await writeResult(result);
  if (auditedProfiles !== profileRequestIds.length) {
    throw new Error(`only ${auditedProfiles} of ${profileRequestIds.length} profile requests left a "view" event`);
  }
}

async function writeResult(result) {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote ${RESULTS_FILE.slice(ROOT.length + 1)}`);
}

function printTable(r) {
  const ms = (x) => `${x.toFixed(1)} ms`;
  const ok = (met) => (met ? 'met' : 'MISSED');
  const s = r.seeding;
  console.log('');
  console.log(
    `Subjects — ${r.machine.cpuCount} x ${r.machine.cpuModel}, Node ${r.machine.node}; ${s.subjects.toLocaleString('en')} subjects, ${s.totalRows.toLocaleString('en')} rows`,
  );
  console.log(`  seeding: ${s.seconds} s (${s.subjectsPerSecond} subjects/s)${s.reused ? ' [reused database]' : ''}`);
  const rows = [['figure', 'API p50 / p95', 'same SQL p50 / p95', 'ratio p50 / p95', 'target']];
  for (const [label, f] of [
    ['search by e-mail', r.api.searchEmail],
    ['search by name prefix', r.api.searchNamePrefix],
    ['profile (+ view event)', r.api.profile],
  ]) {
    rows.push([
      label,
      `${ms(f.http.p50Ms)} / ${ms(f.http.p95Ms)}`,
      `${ms(f.sqlBaseline.p50Ms)} / ${ms(f.sqlBaseline.p95Ms)}`,
      `${f.ratio.p50.toFixed(2)} / ${f.ratio.p95.toFixed(2)}`,
      `p95 <= ${f.target.p95MsAtMost} ms: ${ok(f.target.met)}`,
    ]);
  }
  const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(`  ${row.map((c, i) => c.padEnd(w[i])).join('  ')}`.trimEnd());
  const shapeOf = (f) => `${f.requestShape.subjectReads} reads in ${f.requestShape.waves.length} wave(s)`;
  console.log(
    `  per request: e-mail search ${shapeOf(r.api.searchEmail)}, name search ${shapeOf(r.api.searchNamePrefix)}, profile ${shapeOf(r.api.profile)}`,
  );
  const l = r.load.phases.measure;
  console.log(
    `  load average (1 min) ${l.loadavg1Before} → ${l.loadavg1After}, machine CPU busy ${l.machineCpuBusyPct}%`,
  );
  console.log('');
}

runBenchmark('SUBJECTS', main, shutdown);
