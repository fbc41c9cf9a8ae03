import { Injectable } from '@nestjs/common';
import { EntityManager, In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Transactions } from '../database/transactions';
import { ActivityEntity } from './activity.entity';
import { LegalDisclosureEntity } from './legal-disclosure.entity';
import { ProcessorEntity } from './processor.entity';
import { ProvisionEntity } from './provision.entity';
import { RegisterPolicyEntity } from './register-policy.entity';
import type { AnyRow, RegisterName, RegisterRows } from './register-types';
import { RegisterVersionEntity, type VersionOperation } from './register-version.entity';
import { TransferEntity } from './transfer.entity';

const ENTITY: Record<RegisterName, EntityTarget<ObjectLiteral>> = {
  policies: RegisterPolicyEntity,
  processors: ProcessorEntity,
  provisions: ProvisionEntity,
  transfers: TransferEntity,
  activities: ActivityEntity,
  disclosures: LegalDisclosureEntity,
};

export interface VersionInput {
  register: RegisterName;
  rowId: string;
  version: number;
  operation: VersionOperation;
  authorId: string | null;
  authorName: string;
  reason: string;
  changedAt: Date;
  snapshot: AnyRow;
}

export interface VersionRow {
  version: number;
  operation: VersionOperation;
  authorId: string | null;
  authorName: string;
  reason: string;
  changedAt: Date;
  snapshot: Record<string, unknown>;
}

/** Entity → the row as the API shows it (timestamps as ISO strings, dates as 'YYYY-MM-DD'). */
function toRow<R extends RegisterName>(entity: ObjectLiteral): RegisterRows[R] {
  return {
    ...entity,
    createdAt: (entity.createdAt as Date).toISOString(),
    updatedAt: (entity.updatedAt as Date).toISOString(),
  } as RegisterRows[R];
}

function toEntity(row: AnyRow): ObjectLiteral {
  return { ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
}

/** All I/O of the registers: their rows and their version history. */
@Injectable()
export class RegistersRepository {
  constructor(private readonly tx: Transactions) {}

  private repo(register: RegisterName, manager?: EntityManager) {
    return this.tx.use(manager).getRepository(ENTITY[register]);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  async find<R extends RegisterName>(
    register: R,
    id: string,
    manager?: EntityManager,
    forUpdate = false,
  ): Promise<RegisterRows[R] | null> {
    const entity = await this.repo(register, manager).findOne({
      where: { id },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return entity === null ? null : toRow<R>(entity);
  }

  /** Every current row of a register (registers are small: the service filters and pages them). */
  async all<R extends RegisterName>(
    register: R,
    where: { policyId?: string; subjectId?: string } = {},
    manager?: EntityManager,
  ): Promise<RegisterRows[R][]> {
    const entities = await this.repo(register, manager).find({ where: { ...where } });
    return entities.map((e) => toRow<R>(e));
  }

  /** The rows as they stood just before `cutoff`, from their latest version snapshot then. */
  async allAsOf<R extends RegisterName>(
    register: R,
    cutoff: Date,
    manager?: EntityManager,
  ): Promise<RegisterRows[R][]> {
    const rows: { snapshot: RegisterRows[R] }[] = await this.tx.use(manager).query(
      `SELECT DISTINCT ON (row_id) snapshot FROM register_versions
        WHERE register = $1 AND changed_at < $2
        ORDER BY row_id, version DESC`,
      [register, cutoff],
    );
    return rows.map((r) => r.snapshot);
  }

  async findAsOf<R extends RegisterName>(register: R, id: string, cutoff: Date): Promise<RegisterRows[R] | null> {
    const rows: { snapshot: RegisterRows[R] }[] = await this.tx.manager.query(
      `SELECT snapshot FROM register_versions
        WHERE register = $1 AND row_id = $2 AND changed_at < $3
        ORDER BY version DESC LIMIT 1`,
      [register, id, cutoff],
    );
    return rows[0]?.snapshot ?? null;
  }

  async insert(register: RegisterName, row: AnyRow, manager: EntityManager): Promise<void> {
    await this.repo(register, manager).insert(toEntity(row));
  }

  async update(register: RegisterName, row: AnyRow, manager: EntityManager): Promise<void> {
    const { id, ...changes } = toEntity(row);
    await this.repo(register, manager).update({ id: id as string }, changes);
  }

  async nextPosition(register: RegisterName, policyId: string, manager: EntityManager): Promise<number> {
    const rows: { next: number }[] = await manager.query(
      `SELECT coalesce(max(position) + 1, 0)::int AS next FROM ${tableOf(register)} WHERE policy_id = $1`,
      [policyId],
    );
    return rows[0].next;
  }

  async idsInPolicy(register: RegisterName, policyId: string, ids: string[], manager?: EntityManager) {
    if (ids.length === 0) return new Set<string>();
    const found = await this.repo(register, manager).find({
      select: { id: true },
      where: { id: In(ids), policyId },
    });
    return new Set(found.map((r) => r.id as string));
  }

  async policyCodeTaken(code: string, exceptId: string | null, manager?: EntityManager): Promise<boolean> {
    const row = await this.repo('policies', manager).findOne({ where: { code } });
    return row !== null && row.id !== exceptId;
  }

  async addVersion(input: VersionInput, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO register_versions
         (register, row_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        input.register,
        input.rowId,
        input.version,
        input.operation,
        input.authorId,
        input.authorName,
        input.reason,
        input.changedAt,
        JSON.stringify(input.snapshot),
      ],
    );
  }

  async history(register: RegisterName, rowId: string, manager?: EntityManager): Promise<VersionRow[]> {
    return this.tx
      .use(manager)
      .getRepository(RegisterVersionEntity)
      .find({ where: { register, rowId }, order: { version: 'ASC' } });
  }
}

function tableOf(register: RegisterName): string {
  switch (register) {
    case 'policies':
      return 'register_policies';
    case 'processors':
      return 'register_processors';
    case 'provisions':
      return 'register_provisions';
    case 'transfers':
      return 'register_transfers';
    case 'activities':
      return 'register_activities';
    case 'disclosures':
      return 'legal_disclosures';
    default: {
      const unknown: never = register;
      throw new Error(`Unknown register ${String(unknown)}`);
    }
  }
}
