import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** The transaction the current async call chain runs in; `open` turns false once it has ended. */
interface Ambient {
  manager: EntityManager;
  open: boolean;
}

/**
 * One ambient transaction per unit of work (DESIGN "Database"). A small wrapper on
 * AsyncLocalStorage rather than nestjs-cls: @nestjs-cls/transactional 3.3 still requires
 * nestjs-cls 6, and the whole need is the forty lines below.
 *
 * - `run(work)` starts a transaction, or joins the one already running in this call chain: a
 *   service that calls another feature's service inside `run` writes into the same transaction,
 *   so "approve, erase, write the events" commits or rolls back as one. Nested calls never open a
 *   second connection.
 * - `manager` is the ambient transaction's EntityManager, else the default one (autocommit).
 *   Repositories take every query's manager from here (`use(manager)`), and the access-log
 *   recorder enqueues its events through it, so they join without being told.
 * - `use(explicit)` accepts the manager a caller still passes by hand, but refuses one that is not
 *   the ambient transaction: two transactions must never be mixed silently.
 * - `outside(work)` runs work in no transaction of the caller's, for what must outlive a rollback:
 *   a denial or a failed sign-in step is recorded even though the request it refuses fails. The
 *   audit sequencer, pg-boss and the outbox's claim hold their own connections and never join.
 *
 * A timer or callback created inside `run` inherits its async context after the transaction has
 * ended; `open` makes such a late caller fall back to the default manager instead of a released
 * connection.
 */
@Injectable()
export class Transactions {
  // Per application instance: two servers in one process (tests) never see each other's.
  private readonly ambient = new AsyncLocalStorage<Ambient>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in the ambient transaction, starting one if there is none. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.current();
    if (current) return work(current.manager);
    return this.dataSource.transaction(async (manager) => {
      const state: Ambient = { manager, open: true };
      try {
        return await this.ambient.run(state, () => work(manager));
      } finally {
        state.open = false;
      }
    });
  }

  /**
   * Runs `work` under a savepoint of the ambient transaction: if it throws, what it wrote is rolled
   * back alone and the transaction goes on (a batch where one person's failure must not undo the
   * others'). Savepoints of one name nest in PostgreSQL, so one name serves every level.
   */
  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const current = this.current();
    if (!current) throw new Error('A savepoint needs a transaction');
    await current.manager.query('SAVEPOINT unit');
    let value: T;
    try {
      value = await work();
    } catch (error) {
      await current.manager.query('ROLLBACK TO SAVEPOINT unit');
      await current.manager.query('RELEASE SAVEPOINT unit');
      throw error;
    }
    await current.manager.query('RELEASE SAVEPOINT unit');
    return value;
  }

  /** Runs `work` in a transaction of its own, even inside another one (commits on its own). */
  runSeparately<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.outside(() => this.run(work));
  }

  /** Runs `work` outside any ambient transaction: its writes commit whatever the caller's does. */
  outside<T>(work: () => Promise<T>): Promise<T> {
    return this.ambient.exit(work);
  }

  /** The ambient transaction's manager, or the default (autocommit) one. */
  get manager(): EntityManager {
    return this.current()?.manager ?? this.dataSource.manager;
  }

  /** True inside `run`. */
  get active(): boolean {
    return this.current() !== undefined;
  }

  /**
   * The manager a repository query uses: the explicit one a caller passed, which must be the
   * ambient transaction when there is one, else the ambient or default manager.
   */
  use(explicit?: EntityManager): EntityManager {
    const current = this.current();
    if (explicit === undefined || explicit === current?.manager) return current?.manager ?? this.dataSource.manager;
    if (current !== undefined) {
      throw new Error('A query was given a transaction other than the ambient one: they would commit apart');
    }
    return explicit;
  }

  /**
   * Runs a named statement (pg's `{ name, text, values }`) in the ambient transaction, else on a
   * pooled connection: each connection parses and plans it once and reuses its plan, where
   * `manager.query` sends every statement unnamed and PostgreSQL plans it again each time. Rows
   * come back as `manager.query` gives them (pg's own type parsing).
   */
  async prepared<T extends QueryResultRow>(
    statement: { name: string; text: string },
    values: unknown[],
    explicit?: EntityManager,
  ): Promise<T[]> {
    const runner = this.use(explicit).queryRunner as PostgresQueryRunner | undefined;
    const client: Pool | PoolClient =
      runner !== undefined && !runner.isReleased
        ? ((await runner.connect()) as PoolClient)
        : ((this.dataSource.driver as PostgresDriver).master as Pool);
    const { rows } = await client.query<T>({ name: statement.name, text: statement.text, values });
    return rows;
  }

  private current(): Ambient | undefined {
    const state = this.ambient.getStore();
    return state?.open === true ? state : undefined;
  }
}
