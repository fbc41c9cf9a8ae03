import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { Transactions } from '../database/transactions';
import type {
  DocumentKind,
  RefusalReason,
  RegisterKind,
  RequestChannel,
  RequestRelation,
  RequestStatus,
  RequestType,
  StoredExtension,
  TaskStatus,
  Verification,
} from './rights-request-types';

export interface RequestRow {
  id: string;
  reference: string;
  subjectId: string;
  service: 'maumjuui' | 'shelby';
  type: RequestType;
  channel: RequestChannel;
  relation: RequestRelation;
  requesterSubjectId: string | null;
  representationEvidence: string | null;
  regimes: string[];
  locale: 'ko' | 'en';
  details: Record<string, unknown>;
  status: RequestStatus;
  extendedAt: Date | null;
  extensions: StoredExtension[];
  assigneeId: string | null;
  assigneeName: string | null;
  /** For the reminder to the assignee only; never in a response. */
  assigneeEmail: string | null;
  preparedById: string | null;
  preparedByName: string | null;
  preparedAt: Date | null;
  preparation: Record<string, unknown> | null;
  approvedById: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
  identityCheckId: string | null;
  verification: Verification | null;
  receivedAt: Date;
  acknowledgedAt: Date | null;
  dueOn: LocalDate;
  refusalReason: RefusalReason | null;
  refusalText: string | null;
  remedyText: string | null;
  outcome: Record<string, unknown> | null;
  executedAt: Date | null;
  remindedState: 'at_risk' | 'overdue' | null;
  closedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns a transition may change (camelCase key → column). */
const CHANGEABLE = {
  status: 'status',
  extendedAt: 'extended_at',
  extensions: 'extensions',
  assigneeId: 'assignee_id',
  preparedById: 'prepared_by_id',
  preparedAt: 'prepared_at',
  preparation: 'preparation',
  approvedById: 'approved_by_id',
  approvedAt: 'approved_at',
  identityCheckId: 'identity_check_id',
  verification: 'verification',
  dueOn: 'due_on',
  refusalReason: 'refusal_reason',
  refusalText: 'refusal_text',
  remedyText: 'remedy_text',
  outcome: 'outcome',
  executedAt: 'executed_at',
  remindedState: 'reminded_state',
  closedAt: 'closed_at',
  acknowledgedAt: 'acknowledged_at',
} as const;
export type RequestChange = Partial<Pick<RequestRow, keyof typeof CHANGEABLE>>;
const JSON_COLUMNS = new Set(['extensions', 'preparation', 'verification', 'outcome']);

export type NewRequest = Omit<
  RequestRow,
  | 'id'
  | 'reference'
  | 'assigneeName'
  | 'assigneeEmail'
  | 'preparedById'
  | 'preparedByName'
  | 'preparedAt'
  | 'preparation'
  | 'approvedById'
  | 'approvedByName'
  | 'approvedAt'
  | 'extendedAt'
  | 'extensions'
  | 'refusalReason'
  | 'refusalText'
  | 'remedyText'
  | 'outcome'
  | 'executedAt'
  | 'remindedState'
  | 'closedAt'
  | 'acknowledgedAt'
  | 'updatedAt'
>;

export interface EventRow {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  at: Date;
  detail: Record<string, unknown>;
}

export interface TaskRow {
  id: string;
  requestId: string;
  registerKind: RegisterKind;
  registerRowId: string;
  recipientName: { ko: string; en: string };
  dataCategories: string[];
  status: TaskStatus;
  evidence: string | null;
  exceptionReason: string | null;
  outboxMessageId: string | null;
  doneBy: string | null;
  doneByName: string | null;
  doneAt: Date | null;
  createdAt: Date;
}

export interface DocumentRow {
  id: string;
  requestId: string;
  kind: DocumentKind;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdBy: string | null;
  createdAt: Date;
}

export interface RequestListQuery {
  status?: RequestStatus;
  type?: RequestType;
  assigneeId?: string;
  subjectId?: string;
  due?: 'today' | 'overdue' | 'at_risk' | 'open';
  today: LocalDate;
  timeZone: string;
  atRiskShare: number;
  sortField: 'dueOn' | 'receivedAt' | 'reference';
  sortOrder: 'ASC' | 'DESC';
  offset: number;
  limit: number;
}

const SELECT_REQUEST = `
  SELECT r.id, r.reference, r.subject_id AS "subjectId", r.service, r.type, r.channel, r.relation,
    r.requester_subject_id AS "requesterSubjectId", r.representation_evidence AS "representationEvidence",
    r.regimes, r.locale, r.details, r.status, r.extended_at AS "extendedAt", r.extensions,
    r.assignee_id AS "assigneeId", a.display_name AS "assigneeName", a.email AS "assigneeEmail",
    r.prepared_by_id AS "preparedById", p.display_name AS "preparedByName", r.prepared_at AS "preparedAt",
    r.preparation, r.approved_by_id AS "approvedById", ap.display_name AS "approvedByName",
    r.approved_at AS "approvedAt", r.identity_check_id AS "identityCheckId", r.verification,
    r.received_at AS "receivedAt", r.acknowledged_at AS "acknowledgedAt", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
    r.refusal_reason AS "refusalReason", r.refusal_text AS "refusalText", r.remedy_text AS "remedyText",
    r.outcome, r.executed_at AS "executedAt", r.reminded_state AS "remindedState", r.closed_at AS "closedAt",
    r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
  FROM rights_requests r
  LEFT JOIN staff a ON a.id = r.assignee_id
  LEFT JOIN staff p ON p.id = r.prepared_by_id
  LEFT JOIN staff ap ON ap.id = r.approved_by_id`;

const OPEN = `r.status NOT IN ('completed', 'partially_completed', 'rejected')`;
/**
 * At risk: due today or later, with at most `share` of the whole period (received → due, in the
 * organisation's days) left. $1 today, $2 time zone, $3 share.
 */
const AT_RISK = `(${OPEN} AND r.due_on >= $1::date
  AND (r.due_on - $1::date) <= ceil($3::numeric * (r.due_on - (r.received_at AT TIME ZONE $2)::date)))`;

/** Rights requests, their timeline, fan-out tasks and documents. Nothing here is ever deleted. */
@Injectable()
export class RightsRequestsRepository {
  constructor(private readonly tx: Transactions) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  private q<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    return this.tx.use(manager).query(sql, params) as Promise<T[]>;
  }

