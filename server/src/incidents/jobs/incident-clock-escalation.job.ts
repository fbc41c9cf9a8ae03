import { Injectable, OnModuleInit } from '@nestjs/common';
import { CalendarService } from '../../calendar/calendar.service';
import { instantAfter } from '../../calendar/instant';
import type { JobCounts } from '../../jobs/job-definition';
import { JobRunner } from '../../jobs/job-runner';
import { IncidentsService } from '../incidents.service';
import { DUE_SOON_MINUTES } from '../obligations/notification-engine';
import { IncidentClocksRepository } from './incident-clocks.repository';

/** Every 10 minutes: pending notification clocks under 24 h become 'due_soon', past due 'overdue'. */
export const INCIDENT_CLOCK_ESCALATION_JOB = 'incident-clock-escalation';

@Injectable()
export class IncidentClockEscalationJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly clocks: IncidentClocksRepository,
    private readonly incidents: IncidentsService,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: INCIDENT_CLOCK_ESCALATION_JOB,
      cron: '*/10 * * * *',
      singleton: true,
      run: () => this.run(),
    });
  }

  /**
   * One transaction: each claimed obligation is marked with its step and gets its timeline entry
   * together, so a rerun or a second instance writes no step twice. A clock found already past
   * due goes straight to 'overdue' (the 'due_soon' step is no longer true).
   */
  async run(): Promise<JobCounts> {
    return this.clocks.transaction(async () => {
      const now = this.calendar.now();
      const rows = await this.clocks.toEscalate(now, instantAfter(now, DUE_SOON_MINUTES * 60_000));
      const counts = { dueSoon: 0, overdue: 0 };
      for (const row of rows) {
        const escalation = row.dueAt <= now ? 'overdue' : 'due_soon';
        counts[escalation === 'overdue' ? 'overdue' : 'dueSoon'] += 1;
        await this.clocks.markEscalated(row.id, escalation, now);
        // A system entry: no one acted.
        await this.incidents.appendTimeline(
          row.incidentId,
          'clock_escalated',
          { code: row.code, escalation, dueAt: row.dueAt.toISOString() },
          null,
        );
      }
      return counts;
    });
  }
}
