import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { MasterKey } from '../common/master-key';
import { AppConfig } from '../config/app-config';
import { BlindIndex } from './crypto/blind-index';
import { Keyring } from './crypto/keyring';
import { SubjectCrypto } from './crypto/subject-crypto';
import { SubjectFiguresService } from './subject-figures.service';
import { SubjectNamesService } from './subject-names.service';
import { SubjectKeysService } from './subject-keys.service';
import { SubjectPlaintextSealer } from './subject-plaintext-sealer';
import { ComplianceFindingsController, SubjectsController } from './subjects.controller';
import { SubjectsRepository } from './subjects.repository';
import { SubjectsService } from './subjects.service';
import { ComplianceFindingsService } from './compliance-findings.service';
import { FindingWorkRepository } from './finding-work.repository';
import { SubjectFulfilmentService } from './fulfilment/subject-fulfilment.service';
import { ChildResealRepository, FulfilmentRepository } from './fulfilment/fulfilment.repository';
import { SubjectKeyRotationJob } from './fulfilment/key-rotation.job';
import { ChildRecordResealer } from './fulfilment/child-record-resealer';
import { SubjectExportService } from './export/subject-export.service';
import { SubjectExportRepository } from './export/subject-export.repository';
import { OutboxModule } from '../outbox/outbox.module';
import { DormantStoreService } from './dormancy/dormant-store.service';
import { DormancyCandidatesRepository, DormantStoreRepository } from './dormancy/dormant-store.repository';
import { RetentionRulesModule } from '../retention/rules/retention-rules.module';

@Module({
  // The export renders through F6's documents. It does not import the registers (they import this
  // module for people's names): its caller hands it the register facts (ExportOptions.registerFacts).
  // The retention rules: how long a statute keeps what an erasure may not yet destroy.
  imports: [AccessLogModule, OutboxModule, RetentionRulesModule],
  controllers: [SubjectsController, ComplianceFindingsController],
  providers: [
    SubjectsRepository,
    SubjectsService,
    FindingWorkRepository,
    ComplianceFindingsService,
    SubjectFiguresService,
    SubjectNamesService,
    SubjectKeysService,
    SubjectPlaintextSealer,
    SubjectFulfilmentService,
    FulfilmentRepository,
    ChildResealRepository,
    SubjectKeyRotationJob,
    ChildRecordResealer,
    SubjectExportService,
    SubjectExportRepository,
    DormantStoreRepository,
    DormancyCandidatesRepository,
    DormantStoreService,
    {
      provide: SubjectCrypto,
      useFactory: (config: AppConfig, masterKey: MasterKey) =>
        new SubjectCrypto(new Keyring(config.keyringFile, masterKey.key), new BlindIndex(masterKey.key)),
      inject: [AppConfig, MasterKey],
    },
  ],
  exports: [
    SubjectsService,
    SubjectKeysService,
    SubjectFiguresService,
    SubjectNamesService,
    SubjectFulfilmentService,
    SubjectExportService,
    DormantStoreService,
  ],
})
export class SubjectsModule {}
