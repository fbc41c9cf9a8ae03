// Benchmark of the tamper-evident access log (issue 3, "Bench"; DESIGN.md, The access log).
// Four figures, each with a baseline measured in the same run:
//   1. append  — events/s through AuditService.record + the real sequencer ÷ plain INSERTs
//                into an unguarded table; sequencer lag p50/p99; and taken apart: the writers
//                with the sequencer held, then the sequencer alone with its CPU per event;
//   2. verify  — verifyLog over 1,000,000 synthetic events ÷ SHA-256 of the same bytes;
//                incremental verification of the newest 1 % from a checkpoint;
//   3. list    — GET /api/access-log p50/p95 (first page; actor-filtered page ~900,000 deep)
//                at 1,000,000 events, against the same SQL timed directly;
//   4. naive   — the same append load through a per-event row-locked hash chain;
//   5. proof   — GET /api/access-log/:seq (inclusion proof from the stored subtree roots) p50/p95
//                at 1,000,000 events, against GET /api/auth/me and the former method (read every
//                leaf hash, build the proof in memory) timed once in the same run;
//   6. incremental verify — POST /api/access-log/verify after 10,000 new events, resuming from
//                the last verified head, against reading the same rows directly and a full run;
//   7. verify from DB — POST /api/access-log/verify {"full": true} over the whole stored log,
//                against reading the same rows and columns in one binary COPY.
// Runs on its own embedded PostgreSQL in a temporary DATA_DIR. `npm run bench` runs it after
// the sign-in benchmark (bench/run.mjs); `node bench/access-log.mjs` runs it alone.
// BENCH_ACCESS_LOG_ONLY=verify-db (a comma-separated list of verify, list, proof, verify-db,
// incremental, append, detail) runs only those figures, after the same set-up, prints only their
// rows and writes bench/results/access-log-only.json instead; unset, every figure runs.
// See bench/README.md for the method behind each figure.

import { Buffer } from 'node:buffer';
import crypto from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuilt, ROOT } from './lib/build.mjs';
import {
  CSRF,
  envInt,
  freePort,
  machineInfo,
  median,
  otherProcesses,
  phaseRecorder,
  round,
  runBenchmark,
  signInFully,
  sleep,
  summarize as summarizeWith,
  withCpu,
} from './lib/measure.mjs';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
const RESULTS_FILE = join(
  RESULTS_DIR,
  process.env.BENCH_ACCESS_LOG_ONLY?.trim() ? 'access-log-only.json' : 'access-log.json',
);

// Sizes can be lowered through the environment for a quick smoke run; the defaults are the
// figures the issue asks for (append and naive N are chosen to fit the time budget).
const CONFIG = {
  writers: 8,
  appendEvents: envInt('BENCH_APPEND_EVENTS', 10_000), // per run
  appendRounds: envInt('BENCH_APPEND_ROUNDS', 2), // audited runs; plain runs = rounds + 1
  naiveEvents: envInt('BENCH_NAIVE_EVENTS', 5_000),
  warmupEvents: envInt('BENCH_WARMUP_EVENTS', 500),
  verifyEvents: envInt('BENCH_VERIFY_EVENTS', 1_000_000),
  verifyHeadEvery: 10_000,
  verifyRounds: envInt('BENCH_VERIFY_ROUNDS', 2),
  incrementalShare: 0.01,
  listEvents: envInt('BENCH_LIST_EVENTS', 1_000_000),
  listSamples: envInt('BENCH_LIST_SAMPLES', 200),
  listWarmup: 20,
  listDeepBefore: envInt('BENCH_LIST_DEEP_BEFORE', 100_000),
  proofSamples: envInt('BENCH_PROOF_SAMPLES', 200),
  incrementalEvents: envInt('BENCH_INCREMENTAL_EVENTS', 10_000),
  incrementalRounds: envInt('BENCH_INCREMENTAL_ROUNDS', 10),
  verifyDbRounds: envInt('BENCH_VERIFY_DB_ROUNDS', 2),
  actors: 12,
  sequencedTimeoutMs: 180_000,
};

// The figures BENCH_ACCESS_LOG_ONLY may name ('append' includes naive).
const FIGURES = ['verify', 'list', 'proof', 'verify-db', 'incremental', 'append', 'detail'];

function onlyFigures(value) {
  if (value === undefined || value.trim() === '') return null;
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !FIGURES.includes(n));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ACCESS_LOG_ONLY: unknown figure(s) ${unknown.join(', ')}; known: ${FIGURES.join(', ')}`);
  }
  return new Set(names);
}

const ONLY = onlyFigures(process.env.BENCH_ACCESS_LOG_ONLY);
/** Whether figure `name` runs (every figure does unless BENCH_ACCESS_LOG_ONLY is set). */
const runs = (name) => ONLY === null || ONLY.has(name);
// A figure left out by BENCH_ACCESS_LOG_ONLY: no phase, no result.
const skipped = async () => undefined;

const DETAIL_TIMEOUT_MS = 30_000;
const TARGETS = {
  appendRatio: 0.9,
  lagP99Ms: 1000,
  verifySeconds: 3,
  listP95Ms: 25,
  listRatio: 2,
  verifyDbSeconds: 3,
  proofP95Ms: 20,
  incrementalVerifyMs: 300,
};

// The server is CommonJS; load it (and the libraries it uses, so classes are the same objects).
const serverRequire = createRequire(join(ROOT, 'server', 'dist', 'main.js'));

// ---------------------------------------------------------------- helpers

const summarize = (samples) => summarizeWith(samples, { withMin: true });
const { phases, phase } = phaseRecorder({ processCpu: true });

// ---------------------------------------------------------------- synthetic events

/** Small fast PRNG (mulberry32), so synthetic data is the same in every run. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function uuidFrom(rand) {
  const h = (n) => rand().toString(16).padStart(8, '0').slice(0, n);
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(8)}${h(4)}`;
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0) Chrome/131.0',
  'Mozilla/5.0 (Macintosh) Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux) Firefox/133.0',
];

const ACTOR_ROLES = ['support', 'support', 'support', 'support', 'support', 'dpo', 'security', 'support', 'auditor'];

function makeActors(n) {
  const rand = prng(42);
  return Array.from({ length: n }, (_, i) => ({ id: uuidFrom(rand), role: ACTOR_ROLES[i % ACTOR_ROLES.length] }));
}

/**
 * The canonical bytes of one realistic event, written directly in RFC 8785 key order (checked
 * against the library's canonicalize on a sample, so it is byte-for-byte what the sequencer
 * would store).
 */
function syntheticCanonical(seq, timeMs, actor, rand, sessionId) {
  const k = rand() % 100;
  let action = 'view';
  let resource = 'subject';
  let outcome = 'success';
  let fields = '["email","name","phone"]';
  let subject = `subj_${rand() % 50_000}`;
  let purpose = 'null';
  if (k >= 70 && k < 80) {
    action = 'edit';
    fields = '["phone"]';
    purpose = '"support ticket"';
  } else if (k >= 80 && k < 88) {
    resource = 'staff';
    subject = `staff:${actor.id}`;
    fields = '[]';
  } else if (k >= 88 && k < 93) {
    action = 'authenticate';
    resource = 'session';
    subject = `staff:${actor.id}`;
    fields = '[]';
  } else if (k >= 93 && k < 97) {
    action = 'deny';
    outcome = 'denied';
    fields = '[]';
  } else if (k >= 97) {
    action = 'download';
    resource = 'access-log';
    purpose = '"monthly review"';
    fields = '[]';
  }
  const ip = `10.${rand() % 4}.${rand() % 256}.${(rand() % 250) + 1}`;
  const ua = USER_AGENTS[rand() % USER_AGENTS.length];
  const time = new Date(timeMs).toISOString();
  return (
    `{"action":"${action}","actorId":"${actor.id}","actorRole":"${actor.role}","detail":{},"fields":${fields},` +
    `"ip":"${ip}","outcome":"${outcome}","purpose":${purpose},"requestId":"${uuidFrom(rand)}",` +
    `"resource":"${resource}","seq":${seq},"sessionId":"${sessionId}","subjectId":"${subject}",` +
    `"time":"${time}","userAgent":"${ua}"}`
  );
}

/** 1..n events with stored leaf hashes, and a signed head every `headEvery` events. */
function buildSyntheticLog(audit, n, headEvery, checkpointAt) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const actors = makeActors(CONFIG.actors);
  const sessions = actors.map(() => null);
  const rand = prng(7);
  const tree = new audit.MerkleTreeBuilder();
  const events = new Array(n);
  const heads = [];
  const baseMs = Date.parse('2026-01-01T00:00:00.000Z');
  let checkpoint = null;
  let bytes = 0;
  for (let seq = 1; seq <= n; seq++) {
    const a = rand() % actors.length;
    if (sessions[a] === null || rand() % 200 === 0) sessions[a] = uuidFrom(rand);
    const text = syntheticCanonical(seq, baseMs + seq * 30_000 + (rand() % 1000), actors[a], rand, sessions[a]);
    const canonical = Buffer.from(text, 'latin1');
    if (seq % 997 === 1 && !audit.canonicalize(JSON.parse(text)).equals(canonical)) {
      throw new Error(`synthetic event ${seq} is not in canonical form: ${text}`);
    }
    bytes += canonical.length;
    const leafHash = audit.leafHash(canonical);
    events[seq - 1] = { seq, canonical, leafHash };
    tree.append(leafHash);
    if (seq % headEvery === 0 || seq === n || seq === checkpointAt) {
      heads.push(
        audit.signTreeHead(privateKey, {
          treeSize: seq,
          rootHash: tree.root(),
          timestamp: new Date(baseMs + seq * 30_000 + 29_999).toISOString(),
        }),
      );
    }
    if (seq === checkpointAt) checkpoint = { treeSize: seq, frontier: tree.toFrontier() };
  }
  return {
    events,
    heads,
    publicKeys: new Map([[audit.keyIdOf(publicKey), publicKey]]),
    checkpoint,
    meanBytes: bytes / n,
    totalBytes: bytes,
  };
}

