// Benchmark of the access/portability export package (issue F7, "Bench"): building the package
// (JSON + PDF) for a subject with 5,000 counseling records must take ≤ 2 s, compared in the same
// run with reading those rows alone.
//
//   (a) rows alone: the SQL read of the 5,000 records (the very statement the export runs,
//       SubjectExportRepository.records, through the application's connection pool), and, for
//       reference, that read plus decrypting every record with the person's data key;
//   (b) package: SubjectExportService.build (every read, decryption, registers, the access-log
//       event, JSON and PDF), in its own transaction, as the rights request's approve step runs it.
// Interleaved a, b, a, b … so that a drift in the machine's load hits both; medians and the ratio
// b ÷ a are printed and written to bench/results/export-package.json.
//
// Environment: BENCH_EXPORT_RECORDS (default 5000), BENCH_EXPORT_ROUNDS (default 7).
// Runs the application in-process (createApp from server/dist) on its own embedded PostgreSQL in
// a temporary DATA_DIR. `node bench/export-package.mjs`. See bench/README.md.

import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuilt, ROOT } from './lib/build.mjs';
import {
  embeddedRuntimeEnv,
  envInt,
  machineInfo,
  median,
  otherProcesses,
  phaseRecorder,
  round,
  runBenchmark,
  summarize,
} from './lib/measure.mjs';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
const RESULTS_FILE = join(RESULTS_DIR, 'export-package.json');
const CONFIG = { records: envInt('BENCH_EXPORT_RECORDS', 5000), rounds: envInt('BENCH_EXPORT_ROUNDS', 5), warmup: 1 };
const TARGET_MS = 2000;

const SERVER_DIST = process.env.BENCH_SERVER_DIST || join(ROOT, 'server', 'dist');
const serverRequire = createRequire(join(SERVER_DIST, 'main.js'));
const { phases, phase } = phaseRecorder({ processCpu: true });

const cleanup = { app: null, embedded: null, dataDir: null };
async function shutdown() {
  const { app, embedded, dataDir } = cleanup;
  Object.assign(cleanup, { app: null, embedded: null, dataDir: null });
  if (app) await app.close().catch((e) => console.error(`closing the app: ${e.message}`));
  if (embedded) await embedded.stop().catch((e) => console.error(`stopping PostgreSQL: ${e.message}`));
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
}

// A counseling note of a realistic length (~300 characters), different in every record.
const NOTE =
  '[가상 데모 기록 · 실존 인물 아님] 내담자는 직장 내 관계 갈등과 수면 문제를 호소함. 지난 회기 이후 업무 스트레스가 ' +
  '다소 줄었다고 보고하였으나 주말마다 불안이 커진다고 함. 인지 재구성 연습을 함께 진행하고 호흡 이완법을 안내함. ' +
  '다음 회기까지 감정 일기를 매일 작성하기로 합의함.';

