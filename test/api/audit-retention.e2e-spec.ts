import { canonicalize, verifyConsistency, verifyInclusion } from '@poc/audit';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Client } from 'pg';
import { AuditPurgeService } from '../../server/src/access-log/audit-purge.service';
import { AuditVerificationService } from '../../server/src/access-log/audit-verification.service';
import { AuditService } from '../../server/src/access-log/audit.service';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { AuditSigner } from '../../server/src/access-log/audit-signer';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';

describe('access-log retention', () => {
  let server: TestServer;
  let dpo: Agent;

  beforeAll(async () => {
    server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false', AUDIT_RETENTION_DAYS: '730' } });
    // Sixty events from 2023 come first (with a signed head after 30 and after 60), then today's.
    for (const [from, to] of [
      [1, 30],
      [31, 60],
    ]) {
      await server.db.query(
        `INSERT INTO audit_inbox (event)
         SELECT jsonb_build_object('time', '2023-06-01T00:00:00Z'::timestamptz + i * interval '1 hour', 'actorId', NULL,
           'actorRole', 'support', 'sessionId', NULL, 'ip', NULL, 'userAgent', NULL, 'subjectId', 'old-' || i, 'action', 'view',
           'resource', 'subject', 'fields', '[]'::jsonb, 'purpose', NULL, 'outcome', 'success', 'requestId', 'old-' || i,
           'detail', '{}'::jsonb)
         FROM generate_series($1::int, $2::int) i`,
        [from, to],
      );
      await server.app.get(AuditSequencer).flush();
    }
    await server.createStaff({ email: 'dpo@example.com', role: 'dpo', password: PASSWORD });
    dpo = agent(server);
    await signIn(server, dpo, 'dpo@example.com', PASSWORD);
    await server.app.get(AuditSequencer).flush();
  });
  afterAll(() => server.close());

  it('purges only the old prefix, with a signed record, and everything after still verifies', async () => {
    const result = await server.app.get(AuditPurgeService).purge();
    expect(result).toEqual({ purgedThrough: 60, deleted: 60 });
    const [{ min }] = await server.db.query('SELECT min(seq)::int AS min FROM audit_events');
    expect(min).toBe(61);
    expect(await server.app.get(AuditPurgeService).purge()).toBeNull(); // nothing more is old enough

    await server.app.get(AuditSequencer).flush();
    const verification = (await dpo.post('/api/access-log/verify').expect(200)).body;
    expect(verification).toMatchObject({ result: 'intact', problems: [] });

    const [latest] = (await dpo.get('/api/access-log/heads').expect(200)).body;
    const detail = (await dpo.get('/api/access-log/62').expect(200)).body;
    expect(detail.proof.head.treeSize).toBe(latest.treeSize);
    expect(
      verifyInclusion(
        Buffer.from(detail.leafHash, 'hex'),
        61,
        latest.treeSize,
        detail.proof.path.map((h: string) => Buffer.from(h, 'hex')),
        Buffer.from(latest.rootHash, 'hex'),
      ),
    ).toBe(true);
    await dpo.get('/api/access-log/10').expect(404);

    // The purge itself is in the log.
    await server.app.get(AuditSequencer).flush();
    const [purgeEvent] = (await dpo.get('/api/access-log').query({ filter: JSON.stringify({ action: 'delete' }) }))
      .body;
    expect(purgeEvent.detail).toMatchObject({ purgedThrough: 60, deleted: 60, retentionDays: 730 });
  });

  it('refuses a forged purge record and any DELETE opened by a setting, and the application may not purge', async () => {
    const [{ before }] = await server.db.query('SELECT count(*)::int AS before FROM audit_events');
    const sequencer = new Client({
      connectionString: server.database.sequencerUrl,
      ...(server.database.sequencerRole ? { options: `-c role=${server.database.sequencerRole}` } : {}),
    });
    await sequencer.connect();
    try {
      // A record claiming a cut past the young events, "signed" by a key of the attacker's own.
      const { privateKey } = generateKeyPairSync('ed25519');
      const record = canonicalize({ v: 1, purgedThrough: before + 60, keyId: server.app.get(AuditSigner).keyId });
      await expect(
        sequencer.query('SELECT audit_purge($1, $2)', [record, sign(null, record, privateKey)]),
      ).rejects.toThrow(/signature does not verify/);
    } finally {
      await sequencer.end();
    }
    const owner = await server.db.createQueryRunner();
    try {
      await owner.startTransaction();
      await owner.query("SET LOCAL console.audit_purge_through = '1000000'");
      await expect(owner.query('DELETE FROM audit_events WHERE seq <= 70')).rejects.toThrow(
        'the access log is append-only: DELETE on audit_events refused',
      );
    } finally {
      await owner.rollbackTransaction();
      await owner.release();
    }
    const app = new Client({
      connectionString: server.database.appUrl,
      ...(server.database.appRole ? { options: `-c role=${server.database.appRole}` } : {}),
    });
    await app.connect();
    try {
      await expect(app.query("SELECT audit_purge('\\x7b7d', '\\x00')")).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    const [{ after }] = await server.db.query('SELECT count(*)::int AS after FROM audit_events');
    expect(after).toBe(before);
  });

  it('serves consistency proofs between heads after the cut, and refuses one from before it', async () => {
    await server.app.get(AuditService).record({ action: 'view', resource: 'subject', outcome: 'success' }, {});
    await server.app.get(AuditSequencer).flush();
    const heads: { treeSize: number; rootHash: string }[] = (
      await dpo.get('/api/access-log/heads').query({ limit: 1000 }).expect(200)
    ).body;
    const sizes = heads.map((h) => h.treeSize);
    expect(sizes).toEqual(expect.arrayContaining([30, 60]));
    const latest = heads[0];
    const afterCut = heads.filter((h) => h.treeSize >= 60 && h.treeSize < latest.treeSize);
    expect(afterCut.length).toBeGreaterThanOrEqual(2);
    for (const older of afterCut) {
      const res = await dpo
        .get('/api/access-log/consistency')
        .query({ from: older.treeSize, to: latest.treeSize })
        .expect(200);
      expect(
        verifyConsistency(
          older.treeSize,
          latest.treeSize,
          Buffer.from(older.rootHash, 'hex'),
          Buffer.from(latest.rootHash, 'hex'),
          res.body.proof.map((h: string) => Buffer.from(h, 'hex')),
        ),
      ).toBe(true);
    }
    const before = await dpo.get('/api/access-log/consistency').query({ from: 30, to: latest.treeSize }).expect(409);
    expect(before.body.code).toBe('AUDIT_LOG_PURGED');
  });

  it('lets a new sequencer (another instance) resume from the signed cut', async () => {
    await server.stopApp(); // releases the sequencer lock
    const second = await startTestServer({ shareDatabaseWith: server, env: { AUDIT_SEQUENCER: 'false' } });
    try {
      await second.app
        .get(AuditService)
        .record({ action: 'view', resource: 'subject', outcome: 'success', subjectId: 'after-restart' }, {});
      await second.app.get(AuditSequencer).flush();
      const result = await second.app.get(AuditVerificationService).verify(null);
      expect(result).toMatchObject({ result: 'intact', problems: [] });
    } finally {
      await second.close();
    }
  });
});

describe('access-log retention with back-dated time columns', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false', AUDIT_RETENTION_DAYS: '730' } });
    // Sixty events from 2023, then thirty from today.
    await server.db.query(
      `INSERT INTO audit_inbox (event)
       SELECT jsonb_build_object('time', CASE WHEN i <= 60 THEN '2023-06-01T00:00:00Z'::timestamptz + i * interval '1 hour'
                                              ELSE now() END,
         'actorId', NULL, 'actorRole', 'support', 'sessionId', NULL, 'ip', NULL, 'userAgent', NULL,
         'subjectId', 'person-' || i, 'action', 'view', 'resource', 'subject', 'fields', '[]'::jsonb, 'purpose', NULL,
         'outcome', 'success', 'requestId', 'r-' || i, 'detail', '{}'::jsonb)
       FROM generate_series(1, 90) i`,
    );
    await server.app.get(AuditSequencer).flush();
  });
  afterAll(() => server.close());

  it('purges by the signed time, not the column, and verification names every back-dated event', async () => {
    if (!server.superUrl) throw new Error('needs the embedded cluster (a superuser)');
    const su = new Client({ connectionString: server.superUrl });
    await su.connect();
    try {
      // A superuser back-dates today's events (triggers disabled, then enabled again).
      await su.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
      await su.query("UPDATE audit_events SET occurred_at = '2023-01-01T00:00:00Z' WHERE seq BETWEEN 61 AND 90");
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only');
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate');
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_check_insert');
    } finally {
      await su.end();
    }

    expect(await server.app.get(AuditPurgeService).purge()).toEqual({ purgedThrough: 60, deleted: 60 });
    const [{ young }] = await server.db.query(
      'SELECT count(*)::int AS young FROM audit_events WHERE seq BETWEEN 61 AND 90',
    );
    expect(young).toBe(30);

    const result = await server.app.get(AuditVerificationService).verify(null);
    expect(result.result).toBe('tampered');
    const modified = result.problems.filter((p) => p.kind === 'modified').map((p) => p.seq);
    expect(modified).toEqual(Array.from({ length: 30 }, (_, i) => 61 + i));
    expect(result.problems[0]!.message).toMatch(/stored column occurred_at differs from the signed event bytes/);
  });
});
