import { canonicalize, leafHash, parsePublicKeys } from '@poc/audit';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditSequencer, SEQUENCER_APPLICATION_NAME } from '../../server/src/access-log/audit-sequencer';
import { AuditService } from '../../server/src/access-log/audit.service';
import { AuditSigner } from '../../server/src/access-log/audit-signer';
import { AuditVerificationService } from '../../server/src/access-log/audit-verification.service';
import { readHeads, SINK_FILE } from '../../server/src/access-log/head-sink';
import { verifyDatabase } from '../../server/src/access-log/verify-database';
import { startTestServer, TestServer } from '../support/server';
import { waitFor } from '../support/wait-for';

/** Loads `n` events straight into the inbox, as committed request transactions would. */
async function enqueue(server: TestServer, n: number, tag: string): Promise<void> {
  await server.db.query(
    `INSERT INTO audit_inbox (event)
     SELECT jsonb_build_object('time', now(), 'actorId', NULL, 'actorRole', 'dpo', 'sessionId', NULL, 'ip', '127.0.0.1',
       'userAgent', 'test', 'subjectId', 'subject-' || i, 'action', 'view', 'resource', 'subject', 'fields', '["email"]'::jsonb,
       'purpose', $2::text, 'outcome', 'success', 'requestId', $2::text || '-' || i, 'detail', '{}'::jsonb)
     FROM generate_series(1, $1::int) AS i`,
    [n, tag],
  );
}

async function expectGapless(server: TestServer): Promise<number> {
  const [row] = await server.db.query(
    `SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS max, count(DISTINCT seq)::int AS distinct_seqs,
            (SELECT count(*)::int FROM audit_inbox) AS waiting FROM audit_events`,
  );
  expect(row).toEqual({ n: row.max, max: row.max, distinct_seqs: row.max, waiting: 0 });
  // The seq inside each event's canonical bytes is its row's seq.
  const [mismatch] = await server.db.query(
    `SELECT count(*)::int AS n FROM audit_events WHERE (convert_from(canonical, 'UTF8')::jsonb ->> 'seq')::bigint <> seq`,
  );
  expect(mismatch.n).toBe(0);
  return row.max;
}

