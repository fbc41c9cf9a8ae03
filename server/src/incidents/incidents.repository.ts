import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import type { IncidentSortField } from './dto/incident-requests.dto';
import {
  INCIDENT_PHASES,
  type Bilingual,
  type EuRisk,
  type IncidentPhase,
  type IncidentRegime,
  type IncidentStatus,
  type IncidentVector,
  type ObligationStatus,
  type RiskLevel,
} from './incident-types';

/** The facts of an incident a person may correct (PATCH); the engine reads them too. */
export interface IncidentFactsRow {
  title: string;
  description: string | null;
  detectedAt: Date;
  awareAt: Date;
  reporter: string;
  vector: IncidentVector;
  systems: string[];
  processorIds: string[];
  dataCategories: string[];
  regimes: IncidentRegime[];
  affectedEstimated: number;
  affectedConfirmed: number | null;
  usLargestStateCount: number | null;
  sensitiveData: boolean;
  uniqueIdentifiers: boolean;
  dataEncrypted: boolean;
  riskLevel: RiskLevel;
  ownerId: string | null;
}

export interface IncidentRow extends IncidentFactsRow {
  id: string;
  reference: string;
  ownerName: string | null;
  euRisk: EuRisk;
  euRiskReasons: string | null;
  status: IncidentStatus;
  templateVersionId: string | null;
  lessonsLearned: string | null;
  registerFacts: string | null;
  registerEffects: string | null;
  registerRemedialAction: string | null;
  closedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  tasksOpen: number;
  tasksTotal: number;
  /** The nearest pending obligation. */
  nearestCode: string | null;
  nearestDueAt: Date | null;
}

export interface ObligationRow {
  id: string;
  code: string;
  regime: IncidentRegime;
  recipient: string;
  dueAt: Date | null;
  status: ObligationStatus;
  grounds: Record<string, unknown>;
  doneAt: Date | null;
  lateReason: string | null;
  decisionReasons: string | null;
  decidedBy: string | null;
  externalReference: string | null;
  escalation: 'due_soon' | 'overdue' | null;
}

export interface TaskRow {
  id: string;
  incidentId: string;
  phase: IncidentPhase;
  position: number;
  templateKey: string | null;
  dependsOn: string[];
  title: Bilingual;
  description: Bilingual | null;
  assigneeId: string | null;
  assigneeName: string | null;
  dueAt: Date | null;
  note: string | null;
  completedAt: Date | null;
  completedBy: string | null;
  completedByName: string | null;
  version: number;
}

