/** Codes the jobs module answers with. */
export enum JobsErrorCode {
  JobNotFound = 'JOB_NOT_FOUND',
  JobRunNotFound = 'JOB_RUN_NOT_FOUND',
  /** A singleton job already has a run waiting to start: starting another would add nothing. */
  JobAlreadyQueued = 'JOB_ALREADY_QUEUED',
  /** The job queue is not running on this instance (starting up or shutting down). */
  JobsUnavailable = 'JOBS_UNAVAILABLE',
}
