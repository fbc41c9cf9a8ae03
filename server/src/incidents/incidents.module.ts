import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { TemplateRenderer } from '../outbox/template-renderer';
import { IncidentNoticesController } from './notices/incident-notices.controller';
import { IncidentNoticesService } from './notices/incident-notices.service';
import { IncidentNoticesRepository } from './notices/notices.repository';
import { SubjectsModule } from '../subjects/subjects.module';
import { IncidentClockEscalationJob } from './jobs/incident-clock-escalation.job';
import { IncidentClocksRepository } from './jobs/incident-clocks.repository';
import { IncidentFiguresService } from './register/incident-figures.service';
import { IncidentRegisterController } from './register/incident-register.controller';
import { IncidentRegisterExporter } from './register/incident-register.exporter';
import { IncidentRegisterRepository } from './register/incident-register.repository';
import { IncidentRegisterService } from './register/incident-register.service';
import { IncidentTemplatesController } from './templates/incident-templates.controller';
import { IncidentTemplatesRepository } from './templates/incident-templates.repository';
import { IncidentTemplatesService } from './templates/incident-templates.service';
import { IncidentAffectedController } from './affected/affected.controller';
import { AffectedRepository } from './affected/affected.repository';
import { IncidentAffectedService } from './affected/affected.service';
import { DefaultObligationEngine, NoAnomalyLinker, NoTemplateTaskSource } from './default-ports';
import { ANOMALY_LINKER, INCIDENT_TASK_SOURCE, OBLIGATION_ENGINE } from './incident-ports';
import { IncidentTasksService } from './incident-tasks.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';
import { NotificationRulesController } from './obligations/notification-rules.controller';
import { NotificationRulesRepository } from './obligations/notification-rules.repository';
import { NotificationRulesService } from './obligations/notification-rules.service';

/**
 * F8: breach and incident response. Tables: incidents, incident_obligations, incident_tasks,
 * incident_task_evidence, incident_subjects, incident_notifications, incident_audit_links,
 * incident_timeline (raw SQL, no entities).
 *
 * The three ports are bound to stand-ins (default-ports.ts) until the notification engine
 * (obligations/), the checklist templates (templates/) and the affected people (affected/) land:
 * then each binding becomes `{ provide: TOKEN, useExisting: TheRealService }`. Controllers with
 * fixed paths under /incidents (register.csv, notification-rules, …) must be listed before
 * IncidentsController, whose `:id` would otherwise take them.
 */
@Module({
  imports: [AccessLogModule, OutboxModule, SubjectsModule],
  // The fixed paths (incidents/notification-rules) before incidents/:id.
  controllers: [
    IncidentTemplatesController,
    NotificationRulesController,
    IncidentNoticesController,
    IncidentRegisterController,
    IncidentAffectedController,
    IncidentsController,
  ],
  providers: [
    IncidentsRepository,
    IncidentsService,
    IncidentTasksService,
    NotificationRulesRepository,
    NotificationRulesService,
    IncidentNoticesRepository,
    IncidentNoticesService,
    // Stateless; renders a notice from the template version it was saved with.
    TemplateRenderer,
    AffectedRepository,
    IncidentAffectedService,
    IncidentTemplatesRepository,
    IncidentTemplatesService,
    IncidentRegisterRepository,
    IncidentRegisterExporter,
    IncidentRegisterService,
    IncidentFiguresService,
    IncidentClocksRepository,
    IncidentClockEscalationJob,
    DefaultObligationEngine,
    NoTemplateTaskSource,
    NoAnomalyLinker,
    { provide: OBLIGATION_ENGINE, useExisting: DefaultObligationEngine },
    { provide: INCIDENT_TASK_SOURCE, useExisting: IncidentTemplatesService },
    { provide: ANOMALY_LINKER, useExisting: IncidentAffectedService },
  ],
  exports: [
    IncidentsService,
    IncidentsRepository,
    NotificationRulesService,
    IncidentNoticesService,
    IncidentAffectedService,
    IncidentFiguresService,
    IncidentTemplatesService,
  ],
})
export class IncidentsModule {}