// ---------------------------------------------------------------- 2. verify

const sha256 = (data) => crypto.hash('sha256', data, 'buffer');

function hashAll(events, from = 0) {
  const t0 = performance.now();
  for (let i = from; i < events.length; i++) sha256(events[i].canonical);
  return (performance.now() - t0) / 1000;
}

function buildVerifyInput(audit) {
  const n = CONFIG.verifyEvents;
  const newest = Math.max(1, Math.round(n * CONFIG.incrementalShare));
  const checkpointAt = n - newest;
  console.log(
    `Verify: building ${n.toLocaleString('en')} synthetic events (heads every ${CONFIG.verifyHeadEvery}) ...`,
  );
  const t0 = performance.now();
  const log = buildSyntheticLog(audit, n, CONFIG.verifyHeadEvery, checkpointAt);
  const buildSeconds = (performance.now() - t0) / 1000;
  console.log(
    `  built in ${buildSeconds.toFixed(1)} s, ${log.meanBytes.toFixed(0)} bytes/event, ${log.heads.length} signed heads`,
  );
  return { log, n, newest, checkpointAt, buildSeconds };
}

async function benchVerify(audit, { log, n, newest, checkpointAt, buildSeconds }) {
  console.log('Verify: timing (the database is idle) ...');

  const verifySamples = [];
  const shaSamples = [];
  let full;
  for (let r = 0; r < CONFIG.verifyRounds; r++) {
    process.stdout.write(`  round ${r + 1}/${CONFIG.verifyRounds}: SHA-256 baseline ... `);
    shaSamples.push(hashAll(log.events));
    process.stdout.write(`${shaSamples.at(-1).toFixed(2)} s; verifyLog ... `);
    const t = performance.now();
    full = await audit.verifyLog({ events: log.events, heads: log.heads, publicKeys: log.publicKeys });
    verifySamples.push((performance.now() - t) / 1000);
    process.stdout.write(`${verifySamples.at(-1).toFixed(2)} s\n`);
    if (!full.ok || full.checked !== n || full.headsVerified !== log.heads.length) {
      throw new Error(
        `verifyLog did not accept the intact synthetic log: ${JSON.stringify(full.problems.slice(0, 3))}`,
      );
    }
  }

  // The unavoidable hashing of any RFC 6962 verifier: one leaf hash and (amortised) one node
  // hash per event, without the verifier's bookkeeping. Tells how much of verify is overhead.
  process.stdout.write('  tree floor (leafHash + MerkleTreeBuilder.append only) ... ');
  const tf = performance.now();
  const tree = new audit.MerkleTreeBuilder();
  for (const e of log.events) tree.append(audit.leafHash(e.canonical));
  const rootMatches = tree.root().toString('hex') === log.heads.at(-1).rootHash;
  const treeFloorSeconds = (performance.now() - tf) / 1000;
  process.stdout.write(`${treeFloorSeconds.toFixed(2)} s\n`);
  if (!rootMatches) throw new Error('tree floor: root differs from the last head');

  // Incremental: resume from the checkpoint at the previous head and read only the newest 1 %.
  const tail = log.events.slice(checkpointAt);
  const incSamples = [];
  const incShaSamples = [];
  let inc;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    inc = await audit.verifyLog({ events: tail, heads: log.heads, publicKeys: log.publicKeys, from: log.checkpoint });
    incSamples.push((performance.now() - t) / 1000);
    incShaSamples.push(hashAll(tail));
  }
  if (!inc.ok || inc.checked !== newest || inc.headsVerified < 1 || inc.resume?.treeSize !== n) {
    throw new Error(`incremental verifyLog failed: ${JSON.stringify({ ok: inc.ok, checked: inc.checked })}`);
  }
  const fullSeconds = Math.min(...verifySamples);
  const shaSeconds = Math.min(...shaSamples);
  return {
    events: n,
    meanEventBytes: round(log.meanBytes, 1),
    totalMB: round(log.totalBytes / 1e6, 1),
    signedHeads: log.heads.length,
    headEvery: CONFIG.verifyHeadEvery,
    source: 'in-memory array of {seq, canonical, leafHash} (no database I/O; the stored leaf hash is compared too)',
    buildSeconds: round(buildSeconds, 2),
    full: {
      seconds: round(fullSeconds, 3),
      samplesSeconds: verifySamples.map((s) => round(s, 3)),
      eventsPerSecond: Math.round(n / fullSeconds),
    },
    sha256Baseline: {
      seconds: round(shaSeconds, 3),
      samplesSeconds: shaSamples.map((s) => round(s, 3)),
      what: 'one crypto.hash("sha256") per canonical event, same bytes, same process',
    },
    ratioVerifyOverSha256: round(fullSeconds / shaSeconds, 2),
    treeFloor: {
      seconds: round(treeFloorSeconds, 3),
      what: 'leafHash + MerkleTreeBuilder.append per event: the hashing every RFC 6962 verifier must do',
      ratioOverSha256: round(treeFloorSeconds / shaSeconds, 2),
    },
    incremental: {
      events: newest,
      fromTreeSize: checkpointAt,
      seconds: round(median(incSamples), 4),
      samplesSeconds: incSamples.map((s) => round(s, 4)),
      sha256BaselineSeconds: round(median(incShaSamples), 4),
      headsChecked: log.heads.length,
      what: 'verifyLog with `from` = the checkpoint (MerkleTreeBuilder frontier) at the previous head, given only the newer events; all head signatures are still checked',
    },
    target: { fullSecondsAtMost: TARGETS.verifySeconds, met: fullSeconds <= TARGETS.verifySeconds },
  };
}

// ---------------------------------------------------------------- database set-up

/**
 * Fills audit_events with `n` realistic events as the owner, with INSERT … SELECT
 * generate_series: exact canonical JSON (RFC 8785 key order), RFC 6962 leaf hashes, a time
 * every ~30 s, `actors.length` actors. Nothing is disabled; the triggers only refuse UPDATE and
 * DELETE, and all indexes are maintained during the load.
 */
async function bulkLoad(owner, n, actors) {
  const baseMs = Date.now() - (n + 10) * 30_000;
  await owner.query(
    `INSERT INTO audit_events
       (seq, occurred_at, actor_id, actor_role, subject_id, action, resource, outcome, request_id, canonical, leaf_hash)
     SELECT seq, occurred_at, actor_id::uuid, actor_role, subject_id, action, resource, outcome, request_id, c,
            sha256('\\x00'::bytea || c)
     FROM (
       SELECT e.*, convert_to(
         '{"action":"' || action || '","actorId":"' || actor_id || '","actorRole":"' || actor_role ||
         '","detail":{},"fields":' || fields || ',"ip":"' || ip || '","outcome":"' || outcome ||
         '","purpose":' || purpose || ',"requestId":"' || request_id || '","resource":"' || resource ||
         '","seq":' || seq || ',"sessionId":"' || session_id || '","subjectId":"' || subject_id ||
         '","time":"' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ||
         '","userAgent":"' || user_agent || '"}', 'UTF8') AS c
       FROM (
         SELECT g AS seq,
                to_timestamp($2::bigint / 1000.0) + g * interval '30 seconds' + (h % 1000) * interval '1 millisecond'
                  AS occurred_at,
                ($3::text[])[1 + a] AS actor_id,
                ($4::text[])[1 + a] AS actor_role,
                CASE WHEN k < 80 OR k >= 93 THEN 'subj_' || (h % 50000)
                     ELSE 'staff:' || ($3::text[])[1 + a] END AS subject_id,
                CASE WHEN k < 70 OR (k >= 80 AND k < 88) THEN 'view' WHEN k < 80 THEN 'edit'
                     WHEN k < 93 THEN 'authenticate' WHEN k < 97 THEN 'deny' ELSE 'download' END AS action,
                CASE WHEN k < 80 OR (k >= 93 AND k < 97) THEN 'subject' WHEN k < 88 THEN 'staff'
                     WHEN k < 93 THEN 'session' ELSE 'access-log' END AS resource,
                CASE WHEN k >= 93 AND k < 97 THEN 'denied' WHEN k = 92 THEN 'failure' ELSE 'success' END AS outcome,
                CASE WHEN k < 70 THEN '["email","name","phone"]' WHEN k < 80 THEN '["phone"]' ELSE '[]' END AS fields,
                CASE WHEN k >= 70 AND k < 80 THEN '"support ticket"' WHEN k >= 97 THEN '"monthly review"'
                     ELSE 'null' END AS purpose,
                md5(g::text)::uuid::text AS request_id,
                md5(a::text || ':' || (g / 4000)::text)::uuid::text AS session_id,
                '10.' || (h % 4) || '.' || ((h >> 8) % 256) || '.' || ((h >> 16) % 250 + 1) AS ip,
                ($5::text[])[1 + (h >> 4) % 3] AS user_agent
         FROM generate_series(1, $1::int) AS g
         CROSS JOIN LATERAL (SELECT hashint4(g) & 2147483647 AS h) AS hh
         CROSS JOIN LATERAL (SELECT (h >> 3) % $6::int AS a, (h >> 7) % 100 AS k) AS kk
       ) AS e
     ) AS t`,
    [n, baseMs, actors.map((a) => a.id), actors.map((a) => a.role), USER_AGENTS, actors.length],
  );
}

