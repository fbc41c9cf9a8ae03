import { Pool, type PoolConfig } from 'pg';
import type PgBoss from 'pg-boss';

// pg-boss's own statement that creates a queue (a table, so DDL).
const CREATE_QUEUE = /^\s*SELECT\s+\w+\.create_queue\(/i;

/**
 * The application role's connection for pg-boss. pg-boss's cron evaluator creates its internal
 * queue at every start (and ignores the error): the application role has no DDL, so PostgreSQL
 * logged "permission denied for function create_queue" at each start. The owner's login creates
 * every queue before pg-boss starts (JobRunner.setUpAsOwner), so this connection never sends
 * create_queue: it answers it with nothing done.
 */
export class AppRoleBossDb implements PgBoss.Db {
  private readonly pool: Pool;
  /** create_queue statements answered here instead of sent (tests read it). */
  skippedCreateQueue = 0;

  constructor(config: PoolConfig, onError: (error: Error) => void) {
    this.pool = new Pool(config);
    this.pool.on('error', onError);
  }

  async executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    if (CREATE_QUEUE.test(text)) {
      this.skippedCreateQueue += 1;
      return { rows: [] };
    }
    return this.pool.query(text, values);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
