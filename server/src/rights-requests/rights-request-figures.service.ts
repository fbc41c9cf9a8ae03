import { Injectable } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { AppConfig } from '../config/app-config';
import { RightsRequestsRepository } from './rights-requests.repository';

/** Counts of open rights requests for the dashboards: no row about a person leaves here. */
@Injectable()
export class RightsRequestFiguresService {
  constructor(
    private readonly repo: RightsRequestsRepository,
    private readonly calendar: CalendarService,
    private readonly config: AppConfig,
  ) {}

  /** All open requests (the DPO), or one assignee's (support). */
  figures(assigneeId?: string): Promise<{ open: number; dueToday: number; overdue: number; atRisk: number }> {
    return this.repo.figures(
      this.calendar.today(),
      this.calendar.timeZone,
      this.config.rightsRequestAtRiskShare,
      assigneeId,
    );
  }
}
