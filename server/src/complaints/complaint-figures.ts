import { calendarDaysBetween, localDateOf, type LocalDate } from '../calendar/local-date';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUSES,
  ESCALATION_BODIES,
  type ComplaintCategory,
  type ComplaintSeverity,
  type ComplaintStatus,
  type EscalationBody,
} from './complaint-types';
import type { ComplaintMonthSummary, OpenComplaintAges } from './dto/complaint-response.dto';

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export interface SummaryInput {
  month: string;
  timeZone: string;
  monthStart: Date;
  monthEnd: Date;
  complaints: {
    receivedAt: Date;
    category: ComplaintCategory;
    severity: ComplaintSeverity;
    status: ComplaintStatus;
    targetOn: LocalDate;
    resolvedAt: Date | null;
  }[];
  escalations: { body: EscalationBody; count: number }[];
}

const within = (at: Date, from: Date, to: Date) => at >= from && at < to;

/** The DPO's monthly complaint figures (counts only: no complaint is named). */
export function monthSummary(input: SummaryInput): ComplaintMonthSummary {
  const { monthStart, monthEnd, timeZone } = input;
  const received = input.complaints.filter((c) => within(c.receivedAt, monthStart, monthEnd));
  const resolved = input.complaints.filter(
    (c): c is typeof c & { resolvedAt: Date } => c.resolvedAt !== null && within(c.resolvedAt, monthStart, monthEnd),
  );
  const byCategory = zeroes(COMPLAINT_CATEGORIES);
  const bySeverity = zeroes(COMPLAINT_SEVERITIES);
  const byStatus = zeroes(COMPLAINT_STATUSES);
  for (const c of received) {
    byCategory[c.category] += 1;
    bySeverity[c.severity] += 1;
    byStatus[c.status] += 1;
  }
  // On time: resolved on or before the target date, in the organisation's calendar.
  const onTime = resolved.filter((c) => localDateOf(c.resolvedAt, timeZone) <= c.targetOn).length;
  const escalationsByBody = zeroes(ESCALATION_BODIES);
  for (const e of input.escalations) escalationsByBody[e.body] += e.count;
  return {
    month: input.month,
    timeZone,
    received: received.length,
    byCategory,
    bySeverity,
    byStatus,
    resolved: { onTime, late: resolved.length - onTime },
    medianDaysToResolve: median(
      resolved.map((c) =>
        calendarDaysBetween(localDateOf(c.receivedAt, timeZone), localDateOf(c.resolvedAt, timeZone)),
      ),
    ),
    escalationsByBody,
  };
}

/** Open complaints by days since receipt (0–3, 4–7, 8–10, over 10), for the DPO's dashboard. */
export function openAges(
  byDay: { day: LocalDate; count: number }[],
  today: LocalDate,
  overdue: number,
): OpenComplaintAges {
  const buckets: OpenComplaintAges['byAge'] = [
    { age: '0_3', count: 0 },
    { age: '4_7', count: 0 },
    { age: '8_10', count: 0 },
    { age: 'over_10', count: 0 },
  ];
  for (const { day, count } of byDay) {
    const age = calendarDaysBetween(day, today);
    buckets[age <= 3 ? 0 : age <= 7 ? 1 : age <= 10 ? 2 : 3].count += count;
  }
  return { total: buckets.reduce((n, b) => n + b.count, 0), byAge: buckets, overdue };
}
