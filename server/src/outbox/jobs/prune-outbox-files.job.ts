import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JobRunner } from '../../jobs/job-runner';
import { OutboxService } from '../outbox.service';

/** Removes the file sender's files of delete-after-send messages: hourly, at 20 past. */
export const OUTBOX_FILES_PRUNE_JOB = 'outbox-files-prune';

@Injectable()
export class PruneOutboxFilesJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: OUTBOX_FILES_PRUNE_JOB,
      cron: '20 * * * *',
      singleton: true,
      run: () => this.outbox.removeSentFiles(this.config.outboxFileRetentionHours),
    });
  }
}
