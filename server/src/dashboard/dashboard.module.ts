import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { RegistersModule } from '../registers/registers.module';
import { RetentionModule } from '../retention/retention.module';
import { RightsRequestsModule } from '../rights-requests/rights-requests.module';
import { StaffModule } from '../staff/staff.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** F6: the home dashboards. No tables of its own: it asks each feature's service for counts. */
@Module({
  imports: [
    AccessLogModule,
    ComplaintsModule,
    IncidentsModule,
    RegistersModule,
    RetentionModule,
    RightsRequestsModule,
    StaffModule,
    SubjectsModule,
  ],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}
