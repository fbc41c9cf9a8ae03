import { Injectable } from '@nestjs/common';
import { CalendarService } from '../../calendar/calendar.service';
import { IncidentClocksRepository, type Escalation } from '../jobs/incident-clocks.repository';
import type { ClockState } from '../incident-types';
import { clockOf } from '../obligations/notification-engine';

/** How many clocks a home screen lists. */
const DASHBOARD_CLOCKS = 5;

export interface IncidentClockFigure {
  incidentId: string;
  reference: string;
  title: string;
  code: string;
  dueAt: string;
  hoursLeft: number;
  state: ClockState;
  escalation: Escalation | null;
}

export interface IncidentFigures {
  open: number;
  clocks: IncidentClockFigure[];
}

/**
 * The security and DPO home screens' incident card: how many incidents are open and the nearest
 * pending notification clock of each (counted now, on the server). No affected person is named.
 */
@Injectable()
export class IncidentFiguresService {
  constructor(
    private readonly clocks: IncidentClocksRepository,
    private readonly calendar: CalendarService,
  ) {}

  async figures(): Promise<IncidentFigures> {
    const now = this.calendar.now();
    const open = await this.clocks.openCount();
    const rows = await this.clocks.nearestClocks(DASHBOARD_CLOCKS);
    return {
      open,
      clocks: rows.map((row) => {
        const clock = clockOf(row.dueAt, now);
        return {
          incidentId: row.incidentId,
          reference: row.reference,
          title: row.title,
          code: row.code,
          dueAt: row.dueAt.toISOString(),
          hoursLeft: clock.hoursLeft ?? 0,
          state: clock.state ?? 'on_time',
          escalation: row.escalation,
        };
      }),
    };
  }
}
