import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRunner } from '../../jobs/job-runner';
import { AuditPurgeService } from '../audit-purge.service';

/** The access log's retention purge: daily at 03:30 in the organisation's time zone. */
export const ACCESS_LOG_PURGE_JOB = 'access-log-purge';

@Injectable()
export class AccessLogPurgeJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly purge: AuditPurgeService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: ACCESS_LOG_PURGE_JOB,
      cron: '30 3 * * *',
      singleton: true,
      // Hashing a year's leaves can take a while on a large log.
      timeoutMinutes: 120,
      run: async () => {
        const result = await this.purge.purge();
        return result ?? { deleted: 0 };
      },
    });
  }
}
