import { Injectable } from '@nestjs/common';
import type { LocalDate } from '../../calendar/local-date';
import { Transactions } from '../../database/transactions';
import type { DormancyState } from '../retention-types';

export interface DormancyCaseRow {
  id: string;
  subjectId: string;
  state: DormancyState;
  lastActiveAt: Date;
  noticeDueOn: LocalDate;
  separationDueOn: LocalDate;
  ruleVersion: number;
  noticeMessageId: string | null;
  noticeChannel: 'email' | 'sms' | 'app_push' | 'letter' | null;
  notifiedAt: Date | null;
  separatedAt: Date | null;
  reactivatedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const DORMANCY_SORT_FIELDS = ['separationDueOn', 'noticeDueOn', 'updatedAt', 'createdAt'] as const;
export type DormancySortField = (typeof DORMANCY_SORT_FIELDS)[number];

const SORT_COLUMNS: Record<DormancySortField, string> = {
  separationDueOn: 'separation_due_on',
  noticeDueOn: 'notice_due_on',
  updatedAt: 'updated_at',
  createdAt: 'created_at',
};

const CASE_COLUMNS = `id, subject_id AS "subjectId", state, last_active_at AS "lastActiveAt",
  to_char(notice_due_on, 'YYYY-MM-DD') AS "noticeDueOn", to_char(separation_due_on, 'YYYY-MM-DD') AS "separationDueOn",
  rule_version AS "ruleVersion", notice_message_id AS "noticeMessageId", notice_channel AS "noticeChannel",
  notified_at AS "notifiedAt", separated_at AS "separatedAt", reactivated_at AS "reactivatedAt",
  cancelled_at AS "cancelledAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

const OPEN_STATES = `('due_for_notice', 'notified', 'separated')`;

/** dormancy_cases, and the dormancy rule read from retention_rules (the rules service will own that read). */
@Injectable()
export class DormancyRepository {
  constructor(private readonly tx: Transactions) {}

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.manager.query<T[]>(sql, params);
  }

  /** Of these people, those with an open case (due for notice, notified or separated). */
  async withOpenCase(subjectIds: string[]): Promise<Set<string>> {
    if (subjectIds.length === 0) return new Set();
    const rows = await this.q<{ subjectId: string }>(
      `SELECT subject_id AS "subjectId" FROM dormancy_cases WHERE subject_id = ANY($1::uuid[]) AND state IN ${OPEN_STATES}`,
      [subjectIds],
    );
    return new Set(rows.map((r) => r.subjectId));
  }

  /** Opens a case; null when the person already has an open one (another instance, a rerun). */
  async open(
    c: {
      subjectId: string;
      lastActiveAt: Date;
      noticeDueOn: LocalDate;
      separationDueOn: LocalDate;
      ruleVersion: number;
    },
    at: Date,
  ): Promise<string | null> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO dormancy_cases (subject_id, state, last_active_at, notice_due_on, separation_due_on, rule_version,
         created_at, updated_at)
       VALUES ($1, 'due_for_notice', $2, $3, $4, $5, $6, $6)
       ON CONFLICT (subject_id) WHERE state IN ${OPEN_STATES} DO NOTHING RETURNING id`,
      [c.subjectId, c.lastActiveAt, c.noticeDueOn, c.separationDueOn, c.ruleVersion, at],
    );
    return rows[0]?.id ?? null;
  }

  /** The cases in one state, by id after `after` (a page). */
  inState(state: DormancyState, after: string | null, limit: number): Promise<DormancyCaseRow[]> {
    return this.q<DormancyCaseRow>(
      `SELECT ${CASE_COLUMNS} FROM dormancy_cases WHERE state = $1 AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id LIMIT $3`,
      [state, after, limit],
    );
  }

  /** One case, locked, if it is still in `state` (another instance may have moved it). */
  async lockInState(id: string, state: DormancyState): Promise<DormancyCaseRow | null> {
    const rows = await this.q<DormancyCaseRow>(
      `SELECT ${CASE_COLUMNS} FROM dormancy_cases WHERE id = $1 AND state = $2 FOR UPDATE`,
      [id, state],
    );
    return rows[0] ?? null;
  }

  async markNotified(
    id: string,
    notice: { messageId: string; channel: string; separationDueOn: LocalDate },
    at: Date,
  ): Promise<void> {
    await this.q(
      `UPDATE dormancy_cases SET state = 'notified', notice_message_id = $2, notice_channel = $3, notified_at = $4,
         separation_due_on = $5, updated_at = $4
       WHERE id = $1 AND state = 'due_for_notice'`,
      [id, notice.messageId, notice.channel, at, notice.separationDueOn],
    );
  }

  async cancel(id: string, at: Date): Promise<void> {
    await this.q(
      `UPDATE dormancy_cases SET state = 'cancelled', cancelled_at = $2, updated_at = $2
       WHERE id = $1 AND state IN ('due_for_notice', 'notified')`,
      [id, at],
    );
  }

  async list(query: {
    state?: DormancyState;
    subjectId?: string;
    sortField: DormancySortField;
    sortOrder: 'ASC' | 'DESC';
    offset: number;
    limit: number;
  }): Promise<{ rows: DormancyCaseRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.state) {
      params.push(query.state);
      where.push(`state = $${params.length}`);
    }
    if (query.subjectId) {
      params.push(query.subjectId);
      where.push(`subject_id = $${params.length}`);
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.q<DormancyCaseRow & { total: number }>(
      `SELECT ${CASE_COLUMNS}, count(*) OVER ()::int AS total FROM dormancy_cases ${whereSql}
       ORDER BY ${SORT_COLUMNS[query.sortField]} ${query.sortOrder}, id ${query.sortOrder}
       LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { rows: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
  }

  /** Cases per state (aggregates, no person). */
  async counts(): Promise<Record<DormancyState, number>> {
    const rows = await this.q<{ state: DormancyState; count: number }>(
      'SELECT state, count(*)::int AS count FROM dormancy_cases GROUP BY state',
      [],
    );
    const counts: Record<DormancyState, number> = {
      due_for_notice: 0,
      notified: 0,
      separated: 0,
      reactivated: 0,
      cancelled: 0,
    };
    for (const r of rows) counts[r.state] = r.count;
    return counts;
  }
}
