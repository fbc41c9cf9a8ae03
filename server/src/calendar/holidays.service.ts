import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../authorization/abilities';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import { historyOf, type HistoryEntry } from '../common/version-diff';
import { CalendarErrorCode, CalendarFieldCode } from './calendar.errors';
import { CalendarRepository, type HolidayFilter, type HolidayRow, type HolidaySortField } from './calendar.repository';
import { Clock } from './clock';
import type { CreateHolidayDto, HolidayInputDto } from './dto/holiday.dto';
import type { HolidayOperation } from './holiday-version.entity';

export type HolidayHistoryEntry = HistoryEntry<HolidayOperation, Record<string, unknown>>;

/** Fields a version's diff compares (what a person can change, and the status). */
const DIFF_FIELDS = ['date', 'nameKo', 'nameEn', 'kind', 'status'] as const;

const RESOURCE = 'calendar-holiday';

/**
 * The holidays: read by every role, changed by the DPO. Every change is a new version with its
 * author and reason, written with its access-log event in one transaction; a change to a
 * version someone else has replaced is refused (409).
 */
@Injectable()
export class HolidaysService {
  constructor(
    private readonly repo: CalendarRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    ctx: StaffContext,
    params: ListParams<HolidaySortField, HolidayFilter>,
  ): Promise<{ rows: HolidayRow[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'Holiday');
    return this.repo.list(
      params.filter,
      { field: params.sortField, order: params.sortOrder },
      { offset: params.offset, limit: params.limit },
    );
  }

  async get(ctx: StaffContext, id: string): Promise<HolidayRow> {
    const row = await this.repo.find(id);
    if (row === null) throw notFound();
    throwUnlessCan(ctx.ability, 'read', asSubject('Holiday', { ...row }));
    return row;
  }

  async history(ctx: StaffContext, id: string): Promise<HolidayHistoryEntry[]> {
    await this.get(ctx, id);
    return historyOf(await this.repo.history(id), DIFF_FIELDS);
  }

  async create(ctx: StaffContext, input: CreateHolidayDto): Promise<HolidayRow> {
    throwUnlessCan(ctx.ability, 'create', 'Holiday');
    const now = this.clock.now().toISOString();
    const row: HolidayRow = {
      id: randomUUID(),
      jurisdiction: input.jurisdiction,
      date: input.date,
      nameKo: input.nameKo,
      nameEn: input.nameEn,
      kind: input.kind,
      source: 'manual',
      status: 'active',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return this.repo
      .transaction(async (manager) => {
        await this.refuseTwin(row, manager);
        return this.write(ctx, row, null, 'create', input.reason, manager);
      })
      .catch(twinRace);
  }

  async update(
    ctx: StaffContext,
    id: string,
    input: HolidayInputDto,
    version: number,
    reason: string,
  ): Promise<HolidayRow> {
    return this.repo
      .transaction(async (manager) => {
        const current = await this.loadForChange(ctx, id, 'update', version, manager);
        const row: HolidayRow = {
          ...current,
          date: input.date,
          nameKo: input.nameKo,
          nameEn: input.nameEn,
          kind: input.kind,
        };
        await this.refuseTwin(row, manager);
        return this.write(ctx, row, current, 'update', reason, manager);
      })
      .catch(twinRace);
  }

  /** Ends a holiday: it no longer counts as a non-business day, and stays with its history. */
  async end(ctx: StaffContext, id: string, version: number, reason: string): Promise<HolidayRow> {
    return this.repo.transaction(async (manager) => {
      const current = await this.loadForChange(ctx, id, 'delete', version, manager);
      return this.write(ctx, { ...current, status: 'ended' }, current, 'end', reason, manager);
    });
  }

  private async loadForChange(
    ctx: StaffContext,
    id: string,
    action: 'update' | 'delete',
    version: number,
    manager: EntityManager,
  ): Promise<HolidayRow> {
    const current = await this.repo.find(id, manager, true);
    if (current === null) throw notFound();
    throwUnlessCan(ctx.ability, action, asSubject('Holiday', { ...current }));
    if (current.version !== version) {
      throw Problem.of(CalendarErrorCode.VersionConflict, 'Someone saved this holiday after you opened it', [
        {
          field: 'version',
          code: CalendarFieldCode.StaleVersion,
          message: `You edited version ${version}; it is now at version ${current.version}. Reload and edit again.`,
        },
      ]);
    }
    if (current.status === 'ended') {
      throw Problem.of(CalendarErrorCode.HolidayEnded, 'This holiday has ended; add a new one instead');
    }
    return current;
  }

  private async refuseTwin(row: HolidayRow, manager: EntityManager): Promise<void> {
    if (await this.repo.activeTwin(row, manager)) throw twinExists();
  }

  private async write(
    ctx: StaffContext,
    next: HolidayRow,
    current: HolidayRow | null,
    operation: HolidayOperation,
    reason: string,
    manager: EntityManager,
  ): Promise<HolidayRow> {
    const now = this.clock.now();
    const row: HolidayRow = { ...next, version: (current?.version ?? 0) + 1, updatedAt: now.toISOString() };
    if (current === null) await this.repo.insert(row, manager);
    else await this.repo.update(row, manager);
    await this.repo.addVersion(
      {
        holidayId: row.id,
        version: row.version,
        operation,
        authorId: ctx.id,
        authorName: ctx.displayName,
        reason,
        changedAt: now,
        snapshot: row,
      },
      manager,
    );
    await this.audit.record(
      {
        action: operation === 'create' ? 'create' : operation === 'end' ? 'delete' : 'edit',
        resource: RESOURCE,
        outcome: 'success',
        purpose: reason,
        detail: { id: row.id, version: row.version, operation, jurisdiction: row.jurisdiction, date: row.date },
      },
      ctx.origin,
      manager,
    );
    return row;
  }
}

function notFound(): Problem {
  return Problem.of(CalendarErrorCode.HolidayNotFound, 'No holiday has this id');
}

function twinExists(): Problem {
  return Problem.of(CalendarErrorCode.HolidayExists, 'This holiday is already on the calendar', [
    { field: 'nameKo', code: CalendarFieldCode.Taken, message: 'An active holiday of this name is on this day' },
  ]);
}

/** Two people adding the same holiday at once: the partial unique index stops the second. */
function twinRace(error: unknown): never {
  if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') throw twinExists();
  throw error;
}
