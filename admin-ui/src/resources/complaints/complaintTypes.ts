/** The server's /api/complaints answers (server/src/complaints/dto/complaint-response.dto.ts). */
export const COMPLAINT_CHANNELS = ['in_app', 'email', 'phone', 'letter', 'dpo_mailbox'] as const;
export const COMPLAINT_CATEGORIES = [
  'access_refused',
  'excessive_collection',
  'unwanted_marketing',
  'breach_concern',
  'consent',
  'third_party_sharing',
  'security',
  'other',
] as const;
export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const COMPLAINT_STATUSES = ['open', 'investigating', 'resolved', 'escalated', 'closed'] as const;
export const ESCALATION_BODIES = ['kisa_118', 'kopico', 'police_cyber', 'eu_supervisory_authority'] as const;

export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export type EscalationBody = (typeof ESCALATION_BODIES)[number];

interface StaffRef {
  id: string;
  displayName: string;
}

export interface ComplaintRow {
  id: string;
  reference: string;
  receivedAt: string;
  channel: (typeof COMPLAINT_CHANNELS)[number];
  category: (typeof COMPLAINT_CATEGORIES)[number];
  severity: ComplaintSeverity;
  status: ComplaintStatus;
  subject: { id: string; name: string } | null;
  rightsRequestId: string | null;
  incidentId: string | null;
  assignee: StaffRef | null;
  targetOn: string;
  target: { daysLeft: number; state: 'on_time' | 'at_risk' | 'overdue' } | null;
  resolvedAt: string | null;
  resolvedOnTime: boolean | null;
  escalationCount: number;
}

export interface ComplaintDetail extends ComplaintRow {
  summary?: string;
  resolution?: string | null;
  createdBy: StaffRef;
  createdAt: string;
  escalations: {
    id: string;
    body: EscalationBody;
    authority: string | null;
    escalatedAt: string;
    reference: string | null;
    note?: string | null;
    createdBy: StaffRef;
  }[];
  events: { id: string; kind: string; detail: Record<string, unknown>; actor: StaffRef; at: string }[];
  can: { update: boolean; assign: boolean; resolve: boolean; escalate: boolean; close: boolean };
}

export interface ComplaintMonthSummary {
  month: string;
  timeZone: string;
  received: number;
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  byStatus: Record<string, number>;
  resolved: { onTime: number; late: number };
  medianDaysToResolve: number | null;
  escalationsByBody: Record<string, number>;
}

export interface OpenComplaintAges {
  total: number;
  byAge: { age: '0_3' | '4_7' | '8_10' | 'over_10'; count: number }[];
  overdue: number;
}
