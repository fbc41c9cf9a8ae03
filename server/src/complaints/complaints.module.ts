import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { StaffModule } from '../staff/staff.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService } from './complaints.service';

/** F7: the DPO's complaint inbox. Tables: complaints, complaint_escalations, complaint_events (raw SQL, no entities). */
@Module({
  imports: [AccessLogModule, StaffModule, SubjectsModule],
  controllers: [ComplaintsController],
  providers: [ComplaintsRepository, ComplaintsService],
  exports: [ComplaintsService],
})
export class ComplaintsModule {}