async function main() {
  if (!process.env.BENCH_SERVER_DIST) await ensureBuilt();
  serverRequire('reflect-metadata');
  const { prepareRuntime } = serverRequire('./runtime.js');
  const { createApp } = serverRequire('./bootstrap.js');
  const { SystemClock } = serverRequire('./common/clock.js');
  const { defineAbilityFor } = serverRequire('./authorization/abilities.js');
  const { Transactions } = serverRequire('./database/transactions.js');
  const { RegisterImportService } = serverRequire('./registers/register-import.service.js');
  const { RegistersService } = serverRequire('./registers/registers.service.js');
  const { SubjectExportService } = serverRequire('./subjects/export/subject-export.service.js');
  const { SubjectExportRepository } = serverRequire('./subjects/export/subject-export.repository.js');
  const { SubjectKeysService } = serverRequire('./subjects/subject-keys.service.js');
  const { Aad, SubjectCrypto } = serverRequire('./subjects/crypto/subject-crypto.js');
  const { ContactValues } = serverRequire('./subjects/contact-values.js');

  const dataDir = await mkdtemp(join(os.tmpdir(), 'poc-bench-export-'));
  cleanup.dataDir = dataDir;
  const env = await embeddedRuntimeEnv(dataDir, { demoData: false });
  console.log('Starting embedded PostgreSQL, migrating, starting the application in-process ...');
  const runtime = await prepareRuntime(env);
  cleanup.embedded = runtime.database.embedded;
  const app = await createApp({ ...runtime, clock: new SystemClock() });
  cleanup.app = app;
  await app.get(RegisterImportService).ensureDemoRegisters();
  const tx = app.get(Transactions);
  const registerFacts = app.get(RegistersService).exportFacts();
  const crypto = app.get(SubjectCrypto);

  // ---- one client with 5,000 counseling records (a fifth flagged psychotherapy notes), sealed under their key
  const subjectId = randomUUID();
  const counselorId = randomUUID();
  await phase('seed', async () => {
    const { kekId, wrapped, key } = crypto.newDataKey(subjectId);
    const email = 'export.bench@example.com';
    const q = (sql, params) => tx.manager.query(sql, params);
    for (const [id, kind, name] of [
      [subjectId, 'client', '김하늘'],
      [counselorId, 'counselor', '상담사 이'],
    ]) {
      await q(
        `INSERT INTO subjects (id, service, kind, name, name_key, email_cipher, email_index, email_mask, birth_date)
         VALUES ($1, 'maumjuui', $2, $3, $4, $5, $6, 'ex***@example.com', '1990-05-01')`,
        [
          id,
          kind,
          name,
          ContactValues.nameKey(name),
          crypto.seal(key, Aad.contact(id, 'email'), email),
          crypto.index('email', email),
        ],
      );
    }
    await q('INSERT INTO subject_keys (subject_id, kek_id, wrapped_key) VALUES ($1, $2, $3)', [
      subjectId,
      kekId,
      wrapped,
    ]);
    const ids = [];
    const ciphers = [];
    const psych = [];
    for (let i = 0; i < CONFIG.records; i += 1) {
      const id = randomUUID();
      ids.push(id);
      psych.push(i % 5 === 0);
      ciphers.push(crypto.seal(key, Aad.record(id), JSON.stringify({ notes: `${i + 1}회기. ${NOTE}` })));
    }
    await q(
      `INSERT INTO subject_counseling_records (id, subject_id, counselor_id, kind, psychotherapy_notes, session_at, content_cipher)
       SELECT v.id, $1, $2, 'session_note', v.psych, now() - (v.n || ' hours')::interval, v.cipher
       FROM unnest($3::uuid[], $4::boolean[], $5::bytea[]) WITH ORDINALITY AS v(id, psych, cipher, n)`,
      [subjectId, counselorId, ids, psych, ciphers],
    );
    await q('ANALYZE subject_counseling_records', []);
  });
  const [{ n: seeded }] = await tx.manager.query(
    'SELECT count(*)::int AS n FROM subject_counseling_records WHERE subject_id = $1',
    [subjectId],
  );
  if (seeded !== CONFIG.records) throw new Error(`seeded ${seeded} records, wanted ${CONFIG.records}`);

  const dpoId = randomUUID();
  const ctx = (requestId) => ({
    id: dpoId,
    email: 'dpo@bench.local',
    displayName: 'bench DPO',
    role: 'dpo',
    sessionId: randomUUID(),
    stage: 'full',
    mfaVerifiedAt: new Date(),
    mfaEnrolled: true,
    ability: defineAbilityFor({ id: dpoId, role: 'dpo' }),
    origin: { actorId: dpoId, actorRole: 'dpo', requestId },
  });
  const exporter = app.get(SubjectExportService);
  const repo = app.get(SubjectExportRepository);
  const keys = app.get(SubjectKeysService);

  const readRows = async () => {
    const t0 = performance.now();
    const rows = await repo.records(subjectId);
    const ms = performance.now() - t0;
    if (rows.length !== CONFIG.records) throw new Error(`read ${rows.length} rows`);
    return ms;
  };
  const readAndDecrypt = async () => {
    const t0 = performance.now();
    const rows = await repo.records(subjectId);
    const key = await keys.dataKey(subjectId);
    for (const r of rows) JSON.parse(crypto.open(key, Aad.record(r.id), r.cipher));
    return performance.now() - t0;
  };
  let last = null;
  const buildPackage = async (regimes) => {
    const requestId = `RR-BENCH-${randomUUID().slice(0, 8)}`;
    const t0 = performance.now();
    const pkg = await exporter.build(ctx(requestId), {
      subjectId,
      requestId,
      locale: 'ko',
      regimes,
      portability: true,
      registerFacts,
    });
    const ms = performance.now() - t0;
    last = pkg;
    return ms;
  };

  const samples = { rowsAlone: [], rowsAndDecrypt: [], packageAll: [], packageHipaa: [] };
  await phase('measure', async () => {
    for (let i = 0; i < CONFIG.warmup; i += 1) {
      await readRows();
      await readAndDecrypt();
      await buildPackage(['KR-PIPA', 'EU-GDPR']);
    }
    for (let i = 0; i < CONFIG.rounds; i += 1) {
      samples.rowsAlone.push(await readRows());
      samples.packageAll.push(await buildPackage(['KR-PIPA', 'EU-GDPR']));
      samples.rowsAndDecrypt.push(await readAndDecrypt());
      samples.packageHipaa.push(await buildPackage(['US-HIPAA']));
      console.log(
        `  round ${i + 1}: rows ${round(samples.rowsAlone[i], 1)} ms, package ${round(samples.packageAll[i], 1)} ms`,
      );
    }
  });
  await buildPackage(['KR-PIPA', 'EU-GDPR']);
  const full = last;
  if (full.summary.records !== CONFIG.records) throw new Error(`the package holds ${full.summary.records} records`);
  // The application role may only add to the inbox: the owner counts.
  const pg = serverRequire('pg');
  const owner = new pg.Client({ connectionString: runtime.database.ownerUrl });
  await owner.connect();
  const {
    rows: [{ n: events }],
  } = await owner.query(
    `SELECT ((SELECT count(*) FROM audit_events WHERE action = 'export' AND subject_id = $1)
          + (SELECT count(*) FROM audit_inbox WHERE event->>'action' = 'export' AND event->>'subjectId' = $1))::int AS n`,
    [`subject:${subjectId}`],
  );
  await owner.end();
  const expectedEvents = CONFIG.warmup + CONFIG.rounds * 2 + 1;
  if (events !== expectedEvents) throw new Error(`${events} export events logged, expected ${expectedEvents}`);

  const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v), 1)]));
  const result = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    config: CONFIG,
    records: CONFIG.records,
    figures: {
      rowsAlone: {
        what: 'SubjectExportRepository.records: the one SELECT of the 5,000 rows (ciphertexts included)',
        ...summarize(samples.rowsAlone),
      },
      rowsAndDecrypt: {
        what: 'the same SELECT, one data-key unwrap, AES-256-GCM open + JSON.parse of every record',
        ...summarize(samples.rowsAndDecrypt),
      },
      packageAll: {
        what: 'SubjectExportService.build, KR-PIPA + EU-GDPR: all 5,000 records, JSON + PDF, registers, access-log event',
        ...summarize(samples.packageAll),
      },
      packageHipaa: {
        what: 'the same with US-HIPAA: 1,000 psychotherapy notes excluded',
        ...summarize(samples.packageHipaa),
      },
    },
    medians: med,
    ratio: {
      packageOverRowsAlone: round(med.packageAll / med.rowsAlone, 1),
      packageOverRowsAndDecrypt: round(med.packageAll / med.rowsAndDecrypt, 1),
    },
    package: { jsonBytes: full.json.length, pdfBytes: full.pdf.length, records: full.summary.records },
    target: { packageMedianMsAtMost: TARGET_MS, met: med.packageAll <= TARGET_MS && med.packageHipaa <= TARGET_MS },
    accessLogEvents: events,
    load: { phases, otherProcessesAtEnd: otherProcesses() },
  };
  console.log('');
  console.log(
    `Export package — ${result.machine.cpuCount} x ${result.machine.cpuModel}, Node ${result.machine.node}; ${CONFIG.records} records, ${CONFIG.rounds} rounds`,
  );
  console.log(
    `  (a) rows alone (SQL read)          median ${med.rowsAlone} ms   (max ${result.figures.rowsAlone.maxMs})`,
  );
  console.log(
    `      rows + decrypt                 median ${med.rowsAndDecrypt} ms   (max ${result.figures.rowsAndDecrypt.maxMs})`,
  );
  console.log(
    `  (b) package, JSON + PDF            median ${med.packageAll} ms   (max ${result.figures.packageAll.maxMs})`,
  );
  console.log(
    `      package, HIPAA                 median ${med.packageHipaa} ms   (max ${result.figures.packageHipaa.maxMs})`,
  );
  console.log(
    `  ratio package / rows alone ${result.ratio.packageOverRowsAlone}, package / rows + decrypt ${result.ratio.packageOverRowsAndDecrypt}`,
  );
  console.log(
    `  JSON ${round(full.json.length / 1024, 0)} KB, PDF ${round(full.pdf.length / 1024, 0)} KB; target ≤ ${TARGET_MS} ms: ${result.target.met ? 'met' : 'MISSED'}`,
  );
  const l = phases.measure;
  console.log(
    `  load average (1 min) ${l.loadavg1Before} → ${l.loadavg1After}, machine CPU busy ${l.machineCpuBusyPct}%`,
  );
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Wrote ${RESULTS_FILE.slice(ROOT.length + 1)}`);
}

runBenchmark('EXPORT PACKAGE', main, shutdown);
