import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { AuditService } from '../access-log/audit.service';
import { throwUnlessCan, type Action } from '../authorization/abilities';
import { CalendarService } from '../calendar/calendar.service';
import { deadlineAt } from '../calendar/deadline';
import { endOfLocalDate, localDateOf, yearOf } from '../calendar/local-date';
import { parseInstant } from '../calendar/instant';
import { monthBounds } from '../calendar/working-time';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import type { StaffContext } from '../context/staff-context';
import { Transactions } from '../database/transactions';
import { StaffService } from '../staff/staff.service';
import { SubjectNamesService } from '../subjects/subject-names.service';
import { monthSummary, openAges } from './complaint-figures';
import { complaintNotFound, transitionRefused, unknownLink } from './complaint-problems';
import { OPEN_STATUSES, type ComplaintStatus } from './complaint-types';
import { ComplaintsErrorCode } from './complaints.errors';
import { ComplaintsRepository, type ComplaintChange, type ComplaintRow } from './complaints.repository';
import { COMPLAINT_TARGET } from './deadlines/complaint-target.rule';
import type {
  AssignComplaintDto,
  ComplaintFilterDto,
  ComplaintSortField,
  CreateComplaintDto,
  EscalateComplaintDto,
  ResolveComplaintDto,
  UpdateComplaintDto,
} from './dto/complaint-requests.dto';
import type {
  ComplaintDetail,
  ComplaintListItem,
  ComplaintMonthSummary,
  CreatedComplaint,
  OpenComplaintAges,
} from './dto/complaint-response.dto';

const RESOURCE = 'complaint';
const personSubject = (id: string) => `subject:${id}`;

/** Status changes the update route makes; resolving and escalating have routes of their own. */
const MOVES: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  open: ['investigating'],
  investigating: ['open'],
  escalated: ['investigating'],
  resolved: ['closed'],
  closed: [],
};