/** The loaded rows are what the sequencer would have written: canonical bytes, leaf hash, columns. */
async function checkLoadedRows(owner, audit, n) {
  const sample = [1, 2, Math.floor(n / 2), n];
  const { rows } = await owner.query(
    `SELECT seq, occurred_at, actor_id, subject_id, action, outcome, request_id, canonical, leaf_hash
     FROM audit_events WHERE seq = ANY($1::bigint[]) ORDER BY seq`,
    [sample],
  );
  if (rows.length !== sample.length) throw new Error('bulk load: sample rows are missing');
  for (const r of rows) {
    const text = r.canonical.toString('utf8');
    const event = JSON.parse(text);
    const problems = [];
    if (!audit.canonicalize(event).equals(r.canonical)) problems.push('not canonical');
    if (!audit.leafHash(r.canonical).equals(r.leaf_hash)) problems.push('leaf hash');
    if (event.seq !== Number(r.seq)) problems.push('seq');
    if (event.time !== r.occurred_at.toISOString())
      problems.push(`time ${event.time} vs ${r.occurred_at.toISOString()}`);
    if (event.actorId !== r.actor_id || event.subjectId !== r.subject_id || event.requestId !== r.request_id) {
      problems.push('columns');
    }
    if (event.action !== r.action || event.outcome !== r.outcome) problems.push('action/outcome');
    if (problems.length) throw new Error(`bulk load: row ${r.seq} is wrong (${problems.join(', ')}): ${text}`);
  }
  const { rows: sizes } = await owner.query(
    `SELECT avg(length(canonical))::int AS bytes, count(DISTINCT actor_id)::int AS actors,
            pg_size_pretty(pg_total_relation_size('audit_events')) AS size
     FROM audit_events`,
  );
  return sizes[0];
}

/**
 * Signs what the bulk load wrote, as the sequencer would have: a seal and a head over all of
 * it, in the database and in the sink, with the console's own key. Without it the sequencer
 * would rightly refuse rows it did not write. Reads only the 32-byte leaf hashes.
 */
async function sealBulkLoad(owner, audit, runtime) {
  const { AuditSigner } = serverRequire('./access-log/audit-signer.js');
  const { HeadSink } = serverRequire('./access-log/head-sink.js');
  const signer = AuditSigner.load(runtime.config);
  const tree = new audit.MerkleTreeBuilder();
  for (let after = 0; ;) {
    const { rows } = await owner.query(
      'SELECT seq, leaf_hash FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT 100000',
      [after],
    );
    for (const r of rows) tree.append(r.leaf_hash);
    if (rows.length < 100_000) break;
    after = Number(rows.at(-1).seq);
  }
  const head = audit.signTreeHead(signer.privateKey, {
    treeSize: tree.size,
    rootHash: tree.root(),
    timestamp: new Date(),
  });
  const values = [
    head.treeSize,
    Buffer.from(head.rootHash, 'hex'),
    new Date(head.timestamp),
    head.keyId,
    Buffer.from(head.signature, 'base64'),
    JSON.stringify(tree.toFrontier()),
  ];
  await owner.query('BEGIN');
  await owner.query(
    'INSERT INTO audit_signing_keys (key_id, public_key_pem) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING',
    [signer.keyId, signer.publicKeyPem],
  );
  await owner.query(
    `UPDATE audit_seal SET tree_size = $1, root_hash = $2, signed_at = $3, key_id = $4, signature = $5,
            frontier = $6::jsonb, legacy = false WHERE id = 1`,
    values,
  );
  await owner.query(
    `INSERT INTO audit_heads (tree_size, root_hash, signed_at, key_id, signature, frontier)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    values,
  );
  await owner.query('COMMIT');
  await new HeadSink(runtime.config.auditHeadDir).append(head);
  return head;
}

// ---------------------------------------------------------------- 5. proof

async function benchProof({ baseUrl, cookie, audit, repository, bulkHead }) {
  const rand = prng(99);
  const detail = async (seq) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/access-log/${seq}`, { headers: { Cookie: cookie } });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (res.status !== 200 || !body.proof) throw new Error(`GET /api/access-log/${seq} -> ${res.status}`);
    const p = body.proof;
    const ok = audit.verifyInclusion(
      Buffer.from(body.leafHash, 'hex'),
      p.leafIndex,
      p.head.treeSize,
      p.path.map((h) => Buffer.from(h, 'hex')),
      Buffer.from(p.head.rootHash, 'hex'),
    );
    if (!ok) throw new Error(`the proof of seq ${seq} does not verify`);
    return { ms, head: p.head, length: p.path.length };
  };
  const me = async () => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/auth/me`, { headers: { Cookie: cookie } });
    await res.json();
    return performance.now() - t0;
  };
  const pick = () => 1 + (rand() % bulkHead.treeSize);
  for (let i = 0; i < 20; i++) {
    await detail(pick());
    await me();
  }
  const http = [];
  const floor = [];
  let head;
  let length = 0;
  for (let i = 0; i < CONFIG.proofSamples; i++) {
    const r = await detail(pick());
    http.push(r.ms);
    head = r.head;
    length = Math.max(length, r.length);
    floor.push(await me());
  }
  // Consistency from the bulk load's head to the newest one (also from stored subtree roots).
  const consistency = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/access-log/consistency?from=${bulkHead.treeSize}&to=${head.treeSize}`, {
      headers: { Cookie: cookie },
    });
    const body = await res.json();
    consistency.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`consistency -> ${res.status}: ${JSON.stringify(body)}`);
    if (i === 0) {
      const ok = audit.verifyConsistency(
        bulkHead.treeSize,
        head.treeSize,
        Buffer.from(bulkHead.rootHash, 'hex'),
        Buffer.from(head.rootHash, 'hex'),
        body.proof.map((h) => Buffer.from(h, 'hex')),
      );
      if (!ok) throw new Error('the consistency proof does not verify');
    }
  }
  // The former method, once: every leaf hash up to the head, then the proof in memory.
  const t0 = performance.now();
  const leaves = await repository.leafHashesBetween(1, head.treeSize);
  audit.inclusionProof(leaves, Math.floor(head.treeSize / 2));
  const formerMs = performance.now() - t0;
  const h = summarize(http);
  return {
    treeSize: head.treeSize,
    samples: CONFIG.proofSamples,
    pathLength: length,
    http: h,
    authMeBaseline: { ...summarize(floor), what: 'GET /api/auth/me, interleaved: the same guard chain, no proof' },
    formerMethodOnceMs: round(formerMs, 1),
    formerMethod:
      'read every leaf hash 1..n (32 bytes each) and build the proof in memory: what GET /api/access-log/:seq did before',
    consistency: { ...summarize(consistency), from: bulkHead.treeSize, to: head.treeSize },
    target: { p95MsAtMost: TARGETS.proofP95Ms, met: h.p95Ms <= TARGETS.proofP95Ms },
    what: 'GET /api/access-log/:seq for random seqs over the whole log; each proof checked with the audit library against its head',
  };
}

// ---------------------------------------------------------------- 7. verify from the database

// What any verifier of the database must read: every event's bytes, stored hash and the columns
// checked against them, in seq order, in one binary COPY (the same columns the console reads).
const COPY_ALL = `COPY (SELECT seq, canonical, leaf_hash, occurred_at, actor_id, actor_role, subject_id, action,
  resource, outcome, request_id FROM audit_events ORDER BY seq) TO STDOUT (FORMAT binary)`;

async function copyReadAlone(client) {
  const { to: copyTo } = serverRequire('pg-copy-streams');
  const {
    result: bytes,
    seconds,
    postgresSeconds,
  } = await withCpu(async () => {
    let n = 0;
    for await (const chunk of client.query(copyTo(COPY_ALL))) n += chunk.length;
    return n;
  });
  return { seconds, bytes, postgresSeconds };
}

async function benchVerifyFromDatabase({ baseUrl, cookie, appClient, sequencer }) {
  const api = [];
  const copy = [];
  // CPU seconds of each full run: this process (the application with its digest workers) and
  // PostgreSQL; on two cores, a run can take no less than their sum over two.
  const cpu = [];
  const copyCpu = [];
  let checked = 0;
  let bytes = 0;
  for (let r = 0; r < CONFIG.verifyDbRounds; r++) {
    // The previous round's own event: sequenced and its head published in and outside the database.
    await sequencer.flush();
    process.stdout.write(`  round ${r + 1}/${CONFIG.verifyDbRounds}: COPY read alone ... `);
    const c = await copyReadAlone(appClient);
    copy.push(c.seconds);
    bytes = c.bytes;
    copyCpu.push(round(c.postgresSeconds, 2));
    process.stdout.write(
      `${c.seconds.toFixed(2)} s (${(c.bytes / 1e6).toFixed(0)} MB; PostgreSQL CPU ${c.postgresSeconds.toFixed(2)} s); full verify via the API ... `,
    );
    const run = await withCpu(async () => {
      const res = await fetch(`${baseUrl}/api/access-log/verify`, {
        method: 'POST',
        headers: { Cookie: cookie, ...CSRF, 'Content-Type': 'application/json' },
        body: JSON.stringify({ full: true }),
      });
      return { res, body: await res.json() };
    });
    const { res, body } = run.result;
    api.push(run.seconds);
    cpu.push({ nodeSeconds: round(run.nodeSeconds, 2), postgresSeconds: round(run.postgresSeconds, 2) });
    if (res.status !== 200 || body.result !== 'intact') {
      throw new Error(`full verify -> ${res.status}: ${JSON.stringify(body).slice(0, 400)}`);
    }
    checked = body.checked;
    process.stdout.write(
      `${api.at(-1).toFixed(2)} s, ${checked} events (CPU: Node ${cpu.at(-1).nodeSeconds} s, PostgreSQL ${cpu.at(-1).postgresSeconds} s)\n`,
    );
  }
  const seconds = Math.min(...api);
  const copySeconds = Math.min(...copy);
  return {
    events: checked,
    seconds: round(seconds, 3),
    samplesSeconds: api.map((x) => round(x, 3)),
    cpuSeconds: cpu,
    copyReadBaseline: {
      seconds: round(copySeconds, 3),
      samplesSeconds: copy.map((x) => round(x, 3)),
      postgresCpuSeconds: copyCpu,
      megabytes: round(bytes / 1e6, 1),
      what: 'the same rows and columns in one binary COPY as the application role, bytes counted and dropped',
    },
    ratioOverCopyRead: round(seconds / copySeconds, 2),
    target: { secondsAtMost: TARGETS.verifyDbSeconds, met: seconds <= TARGETS.verifyDbSeconds },
    what: 'POST /api/access-log/verify {"full": true}: every stored event read from the database and checked against every signed head; best of the rounds',
  };
}

