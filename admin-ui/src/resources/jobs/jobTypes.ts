export const JOBS = 'jobs';
export const JOB_RUNS = 'job-runs';

export const RUN_OUTCOMES = ['running', 'succeeded', 'failed'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** A background job as GET /jobs lists it. */
export interface Job {
  id: string;
  name: string;
  cron: string | null;
  timeZone: string | null;
  singleton: boolean;
  timeoutMinutes: number;
  waiting: number;
  active: number;
  nextRunAt: string | null;
  lastRun: { id: string; startedAt: string; finishedAt: string | null; outcome: RunOutcome; trigger: string } | null;
}

/** One run of a job, as GET /job-runs lists it. */
export interface JobRun {
  id: string;
  jobName: string;
  trigger: 'schedule' | 'manual' | 'event';
  startedBy: { id: string; displayName: string } | null;
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  /** Seconds the run took (the server counts them); null while it runs. */
  seconds: number | null;
  outcome: RunOutcome;
  counts: Record<string, number> | null;
  error: string | null;
}
