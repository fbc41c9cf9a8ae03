import { Global, Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { JobRunsPruneJob } from './jobs/job-runs-prune.job';
import { JobRunner } from './job-runner';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/**
 * F6: background jobs on pg-boss. Owns the one pg-boss instance (JobRunner) and the record of
 * every run; features register their own jobs with JobRunner.register from
 * server/src/<feature>/jobs/<name>.job.ts. Global, so any feature can register without a cycle.
 */
@Global()
@Module({
  imports: [AccessLogModule],
  controllers: [JobsController],
  providers: [JobRunner, JobsRepository, JobsService, JobRunsPruneJob],
  exports: [JobRunner],
})
export class JobsModule {}
