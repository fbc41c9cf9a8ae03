import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { RegistersModule } from '../registers/registers.module';
import { RetentionModule } from '../retention/retention.module';
import { StaffModule } from '../staff/staff.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { RequestRemindersJob } from './jobs/request-reminders.job';
import { RequestLettersModule } from './letters/request-letters.module';
import { RequestFulfilment } from './request-fulfilment';
import { RightsRequestsController } from './rights-requests.controller';
import { RightsRequestsRepository } from './rights-requests.repository';
import { RightsRequestsService } from './rights-requests.service';
import { RightsRequestFiguresService } from './rights-request-figures.service';

/**
 * F7: rights requests. Uses subjects (the people, identity checks, the fulfilment and export
 * services that act on their data), registers (who to notify), staff (assignees), the letters and
 * the outbox; none of them uses this module, so
 * subjects tells it of withdrawals through a listener it registers (SubjectsService.onWithdrawal).
 */
@Module({
  imports: [
    AccessLogModule,
    SubjectsModule,
    RegistersModule,
    StaffModule,
    OutboxModule,
    RequestLettersModule,
    RetentionModule,
  ],
  controllers: [RightsRequestsController],
  providers: [
    RightsRequestsRepository,
    RightsRequestsService,
    RightsRequestFiguresService,
    RequestFulfilment,
    RequestRemindersJob,
  ],
  exports: [RightsRequestFiguresService],
})
export class RightsRequestsModule {}
