import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../authorization/abilities';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import { CalendarService } from '../calendar/calendar.service';
import { deadlineAt, dueOf, spanOf, type Deadline } from '../calendar/deadline';
import { localDateOf } from '../calendar/local-date';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import { FINDING_DEADLINES } from './deadlines/finding.rule';
import type { FindingFilterDto, UpdateFindingDto } from './dto/subject-requests.dto';
import type { FindingListItem, FindingVersionView } from './dto/subject-response.dto';
import { FindingWorkRepository, type FindingKey, type FindingWorkRow } from './finding-work.repository';
import { Masking } from './masking';
import { SubjectsErrorCode } from './subjects.errors';
import { SubjectsRepository, type FindingKind, type FindingRow } from './subjects.repository';

const RESOURCE = 'compliance-finding';
const personSubject = (id: string) => `subject:${id}`;

/** A finding's id in the API: `kind:subjectId:ref`. */
export const findingId = (f: FindingKey) => `${f.kind}:${f.subjectId}:${f.ref}`;

export function parseFindingId(id: string): FindingKey {
  const [kind, subjectId, ref] = id.split(':');
  return { kind: kind as FindingKind, subjectId, ref };
}

/**
 * Compliance findings as work. A finding is computed from the data; its owner and status are
 * kept beside it with every change's note. The due date is the kind's rule
 * (deadlines/finding.rule.ts) from the day it started; a finding whose risk the DPO accepted has
 * none. A finding marked resolved whose condition still holds stays listed, flagged, with its
 * deadline running: the data, not the status, says whether it is fixed.
 */
@Injectable()
export class ComplianceFindingsService {
  constructor(
    private readonly subjects: SubjectsRepository,
    private readonly work: FindingWorkRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {}

  async list(
    ctx: StaffContext,
    params: ListParams<'since', FindingFilterDto>,
  ): Promise<{ rows: FindingListItem[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'ComplianceFinding');
    const { rows, total } = await this.subjects.findings(
      { ...params.filter, offset: params.offset, limit: params.limit },
      this.calendar.today(),
    );
    await this.audit.record(
      {
        action: 'view',
        resource: RESOURCE,
        outcome: 'success',
        fields: ['name'],
        detail: { kind: params.filter.kind ?? null, total, shown: [...new Set(rows.map((r) => r.subjectId))] },
      },
      ctx.origin,
    );
    return { rows: await this.views(rows), total };
  }

  /** Findings read with a profile (its person and their children), as work items; no event of its own. */
  asWorkItems(rows: FindingRow[]): Promise<FindingListItem[]> {
    return this.views(rows);
  }

  async get(ctx: StaffContext, id: string): Promise<FindingListItem> {
    throwUnlessCan(ctx.ability, 'read', 'ComplianceFinding');
    const row = await this.find(parseFindingId(id));
    await this.audit.record(
      {
        action: 'view',
        resource: RESOURCE,
        outcome: 'success',
        subjectId: personSubject(row.subjectId),
        fields: ['name'],
      },
      ctx.origin,
    );
    return (await this.views([row]))[0];
  }

  async history(ctx: StaffContext, id: string): Promise<FindingVersionView[]> {
    const key = parseFindingId(id);
    const row = await this.find(key);
    throwUnlessCan(ctx.ability, 'read', asSubject('ComplianceFinding', { ...row }));
    const versions = await this.work.history(key);
    return versions.map((v) => ({
      version: v.version,
      status: v.status,
      owner: v.ownerId === null ? null : { id: v.ownerId, displayName: v.ownerName ?? '' },
      note: v.note,
      changedBy: { id: v.changedBy, displayName: v.changedByName },
      changedAt: v.changedAt.toISOString(),
    }));
  }

  /** Assigns or moves a finding: a new version, with its note and access-log event in one transaction. */
  async update(ctx: StaffContext, id: string, input: UpdateFindingDto): Promise<FindingListItem> {
    const key = parseFindingId(id);
    const finding = await this.find(key);
    throwUnlessCan(ctx.ability, 'update', asSubject('ComplianceFinding', { ...finding }));
    await this.work.transaction(async (manager) => {
      const current = await this.work.findForUpdate(key, manager);
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== input.version) throw stale(input.version, currentVersion);
      if (input.ownerId !== null && (await this.work.activeStaffName(input.ownerId, manager)) === null) {
        throw Problem.of(SubjectsErrorCode.FindingOwnerUnknown, 'No such active staff member', [
          { field: 'ownerId', code: SubjectsErrorCode.FindingOwnerUnknown, message: 'Pick an active staff member' },
        ]);
      }
      const next: FindingWorkRow = {
        ...key,
        status: input.status,
        ownerId: input.ownerId,
        version: currentVersion + 1,
      };
      const at = this.calendar.now();
      if (current === null) {
        // Two first changes at once: the primary key lets one in; the other is stale.
        if (!(await this.work.insert(next, ctx.id, at, manager))) throw stale(input.version, 1);
      } else {
        await this.work.update(next, ctx.id, at, manager);
      }
      await this.work.addVersion(next, input.note, ctx.id, at, manager);
      await this.audit.record(
        {
          action: 'edit',
          resource: RESOURCE,
          outcome: 'success',
          subjectId: personSubject(key.subjectId),
          purpose: input.note,
          detail: { kind: key.kind, ref: key.ref, version: next.version, status: next.status, ownerId: next.ownerId },
        },
        ctx.origin,
        manager,
      );
    });
    return (await this.views([await this.find(key)]))[0];
  }

