import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityEntity } from './activity.entity';
import { LegalDisclosureEntity } from './legal-disclosure.entity';
import { ProcessorEntity } from './processor.entity';
import { ProvisionEntity } from './provision.entity';
import { RegisterPolicyEntity } from './register-policy.entity';
import { RegisterVersionEntity } from './register-version.entity';
import { TransferEntity } from './transfer.entity';
import { AccessLogModule } from '../access-log/access-log.module';
import { RetentionRulesModule } from '../retention/rules/retention-rules.module';
import { StaffModule } from '../staff/staff.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { ActivitiesController } from './activities.controller';
import { DriftChecker } from './drift-check';
import { LegalDisclosuresController } from './legal-disclosures.controller';
import { PolicyRenderer } from './policy-renderer';
import { ProcessorsController } from './processors.controller';
import { ProvisionsController } from './provisions.controller';
import { RegisterAlertCalculator } from './register-alerts';
import { RegisterExporter } from './register-exporter';
import { RegisterImportService } from './register-import.service';
import { RegisterPoliciesController } from './register-policies.controller';
import { RegisterReportsService } from './register-reports.service';
import { RegisterToolsController } from './register-tools.controller';
import { RegistersRepository } from './registers.repository';
import { RegistersService } from './registers.service';
import { TransfersController } from './transfers.controller';

/** F4: the DPO's registers, their history, the policy tables they generate, alerts and exports. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ActivityEntity,
      LegalDisclosureEntity,
      ProcessorEntity,
      ProvisionEntity,
      RegisterPolicyEntity,
      RegisterVersionEntity,
      TransferEntity,
    ]),
    AccessLogModule,
    // Staff and people: the disclosure form names its approver and its person by id.
    StaffModule,
    SubjectsModule,
    // The retention rules activities link to and the policies' records tables list.
    RetentionRulesModule,
  ],
  controllers: [
    RegisterToolsController,
    RegisterPoliciesController,
    ProcessorsController,
    ProvisionsController,
    TransfersController,
    ActivitiesController,
    LegalDisclosuresController,
  ],
  providers: [
    RegistersRepository,
    RegistersService,
    RegisterReportsService,
    RegisterImportService,
    PolicyRenderer,
    DriftChecker,
    RegisterAlertCalculator,
    RegisterExporter,
  ],
  exports: [RegisterImportService, RegistersService, RegisterReportsService],
})
export class RegistersModule {}
