import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { AccessLogService } from '../../access-log/access-log.service';
import { AccessReviewService } from '../../access-log/access-review.service';
import { AuditService } from '../../access-log/audit.service';
import { throwUnlessCan, type Action } from '../../authorization/abilities';
import { CalendarService } from '../../calendar/calendar.service';
import { exactDaysBetween, parseInstant } from '../../calendar/instant';
import { isLocalMonth } from '../../calendar/working-time';
import type { ListParams } from '../../common/list-query';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import { Transactions } from '../../database/transactions';
import { OutboxService } from '../../outbox/outbox.service';
import { SubjectFulfilmentService } from '../../subjects/fulfilment/subject-fulfilment.service';
import { SubjectNamesService } from '../../subjects/subject-names.service';
import { SubjectsService } from '../../subjects/subjects.service';
import { AffectedErrorCode } from './affected.errors';
import { fieldProblem, incidentClosed } from './affected-problems';
import { AffectedRepository, type SubjectSource } from './affected.repository';
import { incidentNotFound } from '../incident-problems';
import { IncidentsRepository, type IncidentRow } from '../incidents.repository';
import type {
  AffectedFilterDto,
  AffectedPersonView,
  AffectedSortField,
  LinkAnomalyInput,
  NotifyAffectedDto,
  SelectAffectedDto,
  SelectionResult,
} from './dto/affected.dto';

const RESOURCE = 'incident-subject';
const personSubject = (id: string) => `subject:${id}`;
/** The longest access-log window one selection searches (as the access-log screen allows). */
const MAX_WINDOW_DAYS = 366;
/** People resolved and queued per round while notifying. */
const NOTIFY_PAGE = 500;
/** Ids checked against the people's table per query. */
const LOOKUP_BATCH = 5000;

const SOURCE_OF: Record<SelectAffectedDto['by'], SubjectSource> = {
  access_log: 'access_log',
  category: 'category',
  ids: 'upload',
};

/**
 * The people an incident touches: selected from the access log (whom a staff member read in a
 * window), by a data category they hold, or from an uploaded list of ids; listed masked for every
 * role; and each notified once per obligation through the outbox with the exact notice version.
 * Every read and change writes its access-log event in the same transaction; the timeline gets
 * counts and ids, never names.
 */
@Injectable()
export class IncidentAffectedService {
  constructor(
    private readonly repo: AffectedRepository,
    // Core's repository, not IncidentsService: the core injects this service (its anomaly linker).
    private readonly incidents: IncidentsRepository,
    private readonly subjects: SubjectsService,
    private readonly names: SubjectNamesService,
    private readonly fulfilment: SubjectFulfilmentService,
    private readonly accessLog: AccessLogService,
    private readonly review: AccessReviewService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly tx: Transactions,
  ) {}

  async select(ctx: StaffContext, incidentId: string, dto: SelectAffectedDto): Promise<SelectionResult> {
    const preview = dto.preview === true;
    return this.tx.run(async () => {
      const incident = await this.load(ctx, preview ? 'read' : 'create', 'IncidentSubject', incidentId, !preview);
      if (!preview) refuseClosed(incident);
      const { ids, unknownIds, selection } = await this.match(dto);
      const present = await this.repo.countPresent(incident.id, ids);
      const now = this.calendar.now();
      const added = preview
        ? ids.length - present
        : await this.repo.addSubjects(incident.id, ids, SOURCE_OF[dto.by], selection, ctx.id, now);
      const result: SelectionResult = {
        preview,
        matched: ids.length,
        added,
        alreadyThere: ids.length - added,
        unknown: unknownIds.length,
        unknownIds: unknownIds.slice(0, 100),
        total: (await this.repo.total(incident.id)) + (preview ? added : 0),
      };
      if (!preview) {
        await this.incidents.appendTimeline(incident.id, 'people_selected', { ...selection, added }, ctx.id, now);
      }
      await this.audit.record(
        {
          action: preview ? 'view' : 'create',
          resource: RESOURCE,
          outcome: 'success',
          detail: {
            incidentId: incident.id,
            ...selection,
            matched: result.matched,
            added: preview ? 0 : added,
            unknown: result.unknown,
            preview,
          },
        },
        ctx.origin,
      );
      return result;
    });
  }

