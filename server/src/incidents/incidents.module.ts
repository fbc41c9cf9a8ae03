import { Module } from '@nestjs/common';
import { NotificationRulesController } from './obligations/notification-rules.controller';
import { NotificationRulesRepository } from './obligations/notification-rules.repository';
import { NotificationRulesService } from './obligations/notification-rules.service';

/**
 * F8: breach and incident response. Tables: incidents, incident_obligations, incident_tasks,
 * incident_task_evidence, incident_subjects, incident_notifications, incident_audit_links,
 * incident_timeline, incident_notification_rules (raw SQL, no entities).
 */
@Module({
  imports: [],
  // The fixed paths (incidents/notification-rules) before incidents/:id.
  controllers: [NotificationRulesController],
  providers: [NotificationRulesRepository, NotificationRulesService],
  exports: [NotificationRulesService],
})
export class IncidentsModule {}
