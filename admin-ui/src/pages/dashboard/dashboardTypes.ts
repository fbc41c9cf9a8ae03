import type { OpenComplaintAges } from '../../resources/complaints/complaintTypes';
import type { RetentionFigures } from '../../resources/retention/retentionTypes';
/** The server's GET /api/dashboard/:role answers (server/src/dashboard/dashboard.service.ts). */
export type StaffRole = 'dpo' | 'support' | 'security' | 'sysadmin' | 'auditor';

export interface ActivityDay {
  date: string;
  denials: number;
  signInFailures: number;
  anomalies: number;
}

interface ActivityTotals {
  denials: number;
  signInFailures: number;
  anomalies: number;
}

export interface ActivityFigures {
  days: ActivityDay[];
  totals: ActivityTotals;
  previous: ActivityTotals;
}

export interface ReviewStatus {
  currentMonth: string;
  currentAnomalies: number;
  previousMonth: string;
  previousSignedOff: boolean;
  lastSignedMonth: string | null;
  months: { month: string; signedOff: boolean }[];
}

/** Open rights requests (F7), counted by the server with the list's own deadline rules. */
export interface RequestFigures {
  open: number;
  dueToday: number;
  overdue: number;
  atRisk: number;
}

/** Open incidents and the nearest pending notification clock of each (F8), counted by the server. */
export interface IncidentFigures {
  open: number;
  clocks: {
    incidentId: string;
    reference: string;
    title: string;
    code: string;
    dueAt: string;
    hoursLeft: number;
    state: 'on_time' | 'due_soon' | 'overdue';
    escalation: 'due_soon' | 'overdue' | null;
  }[];
}

export type AlertAge = 'overdue' | 'within_30_days' | 'later' | 'undated';

export type DashboardFigures =
  | {
      role: 'dpo';
      alerts: {
        total: number;
        bySeverity: { critical: number; warning: number };
        byAge: { age: AlertAge; critical: number; warning: number }[];
        oldestOverdueDays: number | null;
      };
      review: ReviewStatus;
      findings: { kind: string; count: number; oldestDays: number | null }[];
      activity: ActivityFigures;
      complaints: OpenComplaintAges;
      requests?: RequestFigures;
      incidents?: IncidentFigures;
      retention?: RetentionFigures;
    }
  | { role: 'security'; activity: ActivityFigures; incidents?: IncidentFigures }
  | {
      role: 'sysadmin';
      staff: {
        byRole: { role: StaffRole; active: number; mfaEnrolled: number; disabled: number }[];
        locked: number;
        mustChangePassword: number;
      };
    }
  | {
      role: 'support';
      accounts: {
        byStatus: Record<'active' | 'dormant' | 'locked' | 'withdrawn', number>;
        pendingWithdrawals: number;
        daily: { date: string; identityChecks: number; accountActions: number }[];
      };
      requests?: RequestFigures;
    }
  | {
      role: 'auditor';
      integrity: {
        lastVerification: { result: 'intact' | 'tampered' | 'error'; finishedAt: string; treeSize: number } | null;
        latestHead: { treeSize: number; signedAt: string } | null;
      };
      review: ReviewStatus;
    };
