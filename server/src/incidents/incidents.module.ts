import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { IncidentClockEscalationJob } from './jobs/incident-clock-escalation.job';
import { IncidentClocksRepository } from './jobs/incident-clocks.repository';
import { IncidentFiguresService } from './register/incident-figures.service';
import { IncidentRegisterController } from './register/incident-register.controller';
import { IncidentRegisterExporter } from './register/incident-register.exporter';
import { IncidentRegisterRepository } from './register/incident-register.repository';
import { IncidentRegisterService } from './register/incident-register.service';

/**
 * F8: breach and incident response. Tables: incidents, incident_obligations, incident_tasks,
 * incident_task_evidence, incident_subjects, incident_notifications, incident_audit_links,
 * incident_timeline (raw SQL, no entities).
 */
@Module({
  imports: [AccessLogModule, OutboxModule],
  // The register's controller first: its `incidents/register.csv` must not reach `incidents/:id`.
  controllers: [IncidentRegisterController],
  providers: [
    IncidentRegisterRepository,
    IncidentRegisterExporter,
    IncidentRegisterService,
    IncidentFiguresService,
    IncidentClocksRepository,
    IncidentClockEscalationJob,
  ],
  exports: [IncidentFiguresService],
})
export class IncidentsModule {}