// ---------------------------------------------------------------- 6. incremental verify

async function benchIncrementalVerify({ baseUrl, cookie, owner, sequencer }) {
  const verify = async (full) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/access-log/verify`, {
      method: 'POST',
      headers: { Cookie: cookie, ...CSRF, 'Content-Type': 'application/json' },
      body: JSON.stringify(full ? { full: true } : {}),
    });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (res.status !== 200 || body.result !== 'intact') {
      throw new Error(`verify -> ${res.status}: ${JSON.stringify(body).slice(0, 400)}`);
    }
    return { ms, body };
  };
  await sequencer.flush();
  process.stdout.write('  full verification through the API ... ');
  const full = await verify(true);
  process.stdout.write(`${(full.ms / 1000).toFixed(1)} s, ${full.body.checked} events\n`);
  const samples = [];
  const readSamples = [];
  const hashSamples = [];
  const checked = [];
  for (let r = 0; r < CONFIG.incrementalRounds; r++) {
    await owner.query(
      `INSERT INTO audit_inbox (event)
       SELECT jsonb_build_object('time', now(), 'actorId', NULL, 'actorRole', 'support', 'sessionId', NULL,
         'ip', '10.9.0.1', 'userAgent', 'bench', 'subjectId', 'subj_' || i, 'action', 'view', 'resource', 'subject',
         'fields', '["email","name","phone"]'::jsonb, 'purpose', NULL, 'outcome', 'success',
         'requestId', 'inc-' || $2::int || '-' || i, 'detail', '{}'::jsonb)
       FROM generate_series(1, $1::int) i`,
      [CONFIG.incrementalEvents, r],
    );
    await sequencer.flush();
    const inc = await verify(false);
    if (inc.body.mode !== 'incremental' || inc.body.checked < CONFIG.incrementalEvents) {
      throw new Error(`not incremental: ${JSON.stringify({ mode: inc.body.mode, checked: inc.body.checked })}`);
    }
    samples.push(inc.ms);
    checked.push(inc.body.checked);
    // Baseline: the same rows read directly (what any verifier must read), and their SHA-256.
    const t0 = performance.now();
    const { rows } = await owner.query(
      'SELECT seq, canonical, leaf_hash FROM audit_events WHERE seq >= $1 AND seq <= $2 ORDER BY seq',
      [inc.body.fromSeq, inc.body.toSeq],
    );
    readSamples.push(performance.now() - t0);
    const t1 = performance.now();
    for (const row of rows) sha256(row.canonical);
    hashSamples.push(performance.now() - t1);
  }
  const s = summarize(samples);
  return {
    newEventsPerRound: CONFIG.incrementalEvents,
    rounds: CONFIG.incrementalRounds,
    checkedPerRound: checked,
    http: s,
    sqlReadBaseline: { ...summarize(readSamples), what: 'SELECT seq, canonical, leaf_hash of the same rows, directly' },
    sha256BaselineMs: round(median(hashSamples), 2),
    fullThroughApi: { seconds: round(full.ms / 1000, 2), checked: full.body.checked },
    target: { p95MsAtMost: TARGETS.incrementalVerifyMs, met: s.p95Ms <= TARGETS.incrementalVerifyMs },
    what: 'POST /api/access-log/verify (no body: incremental from the last verified head) after each batch of new events, flushed by the sequencer first',
  };
}

// ---------------------------------------------------------------- 3. list

const LIST_SQL_FIRST = `SELECT seq, canonical FROM audit_events  ORDER BY seq DESC LIMIT $1`;
const LIST_SQL_ACTOR = `SELECT seq, canonical FROM audit_events WHERE actor_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`;

async function timedGet(url, cookie) {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { Cookie: cookie } });
  const body = await res.json();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${url} -> ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { ms, body, next: res.headers.get('x-next-before') };
}

async function timedQuery(client, sql, params) {
  const t0 = performance.now();
  const r = await client.query(sql, params);
  return { ms: performance.now() - t0, rows: r.rows };
}

async function explain(client, sql, params) {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  const plan = rows[0]['QUERY PLAN'][0];
  const nodes = [];
  const walk = (p) => {
    nodes.push(
      `${p['Node Type']}${p['Scan Direction'] ? ` ${p['Scan Direction']}` : ''}${p['Index Name'] ? ` using ${p['Index Name']}` : ''} on ${p['Relation Name'] ?? '-'}`.replace(
        ' on -',
        '',
      ),
    );
    for (const c of p.Plans ?? []) walk(c);
  };
  walk(plan.Plan);
  return {
    plan: nodes,
    executionMs: plan['Execution Time'],
    planningMs: plan['Planning Time'],
    sharedHit: plan.Plan['Shared Hit Blocks'],
    sharedRead: plan.Plan['Shared Read Blocks'],
  };
}

async function benchList({ baseUrl, cookie, appClient, actor, totalEvents }) {
  const before = Math.min(CONFIG.listDeepBefore, Math.max(2, totalEvents - 1));
  const filter = JSON.stringify({ actorId: actor.id });
  const urls = {
    first: `${baseUrl}/api/access-log?limit=50`,
    deep: `${baseUrl}/api/access-log?limit=50&before=${before}&filter=${encodeURIComponent(filter)}`,
  };
  const sql = {
    first: [LIST_SQL_FIRST, [51]],
    deep: [LIST_SQL_ACTOR, [actor.id, before, 51]],
  };

  // Correctness of what is timed.
  const check = {
    first: await timedGet(urls.first, cookie),
    deep: await timedGet(urls.deep, cookie),
  };
  if (check.first.body.length !== 50) throw new Error(`first page has ${check.first.body.length} events`);
  if (check.deep.body.length !== 50) throw new Error(`deep page has ${check.deep.body.length} events`);
  if (!check.deep.body.every((e) => e.actorId === actor.id && e.seq < before)) {
    throw new Error('deep page returned events of another actor or past `before`');
  }

  const http = { first: [], deep: [] };
  const direct = { first: [], deep: [] };
  // Where the rest of a list request's time goes: an HTTP round trip to the same server with no
  // guard and no query (GET /api/health), the same guard chain without the query (GET
  // /api/auth/me: session, staff, ability; records nothing), and one durable autocommit
  // single-row INSERT (what the list's own "view" event costs to commit).
  const parts = { health: [], me: [], commit: [] };
  const healthUrl = `${baseUrl}/api/health`;
  const meUrl = `${baseUrl}/api/auth/me`;
  const commitSql = 'INSERT INTO bench_plain (event) VALUES ($1::jsonb)';
  const commitParams = [JSON.stringify({ action: 'view', resource: 'access-log', outcome: 'success' })];
  for (let i = 0; i < CONFIG.listWarmup; i++) {
    for (const k of ['first', 'deep']) {
      await timedGet(urls[k], cookie);
      await timedQuery(appClient, ...sql[k]);
    }
    await timedGet(healthUrl, cookie);
    await timedGet(meUrl, cookie);
    await timedQuery(appClient, commitSql, commitParams);
  }
  // Interleaved, so that a change of load from other processes hits every series alike.
  for (let i = 0; i < CONFIG.listSamples; i++) {
    for (const k of ['first', 'deep']) http[k].push((await timedGet(urls[k], cookie)).ms);
    for (const k of ['first', 'deep']) direct[k].push((await timedQuery(appClient, ...sql[k])).ms);
    parts.health.push((await timedGet(healthUrl, cookie)).ms);
    parts.me.push((await timedGet(meUrl, cookie)).ms);
    parts.commit.push((await timedQuery(appClient, commitSql, commitParams)).ms);
  }

  const result = {};
  for (const k of ['first', 'deep']) {
    const h = summarize(http[k]);
    const s = summarize(direct[k]);
    result[k] = {
      request: urls[k].slice(baseUrl.length),
      http: h,
      sqlBaseline: { ...s, sql: sql[k][0].replace(/\s+/g, ' '), explain: await explain(appClient, ...sql[k]) },
      target: { p95MsAtMost: TARGETS.listP95Ms, met: h.p95Ms <= TARGETS.listP95Ms },
      ratioP95OverSql: round(h.p95Ms / s.p95Ms, 2),
      ratioTarget: { atMost: TARGETS.listRatio, met: h.p95Ms / s.p95Ms <= TARGETS.listRatio },
    };
  }
  result.breakdown = {
    healthHttp: {
      ...summarize(parts.health),
      what: 'GET /api/health: the same server and HTTP client, no session, no guard, no query',
    },
    authMeHttp: {
      ...summarize(parts.me),
      what: 'GET /api/auth/me: same guard chain, no query of the log, nothing recorded',
    },
    autocommitInsert: {
      ...summarize(parts.commit),
      what: 'one single-row INSERT, autocommit, synchronous_commit on (the WAL flush each list request pays for its view event)',
    },
  };
  const overSqlP95 = (p95Ms) => ({
    first: round(p95Ms / result.first.sqlBaseline.p95Ms, 2),
    deep: round(p95Ms / result.deep.sqlBaseline.p95Ms, 2),
  });
  // A page is answered only after its view event's commit: the commit's own p95 against the
  // SQL's is a floor under the page's ratio that no work in the application can lower. So is the
  // bare round trip: the page's SQL runs inside one, which the baseline never pays.
  result.breakdown.commitP95OverSqlP95 = overSqlP95(result.breakdown.autocommitInsert.p95Ms);
  result.breakdown.healthP95OverSqlP95 = overSqlP95(result.breakdown.healthHttp.p95Ms);
  result.first.firstSeqReturned = check.first.body[0].seq;
  result.deep.eventsAboveBefore = totalEvents - before;
  result.deep.actorId = actor.id;
  result.deep.before = before;
  return result;
}

// ---------------------------------------------------------------- 1. and 4. append

const APPEND_UA = 'Mozilla/5.0 (Windows NT 10.0) Chrome/131.0';

/** What a writer records: the same input for every path (AuditService, plain INSERT, chain). */
function appendEvent(runTag, i, w, actors) {
  const actor = actors[w % actors.length];
  const input = {
    action: 'view',
    resource: 'subject',
    outcome: 'success',
    subjectId: `subj_${(i * 7919) % 50_000}`,
    fields: ['email', 'name', 'phone'],
    purpose: null,
    detail: {},
  };
  const origin = {
    ip: `10.1.${w}.${(i % 250) + 1}`,
    userAgent: APPEND_UA,
    requestId: `${runTag}-${i}`,
    sessionId: `00000000-0000-4000-a000-00000000000${w}`,
    actorId: actor.id,
    actorRole: actor.role,
  };
  return { input, origin };
}

/** The JSON AuditService.record writes to the inbox, for the baselines. */
function eventJson({ input, origin }) {
  return {
    time: new Date().toISOString(),
    actorId: origin.actorId ?? null,
    actorRole: origin.actorRole ?? null,
    sessionId: origin.sessionId ?? null,
    ip: origin.ip ?? null,
    userAgent: origin.userAgent ?? null,
    subjectId: input.subjectId ?? null,
    action: input.action,
    resource: input.resource,
    fields: input.fields ?? [],
    purpose: input.purpose ?? null,
    outcome: input.outcome,
    requestId: origin.requestId ?? null,
    detail: input.detail ?? {},
  };
}

/** `writers` concurrent loops, each committing one transaction per event, until n events. */
async function runWriters(n, writers, tx) {
  let next = 0;
  const commitAt = new Float64Array(n);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        await tx(i, w);
        commitAt[i] = performance.now();
      }
    }),
  );
  return { t0, tEnd: performance.now(), commitAt };
}

/**
 * Timestamps every batch the real sequencer commits, from its own side: wraps (on the
 * instances, not the classes) AuditRepository.claimInbox, to see which rows the batch holds,
 * and AuditSequencer.sequenceBatch, to take the time right after its COMMIT returned. While
 * `gate` holds a promise, a batch waits for it before it starts (the writers-alone run).
 */
function instrumentSequencer(sequencer, repository) {
  if (typeof sequencer.sequenceBatch !== 'function' || typeof repository.claimInbox !== 'function') {
    throw new Error('AuditSequencer.sequenceBatch or AuditRepository.claimInbox is gone: update bench/access-log.mjs');
  }
  const state = { claimed: null, listener: null, gate: null };
  const claim = repository.claimInbox;
  repository.claimInbox = async function (...args) {
    const rows = await claim.apply(this, args);
    state.claimed = rows;
    return rows;
  };
  const sequenceBatch = sequencer.sequenceBatch;
  sequencer.sequenceBatch = async function (...args) {
    while (state.gate) await state.gate;
    state.claimed = null;
    const moved = await sequenceBatch.apply(this, args);
    const committedAt = performance.now();
    if (moved > 0 && state.claimed && state.listener) state.listener(state.claimed, committedAt);
    state.claimed = null;
    return moved;
  };
  return state;
}

async function waitFor(predicate, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(2);
  }
}

async function appendAudited({ n, runTag, dataSource, auditService, hook, actors }) {
  const prefix = `${runTag}-`;
  const sequencedAt = new Float64Array(n);
  let sequenced = 0;
  let batches = 0;
  hook.listener = (rows, at) => {
    let mine = 0;
    for (const row of rows) {
      const rid = row.event.requestId;
      if (typeof rid !== 'string' || !rid.startsWith(prefix)) continue;
      const i = Number(rid.slice(prefix.length));
      if (sequencedAt[i] === 0) {
        sequencedAt[i] = at;
        sequenced++;
        mine++;
      }
    }
    if (mine > 0) batches++;
  };
  try {
    const w = await runWriters(n, CONFIG.writers, (i, writer) => {
      const { input, origin } = appendEvent(runTag, i, writer, actors);
      return dataSource.transaction((manager) => auditService.record(input, origin, manager));
    });
    await waitFor(() => sequenced === n, CONFIG.sequencedTimeoutMs, `${n} events to be sequenced`);
    let done = 0;
    const lags = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      done = Math.max(done, sequencedAt[i]);
      lags[i] = sequencedAt[i] - w.commitAt[i];
    }
    const seconds = (done - w.t0) / 1000;
    return {
      events: n,
      seconds: round(seconds, 3),
      eventsPerSecond: round(n / seconds, 1),
      writerCommitsPerSecond: round(n / ((w.tEnd - w.t0) / 1000), 1),
      lag: summarize(lags),
      batches,
      meanBatch: round(n / batches, 1),
      lagsMs: lags,
    };
  } finally {
    hook.listener = null;
  }
}

async function appendPlain({ n, runTag, dataSource, actors }) {
  const w = await runWriters(n, CONFIG.writers, (i, writer) =>
    dataSource.transaction((manager) =>
      manager.query('INSERT INTO bench_plain (event) VALUES ($1::jsonb)', [
        JSON.stringify(eventJson(appendEvent(runTag, i, writer, actors))),
      ]),
    ),
  );
  const seconds = (w.tEnd - w.t0) / 1000;
  return { events: n, seconds: round(seconds, 3), eventsPerSecond: round(n / seconds, 1) };
}

/**
 * The audited append taken apart: the writers with the sequencer held (what the inbox INSERTs
 * cost on their own, against the plain runs), then the sequencer alone moving everything they
 * wrote, with the CPU it used per event in this process and in PostgreSQL.
 */
async function appendSplit({ n, runTag, dataSource, auditService, hook, actors, owner, sequencer }) {
  let release;
  hook.gate = new Promise((resolve) => (release = resolve));
  let w;
  try {
    process.stdout.write(`  AuditService.record, sequencer held, ${n} events ... `);
    w = await runWriters(n, CONFIG.writers, (i, writer) => {
      const { input, origin } = appendEvent(runTag, i, writer, actors);
      return dataSource.transaction((manager) => auditService.record(input, origin, manager));
    });
  } finally {
    hook.gate = null;
    release();
  }
  const writersSeconds = (w.tEnd - w.t0) / 1000;
  process.stdout.write(`${round(n / writersSeconds, 1)} events/s; the sequencer alone moves them ... `);
  const { seconds, nodeSeconds, postgresSeconds } = await withCpu(() => sequencer.flush());
  const { rows } = await owner.query('SELECT count(*)::int AS n FROM audit_inbox');
  if (rows[0].n !== 0) throw new Error(`${rows[0].n} events left in the inbox after the sequencer's flush`);
  const sequencerAlone = {
    events: n,
    seconds: round(seconds, 3),
    eventsPerSecond: round(n / seconds, 1),
    nodeCpuMsPerEvent: round((nodeSeconds * 1000) / n, 4),
    postgresCpuMsPerEvent: round((postgresSeconds * 1000) / n, 4),
  };
  process.stdout.write(
    `${seconds.toFixed(2)} s (CPU per event: Node ${sequencerAlone.nodeCpuMsPerEvent} ms, PostgreSQL ${sequencerAlone.postgresCpuMsPerEvent} ms)\n`,
  );
  return {
    writersAlone: { events: n, seconds: round(writersSeconds, 3), eventsPerSecond: round(n / writersSeconds, 1) },
    sequencerAlone,
  };
}

