import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { Clock } from '../calendar/clock';
import { APP_LOGGER } from '../common/logger';
import { AppConfig } from '../config/app-config';
import { DATABASE_LOCATION, type DatabaseLocation } from '../database/database-location';
import { AppRoleBossDb } from './app-role-boss-db';
import { installCronDueMemo } from './cron-due-memo';
import { CronSchedule } from './cron-schedule';
import { JOB_NAME, type JobCounts, type JobDefinition, type JobTrigger } from './job-definition';
import { JobsRepository } from './jobs.repository';

/** pg-boss's schema; created by migration 20261203000900, never by pg-boss itself. */
export const PGBOSS_SCHEMA = 'pgboss';
/** The internal queue pg-boss's cron evaluation sends due schedules through. */
const SEND_IT_QUEUE = '__pgboss__send-it';
const DEFAULT_TIMEOUT_MINUTES = 15;

/** What a queued pg-boss job carries: how it was started, and by whom. */
interface JobData {
  trigger?: JobTrigger;
  startedBy?: string;
}

export interface RegisteredJob {
  definition: JobDefinition;
  schedule: CronSchedule | null;
  singleton: boolean;
}

/**
 * Owns the pg-boss instance: features register their jobs (before or after start-up), this
 * creates each job's queue and cron schedule, works the queues on this instance, and records
 * every run in job_runs.
 *
 * pg-boss runs as the application role, which has no DDL: it starts with `migrate: false` and
 * only checks the schema version the migration installed. Creating a queue creates a table, so
 * queues and schedules are set up with the owner's login (as the access log's signing key is).
 * Several instances share the queues: a singleton job's queue lets one run at a time, and
 * pg-boss lets one instance at a time evaluate the schedules, each due once per minute.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly jobs = new Map<string, RegisteredJob>();
  private readonly workers = new Map<string, string>();
  private boss?: PgBoss;
  private db?: AppRoleBossDb;
  private started = false;
  /** Which server instance ran a job: host, process and a random part (tests run two in one process). */
  readonly instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly repo: JobsRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(DATABASE_LOCATION) private readonly location: DatabaseLocation,
    @Inject(APP_LOGGER) private readonly log: Logger,
  ) {}

  /**
   * Registers a feature's job. Call it from the job's provider (`onModuleInit`); after start-up it
   * sets the job up at once (tests).
   */
  async register(definition: JobDefinition): Promise<void> {
    if (!JOB_NAME.test(definition.name)) throw new Error(`Job name "${definition.name}" must be kebab-case`);
    if (this.jobs.has(definition.name)) throw new Error(`Job ${definition.name} is registered twice`);
    const timeout = definition.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
    if (!(timeout >= 1 && timeout <= 23 * 60)) throw new Error(`Job ${definition.name}: timeout out of range`);
    const job: RegisteredJob = {
      definition,
      schedule: definition.cron === undefined ? null : CronSchedule.parse(definition.cron, this.config.orgTimeZone),
      singleton: definition.singleton ?? true,
    };
    this.jobs.set(definition.name, job);
    if (this.started) {
      await this.setUpAsOwner([job]);
      await this.work(job);
    }
  }

  registered(): RegisteredJob[] {
    return [...this.jobs.values()].sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  }

  find(name: string): RegisteredJob | undefined {
    return this.jobs.get(name);
  }

  get isRunning(): boolean {
    return this.started;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Command-line runs (JOBS_ENABLED=false) take no jobs.
    if (!this.config.jobsEnabled) return;
    await this.setUpAsOwner(this.registered(), true);
    const location = this.location;
    const poll = this.config.jobsPollSeconds;
    const db = new AppRoleBossDb(
      {
        connectionString: location.appUrl,
        // Through the owner's login, drop to the application role (as TypeORM's pool does).
        ...(location.appRole ? { options: `-c role=${location.appRole}` } : {}),
        application_name: 'console-jobs',
        max: 4,
      },
      (error) => this.log.warn({ err: error }, 'job queue connection error'),
    );
    // pg-boss re-evaluates every schedule's cron on every check: 20–35 ms each (cron-due-memo.ts).
    installCronDueMemo();
    const boss = new PgBoss({
      db,
      schema: PGBOSS_SCHEMA,
      // No DDL: the migration made the schema; start() only checks its version.
      migrate: false,
      schedule: this.config.jobsSchedule,
      supervise: true,
      cronMonitorIntervalSeconds: Math.min(poll, 30),
      cronWorkerIntervalSeconds: this.config.jobsScheduleCheckSeconds,
      retryLimit: 0,
    } as PgBoss.ConstructorOptions);
    boss.on('error', (error) => this.log.warn({ err: error }, 'job queue error'));
    try {
      await boss.start();
    } catch (error) {
      await db.close();
      throw error;
    }
    this.boss = boss;
    this.db = db;
    this.started = true;
    for (const job of this.registered()) await this.work(job);
    this.log.info({ instance: this.instance, jobs: this.jobs.size }, 'job queue started');
  }

  /**
   * Graceful: stops taking work, and waits (up to 30 s) for runs in progress to finish. On module
   * destroy, so before the modules jobs use (JobsModule imports them: Nest destroys it first) and
   * the database connections close.
   */
  async onModuleDestroy(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.started = false;
    this.boss = undefined;
    await boss.stop({ graceful: true, timeout: 30_000, wait: true });
    // pg-boss closes only a connection it opened itself.
    await this.db?.close();
    this.db = undefined;
  }

  /**
   * Queues a run now. With `manager`, the run is queued in that transaction (with the access-log
   * event that records who started it). Null when a singleton job already has a run waiting.
   */
  async enqueue(name: string, data: JobData, manager?: EntityManager): Promise<string | null> {
    const boss = this.requireBoss();
    const db = manager && {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await manager.query(text, values)) as unknown[],
      }),
    };
    return boss.send(name, data, db ? { db } : {});
  }

  /** Wakes this instance's worker for a job, so a run queued here starts without waiting for a poll. */
  wake(name: string): void {
    const worker = this.workers.get(name);
    if (worker !== undefined) this.boss?.notifyWorker(worker);
  }

  private requireBoss(): PgBoss {
    if (!this.boss || !this.started) throw new Error('The job queue is not running');
    return this.boss;
  }

  /** Creates queues and (un)schedules with the owner's login: the application role cannot. */
  private async setUpAsOwner(jobs: RegisteredJob[], removeStale = false): Promise<void> {
    const owner = new PgBoss({
      connectionString: this.location.ownerUrl,
      schema: PGBOSS_SCHEMA,
      max: 1,
      migrate: false,
      schedule: false,
      supervise: false,
    });
    owner.on('error', (error) => this.log.warn({ err: error }, 'job queue set-up error'));
    await owner.start();
    try {
      await owner.createQueue(SEND_IT_QUEUE, { name: SEND_IT_QUEUE });
      for (const { definition, singleton } of jobs) {
        const queue: PgBoss.Queue = {
          name: definition.name,
          policy: singleton ? 'stately' : 'standard',
          retryLimit: 0,
          expireInSeconds: (definition.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES) * 60,
        };
        await owner.createQueue(definition.name, queue);
        await owner.updateQueue(definition.name, queue);
      }
      for (const { definition, schedule } of jobs) {
        if (schedule === null) await owner.unschedule(definition.name);
        else {
          const data: JobData = { trigger: 'schedule' };
          await owner.schedule(definition.name, schedule.expression, data, { tz: schedule.timeZone });
        }
      }
      if (removeStale) {
        // A job no longer registered must not keep firing into a queue nobody works.
        for (const { name } of await owner.getSchedules()) {
          if (!this.jobs.has(name)) await owner.unschedule(name);
        }
      }
    } finally {
      await owner.stop({ graceful: false, wait: true });
    }
  }

  private async work(job: RegisteredJob): Promise<void> {
    const boss = this.requireBoss();
    const name = job.definition.name;
    const id = await boss.work<JobData>(
      name,
      { batchSize: 1, pollingIntervalSeconds: this.config.jobsPollSeconds },
      async ([bossJob]) => this.execute(job, bossJob),
    );
    this.workers.set(name, id);
  }

  /** One run: recorded before it starts and when it ends, with its counts or its error. */
  private async execute(job: RegisteredJob, bossJob: PgBoss.Job<JobData>): Promise<JobCounts> {
    const { definition } = job;
    const asked = bossJob.data?.trigger;
    const trigger: JobTrigger = asked === 'manual' || asked === 'event' ? asked : 'schedule';
    const startedBy = trigger === 'manual' ? (bossJob.data.startedBy ?? null) : null;
    const runId = randomUUID();
    await this.repo.failAbandonedRuns(definition.name, this.clock.now());
    await this.repo.startRun({
      id: runId,
      jobName: definition.name,
      bossJobId: bossJob.id,
      trigger,
      startedBy,
      instance: this.instance,
      startedAt: this.clock.now(),
    });
    try {
      const counts = await definition.run({ runId, trigger, startedBy });
      await this.repo.finishRun(runId, { outcome: 'succeeded', counts }, this.clock.now());
      this.log.info({ job: definition.name, runId, counts }, 'job run succeeded');
      return counts;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || 'failed';
      await this.repo.finishRun(runId, { outcome: 'failed', error: message }, this.clock.now());
      this.log.error({ job: definition.name, runId, err: error }, 'job run failed');
      throw error;
    }
  }
}
