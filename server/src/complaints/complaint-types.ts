export const COMPLAINT_CHANNELS = ['in_app', 'email', 'phone', 'letter', 'dpo_mailbox'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

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
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

export const COMPLAINT_STATUSES = ['open', 'investigating', 'resolved', 'escalated', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
/** Statuses in which the 10-day target still runs. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['open', 'investigating', 'escalated'];

/**
 * The outside bodies a complaint can be taken to: 개인정보침해신고센터 (KISA, 118),
 * 개인정보분쟁조정위원회 (1833-6972), 경찰청 사이버수사국 (182), or an EU supervisory authority
 * (named on the escalation).
 */
export const ESCALATION_BODIES = ['kisa_118', 'kopico', 'police_cyber', 'eu_supervisory_authority'] as const;
export type EscalationBody = (typeof ESCALATION_BODIES)[number];

export const COMPLAINT_EVENT_KINDS = [
  'received',
  'updated',
  'assigned',
  'status_changed',
  'escalated',
  'resolved',
] as const;
export type ComplaintEventKind = (typeof COMPLAINT_EVENT_KINDS)[number];

/** The free-text fields that may name people or health matters: DPO only (CASL field rule). */
export const COMPLAINT_TEXT_FIELDS = ['summary', 'resolution', 'escalationNotes'] as const;
