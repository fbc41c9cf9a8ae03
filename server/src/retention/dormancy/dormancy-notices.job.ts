import { Injectable, OnModuleInit } from '@nestjs/common';
import type { JobCounts } from '../../jobs/job-definition';
import { JobRunner } from '../../jobs/job-runner';
import { DormancyService } from './dormancy.service';

/** Daily: accounts unused for the period less the notice lead get their notice (F9). */
export const DORMANCY_NOTICES_JOB = 'dormancy-notices';

@Injectable()
export class DormancyNoticesJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly dormancy: DormancyService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: DORMANCY_NOTICES_JOB,
      cron: '0 9 * * *',
      singleton: true,
      run: () => this.run(),
    });
  }

  run(): Promise<JobCounts> {
    return this.dormancy.sendNotices(DORMANCY_NOTICES_JOB);
  }
}
