import { Module } from '@nestjs/common';

/**
 * F8: breach and incident response. Tables: incidents, incident_obligations, incident_tasks,
 * incident_task_evidence, incident_subjects, incident_notifications, incident_audit_links,
 * incident_timeline (raw SQL, no entities).
 */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class IncidentsModule {}
