import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Brackets, EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { HolidayEntity, type HolidayStatus } from './holiday.entity';
import type { HolidayKind, HolidaySeed } from './holiday-source';
import { HolidayVersionEntity, type HolidayOperation } from './holiday-version.entity';
import type { Jurisdiction } from './jurisdictions';
import type { LocalDate } from './local-date';

/** A holiday as the API shows it (timestamps as ISO strings). */
export interface HolidayRow {
  id: string;
  jurisdiction: Jurisdiction;
  date: LocalDate;
  nameKo: string;
  nameEn: string;
  kind: HolidayKind;
  source: 'library' | 'manual';
  status: HolidayStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HolidayFilter {
  jurisdiction?: Jurisdiction;
  year?: number;
  status?: HolidayStatus;
  kind?: HolidayKind;
  q?: string;
  id?: string[];
}

export type HolidaySortField = 'date' | 'nameKo' | 'nameEn' | 'kind' | 'jurisdiction' | 'updatedAt';

export interface VersionInput {
  holidayId: string;
  version: number;
  operation: HolidayOperation;
  authorId: string | null;
  authorName: string;
  reason: string;
  changedAt: Date;
  snapshot: HolidayRow;
}

const toRow = (e: HolidayEntity): HolidayRow => ({
  ...e,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

const COLUMN: Record<HolidaySortField, string> = {
  date: 'h.on_date',
  nameKo: 'h.name_ko',
  nameEn: 'h.name_en',
  kind: 'h.kind',
  jurisdiction: 'h.jurisdiction',
  updatedAt: 'h.updated_at',
};

/** All I/O of the calendar: holidays, their history, and the years seeded from the library. */
@Injectable()
export class CalendarRepository {
  constructor(private readonly tx: Transactions) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  private holidays(manager?: EntityManager) {
    return this.tx.use(manager).getRepository(HolidayEntity);
  }

  async list(
    filter: HolidayFilter,
    sort: { field: HolidaySortField; order: 'ASC' | 'DESC' },
    page: { offset: number; limit: number },
  ): Promise<{ rows: HolidayRow[]; total: number }> {
    const query = this.holidays().createQueryBuilder('h');
    if (filter.jurisdiction !== undefined) query.andWhere('h.jurisdiction = :jurisdiction', filter);
    if (filter.year !== undefined) {
      query.andWhere('h.on_date >= make_date(:year, 1, 1) AND h.on_date < make_date(:year + 1, 1, 1)', filter);
    }
    if (filter.status !== undefined) query.andWhere('h.status = :status', filter);
    if (filter.kind !== undefined) query.andWhere('h.kind = :kind', filter);
    if (filter.id !== undefined) query.andWhere('h.id IN (:...id)', { id: filter.id.length > 0 ? filter.id : [null] });
    if (filter.q !== undefined && filter.q !== '') {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        new Brackets((or) => or.where('h.name_ko ILIKE :like', { like }).orWhere('h.name_en ILIKE :like', { like })),
      );
    }
    query
      .orderBy(COLUMN[sort.field], sort.order)
      .addOrderBy('h.on_date', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .skip(page.offset)
      .take(page.limit);
    const [entities, total] = await query.getManyAndCount();
    return { rows: entities.map(toRow), total };
  }

  async find(id: string, manager?: EntityManager, forUpdate = false): Promise<HolidayRow | null> {
    const entity = await this.holidays(manager).findOne({
      where: { id },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return entity === null ? null : toRow(entity);
  }

  /** Another active holiday of this name on this day, if any. */
  async activeTwin(row: Pick<HolidayRow, 'id' | 'jurisdiction' | 'date' | 'nameKo'>, manager: EntityManager) {
    const twin = await this.holidays(manager).findOne({
      where: { jurisdiction: row.jurisdiction, date: row.date, nameKo: row.nameKo, status: 'active' },
    });
    return twin !== null && twin.id !== row.id;
  }

  async insert(row: HolidayRow, manager: EntityManager): Promise<void> {
    await this.holidays(manager).insert({
      ...row,
      createdAt: new Date(row.createdAt),
      updatedAt: new Date(row.updatedAt),
    });
  }

  async update(row: HolidayRow, manager: EntityManager): Promise<void> {
    const { id, ...changes } = row;
    await this.holidays(manager).update(
      { id },
      { ...changes, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) },
    );
  }

  async addVersion(input: VersionInput, manager: EntityManager): Promise<void> {
    await manager.getRepository(HolidayVersionEntity).insert({ ...input, snapshot: { ...input.snapshot } });
  }

  async history(holidayId: string): Promise<HolidayVersionEntity[]> {
    return this.tx.manager
      .getRepository(HolidayVersionEntity)
      .find({ where: { holidayId }, order: { version: 'ASC' } });
  }

  /** The dates in [from, to] on which an active holiday of the jurisdiction falls. */
  async activeDates(jurisdiction: Jurisdiction, from: LocalDate, to: LocalDate): Promise<LocalDate[]> {
    const rows: { day: string }[] = await this.tx.manager.query(
      `SELECT DISTINCT to_char(on_date, 'YYYY-MM-DD') AS day FROM calendar_holidays
        WHERE jurisdiction = $1 AND status = 'active' AND on_date BETWEEN $2 AND $3`,
      [jurisdiction, from, to],
    );
    return rows.map((r) => r.day);
  }

  async seededYears(jurisdiction: Jurisdiction): Promise<number[]> {
    const rows: { year: number }[] = await this.tx.manager.query(
      'SELECT year FROM calendar_seeded_years WHERE jurisdiction = $1 ORDER BY year',
      [jurisdiction],
    );
    return rows.map((r) => r.year);
  }

  /**
   * Seeds one year of a jurisdiction unless it was seeded before (by this or another instance:
   * the key on calendar_seeded_years makes a second writer wait, then skip). True when seeded here.
   */
  async seedYear(
    jurisdiction: Jurisdiction,
    year: number,
    source: string,
    seeds: HolidaySeed[],
    now: Date,
  ): Promise<boolean> {
    return this.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO calendar_seeded_years (jurisdiction, year, source, seeded_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING year`,
        [jurisdiction, year, source, now],
      );
      if (claimed.length === 0) return false;
      for (const seed of seeds) {
        const row: HolidayRow = {
          id: randomUUID(),
          ...seed,
          source: 'library',
          status: 'active',
          version: 1,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        };
        // A holiday someone already added by hand for that day stays as it is.
        if (await this.activeTwin(row, manager)) continue;
        await this.insert(row, manager);
        await this.addVersion(
          {
            holidayId: row.id,
            version: 1,
            operation: 'seed',
            authorId: null,
            authorName: 'system',
            reason: `Seeded from ${source}`,
            changedAt: now,
            snapshot: row,
          },
          manager,
        );
      }
      return true;
    });
  }
}
