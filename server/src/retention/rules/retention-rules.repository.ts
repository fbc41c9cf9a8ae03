import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions';
import type { LocalizedText, Retention } from '../../registers/register-types';
import type { RetentionAction, RetentionTrigger } from '../retention-types';

/** A rule as stored, with the name of the staff member who approved its current version. */
export interface RetentionRuleRecord {
  id: string;
  code: string;
  name: LocalizedText;
  retention: Retention;
  source: string;
  category: string | null;
  trigger: RetentionTrigger | null;
  action: RetentionAction | null;
  noticePeriod: string | null;
  enabled: boolean;
  version: number;
  updatedAt: Date;
  approvedById: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
}

/** What a save writes (all of a rule's editable columns). */
export interface RetentionRuleChange {
  code: string;
  name: LocalizedText;
  retention: Retention;
  source: string;
  category: string | null;
  trigger: RetentionTrigger | null;
  action: RetentionAction | null;
  noticePeriod: string | null;
  enabled: boolean;
}

export interface RetentionRuleVersionRecord {
  version: number;
  rule: Record<string, unknown>;
  reason: string;
  changedById: string | null;
  changedByName: string | null;
  createdAt: Date;
}

const SELECT_RULE = `
  SELECT r.id, r.code, r.name, r.retention, r.source, r.category, r.trigger, r.action,
         r.notice_period AS "noticePeriod", r.enabled, r.version, r.updated_at AS "updatedAt",
         r.approved_by AS "approvedById", a.display_name AS "approvedByName", r.approved_at AS "approvedAt"
  FROM retention_rules r
  LEFT JOIN staff a ON a.id = r.approved_by`;

/** The retention rules (F4's table, acted on since F9) and their versions. Raw SQL, no entities. */
@Injectable()
export class RetentionRulesRepository {
  constructor(private readonly tx: Transactions) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  async all(manager?: EntityManager): Promise<RetentionRuleRecord[]> {
    return this.tx.use(manager).query(`${SELECT_RULE} ORDER BY r.code`);
  }

  async find(
    id: string,
    options: { lock?: boolean; manager?: EntityManager } = {},
  ): Promise<RetentionRuleRecord | null> {
    const rows: RetentionRuleRecord[] = await this.tx
      .use(options.manager)
      .query(`${SELECT_RULE} WHERE r.id = $1 ${options.lock === true ? 'FOR UPDATE OF r' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async byCodes(codes: readonly string[], manager?: EntityManager): Promise<RetentionRuleRecord[]> {
    if (codes.length === 0) return [];
    return this.tx.use(manager).query(`${SELECT_RULE} WHERE r.code = ANY($1::text[]) ORDER BY r.code`, [codes]);
  }

  /** The enabled rule acting on a category, other than `exceptId`. */
  async enabledOnCategory(category: string, exceptId: string | null): Promise<{ id: string; code: string } | null> {
    const rows: { id: string; code: string }[] = await this.tx.manager.query(
      `SELECT id, code FROM retention_rules WHERE category = $1 AND enabled AND id IS DISTINCT FROM $2::uuid`,
      [category, exceptId],
    );
    return rows[0] ?? null;
  }

  async codeTaken(code: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      `SELECT 1 FROM retention_rules WHERE code = $1 AND id IS DISTINCT FROM $2::uuid`,
      [code, exceptId],
    );
    return rows.length > 0;
  }

  async insert(change: RetentionRuleChange, approvedBy: string, at: Date): Promise<string> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO retention_rules (code, name, retention, source, category, trigger, action, notice_period, enabled,
         version, created_at, updated_at, approved_by, approved_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10, $11, $10)
       RETURNING id`,
      [...columns(change), at, approvedBy],
    );
    return rows[0].id;
  }

  async update(id: string, change: RetentionRuleChange, approvedBy: string, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE retention_rules SET code = $2, name = $3, retention = $4, source = $5, category = $6, trigger = $7,
         action = $8, notice_period = $9, enabled = $10, version = version + 1, updated_at = $11,
         approved_by = $12, approved_at = $11
       WHERE id = $1`,
      [id, ...columns(change), at, approvedBy],
    );
  }

  /** Keeps the rule as it now stands as its version (the same snapshot form the migration seeded). */
  async insertVersion(id: string, reason: string, changedBy: string, at: Date): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO retention_rule_versions (rule_id, version, rule, reason, changed_by, created_at)
       SELECT r.id, r.version, to_jsonb(r) - 'id', $2, $3, $4 FROM retention_rules r WHERE r.id = $1`,
      [id, reason, changedBy, at],
    );
  }

  async versions(id: string): Promise<RetentionRuleVersionRecord[]> {
    return this.tx.manager.query(
      `SELECT v.version, v.rule, v.reason, v.changed_by AS "changedById", s.display_name AS "changedByName",
              v.created_at AS "createdAt"
       FROM retention_rule_versions v
       LEFT JOIN staff s ON s.id = v.changed_by
       WHERE v.rule_id = $1
       ORDER BY v.version DESC`,
      [id],
    );
  }
}

function columns(change: RetentionRuleChange): unknown[] {
  return [
    change.code,
    JSON.stringify(change.name),
    JSON.stringify(change.retention),
    change.source,
    change.category,
    change.trigger,
    change.action,
    change.noticePeriod,
    change.enabled,
  ];
}
