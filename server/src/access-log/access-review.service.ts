import { Injectable } from '@nestjs/common';
import { throwUnlessCan } from '../authorization/abilities';
import type { StaffContext } from '../context/staff-context';
import { CalendarService } from '../calendar/calendar.service';
import { monthBounds, monthOf, workingWindows, type LocalMonth } from '../calendar/working-time';
import { addCalendarDays, localDateOf } from '../calendar/local-date';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { AuditRepository, type ReviewExplanationRow } from './audit.repository';
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

/** The review's kinds of anomaly; a download counts only when it had no reason. */
export const ANOMALY_KINDS = ['bulkReads', 'offHours', 'phiWithoutCase', 'downloads', 'denialBursts'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/**
 * The jurisdiction whose holidays are off-hours for the review: the organisation's (Seoul; the
 * PIPC standard the review follows is Korean).
 */
export const REVIEW_JURISDICTION = 'KR';

export interface ReviewExplanation {
  note: string;
  anomalyCount: number;
  explainedBy: { id: string; displayName: string };
  explainedAt: string;
}

/** One person's anomalies in one session: what the reviewer looks at and explains at once. */
export interface AnomalyGroup {
  key: string;
  actorId: string | null;
  actorRole: string | null;
  sessionId: string | null;
  count: number;
  kinds: Partial<Record<AnomalyKind, number>>;
  firstAt: string;
  lastAt: string;
  firstSeq: number;
  /** Explained, and no anomaly arrived in the group after the last note. */
  explained: boolean;
  explanations: ReviewExplanation[];
}

export interface ReviewResponse {
  month: string;
  timeZone: string;
  from: string;
  to: string;
  /** The month has ended in the organisation's time zone (it may be signed off). */
  over: boolean;
  /** The month it is now in the organisation's time zone: the latest one a review exists for. */
  currentMonth: string;
  thresholds: { bulkReadsPerHour: number; workHours: string; denialBurstPer10Minutes: number };
  anomalies: Record<string, Record<string, unknown>[]>;
  anomalyCount: number;
  groups: AnomalyGroup[];
  unexplainedGroups: number;
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
    private readonly calendar: CalendarService,
  ) {}

  async review(ctx: StaffContext, month: string): Promise<ReviewResponse> {
    throwUnlessCan(ctx.ability, 'read', 'AccessLogReview');
    const result = await this.compute(month);
    await this.recorder.record(
      { action: 'view', resource: 'access-review', outcome: 'success', detail: { month } },
      ctx.origin,
    );
    return result;
  }

  async signOff(ctx: StaffContext, month: string, notes: string): Promise<ReviewResponse> {
    throwUnlessCan(ctx.ability, 'signOff', 'AccessLogReview');
    const review = await this.compute(month);
    if (!review.over) {
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
      signedAt: this.calendar.now(),
      notes,
      anomalyCount: review.anomalyCount,
      // The groups carry the reviewer's explanations: the sign-off keeps them as they stood.
      anomalies: { ...review.anomalies, groups: review.groups },
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
        detail: {
          month,
          signedOff: true,
          anomalyCount: review.anomalyCount,
          unexplainedGroups: review.unexplainedGroups,
        },
      },
      ctx.origin,
    );
    return this.compute(month);
  }

  /**
   * Marks one person's anomalies in one session explained, with a note. The note is appended
   * (never replaced) and written in one transaction with its access-log event; a signed-off
   * month is closed.
   */
  async explain(
    ctx: StaffContext,
    month: string,
    group: { actorId: string | null; sessionId: string | null; note: string },
  ): Promise<ReviewResponse> {
    throwUnlessCan(ctx.ability, 'signOff', 'AccessLogReview');
    const review = await this.compute(month);
    if (review.signOff) {
      throw Problem.of(AccessLogErrorCode.ReviewAlreadySigned, 'This month was signed off already');
    }
    const found = review.groups.find((g) => g.actorId === group.actorId && g.sessionId === group.sessionId);
    if (found === undefined) {
      throw Problem.of(
        AccessLogErrorCode.ReviewGroupNotFound,
        'This month has no anomalies of that person in that session',
      );
    }
    await this.audit.transaction(async (manager) => {
      await this.audit.insertExplanation(
        {
          month,
          actorId: found.actorId,
          sessionId: found.sessionId,
          note: group.note,
          anomalyCount: found.count,
          explainedBy: ctx.id,
          explainedAt: this.calendar.now(),
        },
        manager,
      );
      await this.recorder.record(
        {
          action: 'edit',
          resource: 'access-review',
          outcome: 'success',
          subjectId: found.actorId === null ? null : `staff:${found.actorId}`,
          purpose: group.note,
          detail: { month, explained: { actorId: found.actorId, sessionId: found.sessionId, count: found.count } },
        },
        ctx.origin,
        manager,
      );
    });
    return this.compute(month);
  }

  /**
   * The seqs of one staff member's anomalies in a month (each flagged event; the first event of
   * a bulk-read hour or a denial burst), as the review groups them: an incident opened from the
   * review links them. Downloads count only without a reason, as in the groups.
   */
  async anomalySeqs(month: string, actorId: string): Promise<number[]> {
    const { anomalies } = await this.compute(month);
    const seqs = new Set<number>();
    for (const kind of ANOMALY_KINDS) {
      for (const row of anomalies[kind] ?? []) {
        if (kind === 'downloads' && row.noReason !== true) continue;
        if (text(row.actorId) !== actorId) continue;
        seqs.add(Number(row.seq ?? row.firstSeq));
      }
    }
    return [...seqs].sort((a, b) => a - b);
  }

  /** How many anomalies a month's review flags so far, for the dashboards (a count, no event). */
  async anomalyCount(month: string): Promise<number> {
    return (await this.compute(month)).anomalyCount;
  }

  private async compute(month: LocalMonth): Promise<ReviewResponse> {
    const timeZone = this.calendar.timeZone;
    const { from, to } = monthBounds(month, timeZone);
    const { start, end } = this.config.reviewWorkHours;
    const firstDay = localDateOf(from, timeZone);
    const lastDay = addCalendarDays(localDateOf(to, timeZone), -1);
    const business = await this.calendar.businessCalendar(REVIEW_JURISDICTION, firstDay, lastDay);
    const anomalies = await this.audit.reviewAnomalies({
      from,
      to,
      timeZone,
      bulkPerHour: this.config.reviewBulkReadsPerHour,
      workingWindows: workingWindows(firstDay, lastDay, { startHour: start, endHour: end }, timeZone, business),
      denialBurst: this.config.reviewDenialBurst,
      phiFields: PHI_FIELDS,
      phiResources: PHI_RESOURCES,
    });
    const groups = groupAnomalies(anomalies, await this.audit.explanations(month));
    const anomalyCount = groups.reduce((n, g) => n + g.count, 0);
    const now = this.calendar.now();
    return {
      month,
      timeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      over: to <= now,
      currentMonth: monthOf(this.calendar.today()),
      thresholds: {
        bulkReadsPerHour: this.config.reviewBulkReadsPerHour,
        workHours: `${String(start).padStart(2, '0')}-${String(end).padStart(2, '0')}`,
        denialBurstPer10Minutes: this.config.reviewDenialBurst,
      },
      anomalies,
      anomalyCount,
      groups,
      unexplainedGroups: groups.filter((g) => !g.explained).length,
      signOff: await this.audit.findReview(month),
    };
  }
}