  async list(
    ctx: StaffContext,
    incidentId: string,
    params: ListParams<AffectedSortField, AffectedFilterDto>,
  ): Promise<{ rows: AffectedPersonView[]; total: number }> {
    return this.tx.run(async () => {
      const incident = await this.load(ctx, 'read', 'IncidentSubject', incidentId);
      const { rows, total } = await this.repo.list(incident.id, params.filter, {
        order: params.sortOrder,
        offset: params.offset,
        limit: params.limit,
      });
      const ids = rows.map((r) => r.subjectId);
      const people = new Map((await this.names.maskedContacts(ids)).map((p) => [p.id, p]));
      const messageIds = rows.flatMap((r) => (r.outboxMessageId === null ? [] : [r.outboxMessageId]));
      const messages = new Map((await this.outbox.statuses(messageIds)).map((m) => [m.id, m]));
      await this.audit.record(
        {
          action: 'view',
          resource: RESOURCE,
          outcome: 'success',
          // Masked forms only: the event says which were shown.
          fields: ids.length > 0 ? ['maskedName', 'maskedContact', 'notification'] : [],
          detail: { incidentId: incident.id, filter: { ...params.filter }, total, shown: ids },
        },
        ctx.origin,
      );
      const views = rows.map((r): AffectedPersonView => {
        const person = people.get(r.subjectId);
        const message = r.outboxMessageId === null ? undefined : messages.get(r.outboxMessageId);
        return {
          id: r.subjectId,
          // A person no longer on the platform (the table keeps no foreign key) shows as erased.
          maskedName: person?.maskedName ?? '(erased)',
          maskedContact: person?.maskedContact ?? null,
          kind: person?.kind ?? null,
          service: person?.service ?? null,
          source: r.source,
          addedAt: r.addedAt.toISOString(),
          notification:
            r.obligationCode === null
              ? null
              : {
                  obligationCode: r.obligationCode,
                  channel: r.channel ?? '',
                  status: message?.status ?? null,
                  sentAt: message?.sentAt?.toISOString() ?? null,
                  noticeId: r.noticeId ?? '',
                  noticeVersion: r.noticeVersion ?? 0,
                  templateVersion: r.templateVersion ?? 0,
                },
        };
      });
      return { rows: views, total };
    });
  }

  /** Removes a person selected by mistake, before they were sent anything. */
  async remove(ctx: StaffContext, incidentId: string, subjectId: string): Promise<{ total: number }> {
    return this.tx.run(async () => {
      const incident = await this.load(ctx, 'create', 'IncidentSubject', incidentId, true);
      refuseClosed(incident);
      if (await this.repo.isNotified(incident.id, subjectId)) {
        throw Problem.of(AffectedErrorCode.AlreadyNotified, 'This person was already sent a notice: they stay listed');
      }
      if (!(await this.repo.removeSubject(incident.id, subjectId))) {
        throw Problem.of(AffectedErrorCode.PersonNotSelected, 'This person is not among the incident’s people');
      }
      await this.incidents.appendTimeline(
        incident.id,
        'people_removed',
        { subjectIds: [subjectId] },
        ctx.id,
        this.now(),
      );
      await this.audit.record(
        {
          action: 'delete',
          resource: RESOURCE,
          outcome: 'success',
          subjectId: personSubject(subjectId),
          detail: { incidentId: incident.id },
        },
        ctx.origin,
      );
      return { total: await this.repo.total(incident.id) };
    });
  }

