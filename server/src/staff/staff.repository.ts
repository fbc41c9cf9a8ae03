import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import type { Role } from '../authorization/roles';
import { instantAfter } from '../calendar/instant';
import { StaffEntity, StaffStatus } from './staff.entity';

export interface StaffListQuery {
  q?: string;
  role?: Role;
  status?: StaffStatus;
  ids?: string[];
  sortField: 'email' | 'displayName' | 'role' | 'status' | 'createdAt' | 'lastSignInAt';
  sortOrder: 'ASC' | 'DESC';
  offset: number;
  limit: number;
}

export interface StaffRow extends StaffEntity {
  activeSessions: number;
}

const SORT_COLUMNS: Record<StaffListQuery['sortField'], string> = {
  email: 's.email',
  displayName: 's.display_name',
  role: 's.role',
  status: 's.status',
  createdAt: 's.created_at',
  lastSignInAt: 's.last_sign_in_at',
};

/** All I/O on staff accounts. */
@Injectable()
export class StaffRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
  ) {}

  private staff(manager?: EntityManager) {
    return this.tx.use(manager).getRepository(StaffEntity);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  findById(id: string, manager?: EntityManager): Promise<StaffEntity | null> {
    return this.staff(manager).findOne({ where: { id } });
  }

  /** Locks the row for the rest of the transaction. */
  findByIdForUpdate(id: string, manager: EntityManager): Promise<StaffEntity | null> {
    return this.staff(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByEmailWithCredentials(email: string): Promise<StaffEntity | null> {
    return this.staff()
      .createQueryBuilder('s')
      .addSelect(['s.passwordHash', 's.totpSecretEnc', 's.totpLastStep'])
      .where('s.email = :email', { email })
      .getOne();
  }

  findWithCredentials(id: string): Promise<StaffEntity | null> {
    return this.staff()
      .createQueryBuilder('s')
      .addSelect(['s.passwordHash', 's.totpSecretEnc', 's.totpPendingSecretEnc', 's.totpLastStep'])
      .where('s.id = :id', { id })
      .getOne();
  }

  emailExists(email: string): Promise<boolean> {
    return this.staff().exists({ where: { email } });
  }

  count(): Promise<number> {
    return this.staff().count();
  }

  async insert(row: Partial<StaffEntity>, manager?: EntityManager): Promise<StaffEntity> {
    const result = await this.staff(manager).insert(row);
    const id = (result.identifiers[0] as { id: string }).id;
    return (await this.findById(id, manager)) as StaffEntity;
  }

  async update(id: string, changes: Partial<StaffEntity>, manager?: EntityManager): Promise<void> {
    await this.staff(manager).update({ id }, changes);
  }

  async list(query: StaffListQuery): Promise<{ rows: StaffRow[]; total: number }> {
    const qb = this.staff()
      .createQueryBuilder('s')
      .addSelect(
        '(SELECT count(*)::int FROM staff_sessions ss WHERE ss.staff_id = s.id AND ss.ended_at IS NULL ' +
          'AND ss.expires_at > now() AND ss.staff_generation = s.session_generation)',
        'active_sessions',
      );
    if (query.q) {
      const q = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(s.email LIKE :q OR lower(s.display_name) LIKE :q)', { q });
    }
    if (query.role) qb.andWhere('s.role = :role', { role: query.role });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.ids) qb.andWhere('s.id IN (:...ids)', { ids: query.ids });
    const total = await qb.getCount();
    qb.orderBy(SORT_COLUMNS[query.sortField], query.sortOrder, 'NULLS LAST')
      .addOrderBy('s.id', 'ASC')
      .offset(query.offset)
      .limit(query.limit);
    const { entities, raw } = await qb.getRawAndEntities<{ active_sessions: number }>();
    return {
      rows: entities.map((e, i) => Object.assign(e, { activeSessions: Number(raw[i].active_sessions) })),
      total,
    };
  }

  /**
   * Every session opened before this call stops working: the generation makes the guard refuse
   * them at their next request, and ending them now keeps the session list honest meanwhile.
   */
  async revokeSessions(id: string, reason: string, now: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(StaffEntity).increment({ id }, 'sessionGeneration', 1);
    await manager.query(
      'UPDATE staff_sessions SET ended_at = $2, end_reason = $3 WHERE staff_id = $1 AND ended_at IS NULL',
      [id, now, reason],
    );
  }

  /**
   * Counts one failed sign-in step for the account, whichever session it came from, and
   * locks the account when the count reaches `max`. One statement, so parallel attempts
   * cannot both slip under the limit.
   */
  async registerFailure(
    id: string,
    now: Date,
    max: number,
    lockoutMs: number,
  ): Promise<{ failedAttempts: number; lockedUntil: Date | null }> {
    // For UPDATE … RETURNING, TypeORM's postgres driver answers [rows, rowCount]. Never the ambient
    // transaction: the failure counts even when the request that found it fails.
    const [rows]: [{ failed_attempts: number; locked_until: Date | null }[], number] = await this.dataSource.query(
      `UPDATE staff SET
         -- A lock that has run out starts a new count: one wrong guess after it is not a new lock.
         failed_attempts = CASE WHEN locked_until <= $4 THEN 1 ELSE failed_attempts + 1 END,
         -- A lock already running is never pushed out (a request that loaded the account just
         -- before another one locked it must not extend the lock).
         locked_until = CASE
           WHEN locked_until > $4 THEN locked_until
           WHEN (CASE WHEN locked_until <= $4 THEN 1 ELSE failed_attempts + 1 END) >= $2 THEN $3::timestamptz
           ELSE NULL END,
         updated_at = $4
       WHERE id = $1
       RETURNING failed_attempts, locked_until`,
      [id, max, instantAfter(now, lockoutMs), now],
    );
    return { failedAttempts: rows[0].failed_attempts, lockedUntil: rows[0].locked_until };
  }

  /**
   * Accepts a TOTP time step only if it is later than the last one accepted: each step
   * is good once, even when two requests race with the same code.
   */
  async acceptTotpStep(id: string, step: number, now: Date, manager?: EntityManager): Promise<boolean> {
    const result: [unknown[], number] = await this.tx.use(manager).query(
      `UPDATE staff SET totp_last_step = $2, failed_attempts = 0, locked_until = NULL, updated_at = $3
       WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)
       RETURNING id`,
      [id, step, now],
    );
    return result[1] === 1;
  }

  /** Staff counted by role, status and MFA state, and accounts locked at `now`: counts only. */
  async figures(now: Date): Promise<{
    byRole: { role: Role; active: number; mfaEnrolled: number; disabled: number }[];
    locked: number;
    mustChangePassword: number;
  }> {
    const rows: {
      role: Role;
      active: number;
      mfa: number;
      disabled: number;
      locked: number;
      must_change: number;
    }[] = await this.staff().query(
      `SELECT role,
              count(*) FILTER (WHERE status = 'active')::int AS active,
              count(*) FILTER (WHERE status = 'active' AND totp_enrolled_at IS NOT NULL)::int AS mfa,
              count(*) FILTER (WHERE status = 'disabled')::int AS disabled,
              count(*) FILTER (WHERE status = 'active' AND locked_until > $1)::int AS locked,
              count(*) FILTER (WHERE status = 'active' AND must_change_password)::int AS must_change
       FROM staff GROUP BY role`,
      [now],
    );
    return {
      byRole: rows.map((r) => ({ role: r.role, active: r.active, mfaEnrolled: r.mfa, disabled: r.disabled })),
      locked: rows.reduce((n, r) => n + r.locked, 0),
      mustChangePassword: rows.reduce((n, r) => n + r.must_change, 0),
    };
  }

  /** Display name and role of these staff members, in one query. */
  async namesByIds(ids: string[]): Promise<{ id: string; displayName: string; role: Role }[]> {
    return this.staff().query('SELECT id, display_name AS "displayName", role FROM staff WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
  }

  /** Staff whose name or email contains `q` (case-insensitive), for pickers: name and role only. */
  async searchNames(q: string, limit: number): Promise<{ id: string; displayName: string; role: Role }[]> {
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.staff().query(
      `SELECT id, display_name AS "displayName", role FROM staff
       WHERE lower(display_name) LIKE $1 OR email LIKE $1 ORDER BY display_name, id LIMIT $2`,
      [like, limit],
    );
  }
}