type AnomalyRow = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const instant = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

/**
 * The anomalies by person and session, most first. A row of each kind counts once (a bulk-read
 * hour, a burst of denials, one off-hours event); a download counts only without a reason. Bulk
 * reads and denial bursts belong to the session of their first event.
 */
export function groupAnomalies(
  anomalies: Record<string, AnomalyRow[]>,
  explanations: ReviewExplanationRow[],
): AnomalyGroup[] {
  const groups = new Map<string, AnomalyGroup>();
  for (const kind of ANOMALY_KINDS) {
    for (const row of anomalies[kind] ?? []) {
      if (kind === 'downloads' && row.noReason !== true) continue;
      const actorId = text(row.actorId);
      const sessionId = text(row.sessionId);
      const key = groupKey(actorId, sessionId);
      const firstAt = instant(row.time);
      const lastAt = row.lastTime === undefined ? firstAt : instant(row.lastTime);
      const seq = Number(row.seq ?? row.firstSeq);
      const group = groups.get(key) ?? {
        key,
        actorId,
        actorRole: text(row.actorRole),
        sessionId,
        count: 0,
        kinds: {},
        firstAt,
        lastAt,
        firstSeq: seq,
        explained: false,
        explanations: [],
      };
      group.count += 1;
      group.kinds[kind] = (group.kinds[kind] ?? 0) + 1;
      // ISO 8601 in UTC: comparable as text.
      if (firstAt < group.firstAt) group.firstAt = firstAt;
      if (lastAt > group.lastAt) group.lastAt = lastAt;
      group.firstSeq = Math.min(group.firstSeq, seq);
      groups.set(key, group);
    }
  }
  for (const x of explanations) {
    const group = groups.get(groupKey(x.actorId, x.sessionId));
    if (group === undefined) continue;
    group.explanations.push({
      note: x.note,
      anomalyCount: x.anomalyCount,
      explainedBy: { id: x.explainedBy, displayName: x.explainedByName },
      explainedAt: instant(x.explainedAt),
    });
  }
  for (const group of groups.values()) {
    const last = group.explanations.at(-1);
    group.explained = last !== undefined && last.anomalyCount >= group.count;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.firstSeq - b.firstSeq);
}

const groupKey = (actorId: string | null, sessionId: string | null) => `${actorId ?? '-'}/${sessionId ?? '-'}`;
