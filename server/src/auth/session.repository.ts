import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { StaffSessionEntity } from './session.entity';

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(StaffSessionEntity);
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

  listOpen(staffId: string, now: Date): Promise<StaffSessionEntity[]> {
    return this.repo.find({
      where: { staffId, endedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { lastSeenAt: 'DESC' },
    });
  }

  async update(id: string, changes: Partial<StaffSessionEntity>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  /** Ends one open session; false when it was already ended. */
  async end(id: string, reason: string, now: Date): Promise<boolean> {
    const result = await this.repo.update({ id, endedAt: IsNull() }, { endedAt: now, endReason: reason });
    return result.affected === 1;
  }

  async endAllFor(staffId: string, reason: string, now: Date): Promise<number> {
    const result = await this.repo.update({ staffId, endedAt: IsNull() }, { endedAt: now, endReason: reason });
    return result.affected ?? 0;
  }
}
