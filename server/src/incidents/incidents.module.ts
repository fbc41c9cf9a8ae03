import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { IncidentAffectedController } from './affected/affected.controller';
import { AffectedRepository } from './affected/affected.repository';
import { IncidentAffectedService } from './affected/affected.service';

/**
 * F8: breach and incident response. Tables: incidents, incident_obligations, incident_tasks,
 * incident_task_evidence, incident_subjects, incident_notifications, incident_audit_links,
 * incident_timeline (raw SQL, no entities).
 */
@Module({
  imports: [AccessLogModule, OutboxModule, SubjectsModule],
  controllers: [IncidentAffectedController],
  providers: [AffectedRepository, IncidentAffectedService],
  exports: [IncidentAffectedService],
})
export class IncidentsModule {}
