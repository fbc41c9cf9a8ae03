import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../authorization/abilities';
import { AccessLogFiguresService, type AccessLogDayCounts } from '../access-log/access-log-figures.service';
import { ComplaintsService } from '../complaints/complaints.service';
import type { StaffContext } from '../context/staff-context';
import type { Role } from '../authorization/roles';
import { Problem } from '../common/problem';
import { IncidentFiguresService } from '../incidents/register/incident-figures.service';
import type { RegisterAlert } from '../registers/register-alerts';
import { RegisterReportsService } from '../registers/register-reports.service';
import { RetentionFiguresService } from '../retention/figures/retention-figures.service';
import { RightsRequestFiguresService } from '../rights-requests/rights-request-figures.service';
import { StaffService } from '../staff/staff.service';
import { SubjectFiguresService } from '../subjects/subject-figures.service';
import { DashboardErrorCode } from './dashboard.errors';

const TREND_DAYS = 30;

export type AlertAge = 'overdue' | 'within_30_days' | 'later' | 'undated';

/** One day of the access log as the dashboards chart it. */
export interface ActivityDay {
  date: string;
  denials: number;
  signInFailures: number;
  anomalies: number;
}

export interface ActivityFigures {
  days: ActivityDay[];
  /** Totals over the charted days and over the same number of days before them (the trend). */
  totals: { denials: number; signInFailures: number; anomalies: number };
  previous: { denials: number; signInFailures: number; anomalies: number };
}

/**
 * Each role's home screen as figures. Every figure is a count or a status: no row about a
 * person or a staff member leaves here. A role reads its own dashboard (CASL `read Dashboard`
 * with `role` on the row), and each part also needs the ability to read what it counts.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly accessLog: AccessLogFiguresService,
    private readonly subjects: SubjectFiguresService,
    private readonly staff: StaffService,
    private readonly registers: RegisterReportsService,
    private readonly requests: RightsRequestFiguresService,
    private readonly complaints: ComplaintsService,
    private readonly incidents: IncidentFiguresService,
    private readonly retention: RetentionFiguresService,
  ) {}

  async figures(ctx: StaffContext, role: Role) {
    if (ctx.ability.cannot('read', asSubject('Dashboard', { role }))) {
      throw Problem.of(DashboardErrorCode.NotYourDashboard, 'Each role reads its own dashboard');
    }
    const can = (
      action: Parameters<StaffContext['ability']['can']>[0],
      type:
        | 'Register'
        | 'AccessLog'
        | 'AccessLogReview'
        | 'Subject'
        | 'Staff'
        | 'RightsRequest'
        | 'Complaint'
        | 'Incident'
        | 'Destruction'
        | 'LegalHold'
        | 'DormancyCase',
    ) => throwUnlessCan(ctx.ability, action, type);
    switch (role) {
      case 'dpo':
        can('read', 'Register');
        can('read', 'AccessLogReview');
        can('read', 'Subject');
        can('read', 'AccessLog');
        can('read', 'RightsRequest');
        can('read', 'Complaint');
        can('read', 'Incident');
        can('read', 'Destruction');
        can('read', 'LegalHold');
        can('read', 'DormancyCase');
        return {
          role,
          // Open incidents and the nearest notification clock of each (GDPR/PIPA 72 h, HIPAA 60 days).
          incidents: await this.incidents.figures(),
          complaints: await this.complaints.openByAge(),
          alerts: alertFigures(await this.registers.alerts(ctx)),
          // Every open request: due today, overdue, at risk (the same rules as the list's chips).
          requests: await this.requests.figures(),
          review: await this.accessLog.reviewStatus(),
          findings: await this.subjects.findings(),
          activity: await this.activity(),
          // The destruction queue of the next 7 days, holds due for review, the dormancy pipeline.
          retention: await this.retention.forDpo(),
        };
      case 'security':
        can('read', 'AccessLog');
        can('read', 'Incident');
        return { role, incidents: await this.incidents.figures(), activity: await this.activity() };
      case 'sysadmin':
        can('read', 'Staff');
        return { role, staff: await this.staff.figures() };
      case 'support':
        can('accountAction', 'Subject');
        // Support's own work: the open requests assigned to them.
        return {
          role,
          accounts: await this.subjects.accounts(TREND_DAYS),
          requests: await this.requests.figures(ctx.id),
        };
      case 'auditor':
        can('read', 'AccessLog');
        can('read', 'AccessLogReview');
        return {
          role,
          integrity: await this.accessLog.integrity(),
          review: await this.accessLog.reviewStatus(),
        };
      default: {
        const unknown: never = role;
        throw new Error(`Unknown role ${String(unknown)}`);
      }
    }
  }

  /** The last 30 days, and the 30 before them for the trend. */
  private async activity(): Promise<ActivityFigures> {
    const all = (await this.accessLog.daily(TREND_DAYS * 2)).map(toActivityDay);
    const days = all.slice(TREND_DAYS);
    return { days, totals: sum(days), previous: sum(all.slice(0, TREND_DAYS)) };
  }
}

const toActivityDay = (d: AccessLogDayCounts): ActivityDay => ({
  date: d.date,
  denials: d.denials,
  signInFailures: d.signInFailures,
  // What the monthly review would flag that day (denial bursts are charted as denials).
  anomalies: d.offHours + d.bulkReadHours + d.phiWithoutCase + d.downloadsWithoutReason,
});

const sum = (days: ActivityDay[]) => ({
  denials: days.reduce((n, d) => n + d.denials, 0),
  signInFailures: days.reduce((n, d) => n + d.signInFailures, 0),
  anomalies: days.reduce((n, d) => n + d.anomalies, 0),
});

const ageOf = (alert: RegisterAlert): AlertAge =>
  alert.daysLeft === undefined
    ? 'undated'
    : alert.daysLeft < 0
      ? 'overdue'
      : alert.daysLeft <= 30
        ? 'within_30_days'
        : 'later';

/** The registers' alerts counted by severity and by how far their date is. */
export function alertFigures(alerts: RegisterAlert[]) {
  const ages: AlertAge[] = ['overdue', 'within_30_days', 'later', 'undated'];
  const overdue = alerts.filter((a) => a.daysLeft !== undefined && a.daysLeft < 0).map((a) => -(a.daysLeft ?? 0));
  return {
    total: alerts.length,
    bySeverity: {
      critical: alerts.filter((a) => a.severity === 'critical').length,
      warning: alerts.filter((a) => a.severity === 'warning').length,
    },
    byAge: ages.map((age) => ({
      age,
      critical: alerts.filter((a) => ageOf(a) === age && a.severity === 'critical').length,
      warning: alerts.filter((a) => ageOf(a) === age && a.severity === 'warning').length,
    })),
    oldestOverdueDays: overdue.length === 0 ? null : Math.max(...overdue),
  };
}
