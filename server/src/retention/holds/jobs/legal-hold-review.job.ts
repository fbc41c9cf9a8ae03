import { Injectable, OnModuleInit } from '@nestjs/common';
import { CalendarService } from '../../../calendar/calendar.service';
import type { JobCounts } from '../../../jobs/job-definition';
import { JobRunner } from '../../../jobs/job-runner';
import { OutboxService } from '../../../outbox/outbox.service';
import type { LegalHoldSource } from '../../retention-types';
import { LegalHoldsRepository } from '../legal-holds.repository';

/** Daily at 08:00 (organisation time): each active hold whose review date has come, told to its owner once per date. */
export const LEGAL_HOLD_REVIEW_JOB = 'retention-hold-review';

const SOURCE_TEXT: Record<LegalHoldSource, { ko: string; en: string }> = {
  incident: { ko: '침해사고', en: 'incident' },
  litigation: { ko: '소송', en: 'litigation' },
  regulator_inquiry: { ko: '감독기관 조사', en: "regulator's inquiry" },
  rights_request: { ko: '권리 요구 검토', en: 'rights request under review' },
};

@Injectable()
export class LegalHoldReviewJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly holds: LegalHoldsRepository,
    private readonly outbox: OutboxService,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: LEGAL_HOLD_REVIEW_JOB,
      cron: '0 8 * * *',
      singleton: true,
      run: () => this.run(),
    });
  }

  /**
   * One transaction: the holds are claimed (SKIP LOCKED), marked with the review date reminded of,
   * given a timeline event and their message queued together, so a rerun or a second instance
   * sends none twice. Moving the review date makes the hold due again on the new date. Staff have
   * no language of their own: the reminder goes in Korean, as the rights-request reminders do.
   */
  async run(): Promise<JobCounts> {
    return this.holds.transaction(async () => {
      const today = this.calendar.today();
      const now = this.calendar.now();
      const counts = { reminded: 0, ownerUnreachable: 0 };
      for (const hold of await this.holds.dueForReminder(today)) {
        let messageId: string | null = null;
        if (hold.ownerActive && hold.ownerEmail !== null) {
          messageId = await this.outbox.enqueue({
            templateKey: 'retention.hold-review',
            language: 'ko',
            recipient: { kind: 'staff', id: hold.ownerId, address: hold.ownerEmail },
            data: {
              reference: hold.reference,
              reviewOn: hold.reviewOn,
              sourceKo: SOURCE_TEXT[hold.source].ko,
              sourceEn: SOURCE_TEXT[hold.source].en,
            },
            reference: `legal-hold:${hold.id}`,
          });
          counts.reminded += 1;
        } else {
          counts.ownerUnreachable += 1;
        }
        await this.holds.markReminded(hold.id, hold.reviewOn);
        await this.holds.addEvent(hold.id, 'reminded', { reviewOn: hold.reviewOn, messageId }, null, now);
      }
      return counts;
    });
  }
}
