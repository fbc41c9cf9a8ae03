import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import type { LocalDate } from '../../calendar/local-date';
import type { QueueStatus } from '../retention-types';

export interface ActedRule {
  id: string;
  code: string;
  name: { ko: string; en: string };
  retention: { kind?: string; period?: string; law?: string; text?: string };
  source: string;
  category: string;
  trigger: string;
  action: 'destroy' | 'pseudonymise' | 'separate';
  enabled: boolean;
  version: number;
  approvedBy: { id: string; name: string } | null;
  approvedAt: Date | null;
}

export interface QueueItemRow {
  id: string;
  ruleId: string;
  ruleCode: string;
  ruleVersion: number;
  category: string;
  action: 'destroy' | 'pseudonymise';
  subjectId: string;
  statutoryHoldId: string | null;
  dueOn: LocalDate;
  cutoff: Date;
  recordCount: number;
  status: QueueStatus;
  heldBy: string[];
  scannedAt: Date;
  runId: string | null;
  destroyedCount: number | null;
  destroyedAt: Date | null;
}

export interface RunRow {
  id: string;
  throughOn: LocalDate;
  status: 'running' | 'completed' | 'failed';
  jobRunId: string | null;
  startedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  destroyedItems: number;
  destroyedRecords: number;
}

export interface CertificateRow {
  id: string;
  reference: string;
  runId: string;
  issuedAt: Date;
  throughOn: LocalDate;
  lines: CertificateLine[];
  people: number;
  records: number;
  held: number;
}

export interface CertificateLine {
  ruleId: string;
  ruleCode: string;
  ruleVersion: number;
  name: { ko: string; en: string };
  category: string;
  action: string;
  period: string | null;
  trigger: string;
  legalBasis: string;
  approvedBy: { id: string; name: string } | null;
  approvedAt: string | null;
  people: number;
  records: number;
  held: number;
}

/** A day of the scan's horizon and its cutoff: records whose trigger time is before it are due that day. */
export interface DueDay {
  on: LocalDate;
  cutoff: Date;
}

const RULE_COLUMNS = `r.id, r.code, r.name, r.retention, r.source, r.category, r.trigger, r.action, r.enabled,
  r.version, CASE WHEN r.approved_by IS NULL THEN NULL ELSE jsonb_build_object('id', st.id, 'name', st.display_name)
  END AS "approvedBy", r.approved_at AS "approvedAt"`;

const ITEM_COLUMNS = `q.id::text AS id, q.rule_id AS "ruleId", r.code AS "ruleCode", q.rule_version AS "ruleVersion",
  q.category, q.action, q.subject_id AS "subjectId", q.statutory_hold_id AS "statutoryHoldId",
  to_char(q.due_on, 'YYYY-MM-DD') AS "dueOn", q.cutoff, q.record_count AS "recordCount", q.status,
  q.held_by AS "heldBy", q.scanned_at AS "scannedAt", q.run_id AS "runId", q.destroyed_count AS "destroyedCount",
  q.destroyed_at AS "destroyedAt"`;

/**
 * The active legal holds (F9 §2) that stop destruction of `category` for the person in `subject`:
 * a hold listing the person, or one holding the whole category. An SQL expression (uuid[]).
 */
export function heldBySql(subject: string, category: string): string {
  return `coalesce((SELECT array_agg(lh.id ORDER BY lh.id) FROM legal_holds lh WHERE lh.status = 'active'
    AND (${category} = ANY (lh.categories)
      OR EXISTS (SELECT 1 FROM legal_hold_subjects lhs WHERE lhs.hold_id = lh.id AND lhs.subject_id = ${subject}))),
    '{}'::uuid[])`;
}

/** The destruction queue, its runs and certificates (F9 tables, raw SQL). */
@Injectable()
export class DestructionRepository {
  constructor(private readonly tx: Transactions) {}

  private q<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.tx.manager.query<T[]>(sql, params);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  /** The rules that name a category (acted on), enabled or not. */
  actedRules(): Promise<ActedRule[]> {
    return this.q<ActedRule>(
      `SELECT ${RULE_COLUMNS} FROM retention_rules r LEFT JOIN staff st ON st.id = r.approved_by
       WHERE r.category IS NOT NULL ORDER BY r.code`,
    );
  }