/** The usual design: one chain head row, locked per event; hash = SHA-256(prev ‖ canonical event). */
async function appendNaive({ n, runTag, dataSource, actors, audit }) {
  const w = await runWriters(n, CONFIG.writers, (i, writer) =>
    dataSource.transaction(async (manager) => {
      const [head] = await manager.query('SELECT seq, hash FROM bench_chain_head WHERE id = 1 FOR UPDATE');
      const seq = Number(head.seq) + 1;
      const event = { seq, ...eventJson(appendEvent(runTag, i, writer, actors)) };
      const canonical = audit.canonicalize(event);
      const hash = crypto.createHash('sha256').update(head.hash).update(canonical).digest();
      await manager.query('INSERT INTO bench_chain (seq, event, canonical, hash) VALUES ($1, $2::jsonb, $3, $4)', [
        seq,
        JSON.stringify(event),
        canonical,
        hash,
      ]);
      await manager.query('UPDATE bench_chain_head SET seq = $1, hash = $2 WHERE id = 1', [seq, hash]);
    }),
  );
  const seconds = (w.tEnd - w.t0) / 1000;
  return { events: n, seconds: round(seconds, 3), eventsPerSecond: round(n / seconds, 1) };
}

async function createBaselineTables(owner) {
  await owner.query(`
    CREATE TABLE bench_plain (id bigserial, event jsonb);
    GRANT INSERT ON bench_plain TO console_app;
    GRANT USAGE ON SEQUENCE bench_plain_id_seq TO console_app;
    CREATE TABLE bench_chain_head (id int PRIMARY KEY, seq bigint NOT NULL, hash bytea NOT NULL);
    INSERT INTO bench_chain_head VALUES (1, 0, decode(repeat('00', 32), 'hex'));
    CREATE TABLE bench_chain (seq bigint PRIMARY KEY, event jsonb NOT NULL, canonical bytea NOT NULL, hash bytea NOT NULL);
    GRANT SELECT, UPDATE ON bench_chain_head TO console_app;
    GRANT INSERT ON bench_chain TO console_app;
  `);
}

