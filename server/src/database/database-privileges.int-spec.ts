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

  it('gives the application role no way to change or remove authentication events', async () => {
    await app.query("INSERT INTO auth_events (occurred_at, event_type, outcome) VALUES (now(), 'sign_in', 'success')");
    await expect(app.query("UPDATE auth_events SET outcome = 'failure'")).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM auth_events')).rejects.toThrow(/permission denied/);
    await expect(app.query('TRUNCATE auth_events')).rejects.toThrow(/permission denied/);
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
