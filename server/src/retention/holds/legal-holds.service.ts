import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { AuditService } from '../../access-log/audit.service';
import { throwUnlessCan, type Action } from '../../authorization/abilities';
import { CalendarService } from '../../calendar/calendar.service';
import { localDateOf, yearOf, type LocalDate } from '../../calendar/local-date';
import type { ListParams } from '../../common/list-query';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import { StaffService } from '../../staff/staff.service';
import { SubjectNamesService } from '../../subjects/subject-names.service';
import { RECORD_CATEGORIES, RECORD_CATEGORY_CODES } from '../retention-types';
import type {
  AddHoldSubjectsDto,
  CreateLegalHoldDto,
  LegalHoldFilterDto,
  LegalHoldSortField,
  ReleaseLegalHoldDto,
  UpdateLegalHoldDto,
} from './dto/legal-hold.dto';
import { LegalHoldsErrorCode } from './legal-holds.errors';
import { LegalHoldsRepository, type HoldChange, type LegalHoldRow } from './legal-holds.repository';

const RESOURCE = 'legal-hold';
const personSubject = (id: string) => `subject:${id}`;

export interface LegalHoldView {
  id: string;
  reference: string;
  source: string;
  incidentId: string | null;
  incidentReference: string | null;
  rightsRequestId: string | null;
  sourceReference: string | null;
  reason: string;
  owner: { id: string; name: string };
  reviewOn: LocalDate;
  reviewDue: boolean;
  categories: string[];
  subjectCount: number;
  status: string;
  createdBy: { id: string; name: string };
  createdAt: string;
  releasedAt: string | null;
  releasedBy: { id: string; name: string } | null;
  releaseReason: string | null;
  version: number;
}

/**
 * Legal holds: destruction suspended for chosen people or whole record categories while an
 * incident, litigation, a regulator's inquiry or a rights request under review needs the data.
 * Each has an owner, a reason and a review date; the DPO places, changes and releases them, and
 * every change is on the hold's timeline and in the access log (under each person it names).
 */