/** PostgreSQL's WAL counters now (pg_stat_wal; checkpoints from pg_stat_checkpointer, PostgreSQL 17+). */
async function walNow(owner) {
  const { rows } = await owner.query(
    `SELECT w.wal_records::bigint AS records, w.wal_fpi::bigint AS fpi, w.wal_bytes::bigint AS bytes,
            (c.num_timed + c.num_requested)::int AS checkpoints
     FROM pg_stat_wal w, pg_stat_checkpointer c`,
  );
  const r = rows[0];
  return { records: Number(r.records), fpi: Number(r.fpi), bytes: Number(r.bytes), checkpoints: r.checkpoints };
}

/** The WAL a run of `n` events wrote, per event (the whole server's: the sequencer's and autovacuum's too). */
function walPerEvent(before, after, n) {
  return {
    bytesPerEvent: Math.round((after.bytes - before.bytes) / n),
    recordsPerEvent: round((after.records - before.records) / n, 1),
    fullPageImagesPerEvent: round((after.fpi - before.fpi) / n, 3),
    checkpointsDuring: after.checkpoints - before.checkpoints,
  };
}

const walShown = (w) =>
  `[WAL ${w.bytesPerEvent} B/event, ${w.fullPageImagesPerEvent} full-page images/event, ${w.checkpointsDuring} checkpoints]`;

