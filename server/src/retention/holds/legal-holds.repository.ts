import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../../calendar/local-date';
import { Transactions } from '../../database/transactions';
import type { LegalHoldSource } from '../retention-types';
import type { LegalHoldSortField, LegalHoldStatus } from './dto/legal-hold.dto';

export interface LegalHoldRow {
  id: string;
  reference: string;
  source: LegalHoldSource;
  incidentId: string | null;
  incidentReference: string | null;
  rightsRequestId: string | null;
  sourceReference: string | null;
  reason: string;
  ownerId: string;
  ownerName: string;
  reviewOn: LocalDate;
  categories: string[];
  subjectCount: number;
  status: LegalHoldStatus;
  createdById: string;
  createdByName: string;
  createdAt: Date;
  releasedAt: Date | null;
  releasedById: string | null;
  releasedByName: string | null;
  releaseReason: string | null;
  remindedFor: LocalDate | null;
  version: number;
}

export interface LegalHoldListFilter {
  status?: LegalHoldStatus;
  source?: LegalHoldSource;
  ownerId?: string;
  /** Active with review_on on or before this date. */
  reviewDueOn?: LocalDate;
}

export interface NewLegalHold {
  year: number;
  source: LegalHoldSource;
  incidentId: string | null;
  rightsRequestId: string | null;
  sourceReference: string | null;
  reason: string;
  ownerId: string;
  reviewOn: LocalDate;
  categories: string[];
  createdBy: string;
  at: Date;
}

export interface HoldChange {
  reason: string;
  ownerId: string;
  reviewOn: LocalDate;
  categories: string[];
}

export interface HoldEventRow {
  id: string;
  kind: string;
  detail: Record<string, unknown>;
  staffId: string | null;
  staffName: string | null;
  createdAt: Date;
}

export interface DueReview {
  id: string;
  reference: string;
  source: LegalHoldSource;
  reviewOn: LocalDate;
  ownerId: string;
  ownerEmail: string | null;
  ownerActive: boolean;
}

const SORT_SQL: Record<LegalHoldSortField, string> = {
  reference: 'h.reference',
  reviewOn: 'h.review_on',
  createdAt: 'h.created_at',
};

const SELECT_HOLD = `
  SELECT h.id, h.reference, h.source, h.incident_id AS "incidentId", i.reference AS "incidentReference",
         h.rights_request_id AS "rightsRequestId", h.source_reference AS "sourceReference", h.reason,
         h.owner_id AS "ownerId", coalesce(o.display_name, '') AS "ownerName",
         to_char(h.review_on, 'YYYY-MM-DD') AS "reviewOn", h.categories,
         (SELECT count(*)::int FROM legal_hold_subjects s WHERE s.hold_id = h.id) AS "subjectCount",
         h.status, h.created_by AS "createdById", coalesce(c.display_name, '') AS "createdByName",
         h.created_at AS "createdAt", h.released_at AS "releasedAt", h.released_by AS "releasedById",
         r.display_name AS "releasedByName", h.release_reason AS "releaseReason",
         to_char(h.reminded_for, 'YYYY-MM-DD') AS "remindedFor", h.version
  FROM legal_holds h
  LEFT JOIN incidents i ON i.id = h.incident_id
  LEFT JOIN staff o ON o.id = h.owner_id
  LEFT JOIN staff c ON c.id = h.created_by
  LEFT JOIN staff r ON r.id = h.released_by`;

