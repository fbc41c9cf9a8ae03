import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { IncidentAffectedController } from './affected/affected.controller';
import { AffectedRepository } from './affected/affected.repository';
import { IncidentAffectedService } from './affected/affected.service';
import { EngineObligations } from './engine-obligations';
import { ANOMALY_LINKER, INCIDENT_TASK_SOURCE, OBLIGATION_ENGINE } from './incident-ports';
import { IncidentTasksService } from './incident-tasks.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { IncidentNoticesController } from './notices/incident-notices.controller';
import { IncidentNoticesService } from './notices/incident-notices.service';
import { IncidentNoticesRepository } from './notices/notices.repository';
import { NotificationRulesController } from './obligations/notification-rules.controller';
import { NotificationRulesRepository } from './obligations/notification-rules.repository';
import { NotificationRulesService } from './obligations/notification-rules.service';
import { IncidentTemplatesController } from './templates/incident-templates.controller';
import { IncidentTemplatesRepository } from './templates/incident-templates.repository';
import { IncidentTemplatesService } from './templates/incident-templates.service';
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
 * incident_timeline, incident_notification_rules, incident_notices (raw SQL, no entities).
 *
 * The core reaches the other parts through three ports (incident-ports.ts).
 */
@Module({
  imports: [AccessLogModule, OutboxModule, SubjectsModule],
  // The fixed paths (incidents/notification-rules, register.csv, …) before incidents/:id.
  controllers: [
    IncidentRegisterController,
    IncidentTemplatesController,
    NotificationRulesController,
    IncidentNoticesController,
    IncidentAffectedController,
    IncidentsController,
  ],
  providers: [
    NotificationRulesRepository,
    NotificationRulesService,
    IncidentsRepository,
    IncidentsService,
    IncidentTasksService,
    EngineObligations,
    IncidentNoticesRepository,
    IncidentNoticesService,
    AffectedRepository,
    IncidentAffectedService,
    IncidentRegisterRepository,
    IncidentRegisterExporter,
    IncidentRegisterService,
    IncidentFiguresService,
    IncidentClocksRepository,
    IncidentClockEscalationJob,
    IncidentTemplatesRepository,
    IncidentTemplatesService,
    { provide: OBLIGATION_ENGINE, useExisting: EngineObligations },
    { provide: INCIDENT_TASK_SOURCE, useExisting: IncidentTemplatesService },
    { provide: ANOMALY_LINKER, useExisting: IncidentAffectedService },
  ],
  exports: [
    NotificationRulesService,
    IncidentsService,
    IncidentsRepository,
    IncidentNoticesService,
    IncidentAffectedService,
    IncidentFiguresService,
    IncidentTemplatesService,
  ],
})
export class IncidentsModule {}
