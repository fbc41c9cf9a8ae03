import { Client } from 'pg';
import { AuditSequencer, SEQUENCER_APPLICATION_NAME } from '../../server/src/access-log/audit-sequencer';
import { AuditService } from '../../server/src/access-log/audit.service';
import { startTestServer, TestServer } from '../support/server';

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
