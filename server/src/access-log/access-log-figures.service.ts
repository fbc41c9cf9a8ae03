import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { addCalendarDays, addCalendarMonths, endOfLocalDate, startOfLocalDate } from '../calendar/local-date';
import { AppConfig } from '../config/app-config';
import { AccessLogFiguresRepository, type AccessLogDayCounts } from './access-log-figures.repository';
import { AccessReviewService, PHI_FIELDS, PHI_RESOURCES } from './access-review.service';
import { AuditRepository } from './audit.repository';

// The figures' shape is part of this service's answer, for the dashboard.
export type { AccessLogDayCounts };

export interface ReviewStatus {
  /** The current month (YYYY-MM, organisation time) and what its review flags so far. */
  currentMonth: string;
  currentAnomalies: number;
  /** The month just over: the one waiting for a sign-off, if it has none. */
  previousMonth: string;
  previousSignedOff: boolean;
  lastSignedMonth: string | null;
  /** The last `months` months, oldest first, each signed off or not. */
  months: { month: string; signedOff: boolean }[];
}

export interface IntegrityStatus {
  lastVerification: { result: 'intact' | 'tampered' | 'error'; finishedAt: string; treeSize: number } | null;
  latestHead: { treeSize: number; signedAt: string } | null;
}

/**
 * Figures about the access log for the home dashboards: counts per day and statuses, never an
 * event. Callers (the dashboard) check the role; these are aggregates, not personal data.
 */
@Injectable()
export class AccessLogFiguresService {
  constructor(
    private readonly figures: AccessLogFiguresRepository,
    private readonly audit: AuditRepository,
    private readonly reviews: AccessReviewService,
    private readonly calendar: CalendarService,
    private readonly config: AppConfig,
  ) {}

  /** The last `days` local days, today included, oldest first. */
  async daily(days: number): Promise<AccessLogDayCounts[]> {
    const timeZone = this.calendar.timeZone;
    const lastDay = this.calendar.today();
    const firstDay = addCalendarDays(lastDay, -(days - 1));
    const { start, end } = this.config.reviewWorkHours;
    return this.figures.dailyCounts({
      from: startOfLocalDate(firstDay, timeZone),
      to: endOfLocalDate(lastDay, timeZone),
      firstDay,
      lastDay,
      timeZone,
      workStart: start,
      workEnd: end,
      bulkPerHour: this.config.reviewBulkReadsPerHour,
      phiFields: PHI_FIELDS,
      phiResources: PHI_RESOURCES,
    });
  }

  async reviewStatus(months = 6): Promise<ReviewStatus> {
    const today = this.calendar.today();
    const monthOf = (back: number) => addCalendarMonths(today, -back).slice(0, 7);
    const list = Array.from({ length: months }, (_, i) => monthOf(months - i));
    const currentMonth = monthOf(0);
    const previousMonth = monthOf(1);
    const { signed, latest } = await this.figures.signedMonths(list);
    return {
      currentMonth,
      currentAnomalies: await this.reviews.anomalyCount(currentMonth),
      previousMonth,
      previousSignedOff: signed.includes(previousMonth),
      lastSignedMonth: latest,
      months: list.map((month) => ({ month, signedOff: signed.includes(month) })),
    };
  }

  async integrity(): Promise<IntegrityStatus> {
    const verification = await this.audit.latestVerification();
    const head = await this.figures.latestHead();
    return {
      lastVerification: verification && {
        result: verification.result,
        finishedAt: new Date(verification.finishedAt).toISOString(),
        treeSize: verification.treeSize,
      },
      latestHead: head && { treeSize: head.treeSize, signedAt: head.signedAt.toISOString() },
    };
  }
}
