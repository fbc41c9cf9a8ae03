import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import type { IncidentRow } from '../incidents.repository';
import type { ObligationStatus } from '../obligations/obligation-types';
import type { NoticeContent } from './notice-kinds';

/** The facts of an incident a notice is drafted from (core's row, loaded by IncidentsService.load). */
export type NoticeIncidentRow = Pick<
  IncidentRow,
  | 'id'
  | 'reference'
  | 'title'
  | 'description'
  | 'detectedAt'
  | 'awareAt'
  | 'vector'
  | 'dataCategories'
  | 'regimes'
  | 'affectedEstimated'
  | 'affectedConfirmed'
  | 'usLargestStateCount'
  | 'sensitiveData'
  | 'uniqueIdentifiers'
  | 'dataEncrypted'
  | 'euRisk'
  | 'status'
  | 'ownerId'
>;

export interface NoticeObligationRow {
  code: string;
  status: ObligationStatus;
  dueAt: Date | null;
  doneAt: Date | null;
}

export interface NoticeRow {
  id: string;
  incidentId: string;
  kind: string;
  locale: 'ko' | 'en';
  version: number;
  content: NoticeContent;
  templateKey: string;
  templateVersion: number;
  createdAt: Date;
  createdById: string;
  createdByName: string;
}

const SELECT_NOTICE = `
  SELECT n.id, n.incident_id AS "incidentId", n.kind, n.locale, n.version, n.content,
         n.template_key AS "templateKey", n.template_version AS "templateVersion", n.created_at AS "createdAt",
         n.created_by AS "createdById", coalesce(s.display_name, '') AS "createdByName"
  FROM incident_notices n
  LEFT JOIN staff s ON s.id = n.created_by`;

/** Notice drafts (incident_notices, append-only) and what a draft is prefilled from. */
@Injectable()
export class IncidentNoticesRepository {
  constructor(private readonly tx: Transactions) {}

  obligations(incidentId: string): Promise<NoticeObligationRow[]> {
    return this.tx.manager.query(
      `SELECT code, status, due_at AS "dueAt", done_at AS "doneAt" FROM incident_obligations WHERE incident_id = $1`,
      [incidentId],
    );
  }

  /** The contact the organisation's processing register names for its DPO (the first active activity). */
  async dpoContact(): Promise<string | null> {
    const rows: { dpoContact: string }[] = await this.tx.manager.query(
      `SELECT dpo_contact AS "dpoContact" FROM register_activities WHERE status = 'active'
       ORDER BY created_at, id LIMIT 1`,
    );
    return rows[0]?.dpoContact ?? null;
  }

  /** A template's text as it was at `version` (F6 keeps every version's snapshot). */
  async insert(input: {
    incidentId: string;
    kind: string;
    locale: 'ko' | 'en';
    content: NoticeContent;
    templateKey: string;
    templateVersion: number;
    createdBy: string;
    at: Date;
  }): Promise<string> {
    // The next version per incident, kind and language; the unique key refuses a concurrent twin.
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO incident_notices (incident_id, kind, locale, version, content, template_key, template_version,
                                     created_by, created_at)
       SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6, $7, $8
       FROM incident_notices WHERE incident_id = $1 AND kind = $2 AND locale = $3
       RETURNING id`,
      [
        input.incidentId,
        input.kind,
        input.locale,
        JSON.stringify(input.content),
        input.templateKey,
        input.templateVersion,
        input.createdBy,
        input.at,
      ],
    );
    return rows[0].id;
  }

  list(incidentId: string): Promise<NoticeRow[]> {
    return this.tx.manager.query(
      `${SELECT_NOTICE} WHERE n.incident_id = $1 ORDER BY n.kind, n.locale, n.version DESC`,
      [incidentId],
    );
  }

  /** The titles of the incident's completed tasks, in the order of the checklist. */
  async completedTaskTitles(incidentId: string, locale: 'ko' | 'en'): Promise<string[]> {
    const rows: { title: string }[] = await this.tx.manager.query(
      `SELECT title ->> $2 AS title FROM incident_tasks
       WHERE incident_id = $1 AND completed_at IS NOT NULL ORDER BY phase, position`,
      [incidentId, locale],
    );
    return rows.map((r) => r.title);
  }

  async find(noticeId: string): Promise<NoticeRow | null> {
    const rows: NoticeRow[] = await this.tx.manager.query(`${SELECT_NOTICE} WHERE n.id = $1`, [noticeId]);
    return rows[0] ?? null;
  }
}