@Injectable()
export class LegalHoldsService {
  constructor(
    private readonly holds: LegalHoldsRepository,
    private readonly staff: StaffService,
    private readonly names: SubjectNamesService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Refuses to destroy what an active hold keeps: the person is held, or one of the categories is
   * (F7 erasure categories such as 'payments', or record categories such as 'counseling_results').
   */
  async assertNotHeld(subjectId: string, categories: readonly string[]): Promise<void> {
    const held = await this.holds.activeHoldsOn(subjectId, recordCategoriesOf(categories));
    if (held.length > 0) {
      throw Problem.of(
        LegalHoldsErrorCode.LegalHoldActive,
        `A legal hold keeps this data: ${held.map((h) => h.reference).join(', ')}`,
      );
    }
  }

  /** Active holds whose review date has come (the DPO's dashboard; a count, no people). */
  countReviewDue(): Promise<number> {
    return this.holds.countReviewDue(this.calendar.today());
  }

  async list(
    ctx: StaffContext,
    params: ListParams<LegalHoldSortField, LegalHoldFilterDto>,
  ): Promise<{ rows: LegalHoldView[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'LegalHold');
    const { reviewDue, ...filter } = params.filter;
    return this.holds.transaction(async () => {
      const today = this.calendar.today();
      const { rows, total } = await this.holds.list(
        { ...filter, ...(reviewDue === true ? { reviewDueOn: today } : {}) },
        params,
      );
      await this.audit.record(
        { action: 'view', resource: RESOURCE, outcome: 'success', detail: { filter: { ...params.filter }, total } },
        ctx.origin,
      );
      return { rows: rows.map((r) => present(r, today)), total };
    });
  }

  async get(ctx: StaffContext, id: string): Promise<LegalHoldView> {
    return this.holds.transaction(async () => {
      const row = await this.load(ctx, 'read', id);
      await this.record(ctx, 'view', row.id, {});
      return present(row, this.calendar.today());
    });
  }

  async create(ctx: StaffContext, dto: CreateLegalHoldDto): Promise<LegalHoldView> {
    throwUnlessCan(ctx.ability, 'create', 'LegalHold');
    const categories = dto.categories ?? [];
    const subjectIds = dto.subjectIds ?? [];
    if (categories.length === 0 && subjectIds.length === 0) {
      throw Problem.of(LegalHoldsErrorCode.NothingHeld, 'Hold some people, some record categories, or both', [
        { field: 'subjectIds', code: LegalHoldsErrorCode.NothingHeld, message: 'Name people or categories' },
        { field: 'categories', code: LegalHoldsErrorCode.NothingHeld, message: 'Name people or categories' },
      ]);
    }
    this.checkReviewOn(dto.reviewOn);
    return this.holds.transaction(async () => {
      await this.checkSource(dto);
      await this.checkOwner(dto.ownerId);
      await this.checkPeople(subjectIds);
      const now = this.calendar.now();
      const id = await this.holds.insert({
        year: yearOf(localDateOf(now, this.calendar.timeZone)),
        source: dto.source,
        incidentId: dto.incidentId ?? null,
        rightsRequestId: dto.rightsRequestId ?? null,
        sourceReference: dto.sourceReference ?? null,
        reason: dto.reason,
        ownerId: dto.ownerId,
        reviewOn: dto.reviewOn,
        categories,
        createdBy: ctx.id,
        at: now,
      });
      await this.holds.addSubjects(id, subjectIds, now);
      await this.holds.addEvent(
        id,
        'placed',
        { source: dto.source, ownerId: dto.ownerId, reviewOn: dto.reviewOn, categories, people: subjectIds.length },
        ctx.id,
        now,
      );
      await this.record(ctx, 'create', id, { source: dto.source, categories, people: subjectIds.length });
      for (const subjectId of subjectIds) await this.recordPerson(ctx, 'edit', id, subjectId, 'held');
      return present((await this.holds.find(id))!, this.calendar.today());
    });
  }

  /** The reason, owner, review date and categories; a stale version gets 409. */
  async update(ctx: StaffContext, id: string, dto: UpdateLegalHoldDto): Promise<LegalHoldView> {
    return this.change(ctx, id, async (row, now) => {
      if (dto.version !== row.version) throw staleVersion(dto.version, row.version);
      const next: HoldChange = {
        reason: dto.reason ?? row.reason,
        ownerId: dto.ownerId ?? row.ownerId,
        reviewOn: dto.reviewOn ?? row.reviewOn,
        categories: dto.categories ?? row.categories,
      };
      if (next.reviewOn !== row.reviewOn) this.checkReviewOn(next.reviewOn);
      if (next.ownerId !== row.ownerId) await this.checkOwner(next.ownerId);
      if (next.categories.length === 0 && row.subjectCount === 0) throw nothingHeld('categories');
      const changed = (['reason', 'ownerId', 'reviewOn', 'categories'] as const).filter(
        (f) => JSON.stringify(next[f]) !== JSON.stringify(row[f]),
      );
      await this.holds.update(row.id, next, now);
      const shown = changed.filter((f) => f !== 'reason');
      await this.holds.addEvent(
        row.id,
        'updated',
        {
          changed,
          ...Object.fromEntries(shown.map((f) => [f, { from: row[f], to: next[f] }])),
        },
        ctx.id,
        now,
      );
      return { changed };
    });
  }

  async addSubjects(ctx: StaffContext, id: string, dto: AddHoldSubjectsDto): Promise<LegalHoldView> {
    return this.change(ctx, id, async (row, now) => {
      await this.checkPeople(dto.subjectIds);
      const added = await this.holds.addSubjects(row.id, dto.subjectIds, now);
      if (added.length > 0) {
        await this.holds.touch(row.id, now);
        await this.holds.addEvent(row.id, 'subjects_added', { people: added.length }, ctx.id, now);
      }
      for (const subjectId of added) await this.recordPerson(ctx, 'edit', row.id, subjectId, 'held');
      return { added: added.length };
    });
  }

  async removeSubject(ctx: StaffContext, id: string, subjectId: string): Promise<LegalHoldView> {
    return this.change(ctx, id, async (row, now) => {
      if (!(await this.holds.removeSubject(row.id, subjectId))) {
        throw Problem.of(LegalHoldsErrorCode.SubjectNotHeld, 'This hold does not list this person');
      }
      if (row.categories.length === 0 && row.subjectCount === 1) throw nothingHeld('subjectId');
      await this.holds.touch(row.id, now);
      await this.holds.addEvent(row.id, 'subject_removed', { subjectId }, ctx.id, now);
      await this.recordPerson(ctx, 'edit', row.id, subjectId, 'released');
      return { removed: 1 };
    });
  }

  /** The people held, by id with a masked name; each read in the access log under that person. */
  async subjects(
    ctx: StaffContext,
    id: string,
  ): Promise<{ subjectId: string; maskedName: string | null; addedAt: string }[]> {
    return this.holds.transaction(async () => {
      const row = await this.load(ctx, 'read', id);
      const people = await this.holds.subjects(row.id);
      const names = new Map(
        (await this.names.maskedNames(people.map((p) => p.subjectId))).map((n) => [n.id, n.maskedName]),
      );
      await this.record(ctx, 'view', row.id, { people: people.length });
      for (const p of people) await this.recordPerson(ctx, 'view', row.id, p.subjectId, 'listed');
      return people.map((p) => ({
        subjectId: p.subjectId,
        maskedName: names.get(p.subjectId) ?? null,
        addedAt: p.addedAt.toISOString(),
      }));
    });
  }

  async release(ctx: StaffContext, id: string, dto: ReleaseLegalHoldDto): Promise<LegalHoldView> {
    return this.change(ctx, id, async (row, now) => {
      await this.holds.release(row.id, dto.reason, ctx.id, now);
      await this.holds.addEvent(row.id, 'released', {}, ctx.id, now);
      return { released: true };
    });
  }

  async events(
    ctx: StaffContext,
    id: string,
  ): Promise<
    {
      id: string;
      kind: string;
      detail: Record<string, unknown>;
      staff: { id: string; name: string } | null;
      at: string;
    }[]
  > {
    return this.holds.transaction(async () => {
      const row = await this.load(ctx, 'read', id);
      await this.record(ctx, 'view', row.id, { events: true });
      return (await this.holds.events(row.id)).map((e) => ({
        id: e.id,
        kind: e.kind,
        detail: e.detail,
        staff: e.staffId === null ? null : { id: e.staffId, name: e.staffName ?? '' },
        at: e.createdAt.toISOString(),
      }));
    });
  }

  /** A change of an active hold, on the loaded and locked row, checked by CASL on that row. */
  private change(
    ctx: StaffContext,
    id: string,
    work: (row: LegalHoldRow, now: Date) => Promise<Record<string, unknown>>,
  ): Promise<LegalHoldView> {
    return this.holds.transaction(async () => {
      const row = await this.load(ctx, 'update', id, true);
      if (row.status !== 'active') {
        throw Problem.of(LegalHoldsErrorCode.HoldReleased, 'This hold was released; it is kept as it was');
      }
      const detail = await work(row, this.calendar.now());
      await this.record(ctx, 'edit', row.id, detail);
      return present((await this.holds.find(row.id))!, this.calendar.today());
    });
  }

  private async load(ctx: StaffContext, action: Action, id: string, lock = false): Promise<LegalHoldRow> {
    const row = await this.holds.find(id, { lock });
    if (row === null) {
      throwUnlessCan(ctx.ability, action, 'LegalHold');
      throw Problem.of(LegalHoldsErrorCode.HoldNotFound, 'No legal hold has this id');
    }
    throwUnlessCan(ctx.ability, action, asSubject('LegalHold', { ...row }));
    return row;
  }

  private checkReviewOn(reviewOn: LocalDate): void {
    if (reviewOn < this.calendar.today()) {
      throw Problem.validation([{ field: 'reviewOn', code: 'IN_PAST', message: 'A review date today or later' }]);
    }
  }

  private async checkSource(dto: CreateLegalHoldDto): Promise<void> {
    if (dto.incidentId !== undefined && dto.source !== 'incident') {
      throw unknownLink('incidentId', 'Only a hold from an incident names one');
    }
    if (dto.rightsRequestId !== undefined && dto.source !== 'rights_request') {
      throw unknownLink('rightsRequestId', 'Only a hold from a rights request names one');
    }
    if (
      dto.source === 'incident' &&
      (dto.incidentId === undefined || !(await this.holds.incidentExists(dto.incidentId)))
    ) {
      throw unknownLink('incidentId', 'No such incident');
    }
    if (
      dto.source === 'rights_request' &&
      (dto.rightsRequestId === undefined || !(await this.holds.rightsRequestExists(dto.rightsRequestId)))
    ) {
      throw unknownLink('rightsRequestId', 'No such rights request');
    }
  }

  private async checkOwner(ownerId: string): Promise<void> {
    const owner = await this.staff.findById(ownerId);
    if (owner?.status !== 'active') throw unknownLink('ownerId', 'An active staff member owns the hold');
  }

  private async checkPeople(subjectIds: string[]): Promise<void> {
    if (subjectIds.length === 0) return;
    const known = new Set((await this.names.maskedNames(subjectIds)).map((n) => n.id));
    const unknown = subjectIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw unknownLink(`subjectIds.${unknown}`, 'No such person');
  }

  private async record(
    ctx: StaffContext,
    action: 'view' | 'create' | 'edit',
    holdId: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      { action, resource: RESOURCE, outcome: 'success', detail: { holdId, ...detail } },
      ctx.origin,
    );
  }

