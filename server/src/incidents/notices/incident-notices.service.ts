import { Injectable } from '@nestjs/common';
import { AuditService } from '../../access-log/audit.service';
import type { Action } from '../../authorization/abilities';
import { CalendarService } from '../../calendar/calendar.service';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import { Transactions } from '../../database/transactions';
import { DocumentRenderer } from '../../outbox/document-renderer';
import { OutboxErrorCode } from '../../outbox/outbox.errors';
import { TemplatesService } from '../../outbox/templates.service';
import { IncidentsService } from '../incidents.service';
import { dueAtOf } from '../obligations/notification-engine';
import { NotificationRulesService } from '../obligations/notification-rules.service';
import type { NoticeKind } from '../obligations/obligation-types';
import { NoticeErrorCode } from './notice.errors';
import { NOTICE_KINDS_SPEC, cleanContent, contentErrors, missingItems, type NoticeContent } from './notice-kinds';
import { prefillContent, type NoticeLocale } from './notice-prefill';
import type { NoticeView, PrefillQueryDto, SaveNoticeDto } from './notice.dto';
import { IncidentNoticesRepository, type NoticeIncidentRow, type NoticeRow } from './notices.repository';

const RESOURCE = 'incident-notice';

/** Where each person's name goes in a notice shown to staff (the saved text names no one). */
const NAME_PLACEHOLDER: Record<NoticeLocale, string> = { ko: '○○○', en: '[name]' };

/** A notice rendered from its recorded template version. */
export interface RenderedNotice {
  id: string;
  incidentId: string;
  kind: NoticeKind;
  locale: NoticeLocale;
  version: number;
  templateKey: string;
  templateVersion: number;
  subject: string;
  body: string;
}

const noticeNotFound = () => Problem.of(NoticeErrorCode.NoticeNotFound, 'No such notice');

/**
 * Notice drafts of an incident: prefilled from its facts, saved as versions (never edited) only
 * when every item the law requires for the kind is filled, listed, and rendered to PDF from the
 * template version they were saved with. Every read and save writes an access-log event in its
 * transaction; a save is also a timeline entry.
 */
