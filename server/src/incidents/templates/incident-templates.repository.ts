import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import type { Bilingual, IncidentVector, TemplateTask } from './template-types';

export interface TemplateRow {
  id: string;
  key: string;
  name: Bilingual;
  description: Bilingual | null;
  suggestedVector: IncidentVector | null;
  currentVersion: number;
  /** The current version's row id (what an incident's template_version_id names). */
  currentVersionId: string;
  tasks: TemplateTask[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface TemplateVersionRow {
  id: string;
  version: number;
  name: Bilingual;
  description: Bilingual | null;
  tasks: TemplateTask[];
  note: string;
  createdById: string | null;
  createdByName: string | null;
  createdAt: Date;
}

export interface TemplateContent {
  name: Bilingual;
  description: Bilingual | null;
  suggestedVector: IncidentVector | null;
  tasks: TemplateTask[];
  note: string;
}

export const TEMPLATE_SORT_SQL = {
  key: 't.key',
  updatedAt: 't.updated_at',
  name: "t.name ->> 'en'",
} as const;
export type TemplateSortField = keyof typeof TEMPLATE_SORT_SQL;

const SELECT_TEMPLATE = `
  SELECT t.id, t.key, t.name, t.description, t.suggested_vector AS "suggestedVector",
         t.current_version AS "currentVersion", v.id AS "currentVersionId", v.tasks, t.archived_at AS "archivedAt",
         t.created_at AS "createdAt", t.updated_at AS "updatedAt", t.version
  FROM incident_templates t
  JOIN incident_template_versions v ON v.template_id = t.id AND v.version = t.current_version`;

const SELECT_VERSION = `
  SELECT v.id, v.version, v.name, v.description, v.tasks, v.note, v.created_by AS "createdById",
         s.display_name AS "createdByName", v.created_at AS "createdAt"
  FROM incident_template_versions v
  LEFT JOIN staff s ON s.id = v.created_by`;

/** Checklist templates and their append-only versions (raw SQL, in the ambient transaction). */
@Injectable()
export class IncidentTemplatesRepository {
  constructor(private readonly tx: Transactions) {}

  async list(
    filter: { archived?: boolean; vector?: IncidentVector; id?: string[] },
    page: { sortField: TemplateSortField; sortOrder: 'ASC' | 'DESC'; offset: number; limit: number },
  ): Promise<{ rows: TemplateRow[]; total: number }> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.archived !== undefined)
      where.push(`(t.archived_at IS NOT NULL) = ${filter.archived ? 'true' : 'false'}`);
    if (filter.vector !== undefined) {
      args.push(filter.vector);
      where.push(`t.suggested_vector = $${args.length}`);
    }
    if (filter.id !== undefined) {
      args.push(filter.id);
      where.push(`t.id = ANY($${args.length}::uuid[])`);
    }
    const whereSql = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const [{ total }]: { total: number }[] = await this.tx.manager.query(
      `SELECT count(*)::int AS total FROM incident_templates t ${whereSql}`,
      args,
    );
    const rows: TemplateRow[] = await this.tx.manager.query(
      `${SELECT_TEMPLATE} ${whereSql}
       ORDER BY ${TEMPLATE_SORT_SQL[page.sortField]} ${page.sortOrder}, t.id ${page.sortOrder}
       LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, page.limit, page.offset],
    );
    return { rows, total };
  }

  async find(id: string, options: { lock?: boolean } = {}): Promise<TemplateRow | null> {
    const rows: TemplateRow[] = await this.tx.manager.query(
      `${SELECT_TEMPLATE} WHERE t.id = $1 ${options.lock === true ? 'FOR UPDATE OF t' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async keyTaken(key: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query('SELECT 1 FROM incident_templates WHERE key = $1', [key]);
    return rows.length > 0;
  }

  /** Newest first. */
  async versions(templateId: string): Promise<TemplateVersionRow[]> {
    return this.tx.manager.query(`${SELECT_VERSION} WHERE v.template_id = $1 ORDER BY v.version DESC`, [templateId]);
  }

  async version(templateId: string, version: number): Promise<TemplateVersionRow | null> {
    const rows: TemplateVersionRow[] = await this.tx.manager.query(
      `${SELECT_VERSION} WHERE v.template_id = $1 AND v.version = $2`,
      [templateId, version],
    );
    return rows[0] ?? null;
  }

  async insert(key: string, content: TemplateContent, by: string, at: Date): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO incident_templates (key, name, description, suggested_vector, current_version, created_by,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, 1, $5, $6, $6) RETURNING id`,
      [key, content.name, content.description, content.suggestedVector, by, at],
    );
    await this.addVersion(rows[0].id, 1, content, by, at);
    return rows[0].id;
  }

  /** Saves `content` as version `next` and makes it current. */
  async saveVersion(id: string, next: number, content: TemplateContent, by: string, at: Date): Promise<void> {
    await this.addVersion(id, next, content, by, at);
    await this.tx.manager.query(
      `UPDATE incident_templates SET name = $2, description = $3, suggested_vector = $4, current_version = $5,
         updated_at = $6, version = version + 1
       WHERE id = $1`,
      [id, content.name, content.description, content.suggestedVector, next, at],
    );
  }

  async archive(id: string, by: string, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incident_templates SET archived_at = $3, archived_by = $2, updated_at = $3, version = version + 1
       WHERE id = $1`,
      [id, by, at],
    );
  }

  private async addVersion(id: string, version: number, content: TemplateContent, by: string, at: Date) {
    await this.tx.manager.query(
      `INSERT INTO incident_template_versions (template_id, version, name, description, tasks, note, created_by,
         created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
      [id, version, content.name, content.description, JSON.stringify(content.tasks), content.note, by, at],
    );
  }
}