  /**
   * Queues one message per person not yet notified for the obligation, from the notice version
   * with the person's name merged in, addressed through the subjects module. Idempotent: a
   * person notified for this obligation is skipped. People without an address on the channel
   * are counted, not queued.
   */
  async notify(
    ctx: StaffContext,
    incidentId: string,
    dto: NotifyAffectedDto,
  ): Promise<{ queued: number; skipped: number; noAddress: number }> {
    return this.tx.run(async () => {
      // Locked: two notify clicks at once queue each person once.
      const incident = await this.load(ctx, 'notify', 'Incident', incidentId, true);
      refuseClosed(incident);
      const obligation = await this.repo.obligationForPeople(incident.id, dto.obligationCode);
      if (obligation === null || obligation.status === 'withdrawn') {
        throw fieldProblem(
          AffectedErrorCode.ObligationUnknown,
          'obligationCode',
          'Not one of this incident’s notifications to people',
        );
      }
      const notice = await this.repo.notice(incident.id, dto.noticeId);
      if (notice === null) {
        throw fieldProblem(AffectedErrorCode.NoticeUnknown, 'noticeId', 'No such notice version on this incident');
      }
      const template = await this.outbox.templateOf(notice.templateKey);
      if (template === null || template.kind !== 'message' || !['email', 'sms'].includes(template.channel)) {
        throw fieldProblem(AffectedErrorCode.NoticeUnknown, 'noticeId', 'This notice is not sent to people');
      }
      // A person gets the text the DPO saved: a notice drafted on an older template version is
      // saved again (a new notice version) before it goes out.
      if (template.version !== notice.templateVersion) {
        throw fieldProblem(
          AffectedErrorCode.NoticeOutdated,
          'noticeId',
          `The notice was drafted on version ${notice.templateVersion} of its template, now at version ${template.version}: save it again`,
        );
      }
      const channel = template.channel as 'email' | 'sms';
      if (dto.channel !== undefined && dto.channel !== channel) {
        throw fieldProblem(AffectedErrorCode.ChannelMismatch, 'channel', `This notice is sent by ${channel}`);
      }
      const skipped = await this.repo.countNotified(incident.id, dto.obligationCode);
      const now = this.now();
      let queued = 0;
      let noAddress = 0;
      let after: string | null = null;
      for (;;) {
        const page = await this.repo.notNotified(incident.id, dto.obligationCode, after, NOTIFY_PAGE);
        for (const subjectId of page) {
          const to = await this.subjects.noticeAddressee(subjectId, channel);
          if (to === null || to.name === null || to.address === null) {
            noAddress += 1;
            continue;
          }
          const messageId = await this.outbox.enqueue({
            templateKey: notice.templateKey,
            language: notice.locale,
            recipient: { kind: 'subject', id: subjectId, address: to.address },
            data: { ...notice.content, name: to.name },
            reference: `incident:${incident.reference}`,
            createdBy: ctx.id,
          });
          await this.repo.addNotification({
            incidentId: incident.id,
            subjectId,
            obligationCode: dto.obligationCode,
            noticeId: notice.id,
            outboxMessageId: messageId,
            channel,
            templateKey: notice.templateKey,
            templateVersion: template.version,
            locale: notice.locale,
            createdBy: ctx.id,
            at: now,
          });
          // The message carries the name and address: an event under the person.
          await this.audit.record(
            {
              action: 'create',
              resource: 'incident-notification',
              outcome: 'success',
              subjectId: personSubject(subjectId),
              fields: ['name', channel === 'email' ? 'email' : 'phone'],
              detail: { incidentId: incident.id, obligationCode: dto.obligationCode, noticeId: notice.id, messageId },
            },
            ctx.origin,
          );
          queued += 1;
        }
        if (page.length < NOTIFY_PAGE) break;
        after = page[page.length - 1];
      }
      await this.incidents.appendTimeline(
        incident.id,
        'people_notified',
        {
          obligationCode: dto.obligationCode,
          noticeId: notice.id,
          noticeKind: notice.kind,
          noticeVersion: notice.version,
          locale: notice.locale,
          templateKey: notice.templateKey,
          templateVersion: template.version,
          channel,
          queued,
          skipped,
          noAddress,
        },
        ctx.id,
        now,
      );
      await this.audit.record(
        {
          action: 'create',
          resource: 'incident-notification',
          outcome: 'success',
          detail: { incidentId: incident.id, obligationCode: dto.obligationCode, queued, skipped, noAddress },
        },
        ctx.origin,
      );
      return { queued, skipped, noAddress };
    });
  }

