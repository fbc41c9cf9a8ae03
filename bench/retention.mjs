// Benchmark of retention (issue F9, "Bench"): the daily retention scan and the destruction run
// over 100,000 people with 1,000,000 records, against a plain SQL DELETE of the same rows in the
// same run. The real server runs as its own process (`node server/dist/main.js`, embedded
// PostgreSQL, demo staff), so its memory is its own: the bench samples the server's RSS (and
// its peak, VmHWM, reset before each phase) and the PostgreSQL processes under it from /proc.
//
//   1. seed, as the database owner, set-based (INSERT … SELECT generate_series): people with a
//      data key each, payments, device and visit logs, counseling records, bookings, consents;
//      about 30 % of the records due for destruction; three legal holds (people, a category, and
//      a released one that holds nothing);
//   2. copy the record tables into the schema bench_baseline (same rows, same indexes);
//   3. POST /api/jobs/retention-scan/run as the demo DPO, wait on its job_runs row;
//   4. the baseline: plain DELETEs (UPDATE where the run pseudonymises) of the same rows in
//      bench_baseline, one transaction, with the cutoffs the scan put in the queue and the holds;
//   5. POST /api/jobs/retention-destruction/run, wait on its job_runs row;
//   6. check that the run and the baseline left exactly the same rows, and that the certificate
//      counts what is gone; print ratios; write bench/results/retention.json.
//
// `node bench/retention.mjs [--people N] [--records M]` (defaults 100000 and 10 × people);
// BENCH_RETENTION_PEOPLE / BENCH_RETENTION_RECORDS do the same. See bench/README.md.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureBuilt, ROOT } from './lib/build.mjs';
import {
  CSRF,
  envInt,
  freePort,
  machineInfo,
  otherProcesses,
  phaseRecorder,
  round,
  runBenchmark,
  signInFully,
} from './lib/measure.mjs';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'retention.json');
const SERVER_DIST = join(ROOT, 'server', 'dist');
const serverRequire = createRequire(join(SERVER_DIST, 'main.js'));
const READY_LINE = 'Privacy Operations Console is running at ';

const { values: argv } = parseArgs({
  options: { people: { type: 'string' }, records: { type: 'string' } },
  allowPositionals: false,
});
const positive = (name, v, fallback) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 100) throw new Error(`--${name} must be an integer of at least 100`);
  return n;
};
const PEOPLE = positive('people', argv.people, envInt('BENCH_RETENTION_PEOPLE', 100_000));
const RECORDS = positive('records', argv.records, envInt('BENCH_RETENTION_RECORDS', PEOPLE * 10));

/**
 * The records, as shares of RECORDS, and when each is due. Spreads are chosen so that about 30 %
 * of all records are due: payments over 7 years (5-year rule: ~29 % due), device and visit logs
 * last seen over 150 days (3 months: ~39 %), counseling records over 5 years, 40 % of them
 * results (3 years after counseling ended: ~40 % of results), bookings ended over 2 years (1 year:
 * ~50 % of the completed), consents (5 years after a withdrawal; 5 % of people withdrew, over 7
 * years).
 */
const MIX = { payments: 0.25, devices: 0.2, counseling: 0.2, bookings: 0.2, consents: 0.15 };
const COUNSELOR_SHARE = 0.02;
const WITHDRAWN_SHARE = 0.05;
const HELD_PEOPLE = Math.max(1, Math.round(PEOPLE / 100)); // per hold on people (1 %)

/** The tables the categories act on, copied for the baseline, and the column that tells them apart. */
const TABLES = [
  'subject_payments',
  'subject_devices',
  'subject_counseling_records',
  'subject_bookings',
  'subject_consents',
];

const { phases, phase } = phaseRecorder({ processCpu: true });
const cleanup = { server: null, clients: [], sampler: null };

// ---------------------------------------------------------------- the server process

async function startServer(dataDir) {
  const [port, pgPort] = [await freePort(), await freePort()];
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  delete env.SEQUENCER_DATABASE_URL;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'true',
  });
  const child = spawn(process.execPath, [join(SERVER_DIST, 'main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, env, baseUrl: `http://127.0.0.1:${port}`, output: '' };
  cleanup.server = server;
  server.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const keep = (chunk) => {
    server.output = (server.output + chunk.toString()).slice(-8000);
  };
  child.stderr.on('data', keep);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after 180 s:\n${server.output}`)), 180_000);
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      if (server.output.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited during start-up (${code ?? signal}):\n${server.output}`));
    });
  });
  return server;
}