  private async find(key: FindingKey): Promise<FindingRow> {
    const { rows } = await this.subjects.findings(
      { subjectIds: [key.subjectId], kind: key.kind, ref: key.ref, offset: 0, limit: 1 },
      this.calendar.today(),
    );
    const row = rows.at(0);
    if (row === undefined) {
      throw Problem.of(SubjectsErrorCode.FindingNotFound, 'No such finding: it may have been fixed in the data');
    }
    return row;
  }

  /** Rows as the API shows them, with each deadline as of now (one holiday load for the page). */
  private async views(rows: FindingRow[]): Promise<FindingListItem[]> {
    const timeZone = this.calendar.timeZone;
    const now = this.calendar.now();
    const bases = rows.map((r) => localDateOf(r.since, timeZone)).sort();
    const from = bases.at(0);
    const to = bases.at(-1);
    const calendar =
      from === undefined || to === undefined
        ? null
        : await this.calendar.businessCalendar(
            'KR',
            from,
            Object.values(FINDING_DEADLINES)
              .map((rule) => spanOf(rule, to).to)
              .sort()
              .at(-1) ?? to,
          );
    return rows.map((f) => {
      let deadline: Deadline | null = null;
      if (f.status !== 'accepted_risk' && calendar !== null) {
        const rule = FINDING_DEADLINES[f.kind];
        const start = { at: f.since };
        deadline = deadlineAt(
          rule,
          start,
          dueOf(rule, start, timeZone, () => calendar),
          now,
          timeZone,
        );
      }
      return {
        id: findingId(f),
        kind: f.kind,
        subjectId: f.subjectId,
        subjectName: Masking.name(f.subjectName),
        service: f.service,
        ref: f.ref,
        since: f.since,
        status: f.status,
        owner: f.ownerId === null ? null : { id: f.ownerId, displayName: f.ownerName ?? '' },
        version: f.version,
        deadline,
        // Listed means the condition holds: "resolved" here was premature.
        stillPresent: f.status === 'resolved',
      };
    });
  }
}

function stale(asked: number, now: number): Problem {
  return Problem.of(SubjectsErrorCode.FindingVersionConflict, 'Someone changed this finding after you opened it', [
    {
      field: 'version',
      code: 'STALE_VERSION',
      message: `You edited version ${asked}; it is now at version ${now}. Reload and edit again.`,
    },
  ]);
}