  /**
   * Links one staff member's anomalies of a reviewed month to the incident (opened from the
   * monthly access-log review). Returns how many were newly linked. In the caller's transaction.
   */
  async linkAnomaly(ctx: StaffContext, incidentId: string, input: LinkAnomalyInput): Promise<number> {
    if (!isLocalMonth(input.month)) {
      throw Problem.validation([{ field: 'anomaly.month', code: 'INVALID_VALUE', message: 'A month, YYYY-MM' }]);
    }
    return this.tx.run(async () => {
      const incident = await this.load(ctx, 'update', 'Incident', incidentId);
      const seqs = await this.review.anomalySeqs(input.month, input.actorId);
      const now = this.now();
      const linked = await this.repo.linkEvents(incident.id, seqs, ctx.id, now);
      await this.incidents.appendTimeline(
        incident.id,
        'audit_events_linked',
        { month: input.month, actorId: input.actorId, linked, seqs },
        ctx.id,
        now,
      );
      await this.audit.record(
        {
          action: 'edit',
          resource: 'incident',
          outcome: 'success',
          subjectId: `staff:${input.actorId}`,
          detail: { incidentId: incident.id, month: input.month, linked },
        },
        ctx.origin,
      );
      return linked;
    });
  }

  /** The access-log events linked to the incident (who read whom, when): read like the access log. */
  async auditEvents(ctx: StaffContext, incidentId: string) {
    return this.tx.run(async () => {
      const incident = await this.load(ctx, 'read', 'IncidentSubject', incidentId);
      const events = await this.accessLog.eventsBySeq(await this.repo.linkedSeqs(incident.id));
      await this.audit.record(
        {
          action: 'view',
          resource: 'access-log',
          outcome: 'success',
          detail: { incidentId: incident.id, seqs: events.map((e) => e.seq) },
        },
        ctx.origin,
      );
      return events;
    });
  }

  private async match(dto: SelectAffectedDto): Promise<{
    ids: string[];
    unknownIds: string[];
    selection: Record<string, unknown>;
  }> {
    switch (dto.by) {
      case 'access_log': {
        const from = instant('from', dto.from!);
        const to = instant('to', dto.to!);
        const days = exactDaysBetween(from, to);
        if (days <= 0 || days > MAX_WINDOW_DAYS) {
          throw fieldProblem(
            AffectedErrorCode.WindowInvalid,
            'to',
            `The window ends after it starts and spans at most ${MAX_WINDOW_DAYS} days`,
          );
        }
        const ids = await this.accessLog.subjectsReadBy(dto.actorId!, from, to);
        // The access log names people who may have been erased since: only people still held count.
        const known = await this.existing(ids);
        return {
          ids: ids.filter((id) => known.has(id)),
          unknownIds: [],
          selection: { by: dto.by, actorId: dto.actorId, from: from.toISOString(), to: to.toISOString() },
        };
      }
      case 'category':
        return {
          ids: await this.fulfilment.holdersOf(dto.category!),
          unknownIds: [],
          selection: { by: dto.by, category: dto.category },
        };
      case 'ids': {
        const ids = [...new Set(dto.subjectIds!.map((id) => id.toLowerCase()))];
        const known = await this.existing(ids);
        return {
          ids: ids.filter((id) => known.has(id)),
          unknownIds: ids.filter((id) => !known.has(id)),
          selection: { by: dto.by, count: ids.length },
        };
      }
      default: {
        const unknown: never = dto.by;
        throw new Error(`Unknown selection ${String(unknown)}`);
      }
    }
  }

  private async existing(ids: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
      for (const p of await this.names.maskedNames(ids.slice(i, i + LOOKUP_BATCH))) known.add(p.id);
    }
    return known;
  }

  /** The incident, checked by CASL on the loaded row; who may not act learns nothing of which ids exist. */
  private async load(
    ctx: StaffContext,
    action: Action,
    type: 'Incident' | 'IncidentSubject',
    id: string,
    lock = false,
  ): Promise<IncidentRow> {
    throwUnlessCan(ctx.ability, action, type);
    const row = await this.incidents.find(id, { lock });
    if (row === null) throw incidentNotFound();
    throwUnlessCan(ctx.ability, action, asSubject(type, { ...row, incidentId: row.id }));
    return row;
  }

  private now(): Date {
    return this.calendar.now();
  }
}

function refuseClosed(incident: IncidentRow): void {
  if (incident.status === 'closed') throw incidentClosed();
}

function instant(field: string, value: string): Date {
  const at = parseInstant(value);
  if (at === null) {
    throw Problem.validation([{ field, code: 'INVALID_VALUE', message: 'An ISO 8601 date-time with Z or an offset' }]);
  }
  return at;
}