  /** The hold touches this person: in the access log under them. */
  private async recordPerson(
    ctx: StaffContext,
    action: 'view' | 'edit',
    holdId: string,
    subjectId: string,
    what: 'held' | 'released' | 'listed',
  ): Promise<void> {
    await this.audit.record(
      {
        action,
        resource: RESOURCE,
        outcome: 'success',
        subjectId: personSubject(subjectId),
        fields: action === 'view' ? ['name'] : [],
        detail: { holdId, [what]: true },
      },
      ctx.origin,
    );
  }
}

/** Erasure categories (F7) and record categories (F9) as the record categories holds name. */
function recordCategoriesOf(categories: readonly string[]): string[] {
  return RECORD_CATEGORY_CODES.filter(
    (code) => categories.includes(code) || categories.includes(RECORD_CATEGORIES[code].erasureCategory ?? ''),
  );
}

function present(row: LegalHoldRow, today: LocalDate): LegalHoldView {
  return {
    id: row.id,
    reference: row.reference,
    source: row.source,
    incidentId: row.incidentId,
    incidentReference: row.incidentReference,
    rightsRequestId: row.rightsRequestId,
    sourceReference: row.sourceReference,
    reason: row.reason,
    owner: { id: row.ownerId, name: row.ownerName },
    reviewOn: row.reviewOn,
    reviewDue: row.status === 'active' && row.reviewOn <= today,
    categories: row.categories,
    subjectCount: row.subjectCount,
    status: row.status,
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt.toISOString(),
    releasedAt: row.releasedAt?.toISOString() ?? null,
    releasedBy: row.releasedById === null ? null : { id: row.releasedById, name: row.releasedByName ?? '' },
    releaseReason: row.releaseReason,
    version: row.version,
  };
}

const unknownLink = (field: string, message: string) =>
  Problem.of(LegalHoldsErrorCode.LinkUnknown, message, [{ field, code: LegalHoldsErrorCode.LinkUnknown, message }]);

const nothingHeld = (field: string) =>
  Problem.of(LegalHoldsErrorCode.NothingHeld, 'A hold keeps some people or some record categories', [
    { field, code: LegalHoldsErrorCode.NothingHeld, message: 'The hold would hold nothing' },
  ]);

const staleVersion = (edited: number, current: number) =>
  Problem.of(LegalHoldsErrorCode.VersionConflict, 'Someone changed this hold after you opened it', [
    {
      field: 'version',
      code: 'STALE_VERSION',
      message: `You edited version ${edited}; it is now at version ${current}. Reload and edit again.`,
    },
  ]);
