import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';

/**
 * The dormant store (schema `dormant_store`), reached only through its three SECURITY DEFINER
 * functions (migration 20261206000400): the application role has no grant on the schema itself,
 * so nothing else in the console can read a separated account's data.
 */
@Injectable()
export class DormantStoreRepository {
  constructor(private readonly tx: Transactions) {}

  /** Moves the person's personal columns and own rows into the store; false when already separated. */
  async separate(subjectId: string, at: Date): Promise<boolean> {
    const [row] = await this.tx.manager.query<{ moved: boolean }[]>('SELECT dormancy_separate($1, $2) AS moved', [
      subjectId,
      at,
    ]);
    return row.moved;
  }

  /** Brings them back (the identity check must be of this person, by this staff member); false when not separated. */
  async restore(subjectId: string, at: Date, staffId: string, identityCheckId: string): Promise<boolean> {
    const [row] = await this.tx.manager.query<{ restored: boolean }[]>(
      'SELECT dormancy_restore($1, $2, $3, $4) AS restored',
      [subjectId, at, staffId, identityCheckId],
    );
    return row.restored;
  }

  /** The separated account with this blind index of its e-mail or phone, if any. */
  async find(kind: 'email' | 'phone', index: Buffer): Promise<string | null> {
    const [row] = await this.tx.manager.query<{ id: string | null }[]>('SELECT dormancy_find($1, $2) AS id', [
      kind,
      index,
    ]);
    return row.id;
  }
}

/** An account the dormancy pipeline looks at: when it was last used, and how it can be told. */
export interface DormancyCandidate {
  id: string;
  service: 'maumjuui' | 'shelby';
  kind: string;
  locale: string;
  /** last_active_at, else created_at (never signed in). */
  lastUseAt: Date;
  hasEmail: boolean;
  hasPhone: boolean;
}

const CANDIDATE_COLUMNS = `s.id, s.service, s.kind, s.locale, coalesce(s.last_active_at, s.created_at) AS "lastUseAt",
  s.email_cipher IS NOT NULL AS "hasEmail", s.phone_cipher IS NOT NULL AS "hasPhone"`;

// Accounts that can become dormant: not separated, erased or withdrawn, and no withdrawal pending.
// Children are left out: they do not sign in themselves (their guardian does), so their own last
// use says nothing about disuse.
const SEPARABLE = `s.separated_at IS NULL AND s.erased_at IS NULL AND s.status <> 'withdrawn'
  AND s.withdrawal_requested_at IS NULL AND s.kind <> 'child'`;

/** What the dormancy pipeline reads of the accounts (subjects' own table): metadata only. */
@Injectable()
export class DormancyCandidatesRepository {
  constructor(private readonly tx: Transactions) {}

  /** A page of accounts last used before `before`, by id after `after`. */
  unusedSince(before: Date, after: string | null, limit: number): Promise<DormancyCandidate[]> {
    return this.tx.manager.query<DormancyCandidate[]>(
      `SELECT ${CANDIDATE_COLUMNS} FROM subjects s
       WHERE ${SEPARABLE} AND coalesce(s.last_active_at, s.created_at) < $1 AND ($2::uuid IS NULL OR s.id > $2::uuid)
       ORDER BY s.id LIMIT $3`,
      [before, after, limit],
    );
  }

  /** The account, locked for the caller's transaction, and whether it can still be separated. */
  async candidate(id: string): Promise<(DormancyCandidate & { separable: boolean }) | null> {
    const rows = await this.tx.manager.query<(DormancyCandidate & { separable: boolean })[]>(
      `SELECT ${CANDIDATE_COLUMNS}, (${SEPARABLE}) AS separable FROM subjects s WHERE s.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }
}
