import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';

export type SubjectSource = 'access_log' | 'category' | 'upload';

export interface AffectedRow {
  subjectId: string;
  source: SubjectSource;
  addedAt: Date;
  obligationCode: string | null;
  channel: string | null;
  outboxMessageId: string | null;
  noticeId: string | null;
  noticeVersion: number | null;
  templateVersion: number | null;
}

export interface NoticeRow {
  id: string;
  kind: string;
  locale: 'ko' | 'en';
  version: number;
  content: Record<string, unknown>;
  templateKey: string;
  templateVersion: number;
}

/** Rows of one INSERT: bounded so 100,000 ids never make one giant statement. */
const BATCH = 5000;

/** The incident tables this part writes: incident_subjects, incident_notifications, incident_audit_links. */
@Injectable()
export class AffectedRepository {
  constructor(private readonly tx: Transactions) {}

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.manager.query<T[]>(sql, params);
  }

  /** How many of these people the incident already has. */
  async countPresent(incidentId: string, subjectIds: string[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < subjectIds.length; i += BATCH) {
      const [row] = await this.q<{ n: number }>(
        `SELECT count(*)::int AS n FROM incident_subjects WHERE incident_id = $1 AND subject_id = ANY($2::uuid[])`,
        [incidentId, subjectIds.slice(i, i + BATCH)],
      );
      n += row.n;
    }
    return n;
  }

  /** Adds the people not there yet; returns how many were added. */
  async addSubjects(
    incidentId: string,
    subjectIds: string[],
    source: SubjectSource,
    selection: Record<string, unknown>,
    addedBy: string,
    at: Date,
  ): Promise<number> {
    let added = 0;
    for (let i = 0; i < subjectIds.length; i += BATCH) {
      const rows = await this.q<{ subject_id: string }>(
        `INSERT INTO incident_subjects (incident_id, subject_id, source, selection, added_by, added_at)
         SELECT $1, s, $3, $4::jsonb, $5, $6 FROM unnest($2::uuid[]) s
         ON CONFLICT (incident_id, subject_id) DO NOTHING RETURNING subject_id`,
        [incidentId, subjectIds.slice(i, i + BATCH), source, JSON.stringify(selection), addedBy, at],
      );
      added += rows.length;
    }
    return added;
  }

  async total(incidentId: string): Promise<number> {
    const [row] = await this.q<{ n: number }>(
      'SELECT count(*)::int AS n FROM incident_subjects WHERE incident_id = $1',
      [incidentId],
    );
    return row.n;
  }

  async removeSubject(incidentId: string, subjectId: string): Promise<boolean> {
    // TypeORM answers a DELETE with [rows, rowCount].
    const [, count] = await this.tx.manager.query<[unknown[], number]>(
      'DELETE FROM incident_subjects WHERE incident_id = $1 AND subject_id = $2',
      [incidentId, subjectId],
    );
    return count > 0;
  }

  async isNotified(incidentId: string, subjectId: string): Promise<boolean> {
    const rows = await this.q(
      'SELECT 1 FROM incident_notifications WHERE incident_id = $1 AND subject_id = $2 LIMIT 1',
      [incidentId, subjectId],
    );
    return rows.length > 0;
  }

  /** A page of the incident's people with their latest notification (any obligation). */
  async list(
    incidentId: string,
    filter: { source?: string },
    page: { order: 'ASC' | 'DESC'; offset: number; limit: number },
  ): Promise<{ rows: AffectedRow[]; total: number }> {
    const params: unknown[] = [incidentId];
    let where = 'a.incident_id = $1';
    if (filter.source !== undefined) {
      params.push(filter.source);
      where += ` AND a.source = $${params.length}`;
    }
    const rows = await this.q<AffectedRow>(
      `SELECT a.subject_id AS "subjectId", a.source, a.added_at AS "addedAt",
              n.obligation_code AS "obligationCode", n.channel, n.outbox_message_id AS "outboxMessageId",
              n.notice_id AS "noticeId", n.version AS "noticeVersion", n.template_version AS "templateVersion"
       FROM incident_subjects a
       LEFT JOIN LATERAL (
         SELECT x.obligation_code, x.channel, x.outbox_message_id, x.notice_id, x.template_version, ns.version
         FROM incident_notifications x JOIN incident_notices ns ON ns.id = x.notice_id
         WHERE x.incident_id = a.incident_id AND x.subject_id = a.subject_id
         ORDER BY x.created_at DESC, x.id LIMIT 1) n ON true
       WHERE ${where}
       ORDER BY a.added_at ${page.order}, a.subject_id ${page.order}
       LIMIT ${page.limit} OFFSET ${page.offset}`,
      params,
    );
    const [{ n }] = await this.q<{ n: number }>(
      `SELECT count(*)::int AS n FROM incident_subjects a WHERE ${where}`,
      params,
    );
    return { rows, total: n };
  }

  async obligationForPeople(incidentId: string, code: string): Promise<{ code: string; status: string } | null> {
    const rows = await this.q<{ code: string; status: string }>(
      `SELECT code, status FROM incident_obligations WHERE incident_id = $1 AND code = $2 AND recipient = 'subjects'`,
      [incidentId, code],
    );
    return rows[0] ?? null;
  }

  async notice(incidentId: string, noticeId: string): Promise<NoticeRow | null> {
    const rows = await this.q<NoticeRow>(
      `SELECT id, kind, locale, version, content, template_key AS "templateKey",
              template_version AS "templateVersion"
       FROM incident_notices WHERE id = $1 AND incident_id = $2`,
      [noticeId, incidentId],
    );
    return rows[0] ?? null;
  }

  /** The incident's people not yet notified for this obligation, a page at a time (keyset on id). */
  async notNotified(incidentId: string, code: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT a.subject_id AS id FROM incident_subjects a
       WHERE a.incident_id = $1 AND ($3::uuid IS NULL OR a.subject_id > $3::uuid)
         AND NOT EXISTS (SELECT 1 FROM incident_notifications x
                         WHERE x.incident_id = a.incident_id AND x.subject_id = a.subject_id AND x.obligation_code = $2)
       ORDER BY a.subject_id LIMIT $4`,
      [incidentId, code, after, limit],
    );
    return rows.map((r) => r.id);
  }

  async countNotified(incidentId: string, code: string): Promise<number> {
    const [row] = await this.q<{ n: number }>(
      'SELECT count(*)::int AS n FROM incident_notifications WHERE incident_id = $1 AND obligation_code = $2',
      [incidentId, code],
    );
    return row.n;
  }

  async addNotification(n: {
    incidentId: string;
    subjectId: string;
    obligationCode: string;
    noticeId: string;
    outboxMessageId: string;
    channel: string;
    templateKey: string;
    templateVersion: number;
    locale: string;
    createdBy: string;
    at: Date;
  }): Promise<void> {
    await this.q(
      `INSERT INTO incident_notifications (incident_id, subject_id, obligation_code, notice_id, outbox_message_id,
         channel, template_key, template_version, locale, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        n.incidentId,
        n.subjectId,
        n.obligationCode,
        n.noticeId,
        n.outboxMessageId,
        n.channel,
        n.templateKey,
        n.templateVersion,
        n.locale,
        n.createdBy,
        n.at,
      ],
    );
  }

  async linkEvents(incidentId: string, seqs: number[], linkedBy: string, at: Date): Promise<number> {
    if (seqs.length === 0) return 0;
    const rows = await this.q<{ audit_seq: string }>(
      `INSERT INTO incident_audit_links (incident_id, audit_seq, linked_by, linked_at)
       SELECT $1, s, $3, $4 FROM unnest($2::bigint[]) s
       ON CONFLICT (incident_id, audit_seq) DO NOTHING RETURNING audit_seq`,
      [incidentId, seqs, linkedBy, at],
    );
    return rows.length;
  }

  async linkedSeqs(incidentId: string): Promise<number[]> {
    const rows = await this.q<{ seq: string }>(
      'SELECT audit_seq AS seq FROM incident_audit_links WHERE incident_id = $1 ORDER BY audit_seq',
      [incidentId],
    );
    return rows.map((r) => Number(r.seq));
  }
}
