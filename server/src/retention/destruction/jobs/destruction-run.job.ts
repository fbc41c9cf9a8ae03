import { Injectable, OnModuleInit } from '@nestjs/common';
import type { JobCounts, JobRunContext } from '../../../jobs/job-definition';
import { JobRunner } from '../../../jobs/job-runner';
import { DestructionService } from '../destruction.service';

/**
 * Daily 03:00: destroys what the queue holds due, in batches of people, and writes the run's
 * certificate. Singleton across instances; a run killed midway is resumed by the next.
 */
export const DESTRUCTION_RUN_JOB = 'retention-destruction';

@Injectable()
export class DestructionRunJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly destruction: DestructionService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: DESTRUCTION_RUN_JOB,
      cron: '0 3 * * *',
      singleton: true,
      timeoutMinutes: 6 * 60,
      run: (context) => this.run(context),
    });
  }

  run(context: Pick<JobRunContext, 'runId' | 'startedBy'> | null = null): Promise<JobCounts> {
    return this.destruction.run(context);
  }
}