  async rule(id: string): Promise<ActedRule | null> {
    const [row] = await this.q<ActedRule>(
      `SELECT ${RULE_COLUMNS} FROM retention_rules r LEFT JOIN staff st ON st.id = r.approved_by WHERE r.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * One rule's scan, set-based: everyone with records due within the horizon gets one open item
   * (its first due day, the count due by the horizon's end), held when a hold applies; an open
   * item whose records are gone is cancelled. Returns the items written, by status.
   */
  async scanRule(
    rule: ActedRule,
    records: string,
    days: DueDay[],
    now: Date,
  ): Promise<{ pending: number; held: number; cancelled: number }> {
    const last = days[days.length - 1].cutoff;
    const written = await this.q<{ status: QueueStatus; n: number }>(
      `WITH due AS (
         SELECT r.subject_id, count(*)::int AS records, min(r.at) AS first_at
         FROM (${records}) r WHERE r.at < $1 GROUP BY r.subject_id
       ), dated AS (
         SELECT d.subject_id, d.records, w.due_on, w.cutoff, ${heldBySql('d.subject_id', '$5')} AS held_by
         FROM due d CROSS JOIN LATERAL (
           SELECT x.due_on, x.cutoff FROM unnest($2::date[], $3::timestamptz[]) AS x(due_on, cutoff)
           WHERE d.first_at < x.cutoff ORDER BY x.due_on LIMIT 1) w
       ), upserted AS (
         INSERT INTO destruction_queue (rule_id, rule_version, category, action, subject_id, due_on, cutoff,
           record_count, status, held_by, scanned_at)
         SELECT $4, $6, $5, $7, subject_id, due_on, cutoff, records,
           CASE WHEN cardinality(held_by) > 0 THEN 'held' ELSE 'pending' END, held_by, $8
         FROM dated
         ON CONFLICT (rule_id, subject_id) WHERE status IN ('pending', 'held') DO UPDATE SET
           rule_version = EXCLUDED.rule_version, action = EXCLUDED.action,
           due_on = least(EXCLUDED.due_on, CASE WHEN destruction_queue.statutory_hold_id IS NULL THEN EXCLUDED.due_on
             ELSE destruction_queue.due_on END),
           cutoff = EXCLUDED.cutoff, record_count = EXCLUDED.record_count, status = EXCLUDED.status,
           held_by = EXCLUDED.held_by, scanned_at = EXCLUDED.scanned_at
         RETURNING status)
       SELECT status, count(*)::int AS n FROM upserted GROUP BY status`,
      [last, days.map((d) => d.on), days.map((d) => d.cutoff), rule.id, rule.category, rule.version, rule.action, now],
    );
    const cancelled = await this.q<unknown>(
      `UPDATE destruction_queue q SET status = 'cancelled', scanned_at = $3
       WHERE q.rule_id = $1 AND q.status IN ('pending', 'held') AND q.statutory_hold_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM (${records}) r WHERE r.subject_id = q.subject_id AND r.at < $2)`,
      [rule.id, last, now],
    );
    const count = (status: QueueStatus) => written.find((w) => w.status === status)?.n ?? 0;
    return { pending: count('pending'), held: count('held'), cancelled: affected(cancelled) };
  }

  /** Open items of rules no longer acted on (disabled, or their category changed) are cancelled. */
  async cancelStale(now: Date): Promise<number> {
    const result = await this.q<unknown>(
      `UPDATE destruction_queue q SET status = 'cancelled', scanned_at = $1 FROM retention_rules r
       WHERE r.id = q.rule_id AND q.status IN ('pending', 'held') AND q.statutory_hold_id IS NULL
         AND (NOT r.enabled OR r.category IS DISTINCT FROM q.category)`,
      [now],
    );
    return affected(result);
  }

  /**
   * F7's statutory holds reaching their destroy_on within the horizon become items of the rule
   * that kept them (an open item of that rule for the person takes the hold on).
   */
  async scanStatutory(throughOn: LocalDate, timeZone: string, now: Date): Promise<number> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO destruction_queue (rule_id, rule_version, category, action, subject_id, statutory_hold_id, due_on,
         cutoff, record_count, status, held_by, scanned_at)
       SELECT r.id, r.version, coalesce(r.category, h.category), 'destroy', h.subject_id, h.id, h.destroy_on,
         h.destroy_on::timestamp AT TIME ZONE $2, 0,
         CASE WHEN cardinality(${heldBySql('h.subject_id', 'coalesce(r.category, h.category)')}) > 0
           THEN 'held' ELSE 'pending' END,
         ${heldBySql('h.subject_id', 'coalesce(r.category, h.category)')}, $3
       FROM subject_legal_holds h JOIN retention_rules r ON r.code = h.retention_rule_code
       WHERE h.released_at IS NULL AND h.destroy_on <= $1
       ON CONFLICT (rule_id, subject_id) WHERE status IN ('pending', 'held') DO UPDATE SET
         statutory_hold_id = EXCLUDED.statutory_hold_id, due_on = least(destruction_queue.due_on, EXCLUDED.due_on),
         scanned_at = EXCLUDED.scanned_at
       RETURNING id`,
      [throughOn, timeZone, now],
    );
    return rows.length;
  }

  // ---- the run ------------------------------------------------------------------------------

  async runningRun(): Promise<RunRow | null> {
    const [row] = await this.q<RunRow>(`${RUN_SELECT} WHERE d.status = 'running'`);
    return row ?? null;
  }

  /** A new run, or null when another instance started one meanwhile (one running at a time). */
  async startRun(run: { throughOn: LocalDate; jobRunId: string | null; startedBy: string | null; at: Date }) {
    const [row] = await this.q<{ id: string }>(
      `INSERT INTO destruction_runs (through_on, status, job_run_id, started_by, started_at)
       VALUES ($1, 'running', $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
      [run.throughOn, run.jobRunId, run.startedBy, run.at],
    );
    return row?.id ?? null;
  }

  /** The next people with open items due through the run's day, in id order after `after`. */
  async nextPeople(throughOn: LocalDate, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.q<{ subjectId: string }>(
      `SELECT DISTINCT subject_id AS "subjectId" FROM destruction_queue
       WHERE status IN ('pending', 'held') AND due_on <= $1 AND ($2::uuid IS NULL OR subject_id > $2)
       ORDER BY subject_id LIMIT $3`,
      [throughOn, after, limit],
    );
    return rows.map((r) => r.subjectId);
  }

  /** One person's open items due through the run's day, locked for this transaction. */
  openItemsOf(subjectId: string, throughOn: LocalDate): Promise<QueueItemRow[]> {
    return this.q<QueueItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM destruction_queue q JOIN retention_rules r ON r.id = q.rule_id
       WHERE q.subject_id = $1 AND q.status IN ('pending', 'held') AND q.due_on <= $2 ORDER BY q.id FOR UPDATE OF q`,
      [subjectId, throughOn],
    );
  }

  /**
   * A batch of people's open items due through the run's day, locked for this transaction, each
   * with the holds that stop it now (read again: a hold placed after the scan still stops it).
   */
  openItemsOfPeople(
    subjectIds: readonly string[],
    throughOn: LocalDate,
  ): Promise<(QueueItemRow & { heldNow: string[] })[]> {
    return this.q<QueueItemRow & { heldNow: string[] }>(
      `SELECT ${ITEM_COLUMNS}, ${heldBySql('q.subject_id', 'q.category')} AS "heldNow"
       FROM destruction_queue q JOIN retention_rules r ON r.id = q.rule_id
       WHERE q.subject_id = ANY ($1::uuid[]) AND q.status IN ('pending', 'held') AND q.due_on <= $2
       ORDER BY q.subject_id, q.id FOR UPDATE OF q`,
      [subjectIds, throughOn],
    );
  }

  async markCancelledMany(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.q(`UPDATE destruction_queue SET status = 'cancelled', scanned_at = $2 WHERE id = ANY ($1::bigint[])`, [
      ids,
      at,
    ]);
  }

  /** The batch's destroyed items, in one statement. */
  async markDestroyedMany(
    items: readonly { id: string; count: number; ruleVersion: number }[],
    runId: string,
    at: Date,
  ): Promise<void> {
    if (items.length === 0) return;
    await this.q(
      `UPDATE destruction_queue q SET status = 'destroyed', run_id = $1, destroyed_at = $2,
         destroyed_count = x.count, rule_version = x.version
       FROM unnest($3::bigint[], $4::int[], $5::int[]) AS x(id, count, version) WHERE q.id = x.id`,
      [runId, at, items.map((i) => i.id), items.map((i) => i.count), items.map((i) => i.ruleVersion)],
    );
  }

  async heldBy(subjectId: string, category: string): Promise<string[]> {
    const [row] = await this.q<{ heldBy: string[] }>(`SELECT ${heldBySql('$1::uuid', '$2::text')} AS "heldBy"`, [
      subjectId,
      category,
    ]);
    return row.heldBy;
  }

  async markHeld(id: string, heldBy: string[]): Promise<void> {
    await this.q(`UPDATE destruction_queue SET status = 'held', held_by = $2 WHERE id = $1`, [id, heldBy]);
  }

  async markPending(id: string): Promise<void> {
    await this.q(`UPDATE destruction_queue SET status = 'pending', held_by = '{}' WHERE id = $1`, [id]);
  }

  async markCancelled(id: string, at: Date): Promise<void> {
    await this.q(`UPDATE destruction_queue SET status = 'cancelled', scanned_at = $2 WHERE id = $1`, [id, at]);
  }

  async markDestroyed(id: string, item: { runId: string; count: number; at: Date; ruleVersion: number }) {
    await this.q(
      `UPDATE destruction_queue SET status = 'destroyed', run_id = $2, destroyed_count = $3, destroyed_at = $4,
         rule_version = $5 WHERE id = $1`,
      [id, item.runId, item.count, item.at, item.ruleVersion],
    );
  }

  /** What a run's items destroyed, per rule and version, and what holds stopped (the certificate's lines). */
  certificateFigures(
    runId: string,
    throughOn: LocalDate,
  ): Promise<{ ruleId: string; ruleVersion: number; people: number; records: number; held: number }[]> {
    return this.q(
      `SELECT rule_id AS "ruleId", rule_version AS "ruleVersion",
         count(DISTINCT subject_id) FILTER (WHERE status = 'destroyed')::int AS people,
         coalesce(sum(destroyed_count) FILTER (WHERE status = 'destroyed'), 0)::int AS records,
         count(*) FILTER (WHERE status = 'held')::int AS held
       FROM destruction_queue
       WHERE run_id = $1 OR (status = 'held' AND due_on <= $2)
       GROUP BY rule_id, rule_version ORDER BY rule_id, rule_version`,
      [runId, throughOn],
    );
  }

  /**
   * Written once per run: a second attempt (a resumed run, another instance) changes nothing. The
   * people total is the distinct people the run destroyed: one destroyed under two rules counts once.
   */
  async insertCertificate(c: {
    runId: string;
    year: number;
    issuedAt: Date;
    throughOn: LocalDate;
    lines: CertificateLine[];
  }): Promise<void> {
    const sum = (f: 'records' | 'held') => c.lines.reduce((n, l) => n + l[f], 0);
    await this.q(
      `INSERT INTO destruction_certificates (reference, run_id, issued_at, through_on, lines, people, records, held)
       VALUES ('DC-' || $1 || '-' || lpad(nextval('destruction_certificate_seq')::text, 6, '0'), $2, $3, $4, $5,
         (SELECT count(DISTINCT q.subject_id)::int FROM destruction_queue q
          WHERE q.run_id = $2 AND q.status = 'destroyed'), $6, $7)
       ON CONFLICT (run_id) DO NOTHING`,
      [c.year, c.runId, c.issuedAt, c.throughOn, JSON.stringify(c.lines), sum('records'), sum('held')],
    );
  }

  async completeRun(id: string, at: Date): Promise<void> {
    await this.q(`UPDATE destruction_runs SET status = 'completed', finished_at = $2 WHERE id = $1`, [id, at]);
  }

  // ---- reads --------------------------------------------------------------------------------

  listItems(
    filter: { status?: QueueStatus; ruleId?: string; dueBy?: LocalDate },
    page: { offset: number; limit: number },
  ): Promise<{ rows: QueueItemRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status !== undefined) where.push(`q.status = $${params.push(filter.status)}`);
    if (filter.ruleId !== undefined) where.push(`q.rule_id = $${params.push(filter.ruleId)}`);
    if (filter.dueBy !== undefined) where.push(`q.due_on <= $${params.push(filter.dueBy)}`);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.paged(
      `SELECT ${ITEM_COLUMNS} FROM destruction_queue q JOIN retention_rules r ON r.id = q.rule_id ${clause}
       ORDER BY q.due_on, q.id`,
      `SELECT count(*)::int AS n FROM destruction_queue q ${clause}`,
      params,
      page,
    );
  }

  async findItem(id: string): Promise<QueueItemRow | null> {
    const [row] = await this.q<QueueItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM destruction_queue q JOIN retention_rules r ON r.id = q.rule_id WHERE q.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Preview of one rule on a day: people and records due then, and how many of the people a hold stops. */
  async dueFigures(
    rule: ActedRule,
    records: string,
    cutoff: Date,
  ): Promise<{ people: number; records: number; held: number }> {
    const [row] = await this.q<{ people: number; records: number; held: number }>(
      `SELECT count(*)::int AS people, coalesce(sum(n), 0)::int AS records,
         count(*) FILTER (WHERE cardinality(${heldBySql('d.subject_id', '$2::text')}) > 0)::int AS held
       FROM (SELECT r.subject_id, count(*) AS n FROM (${records}) r WHERE r.at < $1 GROUP BY r.subject_id) d`,
      [cutoff, rule.category],
    );
    return row;
  }

  /** F7's statutory holds of this rule reaching destroy_on by `on`: people (records counted by the rule's scan). */
  async statutoryDue(ruleCode: string, on: LocalDate): Promise<number> {
    const [row] = await this.q<{ n: number }>(
      `SELECT count(DISTINCT subject_id)::int AS n FROM subject_legal_holds
       WHERE retention_rule_code = $1 AND released_at IS NULL AND destroy_on <= $2`,
      [ruleCode, on],
    );
    return row.n;
  }

  listRuns(
    filter: { status?: RunRow['status'] },
    page: { offset: number; limit: number },
  ): Promise<{ rows: RunRow[]; total: number }> {
    const params = filter.status === undefined ? [] : [filter.status];
    const where = filter.status === undefined ? '' : 'WHERE d.status = $1';
    return this.paged(
      `${RUN_SELECT} ${where} ORDER BY d.started_at DESC, d.id`,
      `SELECT count(*)::int AS n FROM destruction_runs d ${where}`,
      params,
      page,
    );
  }

  async findRun(id: string): Promise<RunRow | null> {
    const [row] = await this.q<RunRow>(`${RUN_SELECT} WHERE d.id = $1`, [id]);
    return row ?? null;
  }

  listCertificates(
    filter: { runId?: string },
    page: { offset: number; limit: number },
  ): Promise<{ rows: CertificateRow[]; total: number }> {
    const params = filter.runId === undefined ? [] : [filter.runId];
    const where = filter.runId === undefined ? '' : 'WHERE c.run_id = $1';
    return this.paged(
      `${CERTIFICATE_SELECT} ${where} ORDER BY c.issued_at DESC, c.id`,
      `SELECT count(*)::int AS n FROM destruction_certificates c ${where}`,
      params,
      page,
    );
  }

  async findCertificate(id: string): Promise<CertificateRow | null> {
    const [row] = await this.q<CertificateRow>(`${CERTIFICATE_SELECT} WHERE c.id = $1 OR c.run_id = $1`, [id]);
    return row ?? null;
  }

  private async paged<T>(
    sql: string,
    countSql: string,
    params: unknown[],
    page: { offset: number; limit: number },
  ): Promise<{ rows: T[]; total: number }> {
    const rows = await this.q<T>(`${sql} OFFSET $${params.length + 1} LIMIT $${params.length + 2}`, [
      ...params,
      page.offset,
      page.limit,
    ]);
    const [count] = await this.q<{ n: number }>(countSql, params);
    return { rows, total: count.n };
  }
}

const RUN_SELECT = `SELECT d.id, to_char(d.through_on, 'YYYY-MM-DD') AS "throughOn", d.status, d.job_run_id AS "jobRunId",
  d.started_by AS "startedBy", d.started_at AS "startedAt", d.finished_at AS "finishedAt", d.error,
  (SELECT count(*)::int FROM destruction_queue x WHERE x.run_id = d.id) AS "destroyedItems",
  (SELECT coalesce(sum(x.destroyed_count), 0)::int FROM destruction_queue x WHERE x.run_id = d.id) AS "destroyedRecords"
  FROM destruction_runs d`;

const CERTIFICATE_SELECT = `SELECT c.id, c.reference, c.run_id AS "runId", c.issued_at AS "issuedAt",
  to_char(c.through_on, 'YYYY-MM-DD') AS "throughOn", c.lines, c.people, c.records, c.held
  FROM destruction_certificates c`;

// TypeORM answers a DELETE or UPDATE with [rows, count] through the pg driver.
function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