@Injectable()
export class IncidentNoticesService {
  constructor(
    private readonly repository: IncidentNoticesRepository,
    private readonly incidents: IncidentsService,
    private readonly rules: NotificationRulesService,
    private readonly templates: TemplatesService,
    private readonly documents: DocumentRenderer,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  async prefill(ctx: StaffContext, incidentId: string, query: PrefillQueryDto) {
    return this.tx.run(async () => {
      const incident = await this.load(ctx, 'notify', incidentId);
      const content = prefillContent(query.kind, query.locale, incident, {
        timeZone: this.calendar.timeZone,
        dpoContact: await this.repository.dpoContact(),
        completedTasks: await this.repository.completedTaskTitles(incident.id, query.locale),
        subjectsNotifiedAt: await this.subjectsNotifiedAt(incident.id),
      });
      await this.record(ctx, 'view', incident, { kind: query.kind, locale: query.locale, prefill: true });
      // Every field of the kind, in order, so the editor shows the law's items before a save names them.
      const spec = NOTICE_KINDS_SPEC[query.kind];
      const required = new Set(
        missingItems(query.kind, {}, await this.late(incident, query.kind, this.calendar.now())),
      );
      const fields = Object.entries(spec.fields).map(([name, type]) => ({ name, type, required: required.has(name) }));
      return { kind: query.kind, locale: query.locale, content, fields };
    });
  }

  async save(ctx: StaffContext, incidentId: string, dto: SaveNoticeDto): Promise<NoticeView> {
    const spec = NOTICE_KINDS_SPEC[dto.kind];
    const errors = contentErrors(dto.kind, dto.content);
    if (errors.length > 0) {
      throw Problem.of(
        NoticeErrorCode.ContentInvalid,
        'The notice has fields that are not its own or not of their type',
        errors.map((e) => ({ field: `content.${e.field}`, code: NoticeErrorCode.ContentInvalid, message: e.message })),
      );
    }
    const content = cleanContent(dto.content);
    return this.tx.run(async () => {
      const incident = await this.load(ctx, 'notify', incidentId);
      const now = this.calendar.now();
      const missing = missingItems(dto.kind, content, await this.late(incident, dto.kind, now));
      if (missing.length > 0) {
        throw Problem.of(
          NoticeErrorCode.ItemMissing,
          `A ${dto.kind} must carry every item of ${spec.legalSource}; empty: ${missing.join(', ')}`,
          missing.map((field) => ({
            field,
            code: NoticeErrorCode.ItemMissing,
            message: `Required by ${spec.legalSource}`,
          })),
        );
      }
      const current = await this.currentTemplate(spec.templateKey, dto.locale, content);
      const id = await this.repository.insert({
        incidentId: incident.id,
        kind: dto.kind,
        locale: dto.locale,
        content,
        templateKey: current.templateKey,
        templateVersion: current.version,
        createdBy: ctx.id,
        at: now,
      });
      const row = await this.repository.find(id);
      if (row === null) throw noticeNotFound();
      await this.incidents.appendTimeline(
        incident.id,
        'notice_saved',
        { noticeId: id, kind: dto.kind, locale: dto.locale, version: row.version, templateVersion: current.version },
        ctx.id,
      );
      await this.record(ctx, 'create', incident, { noticeId: id, kind: dto.kind, locale: dto.locale });
      return this.view(row);
    });
  }

  async list(ctx: StaffContext, incidentId: string): Promise<NoticeView[]> {
    return this.tx.run(async () => {
      const incident = await this.load(ctx, 'read', incidentId);
      const rows = await this.repository.list(incident.id);
      const views: NoticeView[] = [];
      for (const row of rows) views.push(await this.view(row));
      await this.record(ctx, 'view', incident, { notices: rows.length });
      return views;
    });
  }

  /** The notice as a PDF (a document for a regulator, or a person's notice for the file); logged. */
  async pdf(ctx: StaffContext, incidentId: string, noticeId: string): Promise<{ pdf: Buffer; fileName: string }> {
    return this.tx.run(async () => {
      const incident = await this.load(ctx, 'read', incidentId);
      const row = await this.repository.find(noticeId);
      if (row === null || row.incidentId !== incident.id) throw noticeNotFound();
      const rendered = await this.render(row, {});
      const pdf = await this.documents.renderPdf({
        title: rendered.subject,
        body: rendered.body,
        language: rendered.locale,
        footer: `${incident.reference} · ${rendered.kind} v${rendered.version} · ${rendered.templateKey} v${rendered.templateVersion}`,
      });
      await this.record(ctx, 'download', incident, { noticeId: row.id, kind: row.kind, version: row.version });
      return {
        pdf,
        fileName: `${incident.reference}-${row.kind.replaceAll('_', '-')}-${row.locale}-v${row.version}.pdf`,
      };
    });
  }

  /** A saved notice (for the affected-people service, which has checked its ability on the incident). */
  async get(noticeId: string): Promise<NoticeRow> {
    const row = await this.repository.find(noticeId);
    if (row === null) throw noticeNotFound();
    return row;
  }

  /**
   * A saved notice rendered from the template version it was saved with, with `merge` over its
   * content (a person's `name`): what one person's copy says.
   */
  async renderFor(noticeId: string, merge: Record<string, unknown>): Promise<RenderedNotice> {
    return this.render(await this.get(noticeId), merge);
  }

  private async render(row: NoticeRow, merge: Record<string, unknown>): Promise<RenderedNotice> {
    const locale = row.locale;
    const data = { name: NAME_PLACEHOLDER[locale], ...row.content, ...merge };
    const rendered = await this.templates
      .renderVersion(row.templateKey, row.templateVersion, locale, data)
      .catch((error: unknown) => {
        if (!(error instanceof Problem) || error.code !== (OutboxErrorCode.TemplateNotFound as string)) throw error;
        throw Problem.of(NoticeErrorCode.TemplateMissing, `Template ${row.templateKey} is missing`);
      });
    return {
      id: row.id,
      incidentId: row.incidentId,
      kind: row.kind as NoticeKind,
      locale,
      version: row.version,
      templateKey: row.templateKey,
      templateVersion: row.templateVersion,
      subject: rendered.subject,
      body: rendered.text,
    };
  }

  private async view(row: NoticeRow): Promise<NoticeView> {
    const rendered = await this.render(row, {});
    return {
      id: row.id,
      kind: rendered.kind,
      locale: row.locale,
      version: row.version,
      templateKey: row.templateKey,
      templateVersion: row.templateVersion,
      subject: rendered.subject,
      body: rendered.body,
      content: row.content,
      createdAt: new Date(row.createdAt).toISOString(),
      createdBy: { id: row.createdById, name: row.createdByName },
      missing: missingItems(rendered.kind, row.content, false),
    };
  }

  private async currentTemplate(templateKey: string, locale: NoticeLocale, content: NoticeContent) {
    try {
      return await this.templates.renderByKey(templateKey, locale, content);
    } catch {
      throw Problem.of(NoticeErrorCode.TemplateMissing, `Template ${templateKey} is missing`);
    }
  }

  /**
   * Whether the notice comes after its obligation's deadline (GDPR Art. 33(1): then with reasons
   * for the delay). The stored obligation's due time when there is one, else the rule's period.
   */
  private async late(incident: NoticeIncidentRow, kind: NoticeKind, now: Date): Promise<boolean> {
    const when = NOTICE_KINDS_SPEC[kind].requiredWhenLate;
    if (when === undefined) return false;
    const stored = (await this.repository.obligations(incident.id)).find((o) => o.code === when.obligation);
    if (stored?.status === 'done')
      return stored.dueAt !== null && stored.doneAt !== null && stored.doneAt > stored.dueAt;
    let dueAt = stored?.dueAt ?? null;
    if (dueAt === null) {
      const rule = (await this.rules.rules()).find((r) => r.code === when.obligation);
      if (rule === undefined) return false;
      dueAt = dueAtOf(rule.period, incident.awareAt, this.calendar.timeZone);
    }
    return now > dueAt;
  }

  private async subjectsNotifiedAt(incidentId: string): Promise<Date | null> {
    const done = (await this.repository.obligations(incidentId)).filter(
      (o) => (o.code === 'kr_subjects' || o.code === 'us_individuals') && o.doneAt !== null,
    );
    return done[0]?.doneAt ?? null;
  }

  /** The incident, checked by CASL on the loaded row (core's load: 404 for none, 403 first for who may not act on any). */
  private load(ctx: StaffContext, action: Action, id: string): Promise<NoticeIncidentRow> {
    return this.incidents.load(ctx, id, action);
  }

  private record(
    ctx: StaffContext,
    action: 'view' | 'create' | 'download',
    incident: NoticeIncidentRow,
    detail: Record<string, unknown>,
  ) {
    return this.audit.record(
      {
        action,
        resource: RESOURCE,
        outcome: 'success',
        detail: { incidentId: incident.id, reference: incident.reference, ...detail },
      },
      ctx.origin,
    );
  }
}
