import { Injectable, OnModuleInit } from '@nestjs/common';
import type { JobCounts } from '../../../jobs/job-definition';
import { JobRunner } from '../../../jobs/job-runner';
import { DestructionService } from '../destruction.service';

/** Daily 01:30: the destruction queue for the next 7 days, refreshed (before the 03:00 run). */
export const RETENTION_SCAN_JOB = 'retention-scan';

@Injectable()
export class RetentionScanJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly destruction: DestructionService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: RETENTION_SCAN_JOB,
      cron: '30 1 * * *',
      singleton: true,
      timeoutMinutes: 120,
      run: () => this.run(),
    });
  }

  run(): Promise<JobCounts> {
    return this.destruction.scan();
  }
}