export interface EvidenceRow {
  id: string;
  taskId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

export interface TimelineRow {
  id: string;
  kind: string;
  detail: Record<string, unknown>;
  actorId: string | null;
  actorName: string | null;
  at: Date;
}

export interface IncidentListFilter {
  status?: IncidentStatus;
  q?: string;
  open?: boolean;
}

const SORT_SQL: Record<IncidentSortField, string> = {
  awareAt: 'i.aware_at',
  detectedAt: 'i.detected_at',
  reference: 'i.reference',
  nearestDueAt: 'n.due_at',
};

const SELECT_INCIDENT = `
  SELECT i.id, i.reference, i.title, i.description, i.detected_at AS "detectedAt", i.aware_at AS "awareAt",
         i.reporter, i.vector, i.systems, i.processor_ids::text[] AS "processorIds",
         i.data_categories AS "dataCategories", i.regimes, i.affected_estimated AS "affectedEstimated",
         i.affected_confirmed AS "affectedConfirmed", i.us_largest_state_count AS "usLargestStateCount",
         i.sensitive_data AS "sensitiveData", i.unique_identifiers AS "uniqueIdentifiers",
         i.data_encrypted AS "dataEncrypted", i.eu_risk AS "euRisk", i.eu_risk_reasons AS "euRiskReasons",
         i.risk_level AS "riskLevel", i.status, i.owner_id AS "ownerId", o.display_name AS "ownerName",
         i.template_version_id AS "templateVersionId", i.lessons_learned AS "lessonsLearned",
         i.register_facts AS "registerFacts", i.register_effects AS "registerEffects",
         i.register_remedial_action AS "registerRemedialAction", i.closed_at AS "closedAt",
         i.created_by AS "createdBy", i.created_at AS "createdAt", i.updated_at AS "updatedAt", i.version,
         (SELECT count(*)::int FROM incident_tasks t WHERE t.incident_id = i.id AND t.completed_at IS NULL) AS "tasksOpen",
         (SELECT count(*)::int FROM incident_tasks t WHERE t.incident_id = i.id) AS "tasksTotal",
         n.code AS "nearestCode", n.due_at AS "nearestDueAt"
  FROM incidents i
  LEFT JOIN staff o ON o.id = i.owner_id
  LEFT JOIN LATERAL (
    SELECT p.code, p.due_at FROM incident_obligations p WHERE p.incident_id = i.id AND p.status = 'pending'
    ORDER BY p.due_at NULLS LAST, p.code LIMIT 1
  ) n ON true`;

const SELECT_OBLIGATION = `
  SELECT id, code, regime, recipient, due_at AS "dueAt", status, grounds, done_at AS "doneAt",
         late_reason AS "lateReason", decision_reasons AS "decisionReasons", decided_by AS "decidedBy",
         external_reference AS "externalReference", escalation
  FROM incident_obligations`;

const SELECT_TASK = `
  SELECT t.id, t.incident_id AS "incidentId", t.phase, t.position, t.template_key AS "templateKey",
         t.depends_on AS "dependsOn", t.title, t.description, t.assignee_id AS "assigneeId",
         a.display_name AS "assigneeName", t.due_at AS "dueAt", t.note, t.completed_at AS "completedAt",
         t.completed_by AS "completedBy", c.display_name AS "completedByName", t.version
  FROM incident_tasks t
  LEFT JOIN staff a ON a.id = t.assignee_id
  LEFT JOIN staff c ON c.id = t.completed_by`;

/** The incidents, their obligations, tasks, evidence and timeline (raw SQL, like the complaints). */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly tx: Transactions) {}

  async list(
    filter: IncidentListFilter,
    page: { sortField: IncidentSortField; sortOrder: 'ASC' | 'DESC'; offset: number; limit: number },
  ): Promise<{ rows: IncidentRow[]; total: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      args.push(value);
      where.push(sql.replaceAll('?', `$${args.length}`));
    };
    if (filter.status !== undefined) add('i.status = ?', filter.status);
    if (filter.open === true) where.push(`i.status <> 'closed'`);
    if (filter.open === false) where.push(`i.status = 'closed'`);
    if (filter.q !== undefined) {
      add(`(i.reference ILIKE ? OR i.title ILIKE ?)`, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const m = this.tx.manager;
    const [{ total }]: { total: number }[] = await m.query(
      `SELECT count(*)::int AS total FROM incidents i ${whereSql}`,
      args,
    );
    const rows: IncidentRow[] = await m.query(
      `${SELECT_INCIDENT} ${whereSql}
       ORDER BY ${SORT_SQL[page.sortField]} ${page.sortOrder} NULLS LAST, i.id ${page.sortOrder}
       LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, page.limit, page.offset],
    );
    return { rows, total };
  }

  async find(id: string, options: { lock?: boolean } = {}): Promise<IncidentRow | null> {
    const rows: IncidentRow[] = await this.tx.manager.query(
      `${SELECT_INCIDENT} WHERE i.id = $1 ${options.lock === true ? 'FOR UPDATE OF i' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query('SELECT 1 FROM incidents WHERE id = $1', [id]);
    return rows.length === 1;
  }

  async insert(input: IncidentFactsRow & { year: number; createdBy: string; at: Date }): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO incidents (reference, title, description, detected_at, aware_at, reporter, vector, systems,
         processor_ids, data_categories, regimes, affected_estimated, affected_confirmed, us_largest_state_count,
         sensitive_data, unique_identifiers, data_encrypted, risk_level, status, owner_id, created_by, created_at,
         updated_at)
       VALUES ('IN-' || $1::int || '-' || lpad(nextval('incident_reference_seq')::text, 6, '0'), $2, $3, $4, $5, $6,
         $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 'open', $19, $20, $21, $21)
       RETURNING id`,
      [
        input.year,
        input.title,
        input.description,
        input.detectedAt,
        input.awareAt,
        input.reporter,
        input.vector,
        input.systems,
        input.processorIds,
        input.dataCategories,
        input.regimes,
        input.affectedEstimated,
        input.affectedConfirmed,
        input.usLargestStateCount,
        input.sensitiveData,
        input.uniqueIdentifiers,
        input.dataEncrypted,
        input.riskLevel,
        input.ownerId,
        input.createdBy,
        input.at,
      ],
    );
    return rows[0].id;
  }

  async updateFacts(id: string, f: IncidentFactsRow, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incidents SET title = $2, description = $3, detected_at = $4, aware_at = $5, reporter = $6, vector = $7,
         systems = $8, processor_ids = $9, data_categories = $10, regimes = $11, affected_estimated = $12,
         affected_confirmed = $13, us_largest_state_count = $14, sensitive_data = $15, unique_identifiers = $16,
         data_encrypted = $17, risk_level = $18, owner_id = $19, updated_at = $20, version = version + 1
       WHERE id = $1`,
      [
        id,
        f.title,
        f.description,
        f.detectedAt,
        f.awareAt,
        f.reporter,
        f.vector,
        f.systems,
        f.processorIds,
        f.dataCategories,
        f.regimes,
        f.affectedEstimated,
        f.affectedConfirmed,
        f.usLargestStateCount,
        f.sensitiveData,
        f.uniqueIdentifiers,
        f.dataEncrypted,
        f.riskLevel,
        f.ownerId,
        at,
      ],
    );
  }

  async setTemplateVersion(id: string, templateVersionId: string): Promise<void> {
    await this.tx.manager.query('UPDATE incidents SET template_version_id = $2 WHERE id = $1', [id, templateVersionId]);
  }

  async setEuRisk(id: string, euRisk: EuRisk, reasons: string, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incidents SET eu_risk = $2, eu_risk_reasons = $3, updated_at = $4, version = version + 1 WHERE id = $1`,
      [id, euRisk, reasons, at],
    );
  }

  async setStatus(id: string, status: IncidentStatus, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incidents SET status = $2, updated_at = $3, version = version + 1 WHERE id = $1`,
      [id, status, at],
    );
  }

  async close(
    id: string,
    review: { lessonsLearned: string; registerFacts: string; registerEffects: string; registerRemedialAction: string },
    at: Date,
  ): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incidents SET status = 'closed', closed_at = $6, lessons_learned = $2, register_facts = $3,
         register_effects = $4, register_remedial_action = $5, updated_at = $6, version = version + 1
       WHERE id = $1`,
      [id, review.lessonsLearned, review.registerFacts, review.registerEffects, review.registerRemedialAction, at],
    );
  }

  /** Bumps the version of a change that touches only a child row (an obligation), so stale edits of the page see it. */
  async touch(id: string, at: Date): Promise<void> {
    await this.tx.manager.query('UPDATE incidents SET updated_at = $2, version = version + 1 WHERE id = $1', [id, at]);
  }

  // ---- related records ---------------------------------------------------------------------

  async processorsExist(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.tx.manager.query(
      'SELECT id FROM register_processors WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** An active staff member of a role that works incidents (security or DPO), with their name. */
  async incidentStaff(id: string): Promise<{ id: string; name: string } | null> {
    const rows: { id: string; name: string }[] = await this.tx.manager.query(
      `SELECT id, display_name AS name FROM staff WHERE id = $1 AND status = 'active' AND role IN ('security', 'dpo')`,
      [id],
    );
    return rows[0] ?? null;
  }

  // ---- obligations -------------------------------------------------------------------------

  async obligations(incidentId: string, options: { lock?: boolean } = {}): Promise<ObligationRow[]> {
    return this.tx.manager.query(
      `${SELECT_OBLIGATION} WHERE incident_id = $1 ORDER BY due_at NULLS LAST, code ${options.lock === true ? 'FOR UPDATE' : ''}`,
      [incidentId],
    );
  }

  async addObligation(
    incidentId: string,
    o: { code: string; regime: string; recipient: string; dueAt: Date | null; grounds: Record<string, unknown> },
    at: Date,
  ): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO incident_obligations (incident_id, code, regime, recipient, due_at, status, grounds, created_at,
         updated_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $7)`,
      [incidentId, o.code, o.regime, o.recipient, o.dueAt, JSON.stringify(o.grounds), at],
    );
  }

  /**
   * Pending again (a withdrawn one the facts now require), or a new deadline/grounds for a pending
   * one. The escalation starts over: the clock job marks the new due time's steps again.
   */
  async reviseObligation(
    incidentId: string,
    o: { code: string; dueAt: Date | null; grounds: Record<string, unknown> },
    at: Date,
  ): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incident_obligations SET status = 'pending', due_at = $3, grounds = $4, escalation = NULL,
         escalated_at = NULL, updated_at = $5
       WHERE incident_id = $1 AND code = $2`,
      [incidentId, o.code, o.dueAt, JSON.stringify(o.grounds), at],
    );
  }

  async withdrawObligation(incidentId: string, code: string, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incident_obligations SET status = 'withdrawn', updated_at = $3
       WHERE incident_id = $1 AND code = $2 AND status = 'pending'`,
      [incidentId, code, at],
    );
  }

  async obligationDone(
    incidentId: string,
    code: string,
    done: { doneAt: Date; lateReason: string | null; externalReference: string | null; by: string },
    at: Date,
  ): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incident_obligations SET status = 'done', done_at = $3, late_reason = $4, external_reference = $5,
         decided_by = $6, updated_at = $7
       WHERE incident_id = $1 AND code = $2`,
      [incidentId, code, done.doneAt, done.lateReason, done.externalReference, done.by, at],
    );
  }

  async obligationNotRequired(incidentId: string, code: string, reasons: string, by: string, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incident_obligations SET status = 'not_required', decision_reasons = $3, decided_by = $4, updated_at = $5
       WHERE incident_id = $1 AND code = $2`,
      [incidentId, code, reasons, by, at],
    );
  }

  /** Pending obligations of open incidents, nearest first (dashboards, the escalation job). */
  async openClocks(): Promise<
    {
      incidentId: string;
      reference: string;
      title: string;
      code: string;
      dueAt: Date | null;
      escalation: string | null;
    }[]
  > {
    return this.tx.manager.query(
      `SELECT i.id AS "incidentId", i.reference, i.title, o.code, o.due_at AS "dueAt", o.escalation
       FROM incident_obligations o JOIN incidents i ON i.id = o.incident_id
       WHERE o.status = 'pending' AND i.status <> 'closed'
       ORDER BY o.due_at NULLS LAST, i.reference, o.code`,
    );
  }

  // ---- tasks and evidence ------------------------------------------------------------------

  async tasks(incidentId: string): Promise<TaskRow[]> {
    return this.tx.manager.query(
      `${SELECT_TASK} WHERE t.incident_id = $1
       ORDER BY array_position($2::text[], t.phase), t.position, t.created_at, t.id`,
      [incidentId, INCIDENT_PHASES],
    );
  }

  async task(incidentId: string, taskId: string, options: { lock?: boolean } = {}): Promise<TaskRow | null> {
    const rows: TaskRow[] = await this.tx.manager.query(
      `${SELECT_TASK} WHERE t.incident_id = $1 AND t.id = $2 ${options.lock === true ? 'FOR UPDATE OF t' : ''}`,
      [incidentId, taskId],
    );
    return rows[0] ?? null;
  }

  async nextTaskPosition(incidentId: string, phase: IncidentPhase): Promise<number> {
    const [{ next }]: { next: number }[] = await this.tx.manager.query(
      `SELECT coalesce(max(position) + 1, 0)::int AS next FROM incident_tasks WHERE incident_id = $1 AND phase = $2`,
      [incidentId, phase],
    );
    return next;
  }

  async insertTask(
    incidentId: string,
    t: Pick<
      TaskRow,
      'phase' | 'position' | 'templateKey' | 'dependsOn' | 'title' | 'description' | 'assigneeId' | 'dueAt'
    >,
    at: Date,
  ): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO incident_tasks (incident_id, phase, position, template_key, depends_on, title, description,
         assignee_id, due_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [
        incidentId,
        t.phase,
        t.position,
        t.templateKey,
        t.dependsOn,
        JSON.stringify(t.title),
        t.description === null ? null : JSON.stringify(t.description),
        t.assigneeId,
        t.dueAt,
        at,
      ],
    );
    return rows[0].id;
  }

  async updateTask(
    taskId: string,
    t: {
      assigneeId: string | null;
      dueAt: Date | null;
      note: string | null;
      completedAt: Date | null;
      completedBy: string | null;
    },
    at: Date,
  ): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incident_tasks SET assignee_id = $2, due_at = $3, note = $4, completed_at = $5, completed_by = $6,
         updated_at = $7, version = version + 1
       WHERE id = $1`,
      [taskId, t.assigneeId, t.dueAt, t.note, t.completedAt, t.completedBy, at],
    );
  }

  async evidenceOf(incidentId: string): Promise<EvidenceRow[]> {
    return this.tx.manager.query(
      `SELECT id, task_id AS "taskId", file_name AS "fileName", media_type AS "mediaType", size_bytes AS "sizeBytes",
              sha256, uploaded_at AS "uploadedAt"
       FROM incident_task_evidence WHERE incident_id = $1 ORDER BY uploaded_at, id`,
      [incidentId],
    );
  }

  async insertEvidence(e: {
    id: string;
    taskId: string;
    incidentId: string;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    contentSealed: Buffer;
    uploadedBy: string;
    at: Date;
  }): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO incident_task_evidence (id, task_id, incident_id, file_name, media_type, size_bytes, sha256,
         content_sealed, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        e.id,
        e.taskId,
        e.incidentId,
        e.fileName,
        e.mediaType,
        e.sizeBytes,
        e.sha256,
        e.contentSealed,
        e.uploadedBy,
        e.at,
      ],
    );
  }

  async evidenceContent(taskId: string, evidenceId: string): Promise<(EvidenceRow & { contentSealed: Buffer }) | null> {
    const rows: (EvidenceRow & { contentSealed: Buffer })[] = await this.tx.manager.query(
      `SELECT id, task_id AS "taskId", file_name AS "fileName", media_type AS "mediaType", size_bytes AS "sizeBytes",
              sha256, uploaded_at AS "uploadedAt", content_sealed AS "contentSealed"
       FROM incident_task_evidence WHERE task_id = $1 AND id = $2`,
      [taskId, evidenceId],
    );
    return rows[0] ?? null;
  }

  // ---- timeline and counts -----------------------------------------------------------------

  async appendTimeline(
    incidentId: string,
    kind: string,
    detail: Record<string, unknown>,
    actorId: string | null,
    at: Date,
  ): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO incident_timeline (incident_id, kind, detail, actor_id, at) VALUES ($1, $2, $3, $4, $5)`,
      [incidentId, kind, JSON.stringify(detail), actorId, at],
    );
  }

  async timeline(incidentId: string): Promise<TimelineRow[]> {
    return this.tx.manager.query(
      `SELECT e.id::text AS id, e.kind, e.detail, e.actor_id AS "actorId", s.display_name AS "actorName", e.at
       FROM incident_timeline e LEFT JOIN staff s ON s.id = e.actor_id
       WHERE e.incident_id = $1 ORDER BY e.id`,
      [incidentId],
    );
  }

  async affectedCounts(incidentId: string): Promise<{ total: number; notified: number; linkedEvents: number }> {
    const [row]: { total: number; notified: number; linkedEvents: number }[] = await this.tx.manager.query(
      `SELECT (SELECT count(*)::int FROM incident_subjects WHERE incident_id = $1) AS total,
              (SELECT count(DISTINCT subject_id)::int FROM incident_notifications WHERE incident_id = $1) AS notified,
              (SELECT count(*)::int FROM incident_audit_links WHERE incident_id = $1) AS "linkedEvents"`,
      [incidentId],
    );
    return row;
  }

  /** The template a version belongs to, once the checklist templates' tables exist. */
  async templateOf(
    templateVersionId: string,
  ): Promise<{ id: string; key: string; name: Bilingual; version: number } | null> {
    const [{ present }]: { present: boolean }[] = await this.tx.manager.query(
      `SELECT to_regclass('incident_template_versions') IS NOT NULL AS present`,
    );
    if (!present) return null;
    const rows: { id: string; key: string; name: Bilingual; version: number }[] = await this.tx.manager.query(
      `SELECT t.id, t.key, t.name, v.version FROM incident_template_versions v
       JOIN incident_templates t ON t.id = v.template_id WHERE v.id = $1`,
      [templateVersionId],
    );
    return rows[0] ?? null;
  }
}
