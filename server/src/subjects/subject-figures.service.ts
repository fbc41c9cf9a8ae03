import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import {
  addCalendarDays,
  calendarDaysBetween,
  endOfLocalDate,
  localDateOf,
  startOfLocalDate,
} from '../calendar/local-date';
import { FindingKind, SubjectsRepository, SubjectStatus } from './subjects.repository';

export interface FindingCount {
  kind: FindingKind;
  count: number;
  /** Days since the oldest open finding of this kind began (organisation time). */
  oldestDays: number | null;
}

/**
 * Counts about the platform's people for the home dashboards: how many, never who. The caller
 * (the dashboard) checks the role; a count is not personal data, so it is not an access-log event.
 */
@Injectable()
export class SubjectFiguresService {
  constructor(
    private readonly subjects: SubjectsRepository,
    private readonly calendar: CalendarService,
  ) {}

  async findings(): Promise<FindingCount[]> {
    const today = this.calendar.today();
    const rows = await this.subjects.findingCounts(today);
    const kinds: FindingKind[] = [
      'recording_without_both_consents',
      'phi_without_consent',
      'child_without_guardian_consent',
      'supervision_sharing_without_consent',
    ];
    return kinds.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return {
        kind,
        count: row?.count ?? 0,
        oldestDays: row?.oldest
          ? calendarDaysBetween(localDateOf(new Date(row.oldest), this.calendar.timeZone), today)
          : null,
      };
    });
  }

  async accounts(days: number): Promise<{
    byStatus: Record<SubjectStatus, number>;
    pendingWithdrawals: number;
    daily: { date: string; identityChecks: number; accountActions: number }[];
  }> {
    const timeZone = this.calendar.timeZone;
    const lastDay = this.calendar.today();
    const firstDay = addCalendarDays(lastDay, -(days - 1));
    const counts = await this.subjects.accountCounts();
    const daily = await this.subjects.accountWorkByDay({
      from: startOfLocalDate(firstDay, timeZone),
      to: endOfLocalDate(lastDay, timeZone),
      firstDay,
      lastDay,
      timeZone,
    });
    return { ...counts, daily };
  }
}
