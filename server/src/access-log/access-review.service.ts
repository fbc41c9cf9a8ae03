import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import type { StaffContext } from '../context/staff-context';
import { Clock } from '../common/clock';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { AuditRepository } from './audit.repository';
import { AuditSequencer } from './audit-sequencer';
import { AuditService } from './audit.service';
import { AccessLogErrorCode } from './access-log.errors';

/**
 * Field and resource names that mean PHI or counseling content in an event. Features that
 * read such data (subjects, requests) must name their fields with these, so the review finds them.
 */
export const PHI_FIELDS = [
  'phi',
  'counselingNotes',
  'psychotherapyNotes',
  'counselingRecord',
  'expertOpinion',
  'sensitiveData',
  'counselingInterest',
  'bookingTopic',
];
export const PHI_RESOURCES = ['phi', 'counseling-record'];

export interface ReviewResponse {
  month: string;
  timeZone: string;
  from: string;
  to: string;
  thresholds: { bulkReadsPerHour: number; workHours: string; denialBurstPer10Minutes: number };
  anomalies: Record<string, Record<string, unknown>[]>;
  anomalyCount: number;
  signOff: Record<string, unknown> | null;
}

/** The monthly access-log review (PIPC security standard Art. 8) and its sign-off. */
@Injectable()
export class AccessReviewService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly recorder: AuditService,
    private readonly sequencer: AuditSequencer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async review(ctx: StaffContext, month: string): Promise<ReviewResponse> {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'AccessLogReview');
    const result = await this.compute(month);
    await this.recorder.record(
      { action: 'view', resource: 'access-review', outcome: 'success', detail: { month } },
      ctx.origin,
    );
    return result;
  }

  async signOff(ctx: StaffContext, month: string, notes: string): Promise<ReviewResponse> {
    ForbiddenError.from(ctx.ability).throwUnlessCan('signOff', 'AccessLogReview');
    const review = await this.compute(month);
    if (Date.parse(review.to) > this.clock.now().getTime()) {
      throw Problem.of(AccessLogErrorCode.MonthNotOver, 'A month is signed off once it is over', [
        { field: 'month', code: AccessLogErrorCode.MonthNotOver, message: 'Wait until the month has ended' },
      ]);
    }
    // The sign-off names the log as it stands, covered by a signed head.
    await this.sequencer.flush().catch(() => undefined);
    const heads = await this.audit.heads();
    const stored = await this.audit.insertReview({
      month,
      signedBy: ctx.id,
      signedAt: this.clock.now(),
      notes,
      anomalyCount: review.anomalyCount,
      anomalies: review.anomalies,
      treeSize: heads.at(-1)?.treeSize ?? 0,
    });
    if (!stored) {
      throw Problem.of(AccessLogErrorCode.ReviewAlreadySigned, 'This month was signed off already');
    }
    await this.recorder.record(
      {
        action: 'edit',
        resource: 'access-review',
        outcome: 'success',
        detail: { month, signedOff: true, anomalyCount: review.anomalyCount },
      },
      ctx.origin,
    );
    return this.compute(month);
  }

  /** How many anomalies a month's review flags so far, for the dashboards (a count, no event). */
  async anomalyCount(month: string): Promise<number> {
    return (await this.compute(month)).anomalyCount;
  }

  private async compute(month: string): Promise<ReviewResponse> {
    const { from, to } = await this.audit.monthRange(month, this.config.orgTimeZone);
    const { start, end } = this.config.reviewWorkHours;
    const anomalies = await this.audit.reviewAnomalies({
      from,
      to,
      timeZone: this.config.orgTimeZone,
      bulkPerHour: this.config.reviewBulkReadsPerHour,
      workStart: start,
      workEnd: end,
      denialBurst: this.config.reviewDenialBurst,
      phiFields: PHI_FIELDS,
      phiResources: PHI_RESOURCES,
    });
    const unexplainedDownloads = anomalies.downloads.filter((d) => d.noReason === true).length;
    const anomalyCount =
      anomalies.bulkReads.length +
      anomalies.offHours.length +
      anomalies.phiWithoutCase.length +
      anomalies.denialBursts.length +
      unexplainedDownloads;
    return {
      month,
      timeZone: this.config.orgTimeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      thresholds: {
        bulkReadsPerHour: this.config.reviewBulkReadsPerHour,
        workHours: `${String(start).padStart(2, '0')}-${String(end).padStart(2, '0')}`,
        denialBurstPer10Minutes: this.config.reviewDenialBurst,
      },
      anomalies,
      anomalyCount,
      signOff: await this.audit.findReview(month),
    };
  }
}