/** Waits until the server's output (stdout and stderr, as kept) matches `pattern`. */
async function waitForOutput(server, pattern, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!pattern.test(server.output)) {
    if (performance.now() > deadline) throw new Error(`no ${pattern} in the server's output:\n${server.output}`);
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output}`);
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 1000);
      server.child.stdout.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

async function stopServer(server) {
  if (!server || server.stopped) return;
  server.stopped = true;
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 60_000).unref());
  if ((await Promise.race([server.exited, timeout])) === 'timeout') {
    console.error('server did not exit within 60 s of SIGTERM; sending SIGKILL');
    child.kill('SIGKILL');
    await server.exited;
  }
}

// ---------------------------------------------------------------- memory, from /proc

const KB = 1024;
function statusOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * KB;
    return {
      name: /^Name:\s+(\S+)/m.exec(text)?.[1],
      rss: field('VmRSS'),
      hwm: field('VmHWM'),
      anon: field('RssAnon'),
    };
  } catch {
    return null; // gone meanwhile
  }
}

/** The PostgreSQL processes under `rootPid` (the server starts the embedded cluster as its child). */
function postgresUnder(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const found = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift();
    const s = statusOf(pid);
    if (s?.name === 'postgres') found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/**
 * Samples, every 100 ms until stopped, the server's RSS and the PostgreSQL processes' memory:
 * the sum of their RSS (shared buffers counted once per process that touched them, so an upper
 * bound) and of their anonymous memory (what each backend allocated for itself: sorts, hashes,
 * per-statement state), and the largest single backend's anonymous memory. Before it starts it
 * resets the server's VmHWM (clear_refs 5), so the server's peak is this phase's.
 */
function memorySampler(serverPid) {
  let resetHwm = true;
  try {
    writeFileSync(`/proc/${serverPid}/clear_refs`, '5');
  } catch {
    resetHwm = false;
  }
  const peak = { serverRss: 0, pgRssSum: 0, pgAnonSum: 0, pgAnonMaxProcess: 0, samples: 0 };
  let pgPids = postgresUnder(serverPid);
  let ticks = 0;
  const sample = () => {
    const s = statusOf(serverPid);
    if (s) peak.serverRss = Math.max(peak.serverRss, s.rss);
    if (++ticks % 20 === 0) pgPids = postgresUnder(serverPid); // backends come and go
    let rss = 0;
    let anon = 0;
    for (const pid of pgPids) {
      const p = statusOf(pid);
      if (!p) continue;
      rss += p.rss;
      anon += p.anon;
      peak.pgAnonMaxProcess = Math.max(peak.pgAnonMaxProcess, p.anon);
    }
    peak.pgRssSum = Math.max(peak.pgRssSum, rss);
    peak.pgAnonSum = Math.max(peak.pgAnonSum, anon);
    peak.samples++;
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const s = statusOf(serverPid);
      const mb = (b) => round(b / 2 ** 20, 1);
      return {
        serverPeakRssMB: mb(Math.max(peak.serverRss, resetHwm && s ? s.hwm : 0)),
        serverPeakFrom: resetHwm
          ? 'VmHWM (reset at phase start) and 100 ms polling of VmRSS'
          : '100 ms polling of VmRSS',
        serverRssAtEndMB: mb(s?.rss ?? 0),
        postgresPeakAnonSumMB: mb(peak.pgAnonSum),
        postgresPeakAnonOneProcessMB: mb(peak.pgAnonMaxProcess),
        postgresPeakRssSumMB: mb(peak.pgRssSum),
        postgresProcesses: pgPids.length,
        samples: peak.samples,
      };
    },
  };
}

/**
 * What the database did in a phase: writing transactions and WAL written, and what the application's connections were doing, sampled
 * every 200 ms from pg_stat_activity: a statement (its first words), idle in a transaction (the
 * server working between two statements of one transaction), or idle.
 */
async function dbCounters(superuser) {
  // Exact at once, unlike the cumulative statistics (flushed by each backend up to 10 s later):
  // the WAL position, and the transaction id counter (every writing transaction takes one).
  const { rows } = await superuser.query(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal, txid_current()::float8 AS xid`,
  );
  return rows[0];
}

