import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/test-database';
import { Transactions } from '../database/transactions';
import { MAX_SESSION_BATCH, SessionLookup } from './session-lookup';
import { SessionRepository } from './session.repository';
import { hashToken } from './session.service';

/** The session guard's lookups on the real database, as the application role. */
describe('SessionLookup', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Client;
  let app: DataSource;
  let repository: SessionRepository;
  let lookup: SessionLookup;
  let statements: jest.SpyInstance;
  let staffId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    app = new DataSource({
      type: 'postgres',
      url: db.appUrl,
      extra: { max: 10, ...(db.appRole ? { options: `-c role=${db.appRole}` } : {}) },
    });
    await app.initialize();
    const [{ id }] = (
      await owner.query<{ id: string }>(
        `INSERT INTO staff (email, display_name, role, password_hash, totp_enrolled_at)
         VALUES ('lookup@example.com', 'Lookup', 'support', 'x', now()) RETURNING id`,
      )
    ).rows;
    staffId = id;
  });
  afterAll(async () => {
    await app.destroy();
    await owner.end();
    await dropTestDatabase(db.name);
  });
  beforeEach(() => {
    repository = new SessionRepository(new Transactions(app), app);
    statements = jest.spyOn(repository, 'findWithStaffByTokenHashes');
    lookup = new SessionLookup(repository);
  });

  /** A session of the test's staff member; answers its cookie token. */
  async function openSession(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await owner.query(
      `INSERT INTO staff_sessions (staff_id, token_hash, stage, staff_generation, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, 'full', 0, now(), now(), now() + interval '12 hours')`,
      [staffId, hashToken(token)],
    );
    return token;
  }

  it('answers the lookups of one event-loop turn with one statement per 64 sessions', async () => {
    const tokens = await Promise.all(Array.from({ length: 100 }, () => openSession()));
    const found = await Promise.all(tokens.map((t) => lookup.find(hashToken(t))));
    expect(statements).toHaveBeenCalledTimes(2);
    expect(statements.mock.calls.map(([hashes]) => (hashes as Buffer[]).length)).toEqual([
      MAX_SESSION_BATCH,
      100 - MAX_SESSION_BATCH,
    ]);
    // Each request gets its own session, with its account from the same statement.
    const ids = await owner.query<{ id: string; token_hash: Buffer }>(
      'SELECT id, token_hash FROM staff_sessions WHERE staff_id = $1',
      [staffId],
    );
    const idByHash = new Map(ids.rows.map((r) => [r.token_hash.toString('hex'), r.id]));
    found.forEach((f, i) => {
      expect(f?.session.id).toBe(idByHash.get(hashToken(tokens[i]).toString('hex')));
      expect(f?.staff).toEqual({
        id: staffId,
        email: 'lookup@example.com',
        displayName: 'Lookup',
        role: 'support',
        status: 'active',
        totpEnrolledAt: expect.any(Date) as Date,
        sessionGeneration: 0,
      });
      expect(f?.session.tokenHash).toBeUndefined();
    });
  });

  it('answers null for an unknown token and gives each of two requests with one token its own copy', async () => {
    const token = await openSession();
    const [a, b, unknown] = await Promise.all([
      lookup.find(hashToken(token)),
      lookup.find(hashToken(token)),
      lookup.find(hashToken(randomBytes(32).toString('base64url'))),
    ]);
    expect(statements).toHaveBeenCalledTimes(1);
    expect(statements.mock.calls[0][0]).toHaveLength(2);
    expect(unknown).toBeNull();
    expect(a?.session.id).toBe(b?.session.id);
    expect(a?.session).not.toBe(b?.session);
    expect(a?.staff).not.toBe(b?.staff);
  });

  it('keeps nothing between turns: a sign-out, a disabled account and a new generation show at the next lookup', async () => {
    const token = await openSession();
    const hash = hashToken(token);
    expect((await lookup.find(hash))?.session.endedAt).toBeNull();

    await owner.query(`UPDATE staff SET session_generation = session_generation + 1 WHERE id = $1`, [staffId]);
    expect((await lookup.find(hash))?.staff?.sessionGeneration).toBe(1);

    await owner.query(`UPDATE staff SET status = 'disabled' WHERE id = $1`, [staffId]);
    expect((await lookup.find(hash))?.staff?.status).toBe('disabled');

    await owner.query(`UPDATE staff_sessions SET ended_at = now(), end_reason = 'sign_out' WHERE token_hash = $1`, [
      hash,
    ]);
    expect((await lookup.find(hash))?.session.endedAt).toBeInstanceOf(Date);
    expect(statements).toHaveBeenCalledTimes(4);

    await owner.query(`UPDATE staff SET status = 'active', session_generation = 0 WHERE id = $1`, [staffId]);
  });

  it('fails every lookup of a batch whose statement fails', async () => {
    const token = await openSession();
    // A real failure: the data source has been closed (its pool is gone).
    const closed = new DataSource({ type: 'postgres', url: db.appUrl });
    await closed.initialize();
    await closed.destroy();
    const broken = new SessionLookup(new SessionRepository(new Transactions(closed), closed));
    const batch = [broken.find(hashToken(token)), broken.find(hashToken(token))];
    await Promise.all(batch.map((p) => expect(p).rejects.toThrow()));
    expect((await lookup.find(hashToken(token)))?.session.endedAt).toBeNull();
  });
});
