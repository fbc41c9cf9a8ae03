import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { IncidentTemplatesController } from './templates/incident-templates.controller';
import { IncidentTemplatesRepository } from './templates/incident-templates.repository';
import { IncidentTemplatesService } from './templates/incident-templates.service';

/**
 * F8: breach and incident response. Tables: incidents, incident_obligations, incident_tasks,
 * incident_task_evidence, incident_subjects, incident_notifications, incident_audit_links,
 * incident_timeline, incident_templates, incident_template_versions (raw SQL, no entities).
 */
@Module({
  imports: [AccessLogModule],
  controllers: [IncidentTemplatesController],
  providers: [IncidentTemplatesRepository, IncidentTemplatesService],
  exports: [IncidentTemplatesService],
})
export class IncidentsModule {}
