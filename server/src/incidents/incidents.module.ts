import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { TemplateRenderer } from '../outbox/template-renderer';
import { IncidentNoticesController } from './notices/incident-notices.controller';
import { IncidentNoticesService } from './notices/incident-notices.service';
import { IncidentNoticesRepository } from './notices/notices.repository';
import { NotificationRulesController } from './obligations/notification-rules.controller';
import { NotificationRulesRepository } from './obligations/notification-rules.repository';
import { NotificationRulesService } from './obligations/notification-rules.service';

/**
 * F8: breach and incident response. Tables: incidents, incident_obligations, incident_tasks,
 * incident_task_evidence, incident_subjects, incident_notifications, incident_audit_links,
 * incident_timeline, incident_notification_rules, incident_notices (raw SQL, no entities).
 */
@Module({
  imports: [AccessLogModule, OutboxModule],
  // The fixed paths (incidents/notification-rules) before incidents/:id.
  controllers: [NotificationRulesController, IncidentNoticesController],
  providers: [
    NotificationRulesRepository,
    NotificationRulesService,
    IncidentNoticesRepository,
    IncidentNoticesService,
    // Stateless; renders a notice from the template version it was saved with.
    TemplateRenderer,
  ],
  exports: [NotificationRulesService, IncidentNoticesService],
})
export class IncidentsModule {}
