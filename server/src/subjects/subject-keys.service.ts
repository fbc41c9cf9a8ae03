import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Problem } from '../common/problem';
import { KekUnavailableError } from './crypto/keyring';
import { SubjectCrypto } from './crypto/subject-crypto';
import { SubjectsErrorCode } from './subjects.errors';
import { SubjectsRepository } from './subjects.repository';

const REWRAP_BATCH = 1000;

export interface RotationResult {
  activeKekId: string;
  rewrapped: number;
  retiredKekIds: string[];
}

/**
 * Subjects' data keys: unwrap for a reveal, rewrap under a new KEK (keys:rotate), and
 * crypto-shred. Shredding nulls the wrapped key and then rotates, so the KEK that wrapped the
 * old copy (still present in any earlier dump or backup) is destroyed as well.
 */
@Injectable()
export class SubjectKeysService {
  constructor(
    private readonly subjects: SubjectsRepository,
    private readonly crypto: SubjectCrypto,
    private readonly clock: Clock,
  ) {}

  async dataKey(subjectId: string, manager?: EntityManager): Promise<Buffer> {
    const row = await this.subjects.findKey(subjectId, manager);
    if (!row?.wrappedKey || !row.kekId) {
      throw Problem.of(SubjectsErrorCode.KeyShredded, "This person's encrypted data was erased");
    }
    try {
      return this.crypto.unwrap(subjectId, row.kekId, row.wrappedKey);
    } catch (error) {
      if (error instanceof KekUnavailableError) {
        throw Problem.of(SubjectsErrorCode.KeyShredded, "This person's encrypted data was erased");
      }
      throw error;
    }
  }

  /** Destroys the data keys in the caller's transaction; call rotate() after it commits. */
  shred(subjectIds: string[], manager: EntityManager): Promise<string[]> {
    return this.subjects.shredKeys(subjectIds, this.clock.now(), manager);
  }

  /**
   * Wraps every live data key under a new KEK, then destroys all older KEKs. The data is not
   * touched. Safe to rerun after a crash: keys already under the new KEK are skipped.
   *
   * Not yet safe against a data key being created at the same moment by another process that
   * read the keyring before the new KEK became active: its row could be wrapped by a KEK this
   * rotation then retires. The console creates subjects only through the demo seeder today; the
   * platform integration must take a shared advisory lock around key creation, and this an
   * exclusive one around its final retire step.
   */
  async rotate(): Promise<RotationResult> {
    const activeKekId = this.crypto.keyring.createActive();
    let rewrapped = 0;
    for (;;) {
      const done = await this.subjects.transaction(async (manager) => {
        const batch = await this.subjects.keysNotWrappedBy(activeKekId, REWRAP_BATCH, manager);
        const rows = batch.map((row) => {
          const key = this.crypto.unwrap(row.subjectId, row.kekId!, row.wrappedKey!);
          return { subjectId: row.subjectId, ...this.crypto.wrap(row.subjectId, key) };
        });
        await this.subjects.rewrapKeys(rows, this.clock.now(), manager);
        rewrapped += rows.length;
        return batch.length === 0;
      });
      if (done) break;
    }
    const retiredKekIds = this.crypto.keyring.retireAllButActive();
    return { activeKekId, rewrapped, retiredKekIds };
  }
}
