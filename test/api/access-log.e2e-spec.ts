import { seedOctoberAnomalies } from '../support/audit-fixtures';
import { parsePublicKeys, runVerify, verifyConsistency, verifyInclusion } from '@poc/audit';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { AuditSigner } from '../../server/src/access-log/audit-signer';
import { AuditService } from '../../server/src/access-log/audit.service';
import { databaseEvents } from '../../server/src/access-log/database-log-source';
import { readHeads, SINK_FILE } from '../../server/src/access-log/head-sink';
import { verifyDatabase } from '../../server/src/access-log/verify-database';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../support/server';

describe('the access log', () => {
  let server: TestServer;
  let dpo: Agent;
  const ids: Record<string, string> = {};
  const clients: Record<string, Agent> = {};

  beforeAll(async () => {
    // The test drives the sequencer itself, so tampering never races a batch.
    server = await startTestServer({ env: { AUDIT_SEQUENCER: 'false' } });
    for (const role of ['dpo', 'security', 'auditor', 'support', 'sysadmin'] as const) {
      ids[role] = (await server.createStaff({ email: `${role}@example.com`, role, password: PASSWORD })).id;
      clients[role] = agent(server);
      await signIn(server, clients[role], `${role}@example.com`, PASSWORD);
    }
    dpo = clients.dpo;
  });
  afterAll(() => server.close());

  const flush = () => server.app.get(AuditSequencer).flush();
  const list = (filter: object, extra: Record<string, string> = {}) =>
    dpo.get('/api/access-log').query({ filter: JSON.stringify(filter), ...extra });

  it('records a staff view, a failed sign-in and a denied request, each with the fields DESIGN.md lists', async () => {
    await clients.sysadmin.get(`/api/staff/${ids.auditor}`).set('User-Agent', 'audit-test').expect(200);
    await agent(server).post('/api/auth/login').send({ email: 'auditor@example.com', password: 'wrong password!!' });
    await clients.support.get('/api/staff').expect(403);
    await flush();

    const [view] = (await list({ subjectId: `staff:${ids.auditor}`, action: 'view' }).expect(200)).body;
    expect(view).toMatchObject({
      actorId: ids.sysadmin,
      actorRole: 'sysadmin',
      subjectId: `staff:${ids.auditor}`,
      action: 'view',
      resource: 'staff',
      outcome: 'success',
      userAgent: 'audit-test',
      fields: expect.arrayContaining(['email']),
    });
    expect(view.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(view.requestId).toBeTruthy();
    expect(view.ip).toBeTruthy();
    expect(Date.parse(view.time)).toBeGreaterThan(Date.now() - 60_000);

    const [failed] = (await list({ subjectId: `staff:${ids.auditor}`, action: 'authenticate', outcome: 'failure' }))
      .body;
    expect(failed.detail).toMatchObject({ event: 'sign_in', reason: 'wrong_password' });

    const [denied] = (await list({ actorId: ids.support, action: 'deny' })).body;
    expect(denied).toMatchObject({ outcome: 'denied', resource: 'route', actorRole: 'support' });
    expect(denied.detail).toMatchObject({ code: 'FORBIDDEN', method: 'GET', path: '/api/staff' });
  });

  it('shows an event within a second through the running sequencer', async () => {
    const live = await startTestServer();
    try {
      const { id } = await live.createStaff({ email: 'live@example.com', role: 'dpo', password: PASSWORD });
      const client = agent(live);
      await signIn(live, client, 'live@example.com', PASSWORD);
      await client.get('/api/auth/me').expect(200);
      const started = Date.now();
      let found = false;
      while (!found && Date.now() - started < 1000) {
        const res = await client
          .get('/api/access-log')
          .query({ filter: JSON.stringify({ subjectId: `staff:${id}`, action: 'authenticate' }) });
        found = res.body.some((e: { detail: { event: string } }) => e.detail.event === 'mfa_enrolled');
        if (!found) await new Promise((r) => setTimeout(r, 50));
      }
      expect(found).toBe(true);
    } finally {
      await live.close();
    }
  });

  it('pages newest first by keyset and refuses bad filters', async () => {
    const first = await list({}, { limit: '5' }).expect(200);
    expect(first.body).toHaveLength(5);
    const seqs = first.body.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const next = first.headers['x-next-before'];
    expect(Number(next)).toBe(seqs[4]);
    const second = await list({}, { limit: '5', before: next }).expect(200);
    expect(second.body[0].seq).toBe(seqs[4] - 1);

    for (const [filter, field] of [
      [{ from: 'yesterday' }, 'filter.from'],
      [{ from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'filter.to'],
      [{ password: 'x' }, 'filter.password'],
      [{ actorId: 'not-a-uuid' }, 'filter.actorId'],
    ] as const) {
      const res = await list(filter).expect(422);
      expect(res.body.errors[0].field).toBe(field);
    }
    await dpo.get('/api/access-log').query({ limit: '100000' }).expect(422);
    await dpo.get('/api/access-log').query({ filter: '{not json' }).expect(422);
  });

  it('answers a page with the exact signed bytes of its events, and an empty page as []', async () => {
    // Integer-like keys: JSON.parse puts "9" before "10", the canonical (signed) bytes do not.
    await server.app.get(AuditService).record(
      {
        action: 'view',
        resource: 'subject',
        outcome: 'success',
        subjectId: 'exact-bytes',
        detail: { 10: 'a', 9: 'b' },
      },
      { requestId: 'exact-bytes' },
    );
    await flush();
    const res = await list({}, { limit: '7' }).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const seqs = res.body.map((e: { seq: number }) => e.seq);
    expect(seqs).toHaveLength(7);
    const stored: { seq: string; canonical: Buffer }[] = await server.db.query(
      'SELECT seq, canonical FROM audit_events WHERE seq = ANY($1) ORDER BY seq DESC',
      [seqs],
    );
    expect(res.text).toBe(`[${stored.map((r) => r.canonical.toString('utf8')).join(',')}]`);
    expect(res.text).toContain('"detail":{"10":"a","9":"b"}');

    const none = await list({ actorId: '00000000-0000-4000-8000-000000000000' }).expect(200);
    expect(none.text).toBe('[]');
    expect(none.headers['x-next-before']).toBeUndefined();
  });

  it('serves an inclusion proof and a consistency proof that check out', async () => {
    await flush();
    const heads = (await dpo.get('/api/access-log/heads').expect(200)).body;
    expect(heads.length).toBeGreaterThanOrEqual(2);
    const [latest, older] = heads;

    // Every event's proof, built from the stored subtree roots, checks out against the head.
    for (let seq = 1; seq <= latest.treeSize; seq += 1) {
      const detail = (await dpo.get(`/api/access-log/${seq}`).expect(200)).body;
      expect(detail.event.seq).toBe(seq);
      expect(detail.proof.head.treeSize).toBe(latest.treeSize);
      const ok = verifyInclusion(
        Buffer.from(detail.leafHash, 'hex'),
        detail.proof.leafIndex,
        latest.treeSize,
        detail.proof.path.map((h: string) => Buffer.from(h, 'hex')),
        Buffer.from(latest.rootHash, 'hex'),
      );
      expect({ seq, ok }).toEqual({ seq, ok: true });
    }

    const c = (
      await dpo.get('/api/access-log/consistency').query({ from: older.treeSize, to: latest.treeSize }).expect(200)
    ).body;
    expect(
      verifyConsistency(
        older.treeSize,
        latest.treeSize,
        Buffer.from(older.rootHash, 'hex'),
        Buffer.from(latest.rootHash, 'hex'),
        c.proof.map((h: string) => Buffer.from(h, 'hex')),
      ),
    ).toBe(true);
    await dpo.get('/api/access-log/999999').expect(404);
  });

  it('lets dpo, security and auditor read; dpo and security verify; support and sysadmin neither', async () => {
    for (const role of ['dpo', 'security', 'auditor']) await clients[role].get('/api/access-log').expect(200);
    for (const role of ['support', 'sysadmin']) {
      const res = await clients[role].get('/api/access-log').expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await clients[role].post('/api/access-log/verify').expect(403);
    }
    await clients.auditor.post('/api/access-log/verify').expect(403);
    await clients.security.post('/api/access-log/verify').expect(200);
  });

  it('verifies an intact log and stores who asked and what came out', async () => {
    await flush();
    const res = await dpo.post('/api/access-log/verify').send({ full: true }).expect(200);
    expect(res.body).toMatchObject({ result: 'intact', problems: [], mode: 'full', fromSeq: 1, unsignedTail: 0 });
    expect(res.body.checked).toBeGreaterThan(20);
    const latest = (await dpo.get('/api/access-log/verifications/latest').expect(200)).body;
    expect(latest).toEqual({ ...res.body, requestedBy: ids.dpo });
    expect(res.body.requestedBy).toBe(ids.dpo);
    await dpo.post('/api/access-log/verify').send({ full: 'yes' }).expect(422);
  });

  it('verifies incrementally from the last verified head, and in full on demand', async () => {
    await flush();
    const full = (await dpo.post('/api/access-log/verify').send({ full: true }).expect(200)).body;
    await server.db.query(
      `INSERT INTO audit_inbox (event) SELECT jsonb_build_object('time', now(), 'actorId', NULL, 'actorRole', 'dpo',
        'sessionId', NULL, 'ip', NULL, 'userAgent', NULL, 'subjectId', 'inc-' || i, 'action', 'view', 'resource', 'subject',
        'fields', '[]'::jsonb, 'purpose', NULL, 'outcome', 'success', 'requestId', 'inc-' || i, 'detail', '{}'::jsonb)
       FROM generate_series(1, 40) i`,
    );
    await flush();
    const [head] = (await dpo.get('/api/access-log/heads').query({ limit: 1 }).expect(200)).body;
    const inc = (await dpo.post('/api/access-log/verify').expect(200)).body;
    // It starts after the head the full run verified, and reads only what came since.
    expect(inc).toMatchObject({ result: 'intact', mode: 'incremental', fromSeq: full.treeSize + 1 });
    expect(inc.toSeq).toBe(head.treeSize);
    expect(inc.checked).toBe(head.treeSize - full.treeSize);
    expect(inc.checked).toBeLessThan(full.checked);
    const [{ mode }] = await server.db.query('SELECT mode FROM audit_verifications WHERE id = $1', [inc.id]);
    expect(mode).toBe('incremental');
    const again = (await dpo.post('/api/access-log/verify').send({ full: true }).expect(200)).body;
    expect(again).toMatchObject({ result: 'intact', mode: 'full', fromSeq: 1 });
  });

  it('exports CSV only with a reason, logs the download with it, and defuses spreadsheet formulas', async () => {
    const short = await dpo.post('/api/access-log/export').send({ reason: 'audit' }).expect(422);
    expect(short.body.errors[0].field).toBe('reason');
    await clients.auditor.post('/api/access-log/export').send({ reason: 'quarterly external audit' }).expect(403);
    await clients.support.post('/api/access-log/export').send({ reason: 'quarterly external audit' }).expect(403);

    await server.db.query(
      `INSERT INTO audit_inbox (event) VALUES (jsonb_build_object('time', now(), 'actorId', NULL, 'actorRole', 'dpo',
        'sessionId', NULL, 'ip', NULL, 'userAgent', '=HYPERLINK("http://evil")', 'subjectId', 'csv-subject', 'action', 'view',
        'resource', 'subject', 'fields', '[]'::jsonb, 'purpose', NULL, 'outcome', 'success', 'requestId', 'csv-1', 'detail', '{}'::jsonb))`,
    );
    await flush();
    const res = await dpo
      .post('/api/access-log/export')
      .send({ reason: 'Monthly review evidence for the DPO file', filter: { subjectId: 'csv-subject' } })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="access-log-/);
    expect(res.headers['x-row-count']).toBe('1');
    const [header, row] = res.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      'seq,time,actorId,actorRole,sessionId,ip,userAgent,subjectId,action,resource,fields,purpose,outcome,requestId,detail',
    );
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);

    await flush();
    const [download] = (await list({ actorId: ids.dpo, action: 'download' }).expect(200)).body;
    expect(download).toMatchObject({
      resource: 'access-log',
      purpose: 'Monthly review evidence for the DPO file',
      detail: { rows: 1, format: 'csv' },
    });
  });

  it('finds the monthly anomalies and takes one sign-off per finished month', async () => {
    await seedOctoberAnomalies(server, ids.support);
    await flush();
    const review = (await dpo.get('/api/access-log/reviews/2026-10').expect(200)).body;
    expect(review).toMatchObject({ month: '2026-10', timeZone: 'Asia/Seoul', signOff: null });
    expect(review.anomalies.offHours).toHaveLength(1);
    expect(review.anomalies.offHours[0]).toMatchObject({ actorId: ids.support, subjectId: 'subject-1' });
    expect(review.anomalies.phiWithoutCase).toHaveLength(1);
    expect(review.anomalies.downloads).toEqual([expect.objectContaining({ noReason: true })]);
    expect(review.anomalies.denialBursts).toEqual([expect.objectContaining({ actorId: ids.support, count: 12 })]);
    expect(review.anomalies.bulkReads).toEqual([expect.objectContaining({ actorId: ids.support, count: 250 })]);

    await clients.support.get('/api/access-log/reviews/2026-10').expect(403);
    await clients.auditor.get('/api/access-log/reviews/2026-10').expect(200);
    await clients.auditor.post('/api/access-log/reviews/2026-10/sign-off').send({ notes: 'looks fine' }).expect(403);
    // Security reads the anomalies (an unauthorised-access incident starts there), never signs off.
    await clients.security.get('/api/access-log/reviews/2026-10').expect(200);
    await clients.security.post('/api/access-log/reviews/2026-10/sign-off').send({ notes: 'looks fine' }).expect(403);
    await dpo.get('/api/access-log/reviews/2026-13').expect(422);

    const current = new Date().toISOString().slice(0, 7);
    const notOver = await dpo
      .post(`/api/access-log/reviews/${current}/sign-off`)
      .send({ notes: 'too early' })
      .expect(422);
    expect(notOver.body.code).toBe('MONTH_NOT_OVER');

    const signed = await dpo
      .post('/api/access-log/reviews/2026-10/sign-off')
      .send({
        notes: 'Off-hours read and the bulk reads were a data-migration job; denials were a misconfigured script.',
      })
      .expect(200);
    expect(signed.body.signOff).toMatchObject({
      month: '2026-10',
      signedBy: ids.dpo,
      anomalyCount: review.anomalyCount,
    });
    const again = await dpo.post('/api/access-log/reviews/2026-10/sign-off').send({ notes: 'again' }).expect(409);
    expect(again.body.code).toBe('REVIEW_ALREADY_SIGNED');
  });

  describe('tampering by a database superuser', () => {
    let su: Client;
    let size: number;

    beforeAll(async () => {
      if (!server.superUrl) throw new Error('tamper tests need the embedded cluster (a superuser)');
      await flush();
      su = new Client({ connectionString: server.superUrl });
      await su.connect();
      await su.query('CREATE TEMP TABLE audit_events_snapshot AS SELECT * FROM audit_events');
      size = (await su.query('SELECT count(*)::int AS n FROM audit_events_snapshot')).rows[0].n;
      expect(size).toBeGreaterThan(30);
    });
    afterAll(() => su.end());

    const enableTriggers = async () => {
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_append_only');
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_no_truncate');
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_check_insert');
    };

    /** Put the log back as it was, byte for byte (a JS Date would drop the microseconds). */
    afterEach(async () => {
      await su.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
      await su.query('DELETE FROM audit_events');
      await su.query('INSERT INTO audit_events SELECT * FROM audit_events_snapshot');
      await enableTriggers();
    });

    const tamper = async (sql: string) => {
      await su.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
      await su.query(sql);
      await enableTriggers();
    };

    /** Both the API and the CLI must name the kind and the first seq. */
    const expectDetected = async (kind: string | string[], seq: number) => {
      const kinds = Array.isArray(kind) ? kind : [kind];
      const api = (await dpo.post('/api/access-log/verify').send({ full: true }).expect(200)).body;
      expect(api.result).toBe('tampered');
      const first = api.problems.find((p: { kind: string }) => kinds.includes(p.kind));
      expect({ kind: first?.kind, seq: first?.seq }).toEqual({ kind: expect.stringMatching(kinds.join('|')), seq });

      const signer = server.app.get(AuditSigner);
      const out: string[] = [];
      const code = await runVerify(
        {
          events: databaseEvents(server.superUrl as string),
          heads: await readHeads(join(server.headDir, SINK_FILE)),
          publicKeys: parsePublicKeys(signer.publicKeyPem),
        },
        { stdout: (l) => out.push(l), stderr: (l) => out.push(l) },
      );
      expect(code).toBe(1);
      expect(out.join('\n')).toMatch(new RegExp(`(${kinds.join('|')}).*\\b${seq}\\b`, 'i'));
    };

    it('names a changed field of one event', async () => {
      await tamper(`UPDATE audit_events SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'),
        '"outcome":"success"', '"outcome":"failure"'), 'UTF8') WHERE seq = 5`);
      await expectDetected('modified', 5);
    });

    // Search, a person's history, the filters, the monthly review and the purge read these.
    it.each([
      ['occurred_at', "occurred_at = occurred_at - interval '20 minutes'"],
      ['actor_id', "actor_id = '00000000-0000-4000-8000-000000000000'"],
      ['actor_role', "actor_role = 'auditor'"],
      ['subject_id', "subject_id = 'someone-else'"],
      ['action', "action = 'print'"],
      ['resource', "resource = 'register'"],
      ['outcome', "outcome = 'denied'"],
      ['request_id', "request_id = 'other-request'"],
    ])('names an event whose %s column was changed, its signed bytes untouched', async (column, set) => {
      await tamper(`UPDATE audit_events SET ${set} WHERE seq = 5`);
      await expectDetected('modified', 5);
      const api = (await dpo.post('/api/access-log/verify').expect(200)).body;
      expect(api.problems).toEqual([
        expect.objectContaining({
          kind: 'modified',
          seq: 5,
          message: expect.stringContaining(`column ${column} differs`),
        }),
      ]);
    });

    it('names a deleted event', async () => {
      await tamper('DELETE FROM audit_events WHERE seq = 7');
      await expectDetected('missing', 7);
    });

    it('names a forged event slipped in (the rest renumbered)', async () => {
      await tamper(`
        UPDATE audit_events SET seq = seq + 1000000 WHERE seq >= 10;
        UPDATE audit_events SET seq = seq - 999999 WHERE seq > 1000000;
        INSERT INTO audit_events (seq, occurred_at, action, resource, outcome, canonical, leaf_hash)
          SELECT 10, occurred_at, 'view', 'staff', 'success', c, sha256('\\x00'::bytea || c)
          FROM (SELECT occurred_at, convert_to(replace(replace(convert_from(canonical, 'UTF8'), '"seq":9,', '"seq":10,'),
                  '"outcome":', '"purpose":"forged","outcome":'), 'UTF8') AS c
                FROM audit_events WHERE seq = 9) forged;`);
      await expectDetected(['inserted', 'modified'], 10);
    });

    it('names two swapped events', async () => {
      await tamper(`
        UPDATE audit_events SET seq = 1000012 WHERE seq = 12;
        UPDATE audit_events SET seq = 12 WHERE seq = 13;
        UPDATE audit_events SET seq = 13 WHERE seq = 1000012;`);
      await expectDetected('reordered', 12);
      const api = (await dpo.post('/api/access-log/verify').expect(200)).body;
      expect(api.problems.filter((p: { kind: string }) => p.kind !== 'modified')).toEqual([
        expect.objectContaining({ kind: 'reordered', seq: 12, message: expect.stringMatching(/swapped/) }),
      ]);
    });

    it('names the newest 10 events dropped', async () => {
      await tamper(`DELETE FROM audit_events WHERE seq > ${size - 10}`);
      await expectDetected('truncated', size - 9);
    });

    it('names a whole range rewritten with recomputed hashes, triggers disabled', async () => {
      await tamper(`
        UPDATE audit_events SET canonical = convert_to(replace(convert_from(canonical, 'UTF8'),
          '"resource":"session"', '"resource":"sesion"'), 'UTF8') WHERE seq BETWEEN 15 AND 25;
        UPDATE audit_events SET leaf_hash = sha256('\\x00'::bytea || canonical) WHERE seq BETWEEN 15 AND 25;`);
      const api = (await dpo.post('/api/access-log/verify').send({ full: true }).expect(200)).body;
      expect(api.result).toBe('tampered');
      const modified = api.problems.find((p: { kind: string }) => p.kind === 'modified');
      // The stored hashes were recomputed, so only a signed root disagrees: the verifier names the
      // first seq it can prove changed, or bounds it to a range that contains the rewrite.
      expect(modified.seq).toBeLessThanOrEqual(15);
      expect(modified.exact ? modified.seq : (modified.lastSeq as number)).toBeGreaterThanOrEqual(15);
    });

    it('refuses a proof built from a stored subtree root that was changed', async () => {
      const [node] = (await su.query('SELECT level, idx, hash FROM audit_tree_nodes WHERE level = 4 AND idx = 0')).rows;
      expect(node).toBeDefined();
      const changeNode = async (hash: Buffer) => {
        await su.query('ALTER TABLE audit_tree_nodes DISABLE TRIGGER ALL');
        await su.query('UPDATE audit_tree_nodes SET hash = $1 WHERE level = 4 AND idx = 0', [hash]);
        await su.query('ALTER TABLE audit_tree_nodes ENABLE ALWAYS TRIGGER audit_tree_nodes_append_only');
      };
      await changeNode(Buffer.alloc(32, 7));
      try {
        // Leaf 20 has the subtree of leaves 1..16 as a sibling on its path.
        const res = await dpo.get(`/api/access-log/20`).expect(409);
        expect(res.body.code).toBe('AUDIT_LOG_TAMPERED');
      } finally {
        await changeNode(node.hash);
      }
      await dpo.get(`/api/access-log/20`).expect(200);
    });

    it('compares the heads outside the database with its own, both ways, in the API and the CLI', async () => {
      const sink = join(server.headDir, SINK_FILE);
      const sinkText = readFileSync(sink, 'utf8');
      const stored = (await su.query('SELECT * FROM audit_heads ORDER BY tree_size')).rows;
      expect(stored.length).toBeGreaterThanOrEqual(3);
      const gone = Number(stored[stored.length - 2].tree_size);
      const notOutside = JSON.parse(sinkText.trim().split('\n').at(-3) as string).treeSize as number;
      expect(notOutside).not.toBe(gone);
      try {
        await su.query('ALTER TABLE audit_heads DISABLE TRIGGER ALL');
        await su.query('DELETE FROM audit_heads WHERE tree_size = $1', [gone]);
        await su.query('ALTER TABLE audit_heads ENABLE TRIGGER ALL');
        writeFileSync(
          sink,
          sinkText
            .split('\n')
            .filter((line) => !line.includes(`"treeSize":${notOutside},`))
            .join('\n'),
        );

        const api = (await dpo.post('/api/access-log/verify').send({ full: true }).expect(200)).body;
        expect(api.result).toBe('tampered');
        const messages = api.problems.map((p: { message: string }) => p.message).join('\n');
        expect(messages).toMatch(new RegExp(`head of size ${gone} .*outside the database is missing from it`));
        expect(messages).toMatch(new RegExp(`database's signed head of size ${notOutside} .*is missing outside`));

        const out: string[] = [];
        const code = await verifyDatabase(
          {
            databaseUrl: server.superUrl as string,
            outside: await readHeads(sink),
            publicKeys: parsePublicKeys(server.app.get(AuditSigner).publicKeyPem),
          },
          { stdout: (l) => out.push(l), stderr: (l) => out.push(l) },
        );
        expect(code).toBe(1);
        expect(out.join('\n')).toMatch(new RegExp(`head of size ${gone} .*outside the database is missing from it`));
        expect(out.join('\n')).toMatch(new RegExp(`database's signed head of size ${notOutside} .*is missing outside`));
      } finally {
        writeFileSync(sink, sinkText);
        const r = stored.find((h) => Number(h.tree_size) === gone);
        await su.query('ALTER TABLE audit_heads DISABLE TRIGGER ALL');
        await su.query(
          `INSERT INTO audit_heads (tree_size, root_hash, signed_at, key_id, signature, frontier)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [r.tree_size, r.root_hash, r.signed_at, r.key_id, r.signature, r.frontier],
        );
        await su.query('ALTER TABLE audit_heads ENABLE TRIGGER ALL');
        await su.query('ALTER TABLE audit_heads ENABLE ALWAYS TRIGGER audit_heads_append_only');
        await su.query('ALTER TABLE audit_heads ENABLE ALWAYS TRIGGER audit_heads_no_truncate');
      }
    });

    it('refuses UPDATE, DELETE and TRUNCATE to the application role', async () => {
      const app = new Client({ connectionString: (server.db.options as { url: string }).url });
      await app.connect();
      try {
        await app.query('SET ROLE console_app');
        await expect(app.query("UPDATE audit_events SET outcome = 'x'")).rejects.toThrow(/permission denied/);
        await expect(app.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
        await expect(app.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied/);
      } finally {
        await app.end();
      }
    });
  });
});

void request;
