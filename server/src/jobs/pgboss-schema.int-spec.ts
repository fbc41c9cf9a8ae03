import PgBoss from 'pg-boss';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/test-database';
import { AppRoleBossDb } from './app-role-boss-db';
import { PGBOSS_SCHEMA } from './job-runner';

/** pg-boss as the console starts it: the application role, no DDL, only the version check. */
const appBoss = (db: Awaited<ReturnType<typeof createTestDatabase>>) =>
  new PgBoss({
    connectionString: db.appUrl,
    ...(db.appRole ? { options: `-c role=${db.appRole}` } : {}),
    schema: PGBOSS_SCHEMA,
    max: 1,
    migrate: false,
    schedule: false,
    supervise: false,
  } as PgBoss.ConstructorOptions);

describe('the pg-boss schema from the migration', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Client;
  let app: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
    app = new Client({ connectionString: db.appUrl, ...(db.appRole ? { options: `-c role=${db.appRole}` } : {}) });
    await Promise.all([owner.connect(), app.connect()]);
  });
  afterAll(async () => {
    await Promise.all([owner.end(), app.end()]);
    await dropTestDatabase(db.name);
  });

  it("passes pg-boss's own version check, as the application role", async () => {
    const boss = appBoss(db);
    boss.on('error', () => undefined);
    await boss.start();
    try {
      expect(await boss.schemaVersion()).toBe(24);
      expect(await boss.isInstalled()).toBe(true);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it('gives the application role no DDL in the pgboss schema: it cannot create a queue or a table', async () => {
    await expect(app.query(`SELECT pgboss.create_queue('x-queue', '{}')`)).rejects.toThrow(
      /permission denied for function create_queue/,
    );
    await expect(app.query(`SELECT pgboss.delete_queue('__pgboss__send-it')`)).rejects.toThrow(/permission denied/);
    await expect(app.query('CREATE TABLE pgboss.mine (id int)')).rejects.toThrow(/permission denied for schema pgboss/);
    await expect(app.query(`INSERT INTO pgboss.queue (name) VALUES ('x')`)).rejects.toThrow(/permission denied/);
    await expect(app.query('DROP TABLE pgboss.archive')).rejects.toThrow(/must be owner/);
  });

  it('never sends create_queue as the application role, so PostgreSQL logs no refusal at start', async () => {
    const queueDb = new AppRoleBossDb(
      { connectionString: db.appUrl, ...(db.appRole ? { options: `-c role=${db.appRole}` } : {}), max: 2 },
      () => undefined,
    );
    try {
      // Sent, PostgreSQL would refuse it (above) and log the error: it is answered without a query.
      await expect(queueDb.executeSql('SELECT pgboss.create_queue($1, $2)', ['never-made', {}])).resolves.toEqual({
        rows: [],
      });
      // pg-boss's cron evaluator asks for its own queue at every start, as the console starts it.
      const boss = new PgBoss({ db: queueDb, schema: PGBOSS_SCHEMA, migrate: false, schedule: true, supervise: false });
      boss.on('error', () => undefined);
      await boss.start();
      await boss.stop({ graceful: false, wait: true });
      expect(queueDb.skippedCreateQueue).toBe(2);
      // Everything else goes through: the cron evaluator read the schedules as the application role.
      expect((await queueDb.executeSql('SELECT count(*)::int AS n FROM pgboss.schedule', [])).rows).toEqual([
        { n: expect.any(Number) },
      ]);
      const { rows } = await owner.query(`SELECT count(*)::int AS n FROM pgboss.queue WHERE name = 'never-made'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await queueDb.close();
    }
  });

  it('lets the owner create a queue, which the application role then uses through pgboss.job', async () => {
    await owner.query(`SELECT pgboss.create_queue('test-queue', '{"policy":"stately"}')`);
    const boss = appBoss(db);
    boss.on('error', () => undefined);
    await boss.start();
    try {
      const id = await boss.send('test-queue', { n: 1 });
      expect(id).toEqual(expect.any(String));
      // Stately: one waiting at most.
      expect(await boss.send('test-queue', { n: 2 })).toBeNull();
      const [job] = await boss.fetch<{ n: number }>('test-queue');
      expect(job.data).toEqual({ n: 1 });
      await boss.complete('test-queue', job.id, { done: 1 });
      expect((await boss.getJobById('test-queue', job.id))?.state).toBe('completed');
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it('refuses to start on a schema at another version (an upgrade needs a migration)', async () => {
    await owner.query('UPDATE pgboss.version SET version = 23');
    const boss = appBoss(db);
    boss.on('error', () => undefined);
    try {
      await expect(boss.start()).rejects.toThrow('pg-boss database requires migrations');
    } finally {
      await boss.stop({ graceful: false }).catch(() => undefined);
      await owner.query('UPDATE pgboss.version SET version = 24');
    }
  });
});