  async nextReference(year: number): Promise<string> {
    const [row] = await this.q<{ n: string }>(`SELECT nextval('rights_request_reference_seq') AS n`, []);
    return `RR-${year}-${row.n.padStart(6, '0')}`;
  }

  async insert(row: NewRequest & { reference: string }): Promise<string> {
    const [inserted] = await this.q<{ id: string }>(
      `INSERT INTO rights_requests (reference, subject_id, service, type, channel, relation, requester_subject_id,
         representation_evidence, regimes, locale, details, status, assignee_id, identity_check_id, verification,
         received_at, due_on, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19)
       RETURNING id`,
      [
        row.reference,
        row.subjectId,
        row.service,
        row.type,
        row.channel,
        row.relation,
        row.requesterSubjectId,
        row.representationEvidence,
        row.regimes,
        row.locale,
        JSON.stringify(row.details),
        row.status,
        row.assigneeId,
        row.identityCheckId,
        row.verification === null ? null : JSON.stringify(row.verification),
        row.receivedAt,
        row.dueOn,
        row.createdBy,
        row.createdAt,
      ],
    );
    return inserted.id;
  }

  async findById(id: string, lock = false): Promise<RequestRow | null> {
    const rows = await this.q<RequestRow>(`${SELECT_REQUEST} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async findOpen(subjectId: string, type: RequestType): Promise<{ id: string } | null> {
    const rows = await this.q<{ id: string }>(
      `SELECT r.id FROM rights_requests r WHERE r.subject_id = $1 AND r.type = $2 AND ${OPEN} LIMIT 1`,
      [subjectId, type],
    );
    return rows[0] ?? null;
  }

  async update(id: string, change: RequestChange, at: Date): Promise<void> {
    const sets = ['updated_at = $2'];
    const params: unknown[] = [id, at];
    for (const [key, value] of Object.entries(change)) {
      const column = CHANGEABLE[key as keyof typeof CHANGEABLE];
      params.push(JSON_COLUMNS.has(key) && value !== null ? JSON.stringify(value) : value);
      sets.push(`${column} = $${params.length}`);
    }
    await this.q(`UPDATE rights_requests SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  async insertEvent(e: {
    requestId: string;
    action: string;
    actorId: string | null;
    fromStatus: string | null;
    toStatus: string | null;
    at: Date;
    detail: Record<string, unknown>;
  }): Promise<void> {
    await this.q(
      `INSERT INTO rights_request_events (request_id, action, actor_id, from_status, to_status, at, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.requestId, e.action, e.actorId, e.fromStatus, e.toStatus, e.at, JSON.stringify(e.detail)],
    );
  }

  events(requestId: string): Promise<EventRow[]> {
    return this.q<EventRow>(
      `SELECT e.id::text AS id, e.action, e.actor_id AS "actorId", s.display_name AS "actorName",
         e.from_status AS "fromStatus", e.to_status AS "toStatus", e.at, e.detail
       FROM rights_request_events e LEFT JOIN staff s ON s.id = e.actor_id
       WHERE e.request_id = $1 ORDER BY e.id`,
      [requestId],
    );
  }

  /** A request's tasks in a stable order: as created, by kind, then by the recipient's Korean name. */
  tasks(requestId: string, lock = false): Promise<TaskRow[]> {
    return this.q<TaskRow>(
      `SELECT t.id, t.request_id AS "requestId", t.register_kind AS "registerKind", t.register_row_id AS "registerRowId",
         t.recipient_name AS "recipientName", t.data_categories AS "dataCategories", t.status, t.evidence,
         t.exception_reason AS "exceptionReason", t.outbox_message_id AS "outboxMessageId", t.done_by AS "doneBy",
         s.display_name AS "doneByName", t.done_at AS "doneAt", t.created_at AS "createdAt"
       FROM rights_request_tasks t LEFT JOIN staff s ON s.id = t.done_by
       WHERE t.request_id = $1 ORDER BY t.created_at, t.register_kind, t.recipient_name->>'ko', t.id${lock ? ' FOR UPDATE OF t' : ''}`,
      [requestId],
    );
  }

  async insertTask(t: {
    requestId: string;
    registerKind: RegisterKind;
    registerRowId: string;
    recipientName: { ko: string; en: string };
    dataCategories: string[];
    createdAt: Date;
  }): Promise<string | null> {
    const rows = await this.q<{ id: string }>(
      `INSERT INTO rights_request_tasks (request_id, register_kind, register_row_id, recipient_name, data_categories,
         status, created_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6) ON CONFLICT DO NOTHING RETURNING id`,
      [t.requestId, t.registerKind, t.registerRowId, JSON.stringify(t.recipientName), t.dataCategories, t.createdAt],
    );
    return rows[0]?.id ?? null;
  }

  async setTaskMessage(taskId: string, messageId: string): Promise<void> {
    await this.q(`UPDATE rights_request_tasks SET outbox_message_id = $2 WHERE id = $1`, [taskId, messageId]);
  }

  async closeTask(
    taskId: string,
    change: { status: 'done' | 'excepted'; evidence: string | null; exceptionReason: string | null },
    by: string,
    at: Date,
  ): Promise<void> {
    await this.q(
      `UPDATE rights_request_tasks SET status = $2, evidence = $3, exception_reason = $4, done_by = $5, done_at = $6
       WHERE id = $1`,
      [taskId, change.status, change.evidence, change.exceptionReason, by, at],
    );
  }

  documents(requestId: string): Promise<DocumentRow[]> {
    return this.q<DocumentRow>(
      `SELECT id, request_id AS "requestId", kind, file_name AS "fileName", media_type AS "mediaType",
         size_bytes AS "sizeBytes", sha256, created_by AS "createdBy", created_at AS "createdAt"
       FROM rights_request_documents WHERE request_id = $1 ORDER BY created_at, id`,
      [requestId],
    );
  }

  async insertDocument(d: {
    id: string;
    requestId: string;
    kind: DocumentKind;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    contentSealed: Buffer;
    createdBy: string | null;
    createdAt: Date;
  }): Promise<void> {
    await this.q(
      `INSERT INTO rights_request_documents (id, request_id, kind, file_name, media_type, size_bytes, sha256,
         content_sealed, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        d.id,
        d.requestId,
        d.kind,
        d.fileName,
        d.mediaType,
        d.sizeBytes,
        d.sha256,
        d.contentSealed,
        d.createdBy,
        d.createdAt,
      ],
    );
  }

  async documentContent(
    requestId: string,
    documentId: string,
  ): Promise<(DocumentRow & { contentSealed: Buffer }) | null> {
    const rows = await this.q<DocumentRow & { contentSealed: Buffer }>(
      `SELECT id, request_id AS "requestId", kind, file_name AS "fileName", media_type AS "mediaType",
         size_bytes AS "sizeBytes", sha256, content_sealed AS "contentSealed", created_by AS "createdBy",
         created_at AS "createdAt"
       FROM rights_request_documents WHERE request_id = $1 AND id = $2`,
      [requestId, documentId],
    );
    return rows[0] ?? null;
  }

  async list(query: RequestListQuery): Promise<{ rows: RequestRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [query.today, query.timeZone, query.atRiskShare];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.status !== undefined) add((n) => `r.status = ${n}`, query.status);
    if (query.type !== undefined) add((n) => `r.type = ${n}`, query.type);
    if (query.assigneeId !== undefined) add((n) => `r.assignee_id = ${n}`, query.assigneeId);
    if (query.subjectId !== undefined) add((n) => `r.subject_id = ${n}`, query.subjectId);
    switch (query.due) {
      case 'today':
        where.push(`${OPEN} AND r.due_on = $1::date`);
        break;
      case 'overdue':
        where.push(`${OPEN} AND r.due_on < $1::date`);
        break;
      case 'at_risk':
        where.push(AT_RISK);
        break;
      case 'open':
        where.push(OPEN);
        break;
      case undefined:
        break;
    }
    // Keep $1-$3 referenced so their types are known even when no filter uses them.
    where.push('$1::date IS NOT NULL AND $2::text IS NOT NULL AND $3::numeric IS NOT NULL');
    const clause = `WHERE ${where.join(' AND ')}`;
    // By due date, the open requests come first: a closed one's due date no longer runs.
    const order = {
      dueOn: `(${OPEN}) DESC, r.due_on ${query.sortOrder}`,
      receivedAt: `r.received_at ${query.sortOrder}`,
      reference: `r.reference ${query.sortOrder}`,
    }[query.sortField];
    const [{ total }] = await this.q<{ total: number }>(
      `SELECT count(*)::int AS total FROM rights_requests r ${clause}`,
      params,
    );
    const rows = await this.q<RequestRow>(
      `${SELECT_REQUEST} ${clause} ORDER BY ${order}, r.reference
       OFFSET ${query.offset} LIMIT ${query.limit}`,
      params,
    );
    return { rows, total };
  }

  async count(): Promise<number> {
    const [{ count }] = await this.q<{ count: number }>('SELECT count(*)::int AS count FROM rights_requests', []);
    return count;
  }

  /** Open requests counted for the dashboards: the DPO's due today, overdue, at risk; one assignee's open. */
  async figures(today: LocalDate, timeZone: string, atRiskShare: number, assigneeId?: string) {
    const [row] = await this.q<{ open: number; dueToday: number; overdue: number; atRisk: number }>(
      `SELECT count(*) FILTER (WHERE ${OPEN})::int AS open,
         count(*) FILTER (WHERE ${OPEN} AND r.due_on = $1::date)::int AS "dueToday",
         count(*) FILTER (WHERE ${OPEN} AND r.due_on < $1::date)::int AS overdue,
         count(*) FILTER (WHERE ${AT_RISK})::int AS "atRisk"
       FROM rights_requests r WHERE ($4::uuid IS NULL OR r.assignee_id = $4)`,
      [today, timeZone, atRiskShare, assigneeId ?? null],
    );
    return row;
  }

  /** Open requests at risk or overdue whose reminder for that state has not gone out yet, locked. */
  dueForReminder(today: LocalDate, timeZone: string, atRiskShare: number): Promise<RequestRow[]> {
    return this.q<RequestRow>(
      `${SELECT_REQUEST}
       WHERE ((r.due_on < $1::date AND r.reminded_state IS DISTINCT FROM 'overdue')
          OR (${AT_RISK} AND r.reminded_state IS NULL))
         AND ${OPEN}
       ORDER BY r.due_on LIMIT 500 FOR UPDATE OF r SKIP LOCKED`,
      [today, timeZone, atRiskShare],
    );
  }
}