describe('the audit sequencer', () => {
  it('loses nothing and never reuses a seq when killed in the middle of a batch', async () => {
    const server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false' } });
    try {
      if (!server.superUrl) throw new Error('needs the embedded cluster (a superuser to kill the backend)');
      const sequencer = server.app.get(AuditSequencer);
      await sequencer.flush();
      const before = await expectGapless(server);
      await enqueue(server, 20_000, 'crash');

      const su = new Client({ connectionString: server.superUrl });
      await su.connect();
      const running = sequencer.flush();
      // Kill the sequencer's backend once some batches are in and more are on their way.
      for (;;) {
        const [{ n }] = await server.db.query('SELECT count(*)::int AS n FROM audit_events');
        if (n > before + 1000) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      await su.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
        [SEQUENCER_APPLICATION_NAME],
      );
      await su.end();
      await expect(running).rejects.toThrow();
      const [{ n: partial }] = await server.db.query('SELECT count(*)::int AS n FROM audit_events');
      expect(partial).toBeLessThan(before + 20_000);

      await sequencer.flush(); // a new connection takes over where the committed log ends
      expect(await expectGapless(server)).toBe(before + 20_000);
      const [{ n }] = await server.db.query(
        "SELECT count(*)::int AS n FROM audit_events WHERE request_id LIKE 'crash-%'",
      );
      expect(n).toBe(20_000);
    } finally {
      await server.close();
    }
  });

  it('lets exactly one of several instances sequence, and the log stays gapless', async () => {
    const first = await startTestServer();
    const second = await startTestServer({ shareDatabaseWith: first });
    try {
      const record = (server: TestServer, i: number) =>
        server.app
          .get(AuditService)
          .record(
            { action: 'view', resource: 'subject', outcome: 'success', subjectId: `s-${i}` },
            { requestId: `multi-${i}` },
          );
      await Promise.all(Array.from({ length: 400 }, (_, i) => record(i % 2 === 0 ? first : second, i)));
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [{ n }] = await first.db.query(
          "SELECT count(*)::int AS n FROM audit_events WHERE request_id LIKE 'multi-%'",
        );
        if (n === 400 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await expectGapless(first);
      const leaders = [first, second].filter((s) => s.app.get(AuditSequencer).isLeader);
      expect(leaders).toHaveLength(1);

      // When the leader goes away, the other takes over.
      const [leader, follower] = leaders[0] === first ? [first, second] : [second, first];
      await leader.stopApp();
      await record(follower, 1000);
      const until = Date.now() + 10_000;
      while (!follower.app.get(AuditSequencer).isLeader && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(follower.app.get(AuditSequencer).isLeader).toBe(true);
      await follower.app.get(AuditSequencer).flush();
      expect(await expectGapless(follower)).toBeGreaterThanOrEqual(401);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('moving events while requests keep writing', () => {
  it('stores the exact canonical bytes and leaf hash of every event of a batch of mixed sizes', async () => {
    const server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false' } });
    try {
      const sequencer = server.app.get(AuditSequencer);
      await sequencer.flush();
      const recorder = server.app.get(AuditService);
      // Short, long and multibyte events side by side: each is cut out of one batch-wide buffer.
      for (let i = 0; i < 300; i++) {
        await recorder.record(
          {
            action: 'view',
            resource: 'subject',
            outcome: 'success',
            subjectId: i % 3 === 0 ? `주체-${i}-😀` : `s-${i}`,
            detail: i % 7 === 0 ? { note: 'x'.repeat(2000 + i), 이름: '홍길동' } : {},
          },
          { requestId: `mixed-${i}` },
        );
      }
      await sequencer.flush();
      const rows: { seq: string; canonical: Buffer; leaf_hash: Buffer }[] = await server.db.query(
        "SELECT seq, canonical, leaf_hash FROM audit_events WHERE request_id LIKE 'mixed-%' ORDER BY seq",
      );
      expect(rows).toHaveLength(300);
      for (const row of rows) {
        const event = JSON.parse(row.canonical.toString('utf8')) as Record<string, unknown>;
        expect(canonicalize(event).equals(row.canonical)).toBe(true);
        expect(leafHash(row.canonical).equals(row.leaf_hash)).toBe(true);
        expect(event.seq).toBe(Number(row.seq));
      }
      const mixed = rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as { requestId: string });
      expect(mixed.map((e) => e.requestId)).toEqual(Array.from({ length: 300 }, (_, i) => `mixed-${i}`));
      await expectGapless(server);
    } finally {
      await server.close();
    }
  });

  it('gathers a steady stream of commits into a few large batches, and goes once the inbox stops growing', async () => {
    const server = await startTestServer();
    try {
      const sequencer = server.app.get(AuditSequencer);
      await sequencer.flush();
      // Count the batches the running sequencer commits (on the instance, as the benchmark does).
      const batches: number[] = [];
      const instance = sequencer as unknown as { sequenceBatch: () => Promise<number> };
      const sequenceBatch = instance.sequenceBatch.bind(sequencer);
      instance.sequenceBatch = async () => {
        const moved = await sequenceBatch();
        if (moved > 0) batches.push(moved);
        return moved;
      };
      const recorder = server.app.get(AuditService);
      const n = 1500;
      // Four writers, one commit per event, as fast as they go: the inbox grows all the while
      // (several writers, so that it keeps growing on a loaded machine too).
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let i = next++; i < n; i = next++) {
            await recorder.record(
              { action: 'view', resource: 'subject', outcome: 'success' },
              { requestId: `steady-${i}` },
            );
          }
        }),
      );
      // No flush: the running sequencer takes the tail by itself once nothing more arrives.
      await waitFor(
        'the stream to be sequenced',
        async () => {
          const [{ n: done }] = await server.db.query(
            "SELECT count(*)::int AS n FROM audit_events WHERE request_id LIKE 'steady-%'",
          );
          return done === n ? done : undefined;
        },
        20_000,
        20,
      );
      expect(batches.reduce((a, b) => a + b, 0)).toBe(n);
      // Many small batches would each pay a commit, a seal and a signature (the former 10 ms
      // pause after a small batch gave 15-50 events per batch here; gathering gives hundreds).
      expect(n / batches.length).toBeGreaterThanOrEqual(100);
      await expectGapless(server);
    } finally {
      await server.close();
    }
  });
});

describe('no silent window after the last signed head', () => {
  const heads = async (server: TestServer) => (await readHeads(join(server.headDir, SINK_FILE))).map((h) => h.treeSize);
  /** Waits (on the condition, not a delay) until the running sequencer has taken every queued event. */
  const sequenced = async (server: TestServer, atLeast: number) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [row] = await server.db.query(
        'SELECT (SELECT count(*)::int FROM audit_inbox) AS waiting, coalesce(max(seq), 0)::int AS n FROM audit_events',
      );
      if (row.waiting === 0 && row.n >= atLeast) return row.n as number;
      if (Date.now() > deadline) throw new Error(`not sequenced: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  /** What kill -9 leaves: the sequencer's connection dropped, no graceful shutdown of it. */
  const crash = async (server: TestServer) => {
    const su = new Client({ connectionString: server.superUrl });
    await su.connect();
    try {
      const terminate = () =>
        su.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE application_name = $1 AND datname = current_database()`,
          [SEQUENCER_APPLICATION_NAME],
        );
      await terminate();
      await server.stopApp();
      await terminate(); // in case it had reconnected meanwhile
    } finally {
      await su.end();
    }
  };
  // The running sequencer, publishing a head outside the database only once an hour: events
  // after the first batch are sealed in the database but not yet published.
  const running = () => startTestServer({ env: { AUDIT_CHECKPOINT_SECONDS: '3600' } });

  it('publishes a head at the last event on a graceful stop', async () => {
    const server = await running();
    try {
      await enqueue(server, 10, 'first');
      await sequenced(server, 10);
      await enqueue(server, 30, 'second');
      const last = await sequenced(server, 40);
      expect((await heads(server)).at(-1)).toBeLessThan(last);
      await server.stopApp();
      expect((await heads(server)).at(-1)).toBe(last);
      const [{ n }] = await server.db.query('SELECT max(tree_size)::int AS n FROM audit_heads');
      expect(n).toBe(last);
    } finally {
      await server.close();
    }
  });

  it('copies to the sink a head a crash left in the database only', async () => {
    const server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false' } });
    let second: TestServer | undefined;
    try {
      await enqueue(server, 12, 'first');
      await server.app.get(AuditSequencer).flush();
      await server.stopApp();
      const sink = join(server.headDir, SINK_FILE);
      const lines = readFileSync(sink, 'utf8').trim().split('\n');
      // The crash came after the head's INSERT and before its write outside the database.
      writeFileSync(sink, `${lines.slice(0, -1).join('\n')}\n`);
      second = await startTestServer({ shareDatabaseWith: server, env: { AUDIT_SEQUENCER: 'false' } });
      await second.app.get(AuditSequencer).flush();
      expect(readFileSync(sink, 'utf8').trim().split('\n')).toEqual(lines);
      const result = await second.app.get(AuditVerificationService).verify(null, { full: true });
      expect(result).toMatchObject({ result: 'intact', problems: [] });
    } finally {
      await second?.stopApp();
      await server.close();
    }
  });

  it('refuses to sign an event forged past the seal while the server was down, and verify names it', async () => {
    if (!process.env.POC_TEST_SUPER_URL) throw new Error('needs the embedded cluster (a superuser)');
    const server = await running();
    let second: TestServer | undefined;
    try {
      await enqueue(server, 10, 'first');
      await sequenced(server, 10);
      await enqueue(server, 25, 'second');
      const last = await sequenced(server, 35);
      await crash(server);
      const forged = last + 1;
      const su = new Client({ connectionString: server.superUrl });
      await su.connect();
      await su.query(
        // A careful forger: every column matches the bytes, so the database's insert check passes.
        `INSERT INTO audit_events (seq, occurred_at, actor_id, actor_role, subject_id, action, resource, outcome,
                                   request_id, canonical, leaf_hash)
         SELECT $1::bigint, occurred_at, actor_id, actor_role, subject_id, action, resource, outcome, request_id,
                c, sha256('\\x00'::bytea || c)
         FROM (SELECT occurred_at, actor_id, actor_role, subject_id, action, resource, outcome, request_id,
                      convert_to(replace(convert_from(canonical, 'UTF8'), '"seq":' || seq || ',', '"seq":' || $1::bigint || ','), 'UTF8') AS c
               FROM audit_events WHERE seq = $2) forged`,
        [forged, last],
      );
      await su.end();

      second = await startTestServer({ shareDatabaseWith: server, env: { AUDIT_SEQUENCER: 'false' } });
      await enqueue(second, 3, 'after');
      await expect(second.app.get(AuditSequencer).flush()).rejects.toThrow(/past the last signed seal/);
      expect(second.app.get(AuditSequencer).halted).toMatch(new RegExp(`from seq ${forged}\\b`));
      // Nothing covers the forged event: no head, no seal; the new events wait in the inbox.
      const [state] = await second.db.query(
        `SELECT (SELECT max(tree_size)::int FROM audit_heads) AS head, (SELECT tree_size::int FROM audit_seal) AS seal,
                (SELECT count(*)::int FROM audit_inbox) AS waiting`,
      );
      expect(state).toEqual({ head: expect.any(Number), seal: last, waiting: 3 });
      expect(state.head).toBeLessThan(forged);
      expect(Math.max(...(await heads(second)))).toBeLessThan(forged);

      const api = await second.app.get(AuditVerificationService).verify(null, { full: true });
      expect(api.result).toBe('tampered');
      expect(api.problems).toContainEqual(expect.objectContaining({ kind: 'inserted', seq: forged }));

      const out: string[] = [];
      const signer = second.app.get(AuditSigner);
      const code = await verifyDatabase(
        {
          databaseUrl: second.database.ownerUrl,
          outside: await readHeads(join(second.headDir, SINK_FILE)),
          publicKeys: parsePublicKeys(signer.publicKeyPem),
        },
        { stdout: (l) => out.push(l), stderr: (l) => out.push(l) },
      );
      expect(code).toBe(1);
      expect(out.join('\n')).toMatch(new RegExp(`INSERTED first affected seq ${forged}\\b.*past the last signed seal`));
    } finally {
      await second?.stopApp();
      await server.close();
    }
  });

  it('reports tail events deleted with the server stopped, and the unsigned tail', async () => {
    if (!process.env.POC_TEST_SUPER_URL) throw new Error('needs the embedded cluster (a superuser)');
    const server = await running();
    let second: TestServer | undefined;
    try {
      await enqueue(server, 10, 'first');
      const published = await sequenced(server, 10);
      await enqueue(server, 21, 'second');
      const last = await sequenced(server, published + 21);
      expect(Math.max(...(await heads(server)))).toBe(published);
      await crash(server);

      const signer = server.app.get(AuditSigner);
      const cli = async () => {
        const out: string[] = [];
        const code = await verifyDatabase(
          {
            databaseUrl: server.database.ownerUrl,
            outside: await readHeads(join(server.headDir, SINK_FILE)),
            publicKeys: parsePublicKeys(signer.publicKeyPem),
          },
          { stdout: (l) => out.push(l), stderr: (l) => out.push(l) },
        );
        return { code, out: out.join('\n') };
      };
      // Before the deletion: intact, and the 21 events only the database's seal covers are named.
      const before = await cli();
      expect(before).toMatchObject({ code: 0 });
      expect(before.out).toMatch(new RegExp(`UNSIGNED TAIL: ${last - published} event`));

      const su = new Client({ connectionString: server.superUrl });
      await su.connect();
      await su.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
      await su.query('DELETE FROM audit_events WHERE seq > $1', [published]);
      await su.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only');
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate');
      await su.end();

      const after = await cli();
      expect(after.code).toBe(1);
      expect(after.out).toMatch(new RegExp(`TRUNCATED first affected seq ${published + 1}\\b`));

      second = await startTestServer({ shareDatabaseWith: server, env: { AUDIT_SEQUENCER: 'false' } });
      const api = await second.app.get(AuditVerificationService).verify(null, { full: true });
      expect(api.result).toBe('tampered');
      expect(api.problems).toContainEqual(expect.objectContaining({ kind: 'truncated', seq: published + 1 }));
    } finally {
      await second?.stopApp();
      await server.close();
    }
  });
});

