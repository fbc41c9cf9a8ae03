import type { DeadlineState } from '../../calendar/deadline';
import type { LocalDate } from '../../calendar/local-date';
import type {
  ComplaintCategory,
  ComplaintChannel,
  ComplaintEventKind,
  ComplaintSeverity,
  ComplaintStatus,
  EscalationBody,
} from '../complaint-types';

export interface StaffRef {
  id: string;
  displayName: string;
}

/** The 10-day target as of now: null once resolved or closed (then `resolvedOnTime` says how it went). */
export interface ComplaintTarget {
  daysLeft: number;
  state: DeadlineState;
}

/** A row of the inbox. No free text: the summary may name people and stays on the detail page. */
export interface ComplaintListItem {
  id: string;
  reference: string;
  receivedAt: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  status: ComplaintStatus;
  subject: { id: string; name: string } | null;
  rightsRequestId: string | null;
  incidentId: string | null;
  assignee: StaffRef | null;
  targetOn: LocalDate;
  target: ComplaintTarget | null;
  resolvedAt: string | null;
  resolvedOnTime: boolean | null;
  escalationCount: number;
}

export interface EscalationView {
  id: string;
  body: EscalationBody;
  authority: string | null;
  escalatedAt: string;
  reference: string | null;
  /** Omitted for a role that may not read complaint text (the auditor). */
  note?: string | null;
  createdBy: StaffRef;
}

export interface ComplaintEventView {
  id: string;
  kind: ComplaintEventKind;
  detail: Record<string, unknown>;
  actor: StaffRef;
  at: string;
}

export interface ComplaintDetail extends ComplaintListItem {
  /** Omitted for a role that may not read complaint text (the auditor). */
  summary?: string;
  resolution?: string | null;
  createdBy: StaffRef;
  createdAt: string;
  version: number;
  escalations: EscalationView[];
  events: ComplaintEventView[];
  can: { update: boolean; assign: boolean; resolve: boolean; escalate: boolean; close: boolean };
}

/** What a creator who may not read complaints (support) gets back. */
export interface CreatedComplaint {
  id: string;
  reference: string;
  targetOn: LocalDate;
  status: ComplaintStatus;
}

export interface ComplaintMonthSummary {
  month: string;
  timeZone: string;
  /** Complaints received in the month. */
  received: number;
  byCategory: Record<ComplaintCategory, number>;
  bySeverity: Record<ComplaintSeverity, number>;
  /** Of those received in the month, where they stand now. */
  byStatus: Record<ComplaintStatus, number>;
  /** Complaints resolved in the month, on or before their target date, and after it. */
  resolved: { onTime: number; late: number };
  /** Calendar days from receipt to resolution (organisation time zone) of those resolved in the month. */
  medianDaysToResolve: number | null;
  escalationsByBody: Record<EscalationBody, number>;
}

export interface OpenComplaintAges {
  total: number;
  /** Days since receipt: 0–3, 4–7, 8–10, over 10. */
  byAge: { age: '0_3' | '4_7' | '8_10' | 'over_10'; count: number }[];
  /** Open past the target date. */
  overdue: number;
}
