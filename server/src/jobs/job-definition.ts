/** What a run did, by name: `{ deleted: 60, purgedThrough: 60 }`. Shown on the Jobs screen. */
export type JobCounts = Record<string, number>;

/** How a run started: its cron schedule, a person on the Jobs screen, or its feature when work arrived. */
export type JobTrigger = 'schedule' | 'manual' | 'event';

/** What a job's handler is told about the run it does. */
export interface JobRunContext {
  runId: string;
  trigger: JobTrigger;
  /** The staff member who started it from the Jobs screen (manual runs only). */
  startedBy: string | null;
}

/**
 * A background job, registered by the feature that owns it (server/src/<feature>/jobs/<name>.job.ts)
 * through JobRunner.register. The jobs module queues it on pg-boss, runs it on one instance at a
 * time and records every run (job_runs).
 */
export interface JobDefinition {
  /** Unique, kebab-case, prefixed with the feature: `access-log-purge`. Also the pg-boss queue's name. */
  name: string;
  /**
   * A five-field cron expression (minute hour day month weekday) in the organisation's time zone
   * (ORG_TIME_ZONE): `30 3 * * *` is 03:30 in Seoul by default. Without one, the job runs only when
   * someone starts it from the Jobs screen.
   */
  cron?: string;
  /**
   * Default true: never two runs at once across all instances, and at most one waiting (pg-boss's
   * `stately` queue policy). False: runs may overlap (`standard`).
   */
  singleton?: boolean;
  /** A run that takes longer fails (pg-boss expires it). Default 15 minutes, at most 23 hours. */
  timeoutMinutes?: number;
  /** Does the work; returns what it did. A thrown error fails the run and is recorded with it. */
  run(context: JobRunContext): Promise<JobCounts>;
}

export const JOB_NAME = /^[a-z][a-z0-9-]{2,62}$/;
