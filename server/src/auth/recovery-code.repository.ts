import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RecoveryCodeEntity } from './recovery-code.entity';

/** All I/O on staff recovery codes (stored as HMACs, never in clear). */
@Injectable()
export class RecoveryCodeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async replace(staffId: string, hashes: Buffer[], now: Date, manager: EntityManager): Promise<void> {
    const repo = manager.getRepository(RecoveryCodeEntity);
    await repo.delete({ staffId });
    await repo.insert(hashes.map((codeHash) => ({ staffId, codeHash, createdAt: now, usedAt: null })));
  }

  async deleteAll(staffId: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(RecoveryCodeEntity).delete({ staffId });
  }

  /** Marks the code used; false when it does not exist or was used before. */
  async consume(staffId: string, codeHash: Buffer, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(RecoveryCodeEntity)
      .update({ staffId, codeHash, usedAt: IsNull() }, { usedAt: now });
    return result.affected === 1;
  }

  countUnused(staffId: string): Promise<number> {
    return this.dataSource.getRepository(RecoveryCodeEntity).count({ where: { staffId, usedAt: IsNull() } });
  }
}
