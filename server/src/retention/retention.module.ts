import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { StaffModule } from '../staff/staff.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { DormancyNoticesJob } from './dormancy/dormancy-notices.job';
import { DormancySeparationJob } from './dormancy/dormancy-separation.job';
import { DormancyController } from './dormancy/dormancy.controller';
import { DormancyRepository } from './dormancy/dormancy.repository';
import { DormancyService } from './dormancy/dormancy.service';
import { RetentionFiguresRepository } from './figures/retention-figures.repository';
import { RetentionFiguresService } from './figures/retention-figures.service';
import { LegalHoldReviewJob } from './holds/jobs/legal-hold-review.job';
import { LegalHoldsController } from './holds/legal-holds.controller';
import { LegalHoldsRepository } from './holds/legal-holds.repository';
import { LegalHoldsService } from './holds/legal-holds.service';
import { RetentionRulesModule } from './rules/retention-rules.module';
import { DestructionCertificateService } from './destruction/destruction-certificate.service';
import { DestructionController } from './destruction/destruction.controller';
import { DestructionRepository } from './destruction/destruction.repository';
import { DestructionService } from './destruction/destruction.service';
import { DestructionRunJob } from './destruction/jobs/destruction-run.job';
import { RetentionScanJob } from './destruction/jobs/retention-scan.job';

/**
 * F9: retention rules acted on, legal holds, the destruction queue and its runs with their
 * certificates, and dormant accounts. Destruction goes through the subjects' erasure path (F7);
 * the dormant store is reached only through its database functions.
 */
@Module({
  imports: [AccessLogModule, OutboxModule, StaffModule, SubjectsModule, RetentionRulesModule],
  controllers: [LegalHoldsController, DormancyController, DestructionController],
  providers: [
    LegalHoldsRepository,
    LegalHoldsService,
    LegalHoldReviewJob,
    RetentionFiguresRepository,
    RetentionFiguresService,
    DormancyRepository,
    DormancyService,
    DormancyNoticesJob,
    DormancySeparationJob,
    DestructionRepository,
    DestructionService,
    DestructionCertificateService,
    RetentionScanJob,
    DestructionRunJob,
  ],
  exports: [LegalHoldsService, RetentionFiguresService, RetentionRulesModule, DormancyService, DestructionService],
})
export class RetentionModule {}