describe('the first start after the upgrade that introduced the seal', () => {
  /** Puts the seal back in the state the migration leaves on a log the previous version wrote. */
  const legacySeal = async (server: TestServer, through: number) => {
    const su = new Client({ connectionString: server.superUrl });
    await su.connect();
    try {
      await su.query('ALTER TABLE audit_seal DISABLE TRIGGER ALL');
      await su.query(
        `UPDATE audit_seal SET legacy = true, tree_size = $1, root_hash = NULL, signed_at = NULL, key_id = NULL,
                signature = NULL, frontier = NULL`,
        [through],
      );
      for (const t of ['audit_seal_guard', 'audit_seal_no_truncate', 'audit_seal_no_insert']) {
        await su.query(`ALTER TABLE audit_seal ENABLE ALWAYS TRIGGER ${t}`);
      }
    } finally {
      await su.end();
    }
  };

  it('adopts, once, the events the migration counted, and refuses any beyond them', async () => {
    if (!process.env.POC_TEST_SUPER_URL) throw new Error('needs the embedded cluster (a superuser)');
    const server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false' } });
    let second: TestServer | undefined;
    let third: TestServer | undefined;
    try {
      await enqueue(server, 20, 'old');
      await server.app.get(AuditSequencer).flush({ publish: false });
      await server.stopApp();
      // The previous version wrote 20 events; the migration counted them.
      await legacySeal(server, 20);
      second = await startTestServer({ shareDatabaseWith: server, env: { AUDIT_SEQUENCER: 'false' } });
      await second.app.get(AuditSequencer).flush();
      const [seal] = await second.db.query('SELECT tree_size::int AS n, legacy FROM audit_seal');
      expect(seal).toEqual({ n: 20, legacy: false });
      expect((await second.app.get(AuditVerificationService).verify(null, { full: true })).result).toBe('intact');
      await second.stopApp();

      // A legacy seal never covers more than the migration counted.
      await legacySeal(server, 15);
      third = await startTestServer({ shareDatabaseWith: server, env: { AUDIT_SEQUENCER: 'false' } });
      await expect(third.app.get(AuditSequencer).flush()).rejects.toThrow(/5 event\(s\) from seq 16/);
    } finally {
      await third?.stopApp();
      await second?.stopApp();
      await server.close();
    }
  });
});