async function benchAppend({ dataSource, auditService, hook, actors, owner, audit, sequencer }) {
  const n = CONFIG.appendEvents;
  const rounds = CONFIG.appendRounds;
  const idle = () => sequencer.flush(); // nothing left in the inbox before the next run starts

  console.log(`Append: warm-up (${CONFIG.warmupEvents} events per path) ...`);
  await appendPlain({ n: CONFIG.warmupEvents, runTag: 'warm-plain', dataSource, actors });
  await appendAudited({ n: CONFIG.warmupEvents, runTag: 'warm-audit', dataSource, auditService, hook, actors });
  await idle();

  const { rows: startRows } = await owner.query('SELECT coalesce(max(seq), 0)::bigint AS seq FROM audit_events');
  const startSeq = Number(startRows[0].seq);

  // plain, audited, plain, audited, plain: a drift in the load of other processes hits both.
  const plainRuns = [];
  const auditedRuns = [];
  const splits = [];
  const lags = [];
  for (let r = 0; r <= rounds; r++) {
    process.stdout.write(`  plain INSERT baseline, run ${r + 1}/${rounds + 1}, ${n} events ... `);
    let walBefore = await walNow(owner);
    const plain = await appendPlain({ n, runTag: `plain-${r}`, dataSource, actors });
    plainRuns.push({ ...plain, wal: walPerEvent(walBefore, await walNow(owner), n) });
    process.stdout.write(`${plain.eventsPerSecond} events/s ${walShown(plainRuns.at(-1).wal)}\n`);
    if (r === rounds) break;
    process.stdout.write(`  AuditService.record + sequencer, run ${r + 1}/${rounds}, ${n} events ... `);
    walBefore = await walNow(owner);
    const { lagsMs, ...audited } = await appendAudited({
      n,
      runTag: `bench-append-${r}`,
      dataSource,
      auditService,
      hook,
      actors,
    });
    // Measured once the sequencer has moved the run: its own WAL is the difference from plain.
    const run = { ...audited, wal: walPerEvent(walBefore, await walNow(owner), n) };
    auditedRuns.push(run);
    lags.push(...lagsMs);
    process.stdout.write(`${run.eventsPerSecond} events/s (lag p99 ${run.lag.p99Ms} ms) ${walShown(run.wal)}\n`);
    await idle();
    splits.push(
      await appendSplit({ n, runTag: `held-${r}`, dataSource, auditService, hook, actors, owner, sequencer }),
    );
  }

  // What the sequencer wrote is a gapless run of seqs holding every benchmark event once.
  const { rows: check } = await owner.query(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE request_id LIKE 'bench-append-%')::int AS mine,
            count(DISTINCT request_id) FILTER (WHERE request_id LIKE 'bench-append-%')::int AS distinct_mine,
            coalesce(max(seq), 0)::bigint AS max
     FROM audit_events WHERE seq > $1`,
    [startSeq],
  );
  const c = check[0];
  if (c.mine !== n * rounds || c.distinct_mine !== n * rounds || Number(c.max) - startSeq !== c.n) {
    throw new Error(`audit_events after the append runs is not what was written: ${JSON.stringify(c)}`);
  }

  process.stdout.write(`Naive chain: ${CONFIG.naiveEvents} events ... `);
  const naive = await appendNaive({ n: CONFIG.naiveEvents, runTag: 'naive', dataSource, actors, audit });
  process.stdout.write(`${naive.eventsPerSecond} events/s\n`);
  const { rows: chain } = await owner.query('SELECT seq FROM bench_chain_head WHERE id = 1');
  if (Number(chain[0].seq) !== CONFIG.naiveEvents) throw new Error('naive chain: head seq does not match');

  const rate = (runs) => runs.reduce((x, r) => x + r.events, 0) / runs.reduce((x, r) => x + r.seconds, 0);
  // The sequencer's CPU per event over every split run: its total CPU over its total events.
  const perEvent = (runs, key) =>
    runs.reduce((x, r) => x + r.sequencerAlone[key] * r.sequencerAlone.events, 0) /
    runs.reduce((x, r) => x + r.sequencerAlone.events, 0);
  const auditedRate = rate(auditedRuns);
  const plainRate = rate(plainRuns);
  const ratio = auditedRate / plainRate;
  const lag = summarize(lags);
  return {
    append: {
      writers: CONFIG.writers,
      eventsPerRun: n,
      audited: {
        events: n * rounds,
        eventsPerSecond: round(auditedRate, 1),
        lag,
        batches: auditedRuns.reduce((x, r) => x + r.batches, 0),
        runs: auditedRuns,
        what: 'each writer: dataSource.transaction(m => AuditService.record(event, origin, m)); timed from the first BEGIN until the sequencer committed the last event of the run',
      },
      plainBaseline: {
        events: n * (rounds + 1),
        eventsPerSecond: round(plainRate, 1),
        runs: plainRuns,
        what: 'INSERT INTO bench_plain (id bigserial, event jsonb) VALUES (same JSON), one transaction per event, same pool, same writers; runs before, between and after the audited runs',
      },
      ratioAuditedOverPlain: round(ratio, 3),
      targets: {
        ratioAtLeast: TARGETS.appendRatio,
        ratioMet: ratio >= TARGETS.appendRatio,
        lagP99MsAtMost: TARGETS.lagP99Ms,
        lagMet: lag.p99Ms <= TARGETS.lagP99Ms,
      },
      integrity: { sequenced: c.mine, gapless: true },
      split: {
        writersAlone: { eventsPerSecond: round(rate(splits.map((x) => x.writersAlone)), 1) },
        sequencerAlone: {
          eventsPerSecond: round(rate(splits.map((x) => x.sequencerAlone)), 1),
          nodeCpuMsPerEvent: round(perEvent(splits, 'nodeCpuMsPerEvent'), 4),
          postgresCpuMsPerEvent: round(perEvent(splits, 'postgresCpuMsPerEvent'), 4),
        },
        runs: splits,
        ratioWritersAloneOverPlain: round(rate(splits.map((x) => x.writersAlone)) / plainRate, 3),
        what: 'where the gap to plain INSERTs is: after each audited run, the same writers with the sequencer held (its batches wait), then the sequencer alone moving that run; rates are total events over total time, CPU per event the total over the total events; diagnostic, not a target',
      },
      walMethod:
        "each run's `wal`: pg_stat_wal before the run and after it (audited: after the sequencer moved it), divided by its events; the whole server's WAL, the sequencer's and autovacuum's included; full-page images are the first change of each page after a checkpoint",
    },
    naive: {
      writers: CONFIG.writers,
      ...naive,
      ratioOverAudited: round(naive.eventsPerSecond / auditedRate, 3),
      ratioOverPlain: round(naive.eventsPerSecond / plainRate, 3),
      what: 'per event: SELECT … FROM bench_chain_head FOR UPDATE; hash = SHA-256(prev ‖ canonical); INSERT INTO bench_chain; UPDATE head; COMMIT',
      note: `${CONFIG.naiveEvents} events (fewer than the ${n * rounds} audited ones, to keep the run short); events/s is the comparable figure`,
    },
  };
}

// ---------------------------------------------------------------- report

/** A row of the list's floors: a part's p95 over each page's SQL p95. */
const floorRow = (label, part, ratios, note) => [
  label,
  `p95 ${part.p95Ms.toFixed(1)} ms`,
  'first / deep page SQL p95',
  `${ratios.first.toFixed(2)} / ${ratios.deep.toFixed(2)}`,
  note,
];

function printTable(r) {
  const { append: a, naive, verify: v, list: l } = r;
  const ms = (x) => `${x.toFixed(1)} ms`;
  const ok = (met) => (met ? 'met' : 'MISSED');
  // A figure left out by BENCH_ACCESS_LOG_ONLY has no rows.
  const when = (ran, figureRows) => (ran ? figureRows() : []);
  const rows = [
    ['figure', 'measured', 'baseline (same run)', 'ratio', 'target'],
    ...when(a, () => [
      [
        `append, ${a.writers} writers, ${a.audited.events} ev`,
        `${a.audited.eventsPerSecond.toFixed(0)} ev/s`,
        `plain INSERT ${a.plainBaseline.eventsPerSecond.toFixed(0)} ev/s`,
        a.ratioAuditedOverPlain.toFixed(3),
        `>= ${TARGETS.appendRatio}: ${ok(a.targets.ratioMet)}`,
      ],
      [
        'sequencer lag p50 / p99',
        `${ms(a.audited.lag.p50Ms)} / ${ms(a.audited.lag.p99Ms)}`,
        `(max ${ms(a.audited.lag.maxMs)}, ${a.audited.batches} batches)`,
        '',
        `p99 <= ${TARGETS.lagP99Ms} ms: ${ok(a.targets.lagMet)}`,
      ],
      [
        '  writers, sequencer held',
        `${a.split.writersAlone.eventsPerSecond.toFixed(0)} ev/s`,
        `plain INSERT ${a.plainBaseline.eventsPerSecond.toFixed(0)} ev/s`,
        a.split.ratioWritersAloneOverPlain.toFixed(3),
        '',
      ],
      [
        '  then the sequencer alone',
        `${a.split.sequencerAlone.eventsPerSecond.toFixed(0)} ev/s`,
        `CPU/event Node ${a.split.sequencerAlone.nodeCpuMsPerEvent} + PG ${a.split.sequencerAlone.postgresCpuMsPerEvent} ms`,
        '',
        '',
      ],
    ]),
    ...when(v, () => [
      [
        `verify ${v.events.toLocaleString('en')} (full)`,
        `${v.full.seconds.toFixed(2)} s`,
        `SHA-256 ${v.sha256Baseline.seconds.toFixed(2)} s`,
        v.ratioVerifyOverSha256.toFixed(2),
        `<= ${TARGETS.verifySeconds} s: ${ok(v.target.met)}`,
      ],
      [
        '  tree floor (leaf+node hash)',
        `${v.treeFloor.seconds.toFixed(2)} s`,
        `SHA-256 ${v.sha256Baseline.seconds.toFixed(2)} s`,
        v.treeFloor.ratioOverSha256.toFixed(2),
        '',
      ],
      [
        `verify newest 1% (${v.incremental.events.toLocaleString('en')})`,
        `${(v.incremental.seconds * 1000).toFixed(1)} ms`,
        `SHA-256 ${(v.incremental.sha256BaselineSeconds * 1000).toFixed(1)} ms`,
        (v.incremental.seconds / v.incremental.sha256BaselineSeconds).toFixed(2),
        '',
      ],
    ]),
    ...when(l.first, () => [
      [
        'list first page p50 / p95',
        `${ms(l.first.http.p50Ms)} / ${ms(l.first.http.p95Ms)}`,
        `SQL ${ms(l.first.sqlBaseline.p50Ms)} / ${ms(l.first.sqlBaseline.p95Ms)}`,
        l.first.ratioP95OverSql.toFixed(2),
        `p95 ratio <= ${TARGETS.listRatio}: ${ok(l.first.ratioTarget.met)}; p95 <= ${TARGETS.listP95Ms} ms: ${ok(l.first.target.met)}`,
      ],
      [
        `list actor page ~${Math.round(l.deep.eventsAboveBefore / 1000)}k deep`,
        `${ms(l.deep.http.p50Ms)} / ${ms(l.deep.http.p95Ms)}`,
        `SQL ${ms(l.deep.sqlBaseline.p50Ms)} / ${ms(l.deep.sqlBaseline.p95Ms)}`,
        l.deep.ratioP95OverSql.toFixed(2),
        `p95 ratio <= ${TARGETS.listRatio}: ${ok(l.deep.ratioTarget.met)}; p95 <= ${TARGETS.listP95Ms} ms: ${ok(l.deep.target.met)}`,
      ],
      [
        '  parts: GET /api/health',
        `${ms(l.breakdown.healthHttp.p50Ms)} / ${ms(l.breakdown.healthHttp.p95Ms)}`,
        'no guard, no query',
        '',
        '',
      ],
      [
        '  parts: GET /api/auth/me',
        `${ms(l.breakdown.authMeHttp.p50Ms)} / ${ms(l.breakdown.authMeHttp.p95Ms)}`,
        `1-row autocommit INSERT ${ms(l.breakdown.autocommitInsert.p50Ms)} / ${ms(l.breakdown.autocommitInsert.p95Ms)}`,
        '',
        '',
      ],
      floorRow(
        '  the commit alone ÷ SQL',
        l.breakdown.autocommitInsert,
        l.breakdown.commitP95OverSqlP95,
        'each page waits for its view event to commit',
      ),
      floorRow(
        '  the round trip alone ÷ SQL',
        l.breakdown.healthHttp,
        l.breakdown.healthP95OverSqlP95,
        'GET /api/health from the same client',
      ),
    ]),
    ...when(l.eventDetailWithProof, () => [
      [
        '  event detail with proof',
        l.eventDetailWithProof.timedOut ? `> ${DETAIL_TIMEOUT_MS / 1000} s` : ms(l.eventDetailWithProof.ms),
        '(one request, not a target)',
        '',
        '',
      ],
    ]),
    ...when(r.proof, () => [
      [
        `proof at ${r.proof.treeSize.toLocaleString('en')} p50 / p95`,
        `${ms(r.proof.http.p50Ms)} / ${ms(r.proof.http.p95Ms)}`,
        `auth/me ${ms(r.proof.authMeBaseline.p50Ms)} / ${ms(r.proof.authMeBaseline.p95Ms)}; former method ${ms(r.proof.formerMethodOnceMs)}`,
        '',
        `p95 <= ${TARGETS.proofP95Ms} ms: ${ok(r.proof.target.met)}`,
      ],
      [
        '  consistency proof p50 / p95',
        `${ms(r.proof.consistency.p50Ms)} / ${ms(r.proof.consistency.p95Ms)}`,
        `${r.proof.consistency.from} -> ${r.proof.consistency.to}`,
        '',
        '',
      ],
    ]),
    ...when(r.incrementalVerify, () => [
      [
        `verify newest ${r.incrementalVerify.newEventsPerRound.toLocaleString('en')} (API) p50 / p95`,
        `${ms(r.incrementalVerify.http.p50Ms)} / ${ms(r.incrementalVerify.http.p95Ms)}`,
        `SQL read ${ms(r.incrementalVerify.sqlReadBaseline.p50Ms)}; full via API ${r.incrementalVerify.fullThroughApi.seconds.toFixed(1)} s`,
        '',
        `p95 <= ${TARGETS.incrementalVerifyMs} ms: ${ok(r.incrementalVerify.target.met)}`,
      ],
    ]),
    ...when(r.verifyFromDatabase, () => [
      [
        `verify from DB (${r.verifyFromDatabase.events.toLocaleString('en')}, API)`,
        `${r.verifyFromDatabase.seconds.toFixed(2)} s`,
        `COPY read alone ${r.verifyFromDatabase.copyReadBaseline.seconds.toFixed(2)} s`,
        r.verifyFromDatabase.ratioOverCopyRead.toFixed(2),
        `<= ${TARGETS.verifyDbSeconds} s: ${ok(r.verifyFromDatabase.target.met)}`,
      ],
      [
        '  CPU per full run',
        r.verifyFromDatabase.cpuSeconds.map((c) => `${c.nodeSeconds}+${c.postgresSeconds} s`).join(', '),
        'Node + PostgreSQL (2 cores)',
        '',
        '',
      ],
    ]),
    ...when(naive, () => [
      [
        `naive chain, ${naive.writers} writers, ${naive.events} ev`,
        `${naive.eventsPerSecond.toFixed(0)} ev/s`,
        `inbox+sequencer ${a.audited.eventsPerSecond.toFixed(0)} ev/s`,
        naive.ratioOverAudited.toFixed(3),
        '',
      ],
    ]),
  ];
  const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => `  ${row.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padEnd(w[i]))).join('  ')}`.trimEnd();
  const m = r.machine;
  console.log('');
  console.log(
    `Access log — ${m.cpuCount} x ${m.cpuModel}, Node ${m.node}, PostgreSQL ${r.database.serverVersion} ` +
      `(synchronous_commit=${r.database.synchronousCommit}, fsync=${r.database.fsync}); ` +
      `log holds ${r.list.totalEvents.toLocaleString('en')} events for the list`,
  );
  console.log(line(rows[0]));
  console.log(`  ${w.map((x) => '-'.repeat(x)).join('  ')}`);
  for (const row of rows.slice(1)) console.log(line(row));
  const loads = Object.entries(r.load.phases)
    .map(([k, p]) => `${k} ${p.loadavg1Before}→${p.loadavg1After} (cpu ${p.machineCpuBusyPct ?? '?'}%)`)
    .join(', ');
  console.log(`  load average (1 min) before→after, machine CPU busy: ${loads}`);
  console.log('');
}

// ---------------------------------------------------------------- main

const cleanup = { app: null, embedded: null, dataDir: null, clients: [] };

async function shutdown() {
  const { app, embedded, dataDir, clients } = cleanup;
  cleanup.app = cleanup.embedded = cleanup.dataDir = null;
  cleanup.clients = [];
  for (const c of clients) await c.end().catch(() => undefined);
  if (app) await app.close().catch((e) => console.error(`closing the app: ${e.message}`));
  if (embedded) await embedded.stop().catch((e) => console.error(`stopping PostgreSQL: ${e.message}`));
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

async function main() {
  await ensureBuilt();
  const machine = machineInfo();
  const othersAtStart = otherProcesses();

  serverRequire('reflect-metadata');
  const audit = serverRequire('@poc/audit');

  const { prepareRuntime } = serverRequire('./runtime.js');
  const { createApp } = serverRequire('./bootstrap.js');
  const { SystemClock } = serverRequire('./common/clock.js');
  const { ensureDemoStaff } = serverRequire('./staff/demo-staff.js');
  const { StaffService } = serverRequire('./staff/staff.service.js');
  const { AuditService } = serverRequire('./access-log/audit.service.js');
  const { AuditSequencer } = serverRequire('./access-log/audit-sequencer.js');
  const { AuditRepository } = serverRequire('./access-log/audit.repository.js');
  const { DataSource } = serverRequire('typeorm');
  const { Client } = serverRequire('pg');

  const dataDir = await mkdtemp(join(os.tmpdir(), 'poc-bench-log-'));
  cleanup.dataDir = dataDir;
  // When run as root, PostgreSQL runs as the `postgres` system user and must reach this dir.
  await chmod(dataDir, 0o755);
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  Object.assign(env, {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'true',
  });

  console.log('Starting embedded PostgreSQL and migrating ...');
  const runtime = await prepareRuntime(env);
  cleanup.embedded = runtime.database.embedded;
  const owner = new Client({ connectionString: runtime.database.ownerUrl });
  await owner.connect();
  cleanup.clients.push(owner);

  // The 1M-row load runs in PostgreSQL while this process builds the synthetic log for the
  // verify figure (a different core's work); nothing is timed until both are done.
  const actors = makeActors(CONFIG.actors);
  const load = await phase('bulk-load+build', async () => {
    console.log(
      `List: loading ${CONFIG.listEvents.toLocaleString('en')} events into audit_events (INSERT … SELECT) ...`,
    );
    const t0 = performance.now();
    let insertSeconds;
    const loading = bulkLoad(owner, CONFIG.listEvents, actors).then(() => {
      insertSeconds = (performance.now() - t0) / 1000;
    });
    loading.catch(() => undefined); // awaited below
    await sleep(100); // let the statement reach the server before the event loop is busy
    const verifyInput = runs('verify') ? buildVerifyInput(audit) : null;
    await loading;
    const t1 = performance.now();
    await owner.query('VACUUM (ANALYZE) audit_events');
    const vacuumSeconds = (performance.now() - t1) / 1000;
    const superClient = new Client({ connectionString: runtime.database.embedded.superUrl('console') });
    await superClient.connect();
    await superClient.query('CHECKPOINT');
    await superClient.end();
    const shape = await checkLoadedRows(owner, audit, CONFIG.listEvents);
    const t2 = performance.now();
    const bulkHead = await sealBulkLoad(owner, audit, runtime);
    const sealSeconds = (performance.now() - t2) / 1000;
    console.log(
      `  inserted in ${insertSeconds.toFixed(1)} s (alongside the build), VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s; ` +
        `${shape.bytes} bytes/event, ${shape.actors} actors, table+indexes ${shape.size}`,
    );
    return {
      verifyInput,
      bulkHead,
      bulk: {
        events: CONFIG.listEvents,
        insertSeconds: round(insertSeconds, 1),
        vacuumAnalyzeSeconds: round(vacuumSeconds, 1),
        sealSeconds: round(sealSeconds, 1),
        ...shape,
      },
    };
  });

  // 2. verify — before the application starts, so nothing else of ours competes for CPU.
  const verify = runs('verify') ? await phase('verify', () => benchVerify(audit, load.verifyInput)) : undefined;
  load.verifyInput = null; // ~1.3 GB of synthetic events can go now

  const { rows: settings } = await owner.query(
    `SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS sc,
            current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS wsm,
            current_setting('shared_buffers') AS sb`,
  );
  const database = {
    serverVersion: settings[0].v,
    synchronousCommit: settings[0].sc,
    fsync: settings[0].fsync,
    walSyncMethod: settings[0].wsm,
    sharedBuffers: settings[0].sb,
    embedded: true,
  };
  if (database.synchronousCommit !== 'on') throw new Error(`synchronous_commit is ${database.synchronousCommit}`);

  console.log('Starting the application in-process (createApp) ...');
  const app = await createApp({ ...runtime, clock: new SystemClock() });
  cleanup.app = app;
  await ensureDemoStaff(app.get(StaffService));
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${app.getHttpServer().address().port}`;
  const sequencer = app.get(AuditSequencer);
  const t0 = performance.now();
  await sequencer.flush(); // becomes the leader: rebuilds its tree from every stored leaf hash
  const sequencerStartSeconds = (performance.now() - t0) / 1000;
  console.log(
    `  ready at ${baseUrl}; sequencer took the lead in ${sequencerStartSeconds.toFixed(1)} s ` +
      '(the first start stores the subtree roots of the bulk-loaded log)',
  );

  const cookie = await signInFully(baseUrl);
  await sequencer.flush();

  const appClient = new Client({ connectionString: runtime.database.appUrl });
  await appClient.connect();
  cleanup.clients.push(appClient);
  const { rows: total } = await appClient.query('SELECT max(seq)::bigint AS n FROM audit_events');
  const totalEvents = Number(total[0].n);

  await createBaselineTables(owner);

  // 3. list
  const list = await (runs('list') ? phase : skipped)('list', async () => {
    console.log(`List: ${CONFIG.listSamples} timed requests per page (interleaved), and the same SQL directly ...`);
    const r = await benchList({ baseUrl, cookie, appClient, actor: actors[3], totalEvents });
    return { totalEvents, ...r };
  });

  // 5. proof, 6. incremental verify
  const proof = await (runs('proof') ? phase : skipped)('proof', async () => {
    console.log(`Proof: ${CONFIG.proofSamples} inclusion proofs over ${totalEvents.toLocaleString('en')} events ...`);
    return benchProof({ baseUrl, cookie, audit, repository: app.get(AuditRepository), bulkHead: load.bulkHead });
  });
  const verifyFromDatabase = await (runs('verify-db') ? phase : skipped)('verify-from-db', async () => {
    console.log(
      `Verify from the database: ${CONFIG.verifyDbRounds} full runs via the API, each after a COPY read alone ...`,
    );
    return benchVerifyFromDatabase({ baseUrl, cookie, appClient, sequencer });
  });
  const incremental = await (runs('incremental') ? phase : skipped)('incremental-verify', async () => {
    console.log(
      `Incremental verify: ${CONFIG.incrementalRounds} rounds of ${CONFIG.incrementalEvents.toLocaleString('en')} new events ...`,
    );
    return benchIncrementalVerify({ baseUrl, cookie, owner, sequencer });
  });

  // 1. append and 4. naive
  const hook = instrumentSequencer(sequencer, app.get(AuditRepository));
  const appended = await (runs('append') ? phase : skipped)('append+naive', () =>
    benchAppend({
      dataSource: app.get(DataSource),
      auditService: app.get(AuditService),
      hook,
      actors,
      owner,
      audit,
      sequencer,
    }),
  );

  // Observed, not a figure (last, so that it cannot disturb the others): one event with its
  // inclusion proof over the whole log, capped at DETAIL_TIMEOUT_MS.
  const detail = await (runs('detail') ? phase : skipped)('event-detail', async () => {
    const request = `/api/access-log/${CONFIG.listDeepBefore}`;
    const t = performance.now();
    try {
      const res = await fetch(baseUrl + request, {
        headers: { Cookie: cookie },
        signal: AbortSignal.timeout(DETAIL_TIMEOUT_MS),
      });
      const body = await res.json();
      const ms = performance.now() - t;
      if (res.status !== 200 || !body.proof) throw new Error(`GET ${request} -> ${res.status}`);
      return { request, ms: round(ms, 1), proofLength: body.proof.path.length, timedOut: false };
    } catch (error) {
      if (error?.name !== 'TimeoutError') throw error;
      return { request, ms: null, timedOut: true, note: `no answer within ${DETAIL_TIMEOUT_MS / 1000} s` };
    }
  });

  const result = {
    benchmark: 'access-log',
    date: new Date().toISOString(),
    machine,
    database,
    config: { ...CONFIG, targets: TARGETS },
    load: {
      phases,
      otherProcessesAtStart: othersAtStart,
      otherProcessesAtEnd: otherProcesses(),
      note: 'loadavg counts runnable processes on this 2-core machine; anything above ~2 before a phase means other work (e.g. another test run) was competing',
    },
    append: appended && {
      ...appended.append,
      lagMethod:
        'writer: performance.now() when its COMMIT returned; sequencer: performance.now() when the COMMIT of the batch holding the event returned (instance wrappers around AuditRepository.claimInbox and AuditSequencer.sequenceBatch; same process, same monotonic clock); lag = difference, every event',
    },
    verify,
    list: {
      totalEvents,
      ...list,
      bulkLoad: load.bulk,
      sequencerTakeoverSeconds: round(sequencerStartSeconds, 2),
      eventDetailWithProof: detail,
    },
    naive: appended?.naive,
    proof,
    verifyFromDatabase,
    incrementalVerify: incremental,
  };

  printTable(result);
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote ${RESULTS_FILE.slice(ROOT.length + 1)}`);
}

runBenchmark('ACCESS-LOG', main, shutdown);
