import { verifyConsistency, verifyInclusion } from '@poc/audit';
import { AuditPurgeService } from '../../server/src/access-log/audit-purge.service';
import { AuditVerificationService } from '../../server/src/access-log/audit-verification.service';
import { AuditService } from '../../server/src/access-log/audit.service';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
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

  it('refuses a purge of recent events, and any delete by the application role', async () => {
    await expect(server.db.query("SELECT audit_purge_prefix(70, interval '730 days')")).rejects.toThrow(
      /no signed purge record|not all older/,
    );
    await expect(server.db.query("SELECT audit_purge_prefix(60, interval '30 days')")).rejects.toThrow(
      /under one year/,
    );
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