function activitySampler(superuser) {
  const seen = new Map();
  let samples = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    superuser
      .query(
        `SELECT state, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query FROM pg_stat_activity
          WHERE usename = 'console_app' AND state <> 'idle' AND pid <> pg_backend_pid()`,
      )
      .then(({ rows }) => {
        samples++;
        for (const r of rows) {
          const key = r.state === 'active' ? r.query : r.state;
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, 200);
  return () => {
    clearInterval(timer);
    return {
      samples,
      top: [...seen.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([what, n]) => ({ what, shareOfSamples: round(n / Math.max(1, samples), 3) })),
    };
  };
}

/** Runs `work` while sampling memory and the database; returns its result, wall time and figures. */
async function measured(name, serverPid, superuser, work) {
  const before = await dbCounters(superuser);
  const stopActivity = activitySampler(superuser);
  const sampler = memorySampler(serverPid);
  cleanup.sampler = sampler;
  const t0 = performance.now();
  try {
    const result = await phase(name, work);
    const seconds = round((performance.now() - t0) / 1000, 2);
    const memory = sampler.stop();
    const activity = stopActivity();
    const after = await dbCounters(superuser);
    const database = {
      writeTransactions: after.xid - before.xid - 1,
      walMB: round((after.wal - before.wal) / 2 ** 20, 1),
      applicationConnections: activity,
    };
    return { result, seconds, memory, database };
  } finally {
    cleanup.sampler = null;
    sampler.stop();
    stopActivity();
  }
}

// ---------------------------------------------------------------- jobs over HTTP

/** POST /api/jobs/<name>/run as the DPO, then waits on the job_runs row of that pg-boss job. */
async function runJob(baseUrl, cookie, owner, name, progress) {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/jobs/${name}/run`, {
    method: 'POST',
    headers: { ...CSRF, Cookie: cookie, 'Content-Type': 'application/json' },
    body: '{}',
  });
  const body = await res.json().catch(() => ({}));
  if (res.status !== 202) throw new Error(`POST /api/jobs/${name}/run -> ${res.status}: ${JSON.stringify(body)}`);
  const deadline = Date.now() + 120 * 60_000;
  let shown = performance.now();
  for (;;) {
    const { rows } = await owner.query(
      `SELECT outcome, counts, error, started_at, finished_at,
              extract(epoch FROM finished_at - started_at)::float8 AS seconds
         FROM job_runs WHERE boss_job_id = $1 ORDER BY started_at DESC LIMIT 1`,
      [body.queuedJobId],
    );
    const run = rows[0];
    if (run && run.outcome !== 'running') {
      const wallSeconds = round((performance.now() - t0) / 1000, 2);
      if (run.outcome !== 'succeeded') throw new Error(`job ${name} ${run.outcome}: ${run.error}`);
      return { jobSeconds: round(run.seconds, 2), wallSeconds, counts: run.counts };
    }
    if (Date.now() > deadline) throw new Error(`job ${name} did not finish within 2 hours`);
    if (progress && performance.now() - shown > 30_000) {
      shown = performance.now();
      console.log(`    ${round((shown - t0) / 1000, 0)} s: ${await progress()}`);
    }
    if (cleanup.server.child.exitCode !== null) throw new Error(`the server exited:\n${cleanup.server.output}`);
    // Polling the row the job runner writes when the run ends (no notification exists for it).
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ---------------------------------------------------------------- seeding

/**
 * People and records, set-based as the owner. Ids come from gen_random_uuid(); the bench keeps
 * them in bench_seed.people (n → id) to place records. Ciphertexts nobody decrypts are random
 * bytes; each person's data key is a real one, wrapped by the console's KEK (SubjectCrypto), so
 * that a key rotation or an erasure after the run treats them as it would real people's.
 */
async function seed(owner, crypto, dpoId) {
  const counselors = Math.max(1, Math.round(PEOPLE * COUNSELOR_SHARE));
  const clients = PEOPLE - counselors;
  const n = (share) => Math.round(RECORDS * share);
  const counts = {
    payments: n(MIX.payments),
    devices: n(MIX.devices),
    counseling: n(MIX.counseling),
    bookings: n(MIX.bookings),
  };
  counts.consents = RECORDS - counts.payments - counts.devices - counts.counseling - counts.bookings;
  const t = {};
  const step = async (label, sql, params = []) => {
    const t0 = performance.now();
    const r = await owner.query(sql, params);
    t[label] = round((performance.now() - t0) / 1000, 1);
    return r;
  };
  await owner.query('SET synchronous_commit = off');
  await owner.query('DROP SCHEMA IF EXISTS bench_seed CASCADE');
  await owner.query('CREATE SCHEMA bench_seed');
  // n 1..counselors are counselors, the rest clients; a client is picked as a random n above that.
  await step(
    'people',
    `CREATE TABLE bench_seed.people AS
       SELECT n, gen_random_uuid() AS id, n <= $2 AS counselor,
              n > $2 AND random() < $3 AS withdrawn
         FROM generate_series(1, $1) n`,
    [PEOPLE, counselors, WITHDRAWN_SHARE],
  );
  await owner.query('ALTER TABLE bench_seed.people ADD PRIMARY KEY (n)');
  const pick = `($1::int + 1 + floor(random() * $2::int))::int`; // a client's n
  const counselorOf = `(1 + floor(random() * $1::int))::int`;
  await step(
    'subjects',
    `INSERT INTO subjects (id, service, kind, status, name, name_key, locale, created_at, last_active_at,
                           withdrawal_requested_at, withdrawn_at, updated_at)
     SELECT id, CASE WHEN n % 3 = 0 THEN 'shelby' ELSE 'maumjuui' END,
            CASE WHEN counselor THEN 'counselor' ELSE 'client' END,
            CASE WHEN withdrawn THEN 'withdrawn' ELSE 'active' END,
            '벤치 ' || n, '벤치 ' || n, CASE WHEN n % 5 = 0 THEN 'en' ELSE 'ko' END,
            now() - interval '7 years' - random() * interval '1 year',
            now() - random() * interval '300 days',
            w, w, now()
       FROM (SELECT *, CASE WHEN withdrawn THEN now() - random() * interval '7 years' END AS w
               FROM bench_seed.people) p`,
  );
  // Real data keys, wrapped by the active KEK (AES-GCM in this process), in chunks.
  const t0 = performance.now();
  const { rows: ids } = await owner.query('SELECT id FROM bench_seed.people ORDER BY n');
  for (let i = 0; i < ids.length; i += 10_000) {
    const chunk = ids.slice(i, i + 10_000).map((r) => ({ id: r.id, ...crypto.newDataKey(r.id) }));
    await owner.query(
      `INSERT INTO subject_keys (subject_id, kek_id, wrapped_key, created_at)
       SELECT * , now() FROM unnest($1::uuid[], $2::text[], $3::bytea[])`,
      [chunk.map((k) => k.id), chunk.map((k) => k.kekId), chunk.map((k) => k.wrapped)],
    );
  }
  t.subjectKeys = round((performance.now() - t0) / 1000, 1);
  const rnd = (bytes) => Array.from({ length: bytes / 16 }, () => 'uuid_send(gen_random_uuid())').join(' || ');
  await step(
    'payments',
    `INSERT INTO subject_payments (subject_id, amount, currency, method, gateway, card_mask, status, paid_at)
     SELECT p.id, (30 + floor(random() * 12) * 10) * 1000, 'KRW',
            (ARRAY['card', 'bank_transfer', 'easy_pay'])[1 + floor(random() * 3)::int], 'toss',
            '****-****-****-' || lpad(floor(random() * 10000)::text, 4, '0'),
            CASE WHEN random() < 0.95 THEN 'paid' ELSE 'refunded' END,
            now() - random() * interval '7 years'
       FROM (SELECT ${pick} AS k FROM generate_series(1, $3) g) g JOIN bench_seed.people p ON p.n = g.k`,
    [counselors, clients, counts.payments],
  );
  await step(
    'devices',
    `INSERT INTO subject_devices (subject_id, model, os, app_version, ip, carrier, city, country, time_zone,
                                  advertising_id_mask, first_seen_at, last_seen_at)
     SELECT p.id, (ARRAY['iPhone 15', 'Galaxy S24', 'Pixel 8', 'Chrome 131'])[1 + floor(random() * 4)::int],
            (ARRAY['iOS 18', 'Android 15', 'Windows 11'])[1 + floor(random() * 3)::int], '4.' || floor(random() * 20),
            ('10.' || floor(random() * 255) || '.' || floor(random() * 255) || '.' || floor(random() * 255))::inet,
            'SKT', 'Seoul', 'KR', 'Asia/Seoul', '****-' || floor(random() * 10000), seen - random() * interval '30 days', seen
       FROM (SELECT ${pick} AS k, now() - random() * interval '150 days' AS seen FROM generate_series(1, $3) g) g
       JOIN bench_seed.people p ON p.n = g.k`,
    [counselors, clients, counts.devices],
  );
  await step(
    'bookings',
    `INSERT INTO subject_bookings (client_id, counselor_id, scheduled_at, mode, topic_cipher, status, ended_at,
                                   meeting_provider, created_at)
     SELECT p.id, c.id, at, CASE WHEN random() < 0.5 THEN 'video' ELSE 'voice' END, ${rnd(64)},
            CASE WHEN future THEN 'booked' ELSE 'completed' END,
            CASE WHEN future THEN NULL ELSE at + interval '50 minutes' END, 'zoom', at - interval '3 days'
       FROM (SELECT ${pick} AS k, ${counselorOf.replace('$1', '$4')} AS ck, random() < 0.1 AS future,
                    now() - random() * interval '2 years' AS past FROM generate_series(1, $3) g) g
       CROSS JOIN LATERAL (SELECT CASE WHEN g.future THEN now() + random() * interval '30 days' ELSE g.past END AS at) a
       JOIN bench_seed.people p ON p.n = g.k JOIN bench_seed.people c ON c.n = g.ck`,
    [counselors, clients, counts.bookings, counselors],
  );
  await step(
    'counseling',
    `INSERT INTO subject_counseling_records (subject_id, counselor_id, kind, session_at, counseling_ended_at,
                                             content_cipher, created_at)
     SELECT p.id, c.id, kind, at, at + random() * interval '60 days', ${rnd(256)}, at
       FROM (SELECT ${pick} AS k, ${counselorOf.replace('$1', '$4')} AS ck,
                    CASE WHEN r < 0.4 THEN 'result' WHEN r < 0.9 THEN 'session_note' ELSE 'expert_opinion' END AS kind,
                    now() - interval '60 days' - random() * interval '5 years' AS at
               FROM (SELECT random() AS r FROM generate_series(1, $3)) x) g
       JOIN bench_seed.people p ON p.n = g.k JOIN bench_seed.people c ON c.n = g.ck`,
    [counselors, clients, counts.counseling, counselors],
  );
  // Consents: the terms and the required privacy consent of anyone, at sign-up (a share of the
  // people get the second one, to reach the count).
  await step(
    'consents',
    `INSERT INTO subject_consents (subject_id, purpose, required, granted, version, recorded_at, withdrawn_at)
     SELECT s.id, (ARRAY['terms', 'privacy_required', 'marketing'])[1 + (g % 3)], g % 3 < 2, true, '2023-09',
            s.created_at, s.withdrawn_at
       FROM (SELECT g, ${pick} AS k FROM generate_series(1, $3) g) g
       JOIN bench_seed.people p ON p.n = g.k JOIN subjects s ON s.id = p.id`,
    [counselors, clients, counts.consents],
  );
  // Holds: 1 % of the people in litigation; every contract record under a regulator's inquiry;
  // and a released hold on another 1 %, which must not stop anything.
  const hold = async (source, reason, status, categories, people, offset) => {
    const { rows } = await owner.query(
      `INSERT INTO legal_holds (reference, source, source_reference, reason, owner_id, review_on, categories, status,
                                created_by, created_at, updated_at, released_at, released_by, release_reason)
       VALUES ('LH-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('legal_hold_reference_seq')::text, 6, '0'),
               $1, 'BENCH-' || $1, $2, $3, current_date + 30, $4, $5, $3, now(), now(),
               CASE WHEN $5 = 'released' THEN now() END, CASE WHEN $5 = 'released' THEN $3::uuid END,
               CASE WHEN $5 = 'released' THEN 'Settled; nothing held any more' END)
       RETURNING id`,
      [source, reason, dpoId, categories, status],
    );
    if (people > 0) {
      await owner.query(
        `INSERT INTO legal_hold_subjects (hold_id, subject_id, added_at)
         SELECT $1, id, now() FROM bench_seed.people WHERE NOT counselor ORDER BY n OFFSET $2 LIMIT $3`,
        [rows[0].id, offset, people],
      );
    }
  };
  await hold('litigation', 'Bench: litigation over a group of clients', 'active', [], HELD_PEOPLE, 0);
  await hold('regulator_inquiry', 'Bench: inquiry into contract records', 'active', ['contract_records'], 0, 0);
  await hold('litigation', 'Bench: a released hold holds nothing', 'released', [], HELD_PEOPLE, HELD_PEOPLE);
  return { counselors, clients, counts, stepSeconds: t };
}

/** The record tables copied into bench_baseline: the same rows and indexes, no triggers. */
async function copyForBaseline(owner) {
  await owner.query('DROP SCHEMA IF EXISTS bench_baseline CASCADE');
  await owner.query('CREATE SCHEMA bench_baseline');
  for (const table of TABLES) {
    await owner.query(`CREATE TABLE bench_baseline.${table} (LIKE public.${table} INCLUDING ALL)`);
    await owner.query(`INSERT INTO bench_baseline.${table} SELECT * FROM public.${table}`);
  }
  // A withdrawal is read from the person; the baseline reads the copy, the run the live row.
  await owner.query('CREATE TABLE bench_baseline.subjects AS SELECT id, withdrawn_at, status FROM public.subjects');
  await owner.query('ALTER TABLE bench_baseline.subjects ADD PRIMARY KEY (id)');
}

// ---------------------------------------------------------------- the baseline

/**
 * Per category, the plain SQL that destroys the due records of people no active hold lists, in
 * bench_baseline. `$1` is the cutoff the scan put in the queue for the category's rule.
 */
const BASELINE = {
  payments: `DELETE FROM bench_baseline.subject_payments t WHERE t.paid_at < $1 AND NOT EXISTS (SELECT 1 FROM held h WHERE h.subject_id = t.subject_id)`,
  visit_logs: `DELETE FROM bench_baseline.subject_devices t WHERE t.last_seen_at < $1 AND NOT EXISTS (SELECT 1 FROM held h WHERE h.subject_id = t.subject_id)`,
  counseling_results: `DELETE FROM bench_baseline.subject_counseling_records t WHERE t.kind = 'result' AND coalesce(t.counseling_ended_at, t.session_at) < $1 AND NOT EXISTS (SELECT 1 FROM held h WHERE h.subject_id = t.subject_id)`,
  expert_provision: `UPDATE bench_baseline.subject_bookings t SET topic_cipher = NULL, topic_sealed_under = NULL WHERE t.topic_cipher IS NOT NULL AND coalesce(t.ended_at, t.scheduled_at) < $1 AND NOT EXISTS (SELECT 1 FROM held h WHERE h.subject_id = t.client_id)`,
  contract_records: `DELETE FROM bench_baseline.subject_consents t USING bench_baseline.subjects s WHERE s.id = t.subject_id AND s.withdrawn_at < $1 AND NOT EXISTS (SELECT 1 FROM held h WHERE h.subject_id = t.subject_id)`,
};

async function baseline(owner, cutoffs) {
  const affected = {};
  await owner.query('BEGIN');
  try {
    // The people an active hold lists, once (what the run reads from the hold tables).
    await owner.query(
      `CREATE TEMP TABLE held ON COMMIT DROP AS
         SELECT DISTINCT hs.subject_id FROM legal_hold_subjects hs JOIN legal_holds h ON h.id = hs.hold_id
          WHERE h.status = 'active'`,
    );
    const { rows } = await owner.query(
      `SELECT DISTINCT unnest(categories) AS category FROM legal_holds WHERE status = 'active'`,
    );
    const heldCategories = new Set(rows.map((r) => r.category));
    for (const [category, cutoff] of Object.entries(cutoffs)) {
      if (heldCategories.has(category)) continue;
      const sql = BASELINE[category];
      if (!sql) throw new Error(`no baseline SQL for the category ${category}`);
      const r = await owner.query(sql, [cutoff]);
      affected[category] = r.rowCount;
    }
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK');
    throw error;
  }
  return affected;
}

// ---------------------------------------------------------------- checks

/** Rows per table in the live tables and in the baseline copy, and the rows in one and not the other. */
async function compare(owner) {
  const out = {};
  for (const table of TABLES) {
    const extra = table === 'subject_bookings' ? ', (topic_cipher IS NULL) AS gone' : '';
    const { rows } = await owner.query(
      `SELECT (SELECT count(*) FROM public.${table})::int AS live,
              (SELECT count(*) FROM bench_baseline.${table})::int AS baseline,
              (SELECT count(*) FROM (SELECT id${extra} FROM public.${table}
                                     EXCEPT SELECT id${extra} FROM bench_baseline.${table}) x)::int AS only_live,
              (SELECT count(*) FROM (SELECT id${extra} FROM bench_baseline.${table}
                                     EXCEPT SELECT id${extra} FROM public.${table}) x)::int AS only_baseline`,
    );
    out[table] = rows[0];
  }
  return out;
}

async function tableCounts(owner) {
  const out = {};
  for (const table of TABLES) {
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM public.${table}`);
    out[table] = rows[0].n;
  }
  const { rows } = await owner.query('SELECT count(*)::int AS n FROM subject_bookings WHERE topic_cipher IS NOT NULL');
  out.bookingTopics = rows[0].n;
  return out;
}

