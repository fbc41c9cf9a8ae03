import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import type { FindingKind, FindingStatus } from './subjects.repository';

export interface FindingKey {
  kind: FindingKind;
  subjectId: string;
  ref: string;
}

export interface FindingWorkRow extends FindingKey {
  status: FindingStatus;
  ownerId: string | null;
  version: number;
}

export interface FindingWorkVersionRow {
  version: number;
  status: FindingStatus;
  ownerId: string | null;
  ownerName: string | null;
  note: string;
  changedBy: string;
  changedByName: string;
  changedAt: Date;
}

/** The work on compliance findings (owner, status) and its append-only history. */
@Injectable()
export class FindingWorkRepository {
  constructor(private readonly tx: Transactions) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  /** The work row, locked for the change being made. */
  async findForUpdate(key: FindingKey, manager: EntityManager): Promise<FindingWorkRow | null> {
    const rows: FindingWorkRow[] = await this.tx.use(manager).query(
      `SELECT kind, subject_id AS "subjectId", ref, status, owner_id AS "ownerId", version
       FROM compliance_finding_work WHERE kind = $1 AND subject_id = $2 AND ref = $3 FOR UPDATE`,
      [key.kind, key.subjectId, key.ref],
    );
    return rows[0] ?? null;
  }

  /** The first change to a finding; false when someone else made one first. */
  async insert(row: FindingWorkRow, by: string, at: Date, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await this.tx.use(manager).query(
      `INSERT INTO compliance_finding_work (kind, subject_id, ref, status, owner_id, version, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING version`,
      [row.kind, row.subjectId, row.ref, row.status, row.ownerId, row.version, by, at],
    );
    return rows.length === 1;
  }

  async update(row: FindingWorkRow, by: string, at: Date, manager: EntityManager): Promise<void> {
    await this.tx.use(manager).query(
      `UPDATE compliance_finding_work SET status = $4, owner_id = $5, version = $6, updated_by = $7, updated_at = $8
       WHERE kind = $1 AND subject_id = $2 AND ref = $3`,
      [row.kind, row.subjectId, row.ref, row.status, row.ownerId, row.version, by, at],
    );
  }

  async addVersion(row: FindingWorkRow, note: string, by: string, at: Date, manager: EntityManager): Promise<void> {
    await this.tx.use(manager).query(
      `INSERT INTO compliance_finding_work_versions
         (kind, subject_id, ref, version, status, owner_id, note, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.kind, row.subjectId, row.ref, row.version, row.status, row.ownerId, note, by, at],
    );
  }

  async history(key: FindingKey): Promise<FindingWorkVersionRow[]> {
    return this.tx.manager.query(
      `SELECT v.version, v.status, v.owner_id AS "ownerId", o.display_name AS "ownerName", v.note,
              v.changed_by AS "changedBy", coalesce(c.display_name, '') AS "changedByName", v.changed_at AS "changedAt"
       FROM compliance_finding_work_versions v
       LEFT JOIN staff o ON o.id = v.owner_id LEFT JOIN staff c ON c.id = v.changed_by
       WHERE v.kind = $1 AND v.subject_id = $2 AND v.ref = $3 ORDER BY v.version DESC`,
      [key.kind, key.subjectId, key.ref],
    );
  }

  /** An active staff member who can own a finding, or null. */
  async activeStaffName(id: string, manager: EntityManager): Promise<string | null> {
    const rows: { name: string }[] = await this.tx
      .use(manager)
      .query(`SELECT display_name AS name FROM staff WHERE id = $1 AND status = 'active'`, [id]);
    return rows[0]?.name ?? null;
  }
}
