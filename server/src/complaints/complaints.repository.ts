import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { unknownLink } from './complaint-problems';
import type { LocalDate } from '../calendar/local-date';
import type {
  ComplaintCategory,
  ComplaintChannel,
  ComplaintEventKind,
  ComplaintSeverity,
  ComplaintStatus,
  EscalationBody,
} from './complaint-types';
import type { ComplaintSortField } from './dto/complaint-requests.dto';

export interface ComplaintRow {
  id: string;
  reference: string;
  receivedAt: Date;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  summary: string;
  subjectId: string | null;
  rightsRequestId: string | null;
  incidentId: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  status: ComplaintStatus;
  targetOn: LocalDate;
  resolution: string | null;
  resolvedAt: Date | null;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  version: number;
  escalationCount: number;
}

export interface NewComplaint {
  year: number;
  receivedAt: Date;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  summary: string;
  subjectId: string | null;
  rightsRequestId: string | null;
  incidentId: string | null;
  targetOn: LocalDate;
  createdBy: string;
  at: Date;
}

export interface ComplaintChange {
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  status: ComplaintStatus;
  subjectId: string | null;
  rightsRequestId: string | null;
  incidentId: string | null;
  assigneeId: string | null;
  resolution: string | null;
  resolvedAt: Date | null;
}

export interface EscalationRow {
  id: string;
  complaintId: string;
  body: EscalationBody;
  authority: string | null;
  escalatedAt: Date;
  reference: string | null;
  note: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
}

export interface ComplaintEventRow {
  id: string;
  kind: ComplaintEventKind;
  detail: Record<string, unknown>;
  actorId: string;
  actorName: string;
  at: Date;
}

export interface ComplaintListFilter {
  status?: ComplaintStatus;
  severity?: ComplaintSeverity;
  category?: ComplaintCategory;
  assigneeId?: string;
  subjectId?: string;
  /** Open past this date: target_on before it. */
  overdueBefore?: LocalDate;
}

const SORT_SQL: Record<ComplaintSortField, string> = {
  receivedAt: 'c.received_at',
  targetOn: 'c.target_on',
  reference: 'c.reference',
  severity: "array_position(ARRAY['low','medium','high','critical'], c.severity)",
};

const OPEN_SQL = "('open', 'investigating', 'escalated')";

const SELECT_COMPLAINT = `
  SELECT c.id, c.reference, c.received_at AS "receivedAt", c.channel, c.category, c.severity, c.summary,
         c.subject_id AS "subjectId", c.rights_request_id AS "rightsRequestId", c.incident_id AS "incidentId",
         c.assignee_id AS "assigneeId", a.display_name AS "assigneeName", c.status,
         to_char(c.target_on, 'YYYY-MM-DD') AS "targetOn", c.resolution, c.resolved_at AS "resolvedAt",
         c.created_by AS "createdBy", coalesce(cb.display_name, '') AS "createdByName", c.created_at AS "createdAt",
         c.version,
         (SELECT count(*)::int FROM complaint_escalations e WHERE e.complaint_id = c.id) AS "escalationCount"
  FROM complaints c
  LEFT JOIN staff a ON a.id = c.assignee_id
  LEFT JOIN staff cb ON cb.id = c.created_by`;

/** The complaints, their escalations and their timeline. */
@Injectable()
export class ComplaintsRepository {
  constructor(private readonly tx: Transactions) {}

