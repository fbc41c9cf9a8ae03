import { readdirSync, writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/test-database';
import { migrate, MIGRATIONS_DIR } from './migrator';

describe('database roles and migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = new Client({ connectionString: db.appUrl, ...(db.appRole ? { options: `-c role=${db.appRole}` } : {}) });
    await app.connect();
  });
  afterAll(async () => {
    await app.end();
    await dropTestDatabase(db.name);
  });

  it('lets the application role add and read access-log rows, never change or remove them', async () => {
    await app.query(
      `INSERT INTO audit_events (seq, occurred_at, action, resource, outcome, canonical, leaf_hash)
       VALUES (1, now(), 'view', 'staff', 'success', '\\x7b7d', decode(repeat('00', 32), 'hex'))`,
    );
    const columns: Record<string, string> = {
      audit_events: 'outcome',
      audit_heads: 'key_id',
      audit_signing_keys: 'key_id',
      audit_verifications: 'result',
    };
    for (const [table, column] of Object.entries(columns)) {
      await expect(app.query(`UPDATE ${table} SET ${column} = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log even to its owner, even as a replica', async () => {
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      await owner.query("SET session_replication_role = 'replica'").catch(() => undefined);
      await expect(owner.query("UPDATE audit_events SET outcome = 'failure'")).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
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
