import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import type { JobCounts, JobTrigger } from './job-definition';
import { msBetween } from '../calendar/instant';

export type JobOutcome = 'running' | 'succeeded' | 'failed';

/** A run as the API shows it. */
export interface JobRunRow {
  id: string;
  jobName: string;
  bossJobId: string;
  trigger: JobTrigger;
  startedBy: { id: string; displayName: string } | null;
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  /** How long the run took, to a tenth of a second (counted here, so the console does no time arithmetic). */
  seconds: number | null;
  outcome: JobOutcome;
  counts: JobCounts | null;
  error: string | null;
}

export interface JobRunFilter {
  jobName?: string;
  outcome?: JobOutcome;
  trigger?: JobTrigger;
}

export type JobRunSortField = 'startedAt' | 'jobName' | 'outcome';

const COLUMN: Record<JobRunSortField, string> = {
  startedAt: 'r.started_at',
  jobName: 'r.job_name',
  outcome: 'r.outcome',
};

interface RawRun {
  id: string;
  job_name: string;
  boss_job_id: string;
  trigger: JobTrigger;
  started_by: string | null;
  started_by_name: string | null;
  instance: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: JobOutcome;
  counts: JobCounts | null;
  error: string | null;
}

const SELECT_RUN = `SELECT r.id, r.job_name, r.boss_job_id, r.trigger, r.started_by, s.display_name AS started_by_name,
    r.instance, r.started_at, r.finished_at, r.outcome, r.counts, r.error
  FROM job_runs r LEFT JOIN staff s ON s.id = r.started_by`;

const toRow = (r: RawRun): JobRunRow => ({
  id: r.id,
  jobName: r.job_name,
  bossJobId: r.boss_job_id,
  trigger: r.trigger,
  startedBy: r.started_by === null ? null : { id: r.started_by, displayName: r.started_by_name ?? '' },
  instance: r.instance,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  seconds: r.finished_at ? Math.max(0, Math.round(msBetween(r.started_at, r.finished_at) / 100) / 10) : null,
  outcome: r.outcome,
  counts: r.counts,
  error: r.error,
});

/** The record of every job run (job_runs), and what pg-boss holds about a job right now. */
@Injectable()
export class JobsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
  ) {}

  // Run records below are written on their own (autocommit), never in a job's transaction: a
  // failed run stays recorded after the job's work rolls back.
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  async startRun(run: {
    id: string;
    jobName: string;
    bossJobId: string;
    trigger: JobTrigger;
    startedBy: string | null;
    instance: string;
    startedAt: Date;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO job_runs (id, job_name, boss_job_id, trigger, started_by, instance, started_at, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'running')`,
      [run.id, run.jobName, run.bossJobId, run.trigger, run.startedBy, run.instance, run.startedAt],
    );
  }

  async finishRun(
    id: string,
    result: { outcome: 'succeeded'; counts: JobCounts } | { outcome: 'failed'; error: string },
    finishedAt: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE job_runs SET outcome = $2, counts = $3, error = $4, finished_at = greatest($5, started_at)
       WHERE id = $1 AND outcome = 'running'`,
      [
        id,
        result.outcome,
        result.outcome === 'succeeded' ? JSON.stringify(result.counts) : null,
        result.outcome === 'failed' ? result.error : null,
        finishedAt,
      ],
    );
  }

  /**
   * Runs still marked running whose pg-boss job is no longer active: the instance that ran them
   * stopped (or died) mid-run, and pg-boss failed or expired the job since.
   */
  async failAbandonedRuns(jobName: string, finishedAt: Date): Promise<number> {
    // TypeORM answers an UPDATE with [rows, count].
    const [, count] = (await this.dataSource.query(
      `UPDATE job_runs r SET outcome = 'failed', finished_at = greatest($2, r.started_at),
         error = 'The run was interrupted: the server running it stopped before it finished'
       WHERE r.job_name = $1 AND r.outcome = 'running'
         AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = r.job_name AND j.id = r.boss_job_id
                         AND j.state = 'active')`,
      [jobName, finishedAt],
    )) as [unknown[], number];
    return count;
  }

  /** Deletes finished runs that started before `cutoff`; a run still marked running stays. */
  async deleteRunsStartedBefore(cutoff: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM job_runs WHERE started_at < $1 AND outcome <> 'running'`,
      [cutoff],
    )) as [unknown[], number];
    return count;
  }

  async findRun(id: string): Promise<JobRunRow | null> {
    const rows: RawRun[] = await this.dataSource.query(`${SELECT_RUN} WHERE r.id = $1`, [id]);
    return rows.length === 0 ? null : toRow(rows[0]);
  }

  async listRuns(
    filter: JobRunFilter,
    sort: { field: JobRunSortField; order: 'ASC' | 'DESC' },
    page: { offset: number; limit: number },
  ): Promise<{ rows: JobRunRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.jobName !== undefined) add('r.job_name = ?', filter.jobName);
    if (filter.outcome !== undefined) add('r.outcome = ?', filter.outcome);
    if (filter.trigger !== undefined) add('r.trigger = ?', filter.trigger);
    const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM job_runs r ${whereSql}`,
      params,
    )) as { total: number }[];
    const rows: RawRun[] = await this.dataSource.query(
      `${SELECT_RUN} ${whereSql} ORDER BY ${COLUMN[sort.field]} ${sort.order}, r.id ${sort.order}
       LIMIT ${page.limit} OFFSET ${page.offset}`,
      params,
    );
    return { rows: rows.map(toRow), total };
  }

  /** Each job's newest run. */
  async lastRuns(): Promise<Map<string, JobRunRow>> {
    const rows: RawRun[] = await this.dataSource.query(
      `SELECT DISTINCT ON (r.job_name) r.id, r.job_name, r.boss_job_id, r.trigger, r.started_by,
         s.display_name AS started_by_name, r.instance, r.started_at, r.finished_at, r.outcome, r.counts, r.error
       FROM job_runs r LEFT JOIN staff s ON s.id = r.started_by
       ORDER BY r.job_name, r.started_at DESC, r.id DESC`,
    );
    return new Map(rows.map((r) => [r.job_name, toRow(r)]));
  }

  /** How many of each job's pg-boss jobs wait (created, retry) and run (active) now. */
  async queueStates(): Promise<Map<string, { waiting: number; active: number }>> {
    const rows: { name: string; waiting: number; active: number }[] = await this.dataSource.query(
      `SELECT name, count(*) FILTER (WHERE state < 'active')::int AS waiting,
              count(*) FILTER (WHERE state = 'active')::int AS active
       FROM pgboss.job WHERE state <= 'active' GROUP BY name`,
    );
    return new Map(rows.map((r) => [r.name, { waiting: r.waiting, active: r.active }]));
  }
}
