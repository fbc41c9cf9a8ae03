import { Injectable, OnModuleInit } from '@nestjs/common';
import { calendarDaysBetween } from '../../calendar/local-date';
import { CalendarService } from '../../calendar/calendar.service';
import { AppConfig } from '../../config/app-config';
import type { JobCounts } from '../../jobs/job-definition';
import { JobRunner } from '../../jobs/job-runner';
import { OutboxService } from '../../outbox/outbox.service';
import { RightsRequestsRepository } from '../rights-requests.repository';

/** Daily at 08:30 (organisation time): requests at risk or overdue, each told to its assignee once per state. */
export const REQUEST_REMINDERS_JOB = 'rights-request-reminders';

const STATE_TEXT = {
  at_risk: { ko: '임박', en: 'at risk' },
  overdue: { ko: '경과', en: 'overdue' },
} as const;

@Injectable()
export class RequestRemindersJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly repo: RightsRequestsRepository,
    private readonly outbox: OutboxService,
    private readonly calendar: CalendarService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: REQUEST_REMINDERS_JOB,
      cron: '30 8 * * *',
      singleton: true,
      run: () => this.run(),
    });
  }

  /**
   * One transaction: the rows are claimed (SKIP LOCKED), marked with the state reminded, given a
   * timeline event and their notice queued together, so a second instance or a rerun sends none
   * twice. A request without an assignee gets the event only (the DPO's dashboard counts it).
   */
  async run(): Promise<JobCounts> {
    return this.repo.transaction(async () => {
      const today = this.calendar.today();
      const now = this.calendar.now();
      const rows = await this.repo.dueForReminder(today, this.calendar.timeZone, this.config.rightsRequestAtRiskShare);
      const counts = { atRisk: 0, overdue: 0, notified: 0 };
      for (const row of rows) {
        const daysLeft = calendarDaysBetween(today, row.dueOn);
        const state = daysLeft < 0 ? 'overdue' : 'at_risk';
        counts[state === 'overdue' ? 'overdue' : 'atRisk'] += 1;
        let messageId: string | null = null;
        if (row.assigneeId !== null && row.assigneeEmail !== null) {
          messageId = await this.outbox.enqueue({
            templateKey: 'rights-request.staff-reminder',
            language: 'ko',
            recipient: { kind: 'staff', id: row.assigneeId, address: row.assigneeEmail },
            data: {
              reference: row.reference,
              dueOn: row.dueOn,
              daysLeft,
              stateKo: STATE_TEXT[state].ko,
              stateEn: STATE_TEXT[state].en,
            },
            reference: `rights-request:${row.id}`,
          });
          counts.notified += 1;
        }
        await this.repo.update(row.id, { remindedState: state }, now);
        await this.repo.insertEvent({
          requestId: row.id,
          action: state === 'overdue' ? 'reminder_overdue' : 'reminder_at_risk',
          actorId: null,
          fromStatus: row.status,
          toStatus: row.status,
          at: now,
          detail: { dueOn: row.dueOn, daysLeft, assigneeId: row.assigneeId, messageId },
        });
      }
      return counts;
    });
  }
}
