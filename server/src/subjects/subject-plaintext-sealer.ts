import { HttpStatus, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { APP_LOGGER } from '../common/logger';
import { Problem } from '../common/problem';
import { Aad, SubjectCrypto } from './crypto/subject-crypto';
import { SubjectKeysService } from './subject-keys.service';
import { PlaintextRow, SubjectsRepository } from './subjects.repository';

const BATCH = 500;

/**
 * Seals the health values written before they were encrypted (counseling interests and booking
 * topics, migration 20261203000500): each under its owner's data key, the plaintext column set
 * to NULL in the same statement. Runs at start-up, before the server answers requests; several
 * instances may run it at once (rows are taken with SKIP LOCKED). A value whose owner's key was
 * shredded is erased rather than sealed: nothing could ever open it.
 */
@Injectable()
export class SubjectPlaintextSealer implements OnApplicationBootstrap {
  constructor(
    private readonly subjects: SubjectsRepository,
    private readonly keys: SubjectKeysService,
    private readonly crypto: SubjectCrypto,
    @Inject(APP_LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealAll();
    if (sealed.interests + sealed.topics > 0) {
      this.log.info(sealed, 'sealed counseling interests and booking topics stored before encryption');
    }
  }

  async sealAll(): Promise<{ interests: number; topics: number }> {
    return {
      interests: await this.sealTable('interests', Aad.counselingInterest),
      topics: await this.sealTable('topics', Aad.bookingTopic),
    };
  }

  private async sealTable(table: 'interests' | 'topics', aad: (rowId: string) => string): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.subjects.transaction(async (manager) => {
        const rows =
          table === 'interests'
            ? await this.subjects.plaintextInterests(BATCH, manager)
            : await this.subjects.plaintextTopics(BATCH, manager);
        const keys = new Map<string, Buffer | null>();
        const sealed = [];
        for (const row of rows) {
          const key = await this.keyOf(row, keys, manager);
          sealed.push({ id: row.id, cipher: key ? this.crypto.seal(key, aad(row.id), row.value) : null });
        }
        await this.subjects.sealPlaintext(table, sealed, manager);
        total += rows.length;
        return rows.length < BATCH;
      });
      if (done) return total;
    }
  }

  private async keyOf(row: PlaintextRow, keys: Map<string, Buffer | null>, manager: EntityManager) {
    if (keys.has(row.ownerId)) return keys.get(row.ownerId)!;
    let key: Buffer | null;
    try {
      key = await this.keys.dataKey(row.ownerId, manager);
    } catch (error) {
      if (!(error instanceof Problem) || error.status !== HttpStatus.GONE) throw error;
      key = null;
    }
    keys.set(row.ownerId, key);
    return key;
  }
}
