import { canonicalize, keyIdOf, leafHash } from '@poc/audit';
import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { readdirSync, writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/test-database';
import { migrate, MIGRATIONS_DIR } from './migrator';

const LOG_TABLES = [
  'audit_events',
  'audit_heads',
  'audit_signing_keys',
  'audit_verifications',
  'audit_reviews',
  'audit_purges',
] as const;

/** A column of each log table that UPDATE can set to a value of its type. */
const SETTABLE: Record<(typeof LOG_TABLES)[number], string> = {
  audit_events: "outcome = 'failure'",
  audit_heads: 'signed_at = now()',
  audit_signing_keys: "public_key_pem = 'x'",
  audit_verifications: "result = 'error'",
  audit_reviews: "notes = 'changed'",
  audit_purges: 'purged_at = now()',
};

const OLD = '2020-01-01T00:00:00.000Z';

/** One event as the sequencer writes it: columns, canonical bytes, leaf hash. */
function eventRow(seq: number, time: string, overrides: Record<string, unknown> = {}): unknown[] {
  const event = {
    seq,
    time,
    actorId: null,
    actorRole: 'dpo',
    sessionId: null,
    ip: null,
    userAgent: null,
    subjectId: `subject-${seq}`,
    action: 'view',
    resource: 'subject',
    fields: [],
    purpose: null,
    outcome: 'success',
    requestId: `req-${seq}`,
    detail: {},
  };
  const canonical = canonicalize(event);
  const row = {
    seq,
    occurred_at: time,
    actor_id: null,
    actor_role: 'dpo',
    subject_id: `subject-${seq}`,
    action: 'view',
    resource: 'subject',
    outcome: 'success',
    request_id: `req-${seq}`,
    canonical,
    leaf_hash: leafHash(canonical),
    ...overrides,
  };
  return Object.values(row);
}

const INSERT_EVENT = `INSERT INTO audit_events (seq, occurred_at, actor_id, actor_role, subject_id, action, resource,
  outcome, request_id, canonical, leaf_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

function publicPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

describe('database roles and migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Client;
  let sequencer: Client;
  let owner: Client;
  let su: Client;
  const signing = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(signing.publicKey);
  const headRoot = Buffer.alloc(32, 7);

  /** A purge record as the console signs it (only what the database reads matters here). */
  const purgeRecord = (through: number, overrides: Record<string, unknown> = {}) =>
    canonicalize({
      v: 1,
      purgedThrough: through,
      frontier: { treeSize: through, hashes: [] },
      rootAtCut: '00'.repeat(32),
      coveredByHead: { treeSize: 3, rootHash: headRoot.toString('hex') },
      purgedAt: new Date().toISOString(),
      retentionDays: 730,
      keyId,
      ...overrides,
    });
  const purge = (client: Client, record: Buffer, signature: Buffer) =>
    client.query('SELECT audit_purge($1, $2) AS deleted', [record, signature]);
  const eventCount = async () =>
    Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM audit_events')).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    if (!db.superUrl) throw new Error('these tests need the embedded cluster (a superuser)');
    app = new Client({ connectionString: db.appUrl, ...(db.appRole ? { options: `-c role=${db.appRole}` } : {}) });
    sequencer = new Client({
      connectionString: db.sequencerUrl,
      ...(db.sequencerRole ? { options: `-c role=${db.sequencerRole}` } : {}),
    });
    owner = new Client({ connectionString: db.ownerUrl });
    su = new Client({ connectionString: db.superUrl });
    await Promise.all([app.connect(), sequencer.connect(), owner.connect(), su.connect()]);

    // A row in every log table, each written by the role that writes it in the console.
    await owner.query('INSERT INTO audit_signing_keys (key_id, public_key_pem) VALUES ($1, $2)', [
      keyId,
      publicPem(signing.publicKey),
    ]);
    await sequencer.query(INSERT_EVENT, eventRow(1, OLD));
    await sequencer.query(INSERT_EVENT, eventRow(2, OLD));
    await sequencer.query(INSERT_EVENT, eventRow(3, new Date().toISOString()));
    await sequencer.query(
      `INSERT INTO audit_heads (tree_size, root_hash, signed_at, key_id, signature, frontier)
       VALUES (3, $1, now(), $2, '\\x00', '{}')`,
      [headRoot, keyId],
    );
    await app.query(
      `INSERT INTO audit_verifications (started_at, finished_at, tree_size, from_seq, to_seq, result)
       VALUES (now(), now(), 3, 1, 3, 'intact')`,
    );
    const staff = await app.query<{ id: string }>(
      `INSERT INTO staff (email, display_name, role, password_hash) VALUES ('r@example.com', 'R', 'dpo', 'x') RETURNING id`,
    );
    await app.query(
      `INSERT INTO audit_reviews (month, signed_by, signed_at, notes, anomaly_count, anomalies, tree_size)
       VALUES ('2026-10-01', $1, now(), 'ok', 0, '{}', 3)`,
      [staff.rows[0].id],
    );
  });
  afterAll(async () => {
    await Promise.all([app.end(), sequencer.end(), owner.end(), su.end()]);
    await dropTestDatabase(db.name);
  });

  it('lets the application role add to the inbox and read the log, never write the log itself', async () => {
    await app.query(`INSERT INTO audit_inbox (event) VALUES ('{}')`);
    // It cannot take events out of the inbox before they are sequenced.
    await expect(app.query('DELETE FROM audit_inbox')).rejects.toThrow(/permission denied for table audit_inbox/);
    await expect(app.query('SELECT * FROM audit_inbox')).rejects.toThrow(/permission denied for table audit_inbox/);
    await owner.query('DELETE FROM audit_inbox');
    await expect(app.query(INSERT_EVENT, eventRow(4, OLD))).rejects.toThrow(/permission denied for table audit_events/);
    await expect(
      app.query(
        `INSERT INTO audit_heads (tree_size, root_hash, signed_at, key_id, signature, frontier)
                 VALUES (9, $1, now(), $2, '\\x00', '{}')`,
        [headRoot, keyId],
      ),
    ).rejects.toThrow(/permission denied for table audit_heads/);
    const mine = generateKeyPairSync('ed25519').publicKey;
    await expect(
      app.query('INSERT INTO audit_signing_keys (key_id, public_key_pem) VALUES ($1, $2)', [
        keyIdOf(mine),
        publicPem(mine),
      ]),
    ).rejects.toThrow(/permission denied for table audit_signing_keys/);
    await expect(
      app.query(
        `INSERT INTO audit_purges (purged_through, purged_at, key_id, record, signature) VALUES (1, now(), $1, '{}', '\\x00')`,
        [keyId],
      ),
    ).rejects.toThrow(/permission denied for table audit_purges/);
    await expect(purge(app, purgeRecord(2), Buffer.alloc(64))).rejects.toThrow(
      /permission denied for function audit_purge/,
    );
    await expect(app.query('UPDATE audit_settings SET retention_days = 365')).rejects.toThrow(/permission denied/);
    for (const table of LOG_TABLES) {
      await app.query(`SELECT count(*) FROM ${table}`);
      await expect(app.query(`UPDATE ${table} SET ${SETTABLE[table]}`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
    }
  });

  it('lets the sequencer role write events and heads, but not keys, purge records or settings', async () => {
    // (It wrote events 1..3 and the head above.)
    const mine = generateKeyPairSync('ed25519').publicKey;
    await expect(
      sequencer.query('INSERT INTO audit_signing_keys (key_id, public_key_pem) VALUES ($1, $2)', [
        keyIdOf(mine),
        publicPem(mine),
      ]),
    ).rejects.toThrow(/permission denied for table audit_signing_keys/);
    await expect(
      sequencer.query(
        `INSERT INTO audit_purges (purged_through, purged_at, key_id, record, signature) VALUES (1, now(), $1, '{}', '\\x00')`,
        [keyId],
      ),
    ).rejects.toThrow(/permission denied for table audit_purges/);
    await expect(sequencer.query('UPDATE audit_settings SET retention_days = 365')).rejects.toThrow(
      /permission denied/,
    );
    await expect(sequencer.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
    await expect(sequencer.query("UPDATE audit_events SET outcome = 'x'")).rejects.toThrow(/permission denied/);
  });

  it('lets the owner reach the sequencer role with SET ROLE when there is no separate login', async () => {
    const viaOwner = new Client({ connectionString: db.ownerUrl, options: '-c role=console_sequencer' });
    await viaOwner.connect();
    try {
      const { rows } = await viaOwner.query<{ who: string }>('SELECT current_user AS who');
      expect(rows[0].who).toBe('console_sequencer');
      await viaOwner.query('SELECT count(*) FROM audit_inbox');
      await expect(viaOwner.query('UPDATE audit_settings SET retention_days = 365')).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await viaOwner.end();
    }
  });

  it('refuses an event whose columns, leaf hash or seq disagree with its canonical bytes', async () => {
    const time = new Date().toISOString();
    const refused: [string, unknown[]][] = [
      ['occurred_at', eventRow(4, time, { occurred_at: OLD })],
      ['actor_role', eventRow(4, time, { actor_role: 'auditor' })],
      ['actor_id', eventRow(4, time, { actor_id: '00000000-0000-4000-8000-000000000000' })],
      ['subject_id', eventRow(4, time, { subject_id: 'someone-else' })],
      ['action', eventRow(4, time, { action: 'edit' })],
      ['resource', eventRow(4, time, { resource: 'staff' })],
      ['outcome', eventRow(4, time, { outcome: 'failure' })],
      ['request_id', eventRow(4, time, { request_id: null })],
    ];
    for (const [column, row] of refused) {
      const error = await sequencer.query(INSERT_EVENT, row).then(
        () => null,
        (e: Error) => e.message,
      );
      expect({ column, error }).toEqual({
        column,
        error: 'audit_events: seq 4 has columns that differ from its canonical bytes',
      });
    }
    await expect(sequencer.query(INSERT_EVENT, eventRow(4, time, { leaf_hash: Buffer.alloc(32) }))).rejects.toThrow(
      /leaf_hash that is not sha256/,
    );
    // Row seq 4, bytes saying 5; and a gap (5 while 4 is next).
    await expect(sequencer.query(INSERT_EVENT, [4, ...eventRow(5, time).slice(1)])).rejects.toThrow(
      /seq 4 has canonical bytes that carry seq 5/,
    );
    await expect(sequencer.query(INSERT_EVENT, eventRow(5, time))).rejects.toThrow(/seq 5 is not the next seq \(4\)/);
    // In one statement (as the sequencer writes a batch): a hole between its rows.
    const two = `${INSERT_EVENT}, ($12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`;
    await expect(sequencer.query(two, [...eventRow(4, time), ...eventRow(6, time)])).rejects.toThrow(
      /seqs 4 to 6 leave a gap/,
    );
    await expect(
      sequencer.query(INSERT_EVENT, eventRow(4, time, { canonical: Buffer.from('not json') })),
    ).rejects.toThrow(/invalid input syntax for type json/);
    // A time without a zone would depend on the session's TimeZone.
    await expect(sequencer.query(INSERT_EVENT, eventRow(4, '2026-01-01T00:00:00'))).rejects.toThrow(
      /differ from its canonical bytes/,
    );
    // Even the owner, and even as a replica, cannot skip the check (superuser, ENABLE ALWAYS).
    await su.query("SET session_replication_role = 'replica'");
    try {
      await expect(su.query(INSERT_EVENT, eventRow(4, time, { subject_id: 'x' }))).rejects.toThrow(
        /differ from its canonical bytes/,
      );
    } finally {
      await su.query("SET session_replication_role = 'origin'");
    }
    await expect(eventCount()).resolves.toBe(3);
  });

  it('refuses a batch that comes before a stored event, also once the check runs on its generic plan', async () => {
    const time = new Date().toISOString();
    await su.query('BEGIN');
    try {
      // Six batches in one session: PL/pgSQL then plans the check's queries generically.
      for (let seq = 4; seq <= 9; seq++) await su.query(INSERT_EVENT, eventRow(seq, time));
      // An event slipped in past the end with the check switched off (rolled back below).
      await su.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_check_insert');
      await su.query(INSERT_EVENT, eventRow(11, time));
      await su.query('ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_check_insert');
      await expect(su.query(INSERT_EVENT, eventRow(10, time))).rejects.toThrow(
        /seqs 10 to 10 leave a gap or come before stored events/,
      );
    } finally {
      await su.query('ROLLBACK');
    }
    await expect(eventCount()).resolves.toBe(3);
  });

  describe('purges', () => {
    it('lets no setting open the log to a DELETE, not even for the owner', async () => {
      await owner.query('BEGIN');
      try {
        await owner.query("SET LOCAL console.audit_purge_through = '1000000'");
        await expect(owner.query('DELETE FROM audit_events WHERE seq <= 2')).rejects.toThrow(
          'the access log is append-only: DELETE on audit_events refused',
        );
      } finally {
        await owner.query('ROLLBACK');
      }
      // Nor a look-alike table: a temporary audit_purges would come first in the search path.
      await owner.query('BEGIN');
      try {
        await owner.query('CREATE TEMP TABLE audit_purges (purged_through bigint) ON COMMIT DROP');
        await owner.query('INSERT INTO audit_purges VALUES (1000000)');
        await expect(owner.query('DELETE FROM audit_events WHERE seq <= 2')).rejects.toThrow(
          'the access log is append-only: DELETE on audit_events refused',
        );
      } finally {
        await owner.query('ROLLBACK');
      }
      await expect(eventCount()).resolves.toBe(3);
    });

    it('deletes nothing for a forged, unregistered, too young or non-prefix purge record', async () => {
      const record = purgeRecord(2);
      const good = sign(null, record, signing.privateKey);
      const badSignature = Buffer.from(good);
      badSignature[5] ^= 1;
      await expect(purge(sequencer, record, badSignature)).rejects.toThrow(/signature does not verify/);
      // Signed by the key, but the bytes changed afterwards (a deeper cut).
      await expect(purge(sequencer, purgeRecord(3), good)).rejects.toThrow(/signature does not verify/);

      const stranger = generateKeyPairSync('ed25519');
      const strangers = purgeRecord(2, { keyId: keyIdOf(stranger.publicKey) });
      await expect(purge(sequencer, strangers, sign(null, strangers, stranger.privateKey))).rejects.toThrow(
        /unregistered signing key/,
      );
      // A registered key id, but signed by another key.
      await expect(purge(sequencer, record, sign(null, record, stranger.privateKey))).rejects.toThrow(
        /signature does not verify/,
      );

      const young = purgeRecord(3);
      await expect(purge(sequencer, young, sign(null, young, signing.privateKey))).rejects.toThrow(
        /not all older than the retention of 730 days/,
      );
      const beyond = purgeRecord(5, { coveredByHead: { treeSize: 5, rootHash: headRoot.toString('hex') } });
      await expect(purge(sequencer, beyond, sign(null, beyond, signing.privateKey))).rejects.toThrow(
        /events 1 to 5 are not all there/,
      );
      const uncovered = purgeRecord(2, { coveredByHead: { treeSize: 3, rootHash: 'ab'.repeat(32) } });
      await expect(purge(sequencer, uncovered, sign(null, uncovered, signing.privateKey))).rejects.toThrow(
        /no stored signed head covers/,
      );
      // A longer retention set by the owner makes the old events too young as well.
      await owner.query('UPDATE audit_settings SET retention_days = 36500');
      try {
        await expect(purge(sequencer, record, good)).rejects.toThrow(/retention of 36500 days/);
      } finally {
        await owner.query('UPDATE audit_settings SET retention_days = 730');
      }
      await expect(owner.query('UPDATE audit_settings SET retention_days = 30')).rejects.toThrow(/check constraint/);
      await expect(eventCount()).resolves.toBe(3);

      // The owner cannot store a purge record without deleting what it covers, nor the reverse.
      await expect(
        owner.query(
          `INSERT INTO audit_purges (purged_through, purged_at, key_id, record, signature)
                     VALUES (2, now(), $1, '{}', '\\x00')`,
          [keyId],
        ),
      ).rejects.toThrow(/needs its signed bytes/);
      await expect(
        owner.query('INSERT INTO audit_purges (signed_record, signature) VALUES ($1, $2)', [record, good]),
      ).rejects.toThrow(/the cut at 2 was recorded but its events were not all deleted/);
      await expect(eventCount()).resolves.toBe(3);
    });

    it('purges a whole old prefix with a record signed by the registered key, and only once', async () => {
      const record = purgeRecord(2);
      const signature = sign(null, record, signing.privateKey);
      const started = process.hrtime.bigint();
      const { rows } = await purge(sequencer, record, signature);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(Number(rows[0].deleted)).toBe(2);
      expect(ms).toBeLessThan(5000);
      process.stdout.write(`audit_purge (Ed25519 check in PL/pgSQL, 2 events): ${ms.toFixed(0)} ms\n`);
      const stored = (await owner.query('SELECT purged_through, key_id, record FROM audit_purges')).rows;
      expect(stored).toEqual([{ purged_through: '2', key_id: keyId, record: JSON.parse(record.toString()) }]);
      await expect(purge(sequencer, record, signature)).rejects.toThrow(/a cut at 2 is not after the last one/);
      // Covered events are gone; the rest stay append-only, and the next seq follows the cut.
      await expect(owner.query('DELETE FROM audit_events WHERE seq = 3')).rejects.toThrow(/append-only/);
      await expect(sequencer.query(INSERT_EVENT, eventRow(3, OLD))).rejects.toThrow(/duplicate key|not the next seq/);
      await expect(eventCount()).resolves.toBe(1);
    });
  });

  it('names the table in every refused change, for each log table', async () => {
    for (const table of LOG_TABLES) {
      const [{ n }] = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows;
      expect({ table, n: n > 0 }).toEqual({ table, n: true });
      for (const [op, sql] of [
        ['UPDATE', `UPDATE ${table} SET ${SETTABLE[table]}`],
        ['DELETE', `DELETE FROM ${table}`],
        // CASCADE: the keys table is referenced by heads and purges.
        ['TRUNCATE', `TRUNCATE ${table} CASCADE`],
      ]) {
        const error = await owner.query(sql).then(
          () => null,
          (e: Error) => e.message,
        );
        expect({ table, op, error }).toEqual({
          table,
          op,
          error: `the access log is append-only: ${op} on ${table} refused`,
        });
      }
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of every log table to a superuser, even as a replica', async () => {
    const refusedAsReplica = async (client: Client, table: string): Promise<string[]> => {
      const allowed: string[] = [];
      for (const [op, sql] of [
        ['UPDATE', `UPDATE ${table} SET ${SETTABLE[table as (typeof LOG_TABLES)[number]]}`],
        ['DELETE', `DELETE FROM ${table}`],
        ['TRUNCATE', `TRUNCATE ${table} CASCADE`],
      ]) {
        await client.query('BEGIN');
        // Fails loudly if the setting cannot be made (the old test swallowed that error).
        await client.query("SET LOCAL session_replication_role = 'replica'");
        const [{ role }] = (
          await client.query<{ role: string }>("SELECT current_setting('session_replication_role') AS role")
        ).rows;
        expect(role).toBe('replica');
        const ok = await client.query(sql).then(
          () => true,
          (e: Error) => {
            expect(e.message).toBe(`the access log is append-only: ${op} on ${table} refused`);
            return false;
          },
        );
        await client.query('ROLLBACK');
        if (ok) allowed.push(op);
      }
      return allowed;
    };
    for (const table of LOG_TABLES) {
      expect({ table, allowed: await refusedAsReplica(su, table) }).toEqual({ table, allowed: [] });
    }
    // The check is not vacuous: with the triggers enabled the ordinary way (not ALWAYS), as they
    // would be without the ENABLE ALWAYS lines, a replica session gets through (rolled back).
    await su.query('BEGIN');
    try {
      for (const table of LOG_TABLES) {
        await su.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
        await su.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_no_truncate`);
      }
      await su.query('SAVEPOINT weakened');
      await su.query("SET LOCAL session_replication_role = 'replica'");
      await su.query("UPDATE audit_heads SET signed_at = now() - interval '1 day'");
      await su.query('DELETE FROM audit_verifications');
    } finally {
      await su.query('ROLLBACK');
    }
    // ROLLBACK restored ENABLE ALWAYS.
    const [{ modes }] = (
      await su.query<{ modes: string[] }>(
        `SELECT array_agg(DISTINCT tgenabled::text) AS modes FROM pg_trigger
         WHERE tgname LIKE '%append_only' OR tgname LIKE '%no_truncate'`,
      )
    ).rows;
    expect(modes).toEqual(['A']);
  });

  it('gives the application role no DDL and no deleting of staff', async () => {
    await expect(app.query('DELETE FROM staff')).rejects.toThrow(/permission denied/);
    await expect(app.query('DROP TABLE staff_sessions')).rejects.toThrow(/must be owner|permission denied/);
    await expect(app.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
    await expect(app.query('SELECT * FROM schema_migrations')).rejects.toThrow(/permission denied/);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'poc-migrations-'));
    for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
    await expect(migrate(db.ownerUrl, dir)).resolves.toEqual({ applied: [] });
    const first = readdirSync(dir).sort()[0];
    writeFileSync(join(dir, first), '-- edited\n', { flag: 'a' });
    await expect(migrate(db.ownerUrl, dir)).rejects.toThrow(`Migration ${first} was edited after it was applied`);
  });
});
