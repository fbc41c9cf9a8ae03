import { HttpStatus, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../../common/logger';
import { Problem } from '../../common/problem';
import { Transactions } from '../../database/transactions';
import { Aad, SubjectCrypto } from '../crypto/subject-crypto';
import { SubjectKeysService } from '../subject-keys.service';
import { ChildResealRepository, type ChildSealedRow } from './fulfilment.repository';

const BATCH = 500;

/**
 * Counseling records and booking topics about a child were sealed under the guardian's key, so
 * erasing the child alone could not make them unreadable. At start-up, before the server answers
 * requests, this moves each such row to the child's own key (migration 20261204000300): opened
 * with the guardian's key, sealed with the child's, in batches several instances can share
 * (SKIP LOCKED). A row whose guardian's or child's key was shredded is dropped.
 */
@Injectable()
export class ChildRecordResealer implements OnApplicationBootstrap {
  constructor(
    private readonly repo: ChildResealRepository,
    private readonly tx: Transactions,
    private readonly keys: SubjectKeysService,
    private readonly crypto: SubjectCrypto,
    @Inject(APP_LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const moved = await this.resealAll();
    if (moved.records + moved.topics > 0) {
      this.log.info(moved, "moved counseling records and booking topics about children to the child's own key");
    }
  }

  async resealAll(): Promise<{ records: number; topics: number }> {
    return {
      records: await this.resealTable('records', Aad.record),
      topics: await this.resealTable('topics', Aad.bookingTopic),
    };
  }

  private async resealTable(table: 'records' | 'topics', aad: (rowId: string) => string): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.tx.run(async () => {
        const rows = await this.repo.pending(table, BATCH);
        const keys = new Map<string, Buffer | null>();
        const keyOf = async (id: string) => {
          if (!keys.has(id)) keys.set(id, await this.liveKey(id));
          return keys.get(id)!;
        };
        const moved: { id: string; toId: string; cipher: Buffer | null }[] = [];
        for (const row of rows) moved.push({ id: row.id, toId: row.toId, cipher: await this.move(row, aad, keyOf) });
        await this.repo.store(table, moved);
        total += rows.length;
        return rows.length < BATCH;
      });
      if (done) return total;
    }
  }

  private async move(
    row: ChildSealedRow,
    aad: (rowId: string) => string,
    keyOf: (id: string) => Promise<Buffer | null>,
  ): Promise<Buffer | null> {
    const from = await keyOf(row.fromId);
    const to = await keyOf(row.toId);
    if (from === null || to === null) return null;
    return this.crypto.seal(to, aad(row.id), this.crypto.open(from, aad(row.id), row.cipher));
  }

  private async liveKey(subjectId: string): Promise<Buffer | null> {
    try {
      return await this.keys.dataKey(subjectId);
    } catch (error) {
      if (error instanceof Problem && error.status === HttpStatus.GONE) return null;
      throw error;
    }
  }
}
