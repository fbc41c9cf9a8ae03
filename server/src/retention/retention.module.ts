import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { DormancyNoticesJob } from './dormancy/dormancy-notices.job';
import { DormancySeparationJob } from './dormancy/dormancy-separation.job';
import { DormancyController } from './dormancy/dormancy.controller';
import { DormancyRepository } from './dormancy/dormancy.repository';
import { DormancyService } from './dormancy/dormancy.service';

/**
 * F9: retention rules acted on, legal holds, the destruction queue and its runs with their
 * certificates, and dormant accounts. Destruction goes through the subjects' erasure path (F7);
 * the dormant store is reached only through its database functions.
 */
@Module({
  imports: [AccessLogModule, OutboxModule, SubjectsModule],
  controllers: [DormancyController],
  providers: [DormancyRepository, DormancyService, DormancyNoticesJob, DormancySeparationJob],
  exports: [DormancyService],
})
export class RetentionModule {}