/**
 * The DPO's complaint inbox: intake (DPO and support), links to a person, a rights request or an
 * incident, a 10-day target on the organisation's calendar, assignment, resolution, escalations
 * to outside bodies, and a monthly summary. Every read or change of a complaint writes an
 * access-log event in its transaction, under the linked person when there is one. The summary
 * and resolution text never reach the access log or the lists.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly complaints: ComplaintsRepository,
    private readonly names: SubjectNamesService,
    private readonly staff: StaffService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  async list(
    ctx: StaffContext,
    params: ListParams<ComplaintSortField, ComplaintFilterDto>,
  ): Promise<{ rows: ComplaintListItem[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'Complaint');
    const { overdue, ...filter } = params.filter;
    return this.tx.run(async () => {
      const { rows, total } = await this.complaints.list(
        { ...filter, ...(overdue === true ? { overdueBefore: this.calendar.today() } : {}) },
        params,
      );
      const shown = [...new Set(rows.flatMap((r) => (r.subjectId === null ? [] : [r.subjectId])))];
      await this.audit.record(
        {
          action: 'view',
          resource: RESOURCE,
          outcome: 'success',
          fields: shown.length > 0 ? ['name'] : [],
          detail: { filter: { ...params.filter }, total, shown },
        },
        ctx.origin,
      );
      return { rows: await this.listItems(rows), total };
    });
  }

  async get(ctx: StaffContext, id: string): Promise<ComplaintDetail> {
    return this.tx.run(async () => {
      const row = await this.load(ctx, 'read', id);
      const detail = await this.detail(ctx, row);
      await this.audit.record(
        {
          action: 'view',
          resource: RESOURCE,
          outcome: 'success',
          subjectId: row.subjectId === null ? undefined : personSubject(row.subjectId),
          fields: ['summary', 'resolution'].filter((f) => f in detail),
          detail: { complaintId: row.id, reference: row.reference },
        },
        ctx.origin,
      );
      return detail;
    });
  }

  async create(ctx: StaffContext, dto: CreateComplaintDto): Promise<CreatedComplaint> {
    throwUnlessCan(ctx.ability, 'create', 'Complaint');
    const now = this.calendar.now();
    const receivedAt = dto.receivedAt === undefined ? now : this.instant('receivedAt', dto.receivedAt);
    if (receivedAt > now) throw fieldProblem('receivedAt', 'A complaint cannot be received in the future');
    const links = {
      subjectId: dto.subjectId ?? null,
      rightsRequestId: dto.rightsRequestId ?? null,
      incidentId: dto.incidentId ?? null,
    };
    const { dueOn: targetOn } = await this.calendar.deadline(COMPLAINT_TARGET, { at: receivedAt });
    return this.tx.run(async () => {
      await this.checkLinks(links, { subjectId: null, rightsRequestId: null, incidentId: null });
      const id = await this.complaints.guardingLinks(() =>
        this.complaints.insert({
          year: yearOf(localDateOf(receivedAt, this.calendar.timeZone)),
          receivedAt,
          channel: dto.channel,
          category: dto.category,
          severity: dto.severity,
          summary: dto.summary,
          ...links,
          targetOn,
          createdBy: ctx.id,
          at: now,
        }),
      );
      await this.complaints.addEvent(
        id,
        'received',
        { channel: dto.channel, category: dto.category, severity: dto.severity, targetOn, ...links },
        ctx.id,
        now,
      );
      await this.record(ctx, 'create', id, links.subjectId, { ...links, targetOn });
      const row = await this.find(id);
      return { id, reference: row.reference, targetOn, status: row.status };
    });
  }

  /** Corrections (category, severity, links) and moving the work on: open ⇄ investigating, resolved → closed. */
  async update(ctx: StaffContext, id: string, dto: UpdateComplaintDto): Promise<ComplaintDetail> {
    return this.change(ctx, 'update', id, async (row, now) => {
      const next: ComplaintChange = {
        ...changeOf(row),
        ...(dto.category !== undefined ? { category: dto.category } : {}),
        ...(dto.severity !== undefined ? { severity: dto.severity } : {}),
        ...(dto.subjectId !== undefined ? { subjectId: dto.subjectId } : {}),
        ...(dto.rightsRequestId !== undefined ? { rightsRequestId: dto.rightsRequestId } : {}),
        ...(dto.incidentId !== undefined ? { incidentId: dto.incidentId } : {}),
      };
      if (row.status === 'closed') throw transitionRefused('closed', 'changed');
      if (dto.status !== undefined && dto.status !== row.status) {
        if (!MOVES[row.status].includes(dto.status)) throw transitionRefused(row.status, `moved to ${dto.status}`);
        next.status = dto.status;
      }
      await this.checkLinks(next, row);
      const changed = (['category', 'severity', 'subjectId', 'rightsRequestId', 'incidentId'] as const).filter(
        (f) => next[f] !== row[f],
      );
      await this.complaints.guardingLinks(() => this.complaints.update(row.id, next, now));
      if (changed.length > 0) {
        await this.complaints.addEvent(
          row.id,
          'updated',
          Object.fromEntries(changed.map((f) => [f, { from: row[f], to: next[f] }])),
          ctx.id,
          now,
        );
      }
      if (next.status !== row.status) {
        await this.complaints.addEvent(row.id, 'status_changed', { from: row.status, to: next.status }, ctx.id, now);
      }
      return { changed, status: next.status, ...(next.subjectId !== row.subjectId ? { to: next.subjectId } : {}) };
    });
  }

  /** Gives the complaint to a DPO (or to nobody). */
  async assign(ctx: StaffContext, id: string, dto: AssignComplaintDto): Promise<ComplaintDetail> {
    return this.change(ctx, 'assign', id, async (row, now) => {
      if (row.status === 'closed') throw transitionRefused('closed', 'assigned');
      let toName: string | null = null;
      if (dto.assigneeId !== null) {
        const assignee = await this.staff.findById(dto.assigneeId);
        if (assignee?.status !== 'active' || assignee.role !== 'dpo') {
          throw unknownLink('assigneeId', 'Assign an active DPO');
        }
        toName = assignee.displayName;
      }
      await this.complaints.update(row.id, { ...changeOf(row), assigneeId: dto.assigneeId }, now);
      // The staff member's name as it was then, for the timeline.
      await this.complaints.addEvent(
        row.id,
        'assigned',
        { from: row.assigneeId, to: dto.assigneeId, toName },
        ctx.id,
        now,
      );
      return { assigneeId: dto.assigneeId };
    });
  }

  /** Resolves with what was done: the resolution text is required, and the time is kept. */
  async resolve(ctx: StaffContext, id: string, dto: ResolveComplaintDto): Promise<ComplaintDetail> {
    return this.change(ctx, 'resolve', id, async (row, now) => {
      if (!OPEN_STATUSES.includes(row.status)) throw transitionRefused(row.status, 'resolved');
      const resolution = dto.resolution ?? '';
      if (resolution.length === 0) {
        throw Problem.of(ComplaintsErrorCode.ResolutionRequired, 'Say how the complaint was resolved', [
          { field: 'resolution', code: ComplaintsErrorCode.ResolutionRequired, message: 'Required to resolve' },
        ]);
      }
      await this.complaints.update(row.id, { ...changeOf(row), status: 'resolved', resolution, resolvedAt: now }, now);
      const onTime = localDateOf(now, this.calendar.timeZone) <= row.targetOn;
      await this.complaints.addEvent(row.id, 'resolved', { from: row.status, onTime }, ctx.id, now);
      return { onTime };
    });
  }

  /** Records that the complaint was taken to an outside body. Escalations are never changed afterwards. */
  async escalate(ctx: StaffContext, id: string, dto: EscalateComplaintDto): Promise<ComplaintDetail> {
    return this.change(ctx, 'escalate', id, async (row, now) => {
      if (row.status === 'closed') throw transitionRefused('closed', 'escalated');
      if (dto.body !== 'eu_supervisory_authority' && dto.authority !== undefined) {
        throw fieldProblem('authority', 'Name an authority only for an EU supervisory authority');
      }
      const escalatedAt = dto.escalatedAt === undefined ? now : this.instant('escalatedAt', dto.escalatedAt);
      if (escalatedAt > now) throw fieldProblem('escalatedAt', 'An escalation cannot be in the future');
      if (escalatedAt < row.receivedAt) throw fieldProblem('escalatedAt', 'Before the complaint was received');
      const escalationId = await this.complaints.addEscalation({
        complaintId: row.id,
        body: dto.body,
        authority: dto.authority ?? null,
        escalatedAt,
        reference: dto.reference ?? null,
        note: dto.note ?? null,
        createdBy: ctx.id,
        at: now,
      });
      // A resolved complaint the complainant takes further stays resolved: the record shows both.
      const status: ComplaintStatus = row.status === 'resolved' ? 'resolved' : 'escalated';
      if (status !== row.status) await this.complaints.update(row.id, { ...changeOf(row), status }, now);
      await this.complaints.addEvent(
        row.id,
        'escalated',
        { body: dto.body, escalationId, from: row.status, to: status },
        ctx.id,
        now,
      );
      return { body: dto.body, escalationId };
    });
  }

  async summary(ctx: StaffContext, month: string): Promise<ComplaintMonthSummary> {
    throwUnlessCan(ctx.ability, 'read', 'Complaint');
    const timeZone = this.calendar.timeZone;
    const { from, to } = monthBounds(month, timeZone);
    const complaints = await this.complaints.ofMonth(from, to);
    const escalations = await this.complaints.escalationsBetween(from, to);
    return monthSummary({ month, timeZone, monthStart: from, monthEnd: to, complaints, escalations });
  }

  /** How many complaints there are (the demo seeds only an empty inbox). */
  count(): Promise<number> {
    return this.complaints.count();
  }

  /** Open complaints by age, for the DPO's dashboard (counts only; the caller checks the role). */
  async openByAge(): Promise<OpenComplaintAges> {
    const today = this.calendar.today();
    const byDay = await this.complaints.openByReceivedDay(this.calendar.timeZone);
    const overdue = await this.complaints.openOverdue(today);
    return openAges(byDay, today, overdue);
  }

  /** A change on the loaded, locked row, checked by CASL on that row, with its event and access-log entry. */
  private change(
    ctx: StaffContext,
    action: Action,
    id: string,
    work: (row: ComplaintRow, now: Date) => Promise<Record<string, unknown>>,
  ): Promise<ComplaintDetail> {
    return this.tx.run(async () => {
      const row = await this.load(ctx, action, id, true);
      const detail = await work(row, this.calendar.now());
      await this.record(ctx, 'edit', row.id, row.subjectId, { action, ...detail });
      return this.detail(ctx, await this.find(row.id));
    });
  }

  private async record(
    ctx: StaffContext,
    action: 'create' | 'edit',
    complaintId: string,
    subjectId: string | null,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      {
        action,
        resource: RESOURCE,
        outcome: 'success',
        subjectId: subjectId === null ? undefined : personSubject(subjectId),
        detail: { complaintId, ...detail },
      },
      ctx.origin,
    );
  }

  private async load(ctx: StaffContext, action: Action, id: string, lock = false): Promise<ComplaintRow> {
    const row = await this.complaints.find(id, { lock });
    if (row === null) {
      // Who may not read complaints learns nothing about which ids exist.
      throwUnlessCan(ctx.ability, action, 'Complaint');
      throw complaintNotFound();
    }
    throwUnlessCan(ctx.ability, action, asSubject('Complaint', { ...row }));
    return row;
  }

  private async find(id: string): Promise<ComplaintRow> {
    const row = await this.complaints.find(id);
    if (row === null) throw complaintNotFound();
    return row;
  }

  /** Links must point at something that exists; a link left as it was is not checked again. */
  private async checkLinks(
    next: { subjectId: string | null; rightsRequestId: string | null; incidentId: string | null },
    current: { subjectId: string | null; rightsRequestId: string | null; incidentId: string | null },
  ): Promise<void> {
    if (next.subjectId !== null && next.subjectId !== current.subjectId) {
      if ((await this.names.maskedNames([next.subjectId])).length === 0) {
        throw unknownLink('subjectId', 'No such person');
      }
    }
    if (next.rightsRequestId !== null && next.rightsRequestId !== current.rightsRequestId) {
      // Without the requests' foreign key there are no requests to link to.
      if (!(await this.complaints.rightsRequestLinksGuarded())) {
        throw unknownLink('rightsRequestId', 'No such rights request');
      }
    }
    if (next.incidentId !== null && next.incidentId !== current.incidentId) {
      if (!(await this.complaints.incidentExists(next.incidentId))) throw unknownLink('incidentId', 'No such incident');
    }
  }

  private instant(field: string, value: string): Date {
    const at = parseInstant(value);
    if (at === null) throw fieldProblem(field, 'An ISO 8601 date-time with Z or an offset');
    return at;
  }

  private async listItems(rows: ComplaintRow[]): Promise<ComplaintListItem[]> {
    const ids = [...new Set(rows.flatMap((r) => (r.subjectId === null ? [] : [r.subjectId])))];
    const names = new Map((await this.names.maskedNames(ids)).map((n) => [n.id, n.maskedName]));
    const now = this.calendar.now();
    const timeZone = this.calendar.timeZone;
    return rows.map((r) => {
      const open = OPEN_STATUSES.includes(r.status);
      const target = open
        ? deadlineAt(
            COMPLAINT_TARGET,
            { at: r.receivedAt },
            { dueOn: r.targetOn, dueAt: endOfLocalDate(r.targetOn, timeZone) },
            now,
            timeZone,
          )
        : null;
      return {
        id: r.id,
        reference: r.reference,
        receivedAt: r.receivedAt.toISOString(),
        channel: r.channel,
        category: r.category,
        severity: r.severity,
        status: r.status,
        subject: r.subjectId === null ? null : { id: r.subjectId, name: names.get(r.subjectId) ?? '' },
        rightsRequestId: r.rightsRequestId,
        incidentId: r.incidentId,
        assignee: r.assigneeId === null ? null : { id: r.assigneeId, displayName: r.assigneeName ?? '' },
        targetOn: r.targetOn,
        target: target === null ? null : { daysLeft: target.daysLeft, state: target.state },
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        resolvedOnTime: r.resolvedAt === null ? null : localDateOf(r.resolvedAt, timeZone) <= r.targetOn,
        escalationCount: r.escalationCount,
      };
    });
  }

  /** The detail page. The free text only for a role CASL lets read it (not the auditor). */
  private async detail(ctx: StaffContext, row: ComplaintRow): Promise<ComplaintDetail> {
    const [item] = await this.listItems([row]);
    const tagged = asSubject('Complaint', { ...row });
    const can = (action: Action, field?: string) => ctx.ability.can(action, tagged, field);
    // One after another: inside a transaction these share one connection.
    const escalations = await this.complaints.escalations(row.id);
    const events = await this.complaints.events(row.id);
    const open = OPEN_STATUSES.includes(row.status);
    return {
      ...item,
      ...(can('read', 'summary') ? { summary: row.summary } : {}),
      ...(can('read', 'resolution') ? { resolution: row.resolution } : {}),
      createdBy: { id: row.createdBy, displayName: row.createdByName },
      createdAt: row.createdAt.toISOString(),
      version: row.version,
      escalations: escalations.map((e) => ({
        id: e.id,
        body: e.body,
        authority: e.authority,
        escalatedAt: e.escalatedAt.toISOString(),
        reference: e.reference,
        ...(can('read', 'escalationNotes') ? { note: e.note } : {}),
        createdBy: { id: e.createdBy, displayName: e.createdByName },
      })),
      events: events.map((e) => ({
        id: e.id,
        kind: e.kind,
        detail: e.detail,
        actor: { id: e.actorId, displayName: e.actorName },
        at: e.at.toISOString(),
      })),
      can: {
        update: can('update') && row.status !== 'closed',
        assign: can('assign') && row.status !== 'closed',
        resolve: can('resolve') && open,
        escalate: can('escalate') && row.status !== 'closed',
        close: can('update') && row.status === 'resolved',
      },
    };
  }
}

const changeOf = (row: ComplaintRow): ComplaintChange => ({
  category: row.category,
  severity: row.severity,
  status: row.status,
  subjectId: row.subjectId,
  rightsRequestId: row.rightsRequestId,
  incidentId: row.incidentId,
  assigneeId: row.assigneeId,
  resolution: row.resolution,
  resolvedAt: row.resolvedAt,
});

const fieldProblem = (field: string, message: string) =>
  Problem.validation([{ field, code: 'INVALID_VALUE', message }], message);
