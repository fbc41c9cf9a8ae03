import { Injectable } from '@nestjs/common';
import { throwUnlessCan } from '../../authorization/abilities';
import { AuditService } from '../../access-log/audit.service';
import { CalendarService } from '../../calendar/calendar.service';
import { endOfLocalDate, isLocalDate, startOfLocalDate, type LocalDate } from '../../calendar/local-date';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import { Transactions } from '../../database/transactions';
import { DocumentRenderer } from '../../outbox/document-renderer';
import type { Language } from '../../outbox/outbox-types';
import { IncidentRegisterExporter } from './incident-register.exporter';
import { IncidentRegisterRepository } from './incident-register.repository';
import { incidentReport } from './incident-report';
import { incidentNotFound } from '../incident-problems';
import { IncidentsService } from '../incidents.service';

export type RegisterFormat = 'csv' | 'xlsx';

export interface RegisterFile {
  body: Buffer | string;
  contentType: string;
  filename: string;
  rows: number;
}

const CONTENT_TYPES: Record<RegisterFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The breach register (GDPR Art. 33(5): every breach, reported or not) and the per-incident
 * report. Both name no affected person; each export is an access-log download in the
 * transaction that read it.
 */
@Injectable()
export class IncidentRegisterService {
  constructor(
    private readonly repo: IncidentRegisterRepository,
    private readonly incidents: IncidentsService,
    private readonly exporter: IncidentRegisterExporter,
    private readonly documents: DocumentRenderer,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  /** Incidents the organisation became aware of from `from` through `to` (local dates, both included). */
  async register(
    ctx: StaffContext,
    format: RegisterFormat,
    period: { from?: LocalDate; to?: LocalDate },
  ): Promise<RegisterFile> {
    throwUnlessCan(ctx.ability, 'read', 'Incident');
    const zone = this.calendar.timeZone;
    for (const field of ['from', 'to'] as const) {
      const value = period[field];
      if (value !== undefined && !isLocalDate(value)) {
        throw Problem.validation([{ field, code: 'date', message: 'A date looks like 2026-11-03' }]);
      }
    }
    if (period.from !== undefined && period.to !== undefined && period.from > period.to) {
      throw Problem.validation([{ field: 'to', code: 'range', message: '`to` is before `from`' }]);
    }
    const range = {
      from: period.from === undefined ? null : startOfLocalDate(period.from, zone),
      to: period.to === undefined ? null : endOfLocalDate(period.to, zone),
    };
    const now = this.calendar.now();
    return this.tx.run(async () => {
      const rows = await this.repo.rows(range, zone);
      await this.audit.record(
        {
          action: 'download',
          resource: 'incident-register',
          outcome: 'success',
          detail: { format, from: period.from ?? null, to: period.to ?? null, rows: rows.length },
        },
        ctx.origin,
      );
      const body =
        format === 'csv'
          ? this.exporter.csv(rows, zone)
          : await this.exporter.xlsx(rows, {
              timeZone: zone,
              generatedAt: now,
              range: `${period.from ?? '…'} – ${period.to ?? '…'}`,
            });
      return {
        body,
        contentType: CONTENT_TYPES[format],
        filename: `breach-register-${this.calendar.today()}.${format}`,
        rows: rows.length,
      };
    });
  }

  /** One incident's report as a PDF in Korean or English. */
  async report(ctx: StaffContext, id: string, locale: Language): Promise<{ body: Buffer; filename: string }> {
    const zone = this.calendar.timeZone;
    const now = this.calendar.now();
    const input = await this.tx.run(async () => {
      // Core's check on the loaded row (404, or 403 first for who may not read any); then the report's own projection.
      await this.incidents.load(ctx, id, 'read');
      const incident = await this.repo.find(id, zone);
      if (incident === null) throw incidentNotFound();
      const tasks = await this.repo.tasks(id, zone, now);
      const timeline = await this.repo.timeline(id, zone);
      await this.audit.record(
        {
          action: 'download',
          resource: 'incident',
          outcome: 'success',
          fields: ['report'],
          detail: { incidentId: id, reference: incident.reference, locale },
        },
        ctx.origin,
      );
      return { incident, tasks, timeline, timeZone: zone, generatedAt: `${this.calendar.today()} (${zone})` };
    });
    return {
      body: await this.documents.renderPdf(incidentReport(input, locale)),
      filename: `${input.incident.reference}-report-${locale}.pdf`,
    };
  }
}