  async list(
    filter: ComplaintListFilter,
    page: { sortField: ComplaintSortField; sortOrder: 'ASC' | 'DESC'; offset: number; limit: number },
  ): Promise<{ rows: ComplaintRow[]; total: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      args.push(value);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (filter.status !== undefined) add('c.status = ?', filter.status);
    if (filter.severity !== undefined) add('c.severity = ?', filter.severity);
    if (filter.category !== undefined) add('c.category = ?', filter.category);
    if (filter.assigneeId !== undefined) add('c.assignee_id = ?', filter.assigneeId);
    if (filter.subjectId !== undefined) add('c.subject_id = ?', filter.subjectId);
    if (filter.overdueBefore !== undefined)
      add(`c.status IN ${OPEN_SQL} AND c.target_on < ?::date`, filter.overdueBefore);
    const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const m = this.tx.manager;
    const [{ total }]: { total: number }[] = await m.query(
      `SELECT count(*)::int AS total FROM complaints c ${whereSql}`,
      args,
    );
    const rows: ComplaintRow[] = await m.query(
      `${SELECT_COMPLAINT} ${whereSql}
       ORDER BY ${SORT_SQL[page.sortField]} ${page.sortOrder}, c.id ${page.sortOrder}
       LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, page.limit, page.offset],
    );
    return { rows, total };
  }

  async find(id: string, options: { lock?: boolean } = {}): Promise<ComplaintRow | null> {
    const rows: ComplaintRow[] = await this.tx.manager.query(
      `${SELECT_COMPLAINT} WHERE c.id = $1 ${options.lock === true ? 'FOR UPDATE OF c' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(input: NewComplaint): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO complaints (reference, received_at, channel, category, severity, summary, subject_id,
         rights_request_id, incident_id, status, target_on, created_by, created_at, updated_at)
       VALUES ('CP-' || $1::int || '-' || lpad(nextval('complaint_reference_seq')::text, 6, '0'), $2, $3, $4, $5, $6,
         $7, $8, $9, 'open', $10, $11, $12, $12)
       RETURNING id`,
      [
        input.year,
        input.receivedAt,
        input.channel,
        input.category,
        input.severity,
        input.summary,
        input.subjectId,
        input.rightsRequestId,
        input.incidentId,
        input.targetOn,
        input.createdBy,
        input.at,
      ],
    );
    return rows[0].id;
  }

  async update(id: string, change: ComplaintChange, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE complaints SET category = $2, severity = $3, status = $4, subject_id = $5, rights_request_id = $6,
         incident_id = $7, assignee_id = $8, resolution = $9, resolved_at = $10, updated_at = $11,
         version = version + 1
       WHERE id = $1`,
      [
        id,
        change.category,
        change.severity,
        change.status,
        change.subjectId,
        change.rightsRequestId,
        change.incidentId,
        change.assigneeId,
        change.resolution,
        change.resolvedAt,
        at,
      ],
    );
  }

  async addEvent(
    complaintId: string,
    kind: ComplaintEventKind,
    detail: Record<string, unknown>,
    actorId: string,
    at: Date,
  ): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO complaint_events (complaint_id, kind, detail, actor_id, at) VALUES ($1, $2, $3, $4, $5)`,
      [complaintId, kind, JSON.stringify(detail), actorId, at],
    );
  }

  async events(complaintId: string): Promise<ComplaintEventRow[]> {
    return this.tx.manager.query(
      `SELECT e.id::text AS id, e.kind, e.detail, e.actor_id AS "actorId", coalesce(s.display_name, '') AS "actorName",
              e.at
       FROM complaint_events e LEFT JOIN staff s ON s.id = e.actor_id
       WHERE e.complaint_id = $1 ORDER BY e.id`,
      [complaintId],
    );
  }

  async addEscalation(input: {
    complaintId: string;
    body: EscalationBody;
    authority: string | null;
    escalatedAt: Date;
    reference: string | null;
    note: string | null;
    createdBy: string;
    at: Date;
  }): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO complaint_escalations (complaint_id, body, authority, escalated_at, reference, note, created_by,
         created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        input.complaintId,
        input.body,
        input.authority,
        input.escalatedAt,
        input.reference,
        input.note,
        input.createdBy,
        input.at,
      ],
    );
    return rows[0].id;
  }

  async escalations(complaintId: string): Promise<EscalationRow[]> {
    return this.tx.manager.query(
      `SELECT e.id, e.complaint_id AS "complaintId", e.body, e.authority, e.escalated_at AS "escalatedAt",
              e.reference, e.note, e.created_by AS "createdBy", coalesce(s.display_name, '') AS "createdByName",
              e.created_at AS "createdAt"
       FROM complaint_escalations e LEFT JOIN staff s ON s.id = e.created_by
       WHERE e.complaint_id = $1 ORDER BY e.escalated_at, e.created_at`,
      [complaintId],
    );
  }

  /**
   * Whether links to rights requests are checked by the database: the foreign key exists once the
   * requests' table does (see the migration). Without it no request can be linked, since none exists.
   */
  async rightsRequestLinksGuarded(): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      `SELECT 1 FROM pg_constraint WHERE conname = 'complaints_rights_request_fk'`,
    );
    return rows.length === 1;
  }

  async incidentExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query('SELECT 1 FROM incidents WHERE id = $1', [id]);
    return rows.length === 1;
  }

  /** Runs a write; a rights-request or incident id the foreign key does not find is the caller's mistake. */
  async guardingLinks<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driver?.code === '23503' && driver.constraint === 'complaints_rights_request_fk') {
        throw unknownLink('rightsRequestId', 'No such rights request');
      }
      if (driver?.code === '23503' && driver.constraint === 'complaints_incident_fk') {
        throw unknownLink('incidentId', 'No such incident');
      }
      throw error;
    }
  }

  /** The month's complaints: received in it, or resolved in it (for on-time and median). */
  async ofMonth(from: Date, to: Date): Promise<ComplaintRow[]> {
    return this.tx.manager.query(
      `${SELECT_COMPLAINT}
       WHERE (c.received_at >= $1 AND c.received_at < $2) OR (c.resolved_at >= $1 AND c.resolved_at < $2)`,
      [from, to],
    );
  }

  async escalationsBetween(from: Date, to: Date): Promise<{ body: EscalationBody; count: number }[]> {
    return this.tx.manager.query(
      `SELECT body, count(*)::int AS count FROM complaint_escalations
       WHERE escalated_at >= $1 AND escalated_at < $2 GROUP BY body`,
      [from, to],
    );
  }

  /** Open complaints counted by the local date they were received (for ages on the dashboard). */
  async openByReceivedDay(timeZone: string): Promise<{ day: LocalDate; count: number }[]> {
    return this.tx.manager.query(
      `SELECT to_char(received_at AT TIME ZONE $1, 'YYYY-MM-DD') AS day, count(*)::int AS count
       FROM complaints WHERE status IN ${OPEN_SQL} GROUP BY 1`,
      [timeZone],
    );
  }

  async count(): Promise<number> {
    const [{ count }]: { count: number }[] = await this.tx.manager.query(
      'SELECT count(*)::int AS count FROM complaints',
    );
    return count;
  }

  async openOverdue(today: LocalDate): Promise<number> {
    const [{ count }]: { count: number }[] = await this.tx.manager.query(
      `SELECT count(*)::int AS count FROM complaints WHERE status IN ${OPEN_SQL} AND target_on < $1::date`,
      [today],
    );
    return count;
  }
}
