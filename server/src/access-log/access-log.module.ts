import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AccessLogController } from './access-log.controller';
import { AccessLogFiguresRepository } from './access-log-figures.repository';
import { AccessLogFiguresService } from './access-log-figures.service';
import { AccessLogService } from './access-log.service';
import { AccessReviewService } from './access-review.service';
import { AuditRepository } from './audit.repository';
import { AuditOwnerSetup } from './audit-owner-setup';
import { AuditSequencer } from './audit-sequencer';
import { AuditService } from './audit.service';
import { AuditPurgeService } from './audit-purge.service';
import { AuditSigner } from './audit-signer';
import { AuditVerificationService } from './audit-verification.service';
import { AuthEventService } from './auth-event.service';
import { AccessLogPurgeJob } from './jobs/purge.job';

@Module({
  controllers: [AccessLogController],
  providers: [
    AccessLogService,
    AuditVerificationService,
    AccessReviewService,
    AuditPurgeService,
    AccessLogPurgeJob,
    AuditRepository,
    AuditService,
    AuditOwnerSetup,
    AuditSequencer,
    AuthEventService,
    AccessLogFiguresRepository,
    AccessLogFiguresService,
    { provide: AuditSigner, useFactory: (config: AppConfig) => AuditSigner.load(config), inject: [AppConfig] },
  ],
  exports: [
    AuditService,
    AuthEventService,
    AuditSequencer,
    AuditRepository,
    AccessLogService,
    AccessLogFiguresService,
    AccessReviewService,
  ],
})
export class AccessLogModule {}
