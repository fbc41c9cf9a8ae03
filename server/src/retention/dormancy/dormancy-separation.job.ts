import { Injectable, OnModuleInit } from '@nestjs/common';
import type { JobCounts } from '../../jobs/job-definition';
import { JobRunner } from '../../jobs/job-runner';
import { DormancyService } from './dormancy.service';

/** Daily: notified accounts still unused at their separation date move into the dormant store (F9). */
export const DORMANCY_SEPARATION_JOB = 'dormancy-separation';

@Injectable()
export class DormancySeparationJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly dormancy: DormancyService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: DORMANCY_SEPARATION_JOB,
      cron: '30 2 * * *',
      singleton: true,
      run: () => this.run(),
    });
  }

  run(): Promise<JobCounts> {
    return this.dormancy.separateDue(DORMANCY_SEPARATION_JOB);
  }
}