// ---------------------------------------------------------------- main

async function shutdown() {
  const { server, clients, sampler } = cleanup;
  Object.assign(cleanup, { server: null, clients: [], sampler: null });
  sampler?.stop();
  for (const c of clients) await c.end().catch(() => undefined);
  await stopServer(server).catch((e) => console.error(`stopping the server: ${e.message}`));
  if (server?.env?.DATA_DIR) await rm(server.env.DATA_DIR, { recursive: true, force: true, maxRetries: 3 });
}

async function main() {
  await ensureBuilt();
  const machine = machineInfo();
  const othersAtStart = otherProcesses();
  serverRequire('reflect-metadata');
  const { AppConfig } = serverRequire('./config/app-config.js');
  const { loadMasterKey } = serverRequire('./common/master-key.js');
  const { demoSubjectCrypto } = serverRequire('./demo/seed-demo-subjects.js');
  const { OWNER_ROLE } = serverRequire('./database/embedded-database.js');
  const { EMBEDDED_DATABASE_NAME } = serverRequire('./database/database-location.js');
  const pg = serverRequire('pg');

  const dataDir = await mkdtemp(join(os.tmpdir(), 'poc-bench-retention-'));
  await chmod(dataDir, 0o755); // PostgreSQL runs as `postgres` when this runs as root
  console.log('Starting the server (its own embedded PostgreSQL, demo staff) ...');
  const server = await phase('start', () => startServer(dataDir));
  const serverPid = server.child.pid;

  const credentials = JSON.parse(readFileSync(join(dataDir, 'pg-credentials.json'), 'utf8'));
  const ownerUrl = `postgres://${OWNER_ROLE}:${encodeURIComponent(credentials.ownerPassword)}@127.0.0.1:${server.env.EMBEDDED_PG_PORT}/${EMBEDDED_DATABASE_NAME}`;
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  cleanup.clients.push(owner);
  // CHECKPOINT needs the superuser: each measured phase starts with no dirty buffers of the one before.
  const superuser = new pg.Client({
    connectionString: ownerUrl.replace(
      `${OWNER_ROLE}:${encodeURIComponent(credentials.ownerPassword)}`,
      `postgres:${encodeURIComponent(credentials.superPassword)}`,
    ),
  });
  await superuser.connect();
  cleanup.clients.push(superuser);
  const checkpoint = () => superuser.query('CHECKPOINT');
  // The demo makes its retention example after the start message (a destruction run, two legal
  // holds): wait for its closing line, then release its holds, so that only the bench's holds count
  // and the bench's run is the one certificate it checks (those before it are left out).
  await waitForOutput(server, /Demo retention: (?!the real jobs)|demo retention data could not be made/, 300_000);
  await owner.query(
    `UPDATE legal_holds SET status = 'released', released_at = now(), released_by = created_by,
       release_reason = 'Released for the benchmark', updated_at = now() WHERE status = 'active'`,
  );
  const { rows: demoCertificates } = await owner.query('SELECT id FROM destruction_certificates');
  const cookie = await signInFully(server.baseUrl);
  const { rows: dpo } = await owner.query(`SELECT id FROM staff WHERE email = 'dpo@demo.local'`);

  const jobList = await fetch(`${server.baseUrl}/api/jobs`, { headers: { Cookie: cookie } }).then((r) => r.json());
  const missing = ['retention-scan', 'retention-destruction'].filter((j) => !jobList.some((x) => x.name === j));

  const config = AppConfig.fromEnv(server.env);
  const crypto = demoSubjectCrypto(config, loadMasterKey(config).key);
  const { rows: before } = await owner.query('SELECT count(*)::int AS n FROM subjects');
  console.log(
    `Seeding ${PEOPLE.toLocaleString('en')} people and ${RECORDS.toLocaleString('en')} records as the owner (beside the ${before[0].n.toLocaleString('en')} demo people) ...`,
  );
  const seedStart = performance.now();
  const seeded = await phase('seed', () => seed(owner, crypto, dpo[0].id));
  const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
  console.log(`  seeded in ${seedSeconds} s (${JSON.stringify(seeded.stepSeconds)})`);
  const copyStart = performance.now();
  await phase('copy', () => copyForBaseline(owner));
  console.log(
    `  copied the record tables into bench_baseline in ${round((performance.now() - copyStart) / 1000, 1)} s`,
  );
  await phase('vacuum', async () => {
    await owner.query('VACUUM (ANALYZE)');
    await checkpoint();
  });
  const { rows: size } = await owner.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS size');
  const countsBefore = await tableCounts(owner);
  const totalRecords = TABLES.reduce((a, tb) => a + countsBefore[tb], 0);
  console.log(`  ${totalRecords.toLocaleString('en')} records in ${TABLES.length} tables, database ${size[0].size}`);

  if (missing.length > 0) {
    throw new Error(`the server has no job ${missing.join(', ')} yet (seeding works; nothing to measure)`);
  }

  console.log('Retention scan (POST /api/jobs/retention-scan/run) ...');
  const scan = await measured('scan', serverPid, superuser, () =>
    runJob(server.baseUrl, cookie, owner, 'retention-scan'),
  );
  console.log(`  ${scan.seconds} s, ${JSON.stringify(scan.result.counts)}`);
  // The scan queues a week ahead; the run destroys what is due today (the earliest day queued),
  // with today's cutoff per rule: the baseline deletes with the same cutoffs.
  const { rows: queue } = await owner.query(
    `SELECT r.category, r.code, q.due_on::text AS "dueOn", q.status, count(DISTINCT q.cutoff)::int AS cutoffs,
            min(q.cutoff) AS cutoff, count(*)::int AS items, sum(q.record_count)::int AS records
       FROM destruction_queue q JOIN retention_rules r ON r.id = q.rule_id
      WHERE q.status IN ('pending', 'held') AND q.statutory_hold_id IS NULL
      GROUP BY r.category, r.code, q.due_on, q.status ORDER BY r.category, q.due_on, q.status`,
  );
  const today = queue.map((q) => q.dueOn).sort()[0];
  const cutoffs = {};
  for (const q of queue.filter((x) => x.dueOn === today)) {
    if (q.cutoffs !== 1 || (cutoffs[q.category] && cutoffs[q.category].getTime() !== q.cutoff.getTime())) {
      throw new Error(`rule ${q.code}: more than one cutoff for ${today}`);
    }
    cutoffs[q.category] = q.cutoff;
  }
  const dueToday = queue.filter((q) => q.dueOn === today);
  console.log(
    `  due ${today}: ${dueToday.map((q) => `${q.category} ${q.status} ${q.items} items/${q.records} records`).join(', ')}`,
  );

  await checkpoint();
  console.log('Baseline: plain SQL DELETE of the same rows in bench_baseline, one transaction ...');
  const base = await measured('baseline', serverPid, superuser, () => baseline(owner, cutoffs));
  console.log(`  ${base.seconds} s, ${JSON.stringify(base.result)}`);

  await checkpoint();
  console.log('Destruction run (POST /api/jobs/retention-destruction/run) ...');
  const destroyedSoFar = async () => {
    const { rows } = await owner.query(
      `SELECT count(*)::int AS items, count(DISTINCT subject_id)::int AS people FROM destruction_queue
        WHERE status = 'destroyed'`,
    );
    return `${rows[0].items.toLocaleString('en')} items of ${rows[0].people.toLocaleString('en')} people destroyed`;
  };
  const destruction = await measured('destruction', serverPid, superuser, () =>
    runJob(server.baseUrl, cookie, owner, 'retention-destruction', destroyedSoFar),
  );
  console.log(`  ${destruction.seconds} s, ${JSON.stringify(destruction.result.counts)}`);

  // The access log: the run's events are sequenced after it (not in its time).
  const sequencing = await phase('sequencing', async () => {
    const t0 = performance.now();
    for (;;) {
      const { rows } = await owner.query('SELECT count(*)::int AS n FROM audit_inbox');
      if (rows[0].n === 0) return round((performance.now() - t0) / 1000, 1);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  const countsAfter = await tableCounts(owner);
  const diff = await compare(owner);
  const { rows: certs } = await owner.query(
    `SELECT c.reference, c.people, c.records, c.held, c.lines, r.through_on::text AS "throughOn"
       FROM destruction_certificates c JOIN destruction_runs r ON r.id = c.run_id
      WHERE NOT c.id = ANY($1::uuid[]) ORDER BY c.issued_at DESC`,
    [demoCertificates.map((c) => c.id)],
  );
  const gone = Object.fromEntries(
    TABLES.map((tb) => [tb, countsBefore[tb] - countsAfter[tb]]).concat([
      ['bookingTopics', countsBefore.bookingTopics - countsAfter.bookingTopics],
    ]),
  );
  const goneTotal = Object.values(gone).reduce((a, b) => a + b, 0);
  const baselineTotal = Object.values(base.result).reduce((a, b) => a + b, 0);
  const problems = [];
  for (const [table, d] of Object.entries(diff)) {
    if (d.only_live !== 0 || d.only_baseline !== 0) {
      problems.push(
        `${table}: ${d.only_live} rows only in the live table, ${d.only_baseline} only in the baseline copy`,
      );
    }
  }
  if (certs.length !== 1) problems.push(`${certs.length} destruction certificates, expected one`);
  else if (certs[0].throughOn !== today)
    problems.push(`the run went through ${certs[0].throughOn}, the baseline ${today}`);
  else if (certs[0].records !== goneTotal) {
    problems.push(`the certificate counts ${certs[0].records} records, ${goneTotal} are gone`);
  }

  const scanAndRun = scan.seconds + destruction.seconds;
  const result = {
    benchmark: 'retention',
    date: new Date().toISOString(),
    machine,
    config: {
      people: PEOPLE,
      records: RECORDS,
      mix: MIX,
      counselorShare: COUNSELOR_SHARE,
      withdrawnShare: WITHDRAWN_SHARE,
      heldPeoplePerHold: HELD_PEOPLE,
    },
    seeding: {
      seconds: seedSeconds,
      stepSeconds: seeded.stepSeconds,
      demoPeople: before[0].n,
      recordsBefore: countsBefore,
      totalRecords,
      databaseSize: size[0].size,
      what: 'INSERT … SELECT generate_series as the owner, random() spreads; data keys wrapped by the console KEK in this process; ciphertexts random bytes',
    },
    queue: { dueOn: today, cutoffs, byDay: queue },
    scan: { ...scan.result, seconds: scan.seconds, memory: scan.memory, database: scan.database },
    destruction: {
      ...destruction.result,
      seconds: destruction.seconds,
      memory: destruction.memory,
      database: destruction.database,
    },
    baseline: {
      seconds: base.seconds,
      rowsAffected: base.result,
      total: baselineTotal,
      memory: base.memory,
      database: base.database,
      what: 'plain DELETE (UPDATE of the booking topic) per category in a copy of the tables, one transaction, same cutoffs and holds',
    },
    recordsGone: { ...gone, total: goneTotal, shareOfRecords: round(goneTotal / totalRecords, 3) },
    certificate: certs[0] ?? null,
    sameRows: diff,
    accessLogSequencingAfterRunSeconds: sequencing,
    ratios: {
      scanOverBaseline: round(scan.seconds / base.seconds),
      destructionOverBaseline: round(destruction.seconds / base.seconds),
      scanPlusDestructionOverBaseline: round(scanAndRun / base.seconds),
      postgresPeakAnonDestructionOverBaseline: round(
        destruction.memory.postgresPeakAnonSumMB / base.memory.postgresPeakAnonSumMB,
      ),
      postgresPeakAnonScanOverBaseline: round(scan.memory.postgresPeakAnonSumMB / base.memory.postgresPeakAnonSumMB),
    },
    load: { phases, otherProcessesAtStart: othersAtStart, otherProcessesAtEnd: otherProcesses() },
    problems,
  };
  printTable(result);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote ${RESULTS_FILE.slice(ROOT.length + 1)}`);
  if (problems.length > 0) throw new Error(`the run is not valid:\n  - ${problems.join('\n  - ')}`);
}

function printTable(r) {
  const rows = [
    ['', 'seconds', 'server peak RSS', 'PG peak anon (sum / one)', 'PG peak RSS sum', 'write tx', 'WAL'],
    ...[
      ['retention scan', r.scan],
      ['destruction run', r.destruction],
      ['plain SQL baseline', r.baseline],
    ].map(([label, x]) => [
      label,
      x.seconds.toFixed(1),
      label.startsWith('plain') ? '—' : `${x.memory.serverPeakRssMB} MB`,
      `${x.memory.postgresPeakAnonSumMB} / ${x.memory.postgresPeakAnonOneProcessMB} MB`,
      `${x.memory.postgresPeakRssSumMB} MB`,
      x.database.writeTransactions.toLocaleString('en'),
      `${x.database.walMB} MB`,
    ]),
  ];
  const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log('');
  console.log(
    `Retention — ${r.machine.cpuCount} x ${r.machine.cpuModel}, Node ${r.machine.node}; ${r.config.people.toLocaleString('en')} people (+${r.seeding.demoPeople} demo), ${r.seeding.totalRecords.toLocaleString('en')} records, ${r.seeding.databaseSize}`,
  );
  console.log(`  seeding: ${r.seeding.seconds} s`);
  for (const row of rows)
    console.log(`  ${row.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ')}`);
  console.log(
    `  records gone: ${r.recordsGone.total.toLocaleString('en')} (${round(100 * r.recordsGone.shareOfRecords, 1)} %); baseline rows: ${r.baseline.total.toLocaleString('en')}; certificate: ${r.certificate ? `${r.certificate.reference}, ${r.certificate.people} people, ${r.certificate.records} records, ${r.certificate.held} held` : 'none'}`,
  );
  const ra = r.ratios;
  console.log(
    `  ratios to the baseline: scan ${ra.scanOverBaseline}, destruction ${ra.destructionOverBaseline}, scan + destruction ${ra.scanPlusDestructionOverBaseline}; PostgreSQL peak anon memory: destruction ${ra.postgresPeakAnonDestructionOverBaseline}, scan ${ra.postgresPeakAnonScanOverBaseline}`,
  );
  const busy = r.destruction.database.applicationConnections.top
    .slice(0, 4)
    .map((t) => `${Math.round(100 * t.shareOfSamples)} % ${t.what}`);
  console.log(`  the run's connections, sampled: ${busy.join(' | ')}`);
  console.log(`  access-log events sequenced ${r.accessLogSequencingAfterRunSeconds} s after the run ended`);
  const l = r.load.phases;
  console.log(
    `  load average (1 min): scan ${l.scan.loadavg1Before} → ${l.scan.loadavg1After}, destruction ${l.destruction.loadavg1Before} → ${l.destruction.loadavg1After}; machine CPU busy: scan ${l.scan.machineCpuBusyPct} %, baseline ${l.baseline.machineCpuBusyPct} %, destruction ${l.destruction.machineCpuBusyPct} %`,
  );
  console.log('');
}

runBenchmark('RETENTION', main, shutdown);
