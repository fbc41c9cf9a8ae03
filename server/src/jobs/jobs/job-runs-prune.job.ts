import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../job-runner';
import { JobsService } from '../jobs.service';

/** Keeps the record of job runs to JOB_RUNS_RETENTION_DAYS: daily at 03:45 in the organisation's time zone. */
export const JOB_RUNS_PRUNE_JOB = 'job-runs-prune';

@Injectable()
export class JobRunsPruneJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly service: JobsService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: JOB_RUNS_PRUNE_JOB,
      cron: '45 3 * * *',
      singleton: true,
      run: () => this.service.pruneRuns(),
    });
  }
}
