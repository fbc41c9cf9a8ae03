import { parsePublicKeys } from '@poc/audit';
import { join } from 'node:path';
import { Client } from 'pg';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { AuditSigner } from '../../server/src/access-log/audit-signer';
import { readHeads, SINK_FILE } from '../../server/src/access-log/head-sink';
import { verifyDatabase } from '../../server/src/access-log/verify-database';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';

// Full verification reads the database with one binary COPY and hashes on worker threads. The
// log is large enough (12,000 events, about 7 MB) to be read in several batches, so that the
// workers take part, and every finding is checked through the API and the database CLI.
const EVENTS = 12_000;

describe('full verification from the database (binary COPY, worker threads)', () => {
  let server: TestServer;
  let dpo: Agent;
  let su: Client;

  beforeAll(async () => {
    server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false' } });
    await server.createStaff({ email: 'dpo@example.com', role: 'dpo', password: PASSWORD });
    dpo = agent(server);
    await signIn(server, dpo, 'dpo@example.com', PASSWORD);
    if (!server.superUrl) throw new Error('tamper tests need the embedded cluster (a superuser)');
    su = new Client({ connectionString: server.superUrl });
    await su.connect();
    await su.query(
      `INSERT INTO audit_inbox (event)
       SELECT jsonb_build_object('time', now(), 'actorId', NULL, 'actorRole', 'support', 'sessionId', NULL,
         'ip', '10.9.0.1', 'userAgent', 'verify-test', 'subjectId', 'subj_' || i, 'action', 'view',
         'resource', 'subject', 'fields', '["email","name"]'::jsonb, 'purpose', NULL, 'outcome', 'success',
         'requestId', 'verify-' || i, 'detail', '{}'::jsonb)
       FROM generate_series(1, $1::int) i`,
      [EVENTS],
    );
    await server.app.get(AuditSequencer).flush();
    await su.query('CREATE TEMP TABLE audit_events_snapshot AS SELECT * FROM audit_events');
  });
  afterAll(async () => {
    await su?.end();
    await server?.close();
  });

  /** Put the log back as it was, byte for byte. */
  afterEach(async () => {
    await su.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
    await su.query('DELETE FROM audit_events');
    await su.query('INSERT INTO audit_events SELECT * FROM audit_events_snapshot');
    await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only');
    await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate');
    await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_check_insert');
  });

  const tamper = async (sql: string) => {
    await su.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
    await su.query(sql);
    await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only');
    await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate');
    await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_check_insert');
  };

  const verifyApi = async () => (await dpo.post('/api/access-log/verify').send({ full: true }).expect(200)).body;

  const verifyCli = async () => {
    const out: string[] = [];
    const code = await verifyDatabase(
      {
        databaseUrl: server.superUrl as string,
        outside: await readHeads(join(server.headDir, SINK_FILE)),
        publicKeys: parsePublicKeys(server.app.get(AuditSigner).publicKeyPem),
      },
      { stdout: (l) => out.push(l), stderr: (l) => out.push(l) },
    );
    return { code, out: out.join('\n') };
  };

  it('reads every event and finds the log intact', async () => {
    const api = await verifyApi();
    expect(api).toMatchObject({ result: 'intact', problems: [] });
    expect(api.checked).toBeGreaterThan(EVENTS);
    const cli = await verifyCli();
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/^INTACT: \d+ events checked/m);
  });

  it('names a tampered canonical row deep in the stream', async () => {
    await tamper(`UPDATE audit_events SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'),
      '"subjectId":"subj_9000"', '"subjectId":"subj_9001"'), 'UTF8')
      WHERE request_id = 'verify-9000'`);
    const [{ seq }] = (await su.query("SELECT seq::int AS seq FROM audit_events WHERE request_id = 'verify-9000'"))
      .rows;
    const api = await verifyApi();
    expect(api.result).toBe('tampered');
    expect(api.problems[0]).toMatchObject({ kind: 'modified', seq });
    // The stored subject_id column no longer matches the bytes either.
    expect(api.problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/column subject_id differs/);
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(new RegExp(`MODIFIED first affected seq ${seq}\\b`));
  });

  it('names a missing seq', async () => {
    await tamper('DELETE FROM audit_events WHERE seq = 7777');
    const api = await verifyApi();
    expect(api.problems[0]).toMatchObject({ kind: 'missing', seq: 7777 });
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/MISSING first affected seq 7777\b/);
  });

  it('names two rows that swapped places', async () => {
    await tamper(`
      UPDATE audit_events SET seq = 100005000 WHERE seq = 5000;
      UPDATE audit_events SET seq = 5000 WHERE seq = 5001;
      UPDATE audit_events SET seq = 5001 WHERE seq = 100005000;`);
    const api = await verifyApi();
    expect(api.problems.filter((p: { kind: string }) => p.kind !== 'modified')).toEqual([
      expect.objectContaining({ kind: 'reordered', seq: 5000, message: expect.stringMatching(/swapped/) }),
    ]);
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/REORDERED first affected seq 5000\b/);
  });
});