/** Legal holds, the people they hold and their timeline. Raw SQL, no entities. */
@Injectable()
export class LegalHoldsRepository {
  constructor(private readonly tx: Transactions) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  async list(
    filter: LegalHoldListFilter,
    page: { sortField: LegalHoldSortField; sortOrder: 'ASC' | 'DESC'; offset: number; limit: number },
  ): Promise<{ rows: LegalHoldRow[]; total: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      args.push(value);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (filter.status !== undefined) add('h.status = ?', filter.status);
    if (filter.source !== undefined) add('h.source = ?', filter.source);
    if (filter.ownerId !== undefined) add('h.owner_id = ?', filter.ownerId);
    if (filter.reviewDueOn !== undefined) add(`h.status = 'active' AND h.review_on <= ?::date`, filter.reviewDueOn);
    const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const m = this.tx.manager;
    const [{ total }]: { total: number }[] = await m.query(
      `SELECT count(*)::int AS total FROM legal_holds h ${whereSql}`,
      args,
    );
    const rows: LegalHoldRow[] = await m.query(
      `${SELECT_HOLD} ${whereSql}
       ORDER BY ${SORT_SQL[page.sortField]} ${page.sortOrder}, h.id ${page.sortOrder}
       LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, page.limit, page.offset],
    );
    return { rows, total };
  }

  async find(id: string, options: { lock?: boolean } = {}): Promise<LegalHoldRow | null> {
    const rows: LegalHoldRow[] = await this.tx.manager.query(
      `${SELECT_HOLD} WHERE h.id = $1 ${options.lock === true ? 'FOR UPDATE OF h' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(hold: NewLegalHold): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO legal_holds (reference, source, incident_id, rights_request_id, source_reference, reason, owner_id,
         review_on, categories, status, created_by, created_at, updated_at)
       VALUES ('LH-' || $1::int || '-' || lpad(nextval('legal_hold_reference_seq')::text, 6, '0'), $2, $3, $4, $5, $6,
         $7, $8, $9, 'active', $10, $11, $11)
       RETURNING id`,
      [
        hold.year,
        hold.source,
        hold.incidentId,
        hold.rightsRequestId,
        hold.sourceReference,
        hold.reason,
        hold.ownerId,
        hold.reviewOn,
        hold.categories,
        hold.createdBy,
        hold.at,
      ],
    );
    return rows[0].id;
  }

  async update(id: string, change: HoldChange, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE legal_holds SET reason = $2, owner_id = $3, review_on = $4, categories = $5, updated_at = $6,
         version = version + 1
       WHERE id = $1`,
      [id, change.reason, change.ownerId, change.reviewOn, change.categories, at],
    );
  }

  async release(id: string, reason: string, by: string, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE legal_holds SET status = 'released', released_at = $2, released_by = $3, release_reason = $4,
         updated_at = $2, version = version + 1
       WHERE id = $1`,
      [id, at, by, reason],
    );
  }

  /** Adds the people not yet held; returns those added. */
  async addSubjects(id: string, subjectIds: string[], at: Date): Promise<string[]> {
    const rows: { subject_id: string }[] = await this.tx.manager.query(
      `INSERT INTO legal_hold_subjects (hold_id, subject_id, added_at)
       SELECT $1, s, $3 FROM unnest($2::uuid[]) AS s
       ON CONFLICT DO NOTHING
       RETURNING subject_id`,
      [id, subjectIds, at],
    );
    return rows.map((r) => r.subject_id);
  }

  async removeSubject(id: string, subjectId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      `DELETE FROM legal_hold_subjects WHERE hold_id = $1 AND subject_id = $2 RETURNING subject_id`,
      [id, subjectId],
    );
    return rows.length > 0;
  }

  async subjects(id: string): Promise<{ subjectId: string; addedAt: Date }[]> {
    return this.tx.manager.query(
      `SELECT subject_id AS "subjectId", added_at AS "addedAt" FROM legal_hold_subjects WHERE hold_id = $1
       ORDER BY added_at, subject_id`,
      [id],
    );
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.tx.manager.query(`UPDATE legal_holds SET updated_at = $2, version = version + 1 WHERE id = $1`, [
      id,
      at,
    ]);
  }

  async addEvent(
    holdId: string,
    kind: string,
    detail: Record<string, unknown>,
    staffId: string | null,
    at: Date,
  ): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO legal_hold_events (hold_id, kind, detail, staff_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [holdId, kind, JSON.stringify(detail), staffId, at],
    );
  }

  async events(holdId: string): Promise<HoldEventRow[]> {
    return this.tx.manager.query(
      `SELECT e.id::text AS id, e.kind, e.detail, e.staff_id AS "staffId", s.display_name AS "staffName",
              e.created_at AS "createdAt"
       FROM legal_hold_events e LEFT JOIN staff s ON s.id = e.staff_id
       WHERE e.hold_id = $1 ORDER BY e.id`,
      [holdId],
    );
  }

  /** The active holds keeping this person's data, or one of these record categories. */
  async activeHoldsOn(subjectId: string, categories: string[]): Promise<{ id: string; reference: string }[]> {
    return this.tx.manager.query(
      `SELECT h.id, h.reference FROM legal_holds h
       WHERE h.status = 'active'
         AND (h.categories && $2::text[]
              OR EXISTS (SELECT 1 FROM legal_hold_subjects s WHERE s.hold_id = h.id AND s.subject_id = $1))
       ORDER BY h.reference`,
      [subjectId, categories],
    );
  }

  async countReviewDue(today: LocalDate): Promise<number> {
    const [row]: { n: number }[] = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM legal_holds WHERE status = 'active' AND review_on <= $1::date`,
      [today],
    );
    return row.n;
  }

  /** Active holds due for review whose owner was not yet reminded of this review date; claimed for the run. */
  async dueForReminder(today: LocalDate): Promise<DueReview[]> {
    return this.tx.manager.query(
      `SELECT h.id, h.reference, h.source, to_char(h.review_on, 'YYYY-MM-DD') AS "reviewOn", h.owner_id AS "ownerId",
              o.email AS "ownerEmail", (o.status = 'active') AS "ownerActive"
       FROM legal_holds h JOIN staff o ON o.id = h.owner_id
       WHERE h.status = 'active' AND h.review_on <= $1::date AND h.reminded_for IS DISTINCT FROM h.review_on
       ORDER BY h.review_on, h.id
       FOR UPDATE OF h SKIP LOCKED`,
      [today],
    );
  }

  async markReminded(id: string, reviewOn: LocalDate): Promise<void> {
    await this.tx.manager.query(`UPDATE legal_holds SET reminded_for = $2 WHERE id = $1`, [id, reviewOn]);
  }

  async incidentExists(id: string): Promise<boolean> {
    return (await this.tx.manager.query(`SELECT 1 FROM incidents WHERE id = $1`, [id])).length > 0;
  }

  async rightsRequestExists(id: string): Promise<boolean> {
    return (await this.tx.manager.query(`SELECT 1 FROM rights_requests WHERE id = $1`, [id])).length > 0;
  }
}
