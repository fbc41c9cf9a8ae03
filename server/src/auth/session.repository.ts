import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { Transactions } from '../database/transactions';
import { instantBefore } from '../calendar/instant';
import { StaffSessionEntity } from './session.entity';

@Injectable()
export class SessionRepository {
  constructor(private readonly tx: Transactions) {}

  private get repo() {
    return this.tx.manager.getRepository(StaffSessionEntity);
  }

  async insert(row: Omit<StaffSessionEntity, 'id' | 'endedAt' | 'endReason'>): Promise<StaffSessionEntity> {
    const result = await this.repo.insert({ ...row, endedAt: null, endReason: null });
    return Object.assign(new StaffSessionEntity(), row, { id: (result.identifiers[0] as { id: string }).id });
  }

  findByTokenHash(tokenHash: Buffer): Promise<StaffSessionEntity | null> {
    return this.repo.findOne({ where: { tokenHash } });
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
