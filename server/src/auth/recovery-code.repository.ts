import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Transactions } from '../database/transactions';
import { RecoveryCodeEntity } from './recovery-code.entity';

/** All I/O on staff recovery codes (stored as HMACs, never in clear). */
@Injectable()
export class RecoveryCodeRepository {
  constructor(private readonly tx: Transactions) {}

  private codes(manager?: EntityManager) {
    return this.tx.use(manager).getRepository(RecoveryCodeEntity);
  }

  async replace(staffId: string, hashes: Buffer[], now: Date, manager: EntityManager): Promise<void> {
    const repo = this.codes(manager);
    await repo.delete({ staffId });
    await repo.insert(hashes.map((codeHash) => ({ staffId, codeHash, createdAt: now, usedAt: null })));
  }

  async deleteAll(staffId: string, manager: EntityManager): Promise<void> {
    await this.codes(manager).delete({ staffId });
  }

  /** Marks the code used; false when it does not exist or was used before. */
  async consume(staffId: string, codeHash: Buffer, now: Date): Promise<boolean> {
    const result = await this.codes().update({ staffId, codeHash, usedAt: IsNull() }, { usedAt: now });
    return result.affected === 1;
  }

  countUnused(staffId: string): Promise<number> {
    return this.codes().count({ where: { staffId, usedAt: IsNull() } });
  }
}
