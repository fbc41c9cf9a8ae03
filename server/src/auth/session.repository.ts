import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, IsNull, Not } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Transactions } from '../database/transactions';
import { instantBefore } from '../calendar/instant';
import type { StaffAccount } from '../staff/staff.service';
import { StaffSessionEntity } from './session.entity';

/** What the session guard needs of the account behind a session. */
export type SessionStaff = Pick<
  StaffAccount,
  'id' | 'email' | 'displayName' | 'role' | 'status' | 'totpEnrolledAt' | 'sessionGeneration'
>;

/** A session found by its token hash, with its account as read in the same statement (null when gone). */
export interface SessionWithStaff {
  tokenHash: Buffer;
  session: StaffSessionEntity;
  staff: SessionStaff | null;
}

interface SessionWithStaffRow {
  token_hash: Buffer;
  id: string;
  staff_id: string;
  stage: StaffSessionEntity['stage'];
  staff_generation: number;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  mfa_verified_at: Date | null;
  ip: string | null;
  user_agent: string | null;
  ended_at: Date | null;
  end_reason: string | null;
  s_id: string | null;
  email: string;
  display_name: string;
  role: SessionStaff['role'];
  status: SessionStaff['status'];
  totp_enrolled_at: Date | null;
  session_generation: number;
}

// Every authenticated request runs this: a named statement is parsed and planned once per
// connection, and the session and its account come in one round trip.
const SESSIONS_WITH_STAFF = {
  name: 'auth-sessions-with-staff-by-token-hash',
  text: `SELECT ss.token_hash, ss.id, ss.staff_id, ss.stage, ss.staff_generation, ss.created_at, ss.last_seen_at,
                ss.expires_at, ss.mfa_verified_at, ss.ip, ss.user_agent, ss.ended_at, ss.end_reason,
                s.id AS s_id, s.email, s.display_name, s.role, s.status, s.totp_enrolled_at, s.session_generation
           FROM staff_sessions ss
           LEFT JOIN staff s ON s.id = ss.staff_id
          WHERE ss.token_hash = ANY($1::bytea[])`,
};

@Injectable()
export class SessionRepository {
  constructor(
    private readonly tx: Transactions,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get repo() {
    return this.tx.manager.getRepository(StaffSessionEntity);
  }

  async insert(row: Omit<StaffSessionEntity, 'id' | 'endedAt' | 'endReason'>): Promise<StaffSessionEntity> {
    const result = await this.repo.insert({ ...row, endedAt: null, endReason: null });
    return Object.assign(new StaffSessionEntity(), row, { id: (result.identifiers[0] as { id: string }).id });
  }

  /**
   * The sessions behind these token hashes with their accounts, in one statement on the pool
   * (autocommit, outside any transaction: the guards run before a request's unit of work).
   */
  async findWithStaffByTokenHashes(tokenHashes: Buffer[]): Promise<SessionWithStaff[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<SessionWithStaffRow>({ ...SESSIONS_WITH_STAFF, values: [tokenHashes] });
    return rows.map((r) => ({
      tokenHash: r.token_hash,
      session: Object.assign(new StaffSessionEntity(), {
        id: r.id,
        staffId: r.staff_id,
        stage: r.stage,
        staffGeneration: r.staff_generation,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        mfaVerifiedAt: r.mfa_verified_at,
        ip: r.ip,
        userAgent: r.user_agent,
        endedAt: r.ended_at,
        endReason: r.end_reason,
      }),
      staff:
        r.s_id === null
          ? null
          : {
              id: r.s_id,
              email: r.email,
              displayName: r.display_name,
              role: r.role,
              status: r.status,
              totpEnrolledAt: r.totp_enrolled_at,
              sessionGeneration: r.session_generation,
            },
    }));
  }

  findById(id: string): Promise<StaffSessionEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /**
   * Open sessions as the guard would judge them at `now`: a session idle too long, or of an
   * older generation or a disabled account, is ended even before its next request says so.
   */
  listOpen(staffId: string, now: Date, idleMs: number): Promise<StaffSessionEntity[]> {
    return this.repo
      .createQueryBuilder('ss')
      .innerJoin('staff', 's', 's.id = ss.staff_id')
      .where('ss.staff_id = :staffId', { staffId })
      .andWhere('ss.ended_at IS NULL')
      .andWhere('ss.expires_at > :now', { now })
      .andWhere('ss.last_seen_at >= :idleSince', { idleSince: instantBefore(now, idleMs) })
      .andWhere('ss.staff_generation = s.session_generation')
      .andWhere("s.status = 'active'")
      .orderBy('ss.last_seen_at', 'DESC')
      .getMany();
  }

  async update(id: string, changes: Partial<StaffSessionEntity>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  /** Ends one open session; false when it was already ended. */
  async end(id: string, reason: string, now: Date): Promise<boolean> {
    const result = await this.repo.update({ id, endedAt: IsNull() }, { endedAt: now, endReason: reason });
    return result.affected === 1;
  }

  async endAllFor(staffId: string, reason: string, now: Date, exceptId?: string): Promise<number> {
    const result = await this.repo.update(
      { staffId, endedAt: IsNull(), ...(exceptId === undefined ? {} : { id: Not(exceptId) }) },
      { endedAt: now, endReason: reason },
    );
    return result.affected ?? 0;
  }
}
