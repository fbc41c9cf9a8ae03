import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import type { SubjectKind, SubjectService, SubjectStatus } from '../subjects.repository';
import type { ErasureCategory } from './fulfilment-types';

export interface FulfilmentSubjectRow {
  id: string;
  service: SubjectService;
  kind: SubjectKind;
  status: SubjectStatus;
  erasedAt: Date | null;
  /** Set while the account is in the dormant store: its data is out of the erasure's reach. */
  separatedAt: Date | null;
  restrictedAt: Date | null;
  marketingSuppressedAt: Date | null;
}

export interface LegalHoldRow {
  subjectId: string;
  category: ErasureCategory;
  retentionRuleCode: string;
  law: string;
  latestRecordOn: string;
  destroyOn: string;
  rightsRequestId: string;
  createdAt: Date;
}

/** The plain subject columns a rectification may change, by field name. */
export const PLAIN_COLUMN_OF = {
  name: 'name',
  birthDate: 'birth_date',
  nickname: 'nickname',
  gender: 'gender',
  residence: 'residence',
  occupation: 'occupation',
  institution: 'institution',
} as const;
export type PlainField = keyof typeof PLAIN_COLUMN_OF;

// What "present" means per category: rows that are the person's own. Records and booking topics
// about a child are the child's (sealed under the child's key), not the guardian's.
const PRESENCE: Record<ErasureCategory, string> = {
  identity: `EXISTS (SELECT 1 FROM subjects WHERE id = $1 AND erased_at IS NULL)`,
  contact: `EXISTS (SELECT 1 FROM subjects WHERE id = $1 AND (email_cipher IS NOT NULL OR phone_cipher IS NOT NULL
              OR email_mask IS NOT NULL OR phone_mask IS NOT NULL OR email_index IS NOT NULL OR phone_index IS NOT NULL))`,
  counseling: `EXISTS (SELECT 1 FROM subject_counseling_records WHERE (subject_id = $1 AND child_id IS NULL) OR child_id = $1)`,
  sensitive: `EXISTS (SELECT 1 FROM subject_sensitive_data WHERE subject_id = $1)
                OR EXISTS (SELECT 1 FROM subjects WHERE id = $1
                  AND (counseling_interest_cipher IS NOT NULL OR counseling_interest IS NOT NULL))`,
  bookings: `EXISTS (SELECT 1 FROM subject_bookings WHERE ((client_id = $1 AND child_id IS NULL) OR child_id = $1)
               AND (topic_cipher IS NOT NULL OR topic IS NOT NULL))`,
  reviews: `EXISTS (SELECT 1 FROM subject_reviews WHERE subject_id = $1)`,
  recordings: `EXISTS (SELECT 1 FROM subject_recordings WHERE subject_id = $1)`,
  payments: `EXISTS (SELECT 1 FROM subject_payments WHERE subject_id = $1)`,
  financial: `EXISTS (SELECT 1 FROM subject_financial_profiles WHERE subject_id = $1)`,
  devices: `EXISTS (SELECT 1 FROM subject_devices WHERE subject_id = $1)`,
  social_links: `EXISTS (SELECT 1 FROM subject_social_links WHERE subject_id = $1)`,
  calendar_links: `EXISTS (SELECT 1 FROM subject_calendar_links WHERE subject_id = $1)`,
  consents: `EXISTS (SELECT 1 FROM subject_consents WHERE subject_id = $1)`,
};

// The date the latest record of a category was made: a retention period runs from it.
const LATEST_RECORD: Partial<Record<ErasureCategory, string>> = {
  payments: `SELECT max(paid_at) AS at FROM subject_payments WHERE subject_id = $1`,
  counseling: `SELECT max(coalesce(counseling_ended_at, session_at)) AS at FROM subject_counseling_records
               WHERE (subject_id = $1 AND child_id IS NULL) OR child_id = $1`,
  bookings: `SELECT max(scheduled_at) AS at FROM subject_bookings WHERE client_id = $1 OR child_id = $1`,
  consents: `SELECT max(coalesce(withdrawn_at, recorded_at)) AS at FROM subject_consents WHERE subject_id = $1`,
  reviews: `SELECT max(created_at) AS at FROM subject_reviews WHERE subject_id = $1`,
  recordings: `SELECT max(recorded_at) AS at FROM subject_recordings WHERE subject_id = $1`,
  devices: `SELECT max(last_seen_at) AS at FROM subject_devices WHERE subject_id = $1`,
  sensitive: `SELECT max(recorded_at) AS at FROM subject_sensitive_data WHERE subject_id = $1`,
  financial: `SELECT max(updated_at) AS at FROM subject_financial_profiles WHERE subject_id = $1`,
};

// Rectifications of these fields are sealed copies of the category's values: erased with it.
const RECTIFIED_FIELDS_OF: Partial<Record<ErasureCategory, string[]>> = {
  identity: ['name', 'birthDate', 'nickname', 'gender', 'residence', 'occupation', 'institution'],
  contact: ['email', 'phone'],
};

// Erasing a category: its rows that are wholly the person's are deleted, the columns of shared
// rows are scrubbed. Bookings stay as rows (payments and the counselor's side point at them)
// with their topic gone.
const ERASE: Record<ErasureCategory, string[]> = {
  identity: [
    `UPDATE subjects SET name = NULL, name_key = NULL, nickname = NULL, birth_date = NULL, gender = NULL,
       residence = NULL, occupation = NULL, institution = NULL, referral_code = NULL,
       relationship_to_guardian = NULL, erased_at = $2, updated_at = $2 WHERE id = $1`,
  ],
  contact: [
    `UPDATE subjects SET email_cipher = NULL, email_index = NULL, email_mask = NULL, phone_cipher = NULL,
       phone_index = NULL, phone_mask = NULL, updated_at = $2 WHERE id = $1`,
  ],
  counseling: [`DELETE FROM subject_counseling_records WHERE (subject_id = $1 AND child_id IS NULL) OR child_id = $1`],
  sensitive: [
    `DELETE FROM subject_sensitive_data WHERE subject_id = $1`,
    `UPDATE subjects SET counseling_interest_cipher = NULL, counseling_interest = NULL, updated_at = $2 WHERE id = $1`,
  ],
  bookings: [
    `UPDATE subject_bookings SET topic = NULL, topic_cipher = NULL, topic_sealed_under = NULL
     WHERE (client_id = $1 AND child_id IS NULL) OR child_id = $1`,
  ],
  reviews: [`DELETE FROM subject_reviews WHERE subject_id = $1`],
  recordings: [`DELETE FROM subject_recordings WHERE subject_id = $1`],
  payments: [`DELETE FROM subject_payments WHERE subject_id = $1`],
  financial: [`DELETE FROM subject_financial_profiles WHERE subject_id = $1`],
  devices: [`DELETE FROM subject_devices WHERE subject_id = $1`],
  social_links: [`DELETE FROM subject_social_links WHERE subject_id = $1`],
  calendar_links: [`DELETE FROM subject_calendar_links WHERE subject_id = $1`],
  consents: [`DELETE FROM subject_consents WHERE subject_id = $1`],
};

/** The subject-side SQL of rights-request fulfilment; every query joins the ambient transaction. */
@Injectable()
export class FulfilmentRepository {
  constructor(private readonly tx: Transactions) {}

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.manager.query<T[]>(sql, params);
  }

  async findSubject(id: string, lock: boolean): Promise<FulfilmentSubjectRow | null> {
    const rows = await this.q<FulfilmentSubjectRow>(
      `SELECT id, service, kind, status, erased_at AS "erasedAt", separated_at AS "separatedAt",
         processing_restricted_at AS "restrictedAt",
         marketing_suppressed_at AS "marketingSuppressedAt"
       FROM subjects WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Several people, locked in id order (two batches over the same people cannot deadlock). */
  findSubjects(ids: readonly string[]): Promise<FulfilmentSubjectRow[]> {
    return this.q<FulfilmentSubjectRow>(
      `SELECT id, service, kind, status, erased_at AS "erasedAt", separated_at AS "separatedAt",
         processing_restricted_at AS "restrictedAt",
         marketing_suppressed_at AS "marketingSuppressedAt"
       FROM subjects WHERE id = ANY ($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /**
   * Everyone with data in any of these categories, by the same "present" rules as one person's
   * erasure proposal (each EXISTS evaluated per person instead of for one id).
   */
  async holders(categories: readonly ErasureCategory[]): Promise<string[]> {
    if (categories.length === 0) return [];
    const any = categories.map((c) => `(${PRESENCE[c].replaceAll('$1', 's.id')})`).join(' OR ');
    const rows = await this.q<{ id: string }>(`SELECT s.id FROM subjects s WHERE ${any} ORDER BY s.id`, []);
    return rows.map((r) => r.id);
  }

  async present(id: string, category: ErasureCategory): Promise<boolean> {
    const [row] = await this.q<{ present: boolean }>(`SELECT (${PRESENCE[category]}) AS present`, [id]);
    return row?.present === true;
  }

  async latestRecordAt(id: string, category: ErasureCategory): Promise<Date | null> {
    const sql = LATEST_RECORD[category];
    if (sql === undefined) return null;
    const [row] = await this.q<{ at: Date | null }>(sql, [id]);
    return row?.at ?? null;
  }

  /** Removes one category of the person's data; returns the rows touched. */
  async erase(id: string, category: ErasureCategory, at: Date): Promise<number> {
    let touched = 0;
    for (const sql of ERASE[category]) {
      const params = sql.includes('$2') ? [id, at] : [id];
      const result = await this.q<unknown>(sql, params);
      touched += affected(result);
    }
    const fields = RECTIFIED_FIELDS_OF[category];
    if (fields) {
      await this.q(`DELETE FROM subject_rectifications WHERE subject_id = $1 AND field = ANY($2::text[])`, [
        id,
        fields,
      ]);
    }
    return touched;
  }

  /** Runs a retention category's statements on one person's records due before `cutoff`; returns the rows touched. */
  async destroyDue(statements: readonly string[], id: string, cutoff: Date): Promise<number> {
    return (await this.destroyDueOf(statements, [id], cutoff)).get(id) ?? 0;
  }

  /** The same for a batch of people, set-based: the rows touched per owner. */
  async destroyDueOf(
    statements: readonly string[],
    ids: readonly string[],
    cutoff: Date,
  ): Promise<Map<string, number>> {
    const touched = new Map<string, number>();
    for (const sql of statements) {
      // TypeORM answers a DELETE or UPDATE … RETURNING with [rows, count].
      const [rows] = (await this.q<unknown>(sql, [ids, cutoff])) as unknown as [{ subject_id: string }[], number];
      for (const row of rows) touched.set(row.subject_id, (touched.get(row.subject_id) ?? 0) + 1);
    }
    return touched;
  }

  /** A statute's hold of this person not yet released, locked. */
  async openStatutoryHold(holdId: string, subjectId: string): Promise<{ id: string; category: string } | null> {
    const [row] = await this.q<{ id: string; category: string }>(
      `SELECT id, category FROM subject_legal_holds WHERE id = $1 AND subject_id = $2 AND released_at IS NULL
       FOR UPDATE`,
      [holdId, subjectId],
    );
    return row ?? null;
  }

  async releaseHold(holdId: string, at: Date): Promise<void> {
    await this.q(`UPDATE subject_legal_holds SET released_at = $2 WHERE id = $1`, [holdId, at]);
  }

  async insertHold(hold: LegalHoldRow): Promise<void> {
    await this.q(
      `INSERT INTO subject_legal_holds (subject_id, category, retention_rule_code, law, latest_record_on, destroy_on,
         rights_request_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        hold.subjectId,
        hold.category,
        hold.retentionRuleCode,
        hold.law,
        hold.latestRecordOn,
        hold.destroyOn,
        hold.rightsRequestId,
        hold.createdAt,
      ],
    );
  }

  async insertTombstone(row: {
    subjectId: string;
    service: string;
    kind: string;
    erasedAt: Date;
    rightsRequestId: string;
    erased: string[];
    retained: string[];
  }): Promise<void> {
    await this.q(
      `INSERT INTO subject_tombstones (subject_id, service, kind, erased_at, rights_request_id, erased, retained)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.subjectId, row.service, row.kind, row.erasedAt, row.rightsRequestId, row.erased, row.retained],
    );
  }

  async setWithdrawn(id: string, at: Date): Promise<void> {
    await this.q(
      `UPDATE subjects SET status = 'withdrawn', withdrawn_at = $2, updated_at = $2,
         withdrawal_requested_at = coalesce(withdrawal_requested_at, $2) WHERE id = $1`,
      [id, at],
    );
  }

  async setRestriction(id: string, restriction: { at: Date; requestId: string } | null, at: Date): Promise<void> {
    await this.q(
      `UPDATE subjects SET processing_restricted_at = $2, processing_restriction_request_id = $3, updated_at = $4
       WHERE id = $1`,
      [id, restriction?.at ?? null, restriction?.requestId ?? null, at],
    );
  }

  async restrictedAt(id: string): Promise<Date | null> {
    const [row] = await this.q<{ at: Date | null }>(
      `SELECT processing_restricted_at AS at FROM subjects WHERE id = $1`,
      [id],
    );
    return row?.at ?? null;
  }

  /** Withdraws the live consents for these purposes; returns the purposes that had one. */
  async withdrawConsents(id: string, purposes: string[], at: Date): Promise<string[]> {
    const [rows] = await this.q<unknown>(
      `UPDATE subject_consents SET withdrawn_at = $3
       WHERE subject_id = $1 AND purpose = ANY($2::text[]) AND granted AND withdrawn_at IS NULL RETURNING purpose`,
      [id, purposes, at],
    );
    return [...new Set((rows as unknown as { purpose: string }[]).map((r) => r.purpose))].sort();
  }

  async suppressMarketing(id: string, at: Date): Promise<void> {
    await this.q(
      `UPDATE subjects SET marketing_suppressed_at = coalesce(marketing_suppressed_at, $2), updated_at = $2 WHERE id = $1`,
      [id, at],
    );
  }

  async contactAndPlain(id: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.q<Record<string, unknown>>(
      `SELECT name, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", nickname, gender, residence, occupation,
         institution, email_cipher AS "emailCipher", phone_cipher AS "phoneCipher"
       FROM subjects WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Sets one plain column; a name also sets its search key. */
  async setPlain(id: string, field: PlainField, value: string | null, at: Date, nameKey?: string): Promise<void> {
    const column = PLAIN_COLUMN_OF[field];
    const setKey = field === 'name' ? ', name_key = $4' : '';
    const params: unknown[] = [id, value, at];
    if (field === 'name') params.push(nameKey);
    await this.q(`UPDATE subjects SET ${column} = $2, updated_at = $3${setKey} WHERE id = $1`, params);
  }

  async setContact(
    id: string,
    kind: 'email' | 'phone',
    value: { cipher: Buffer; index: Buffer; mask: string } | null,
    at: Date,
  ): Promise<void> {
    await this.q(
      `UPDATE subjects SET ${kind}_cipher = $2, ${kind}_index = $3, ${kind}_mask = $4, updated_at = $5 WHERE id = $1`,
      [id, value?.cipher ?? null, value?.index ?? null, value?.mask ?? null, at],
    );
  }

  async insertRectification(row: {
    subjectId: string;
    field: string;
    beforeCipher: Buffer | null;
    afterCipher: Buffer | null;
    rightsRequestId: string;
    staffId: string;
    createdAt: Date;
  }): Promise<string> {
    const [inserted] = await this.q<{ id: string }>(
      `INSERT INTO subject_rectifications (subject_id, field, before_cipher, after_cipher, rights_request_id, staff_id,
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [row.subjectId, row.field, row.beforeCipher, row.afterCipher, row.rightsRequestId, row.staffId, row.createdAt],
    );
    return inserted.id;
  }
}

// TypeORM answers a DELETE or UPDATE with [rows, count] through the pg driver.
function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

export interface ChildSealedRow {
  id: string;
  /** The key that sealed it until now: the guardian (the record's subject, the booking's client). */
  fromId: string;
  /** The child the row is about: the key it moves to. */
  toId: string;
  cipher: Buffer;
}

/** The re-sealing of rows about a child under the child's own key (ChildRecordResealer). */
@Injectable()
export class ChildResealRepository {
  constructor(private readonly tx: Transactions) {}

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.manager.query<T[]>(sql, params);
  }

  /** A batch of rows about a child still sealed under the guardian's key, locked (other instances skip them). */
  pending(table: 'records' | 'topics', limit: number): Promise<ChildSealedRow[]> {
    return this.q<ChildSealedRow>(
      table === 'records'
        ? `SELECT id, subject_id AS "fromId", child_id AS "toId", content_cipher AS cipher FROM subject_counseling_records
           WHERE child_id IS NOT NULL AND sealed_under IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`
        : `SELECT id, client_id AS "fromId", child_id AS "toId", topic_cipher AS cipher FROM subject_bookings
           WHERE child_id IS NOT NULL AND topic_cipher IS NOT NULL AND topic_sealed_under IS NULL
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /**
   * Stores the rows re-sealed under the child's key. A row that could not be opened (a key was
   * shredded) is dropped: nothing could ever read it again.
   */
  async store(table: 'records' | 'topics', rows: { id: string; toId: string; cipher: Buffer | null }[]): Promise<void> {
    const kept = rows.filter((r) => r.cipher !== null);
    const gone = rows.filter((r) => r.cipher === null).map((r) => r.id);
    if (kept.length > 0) {
      await this.q(
        table === 'records'
          ? `UPDATE subject_counseling_records r SET content_cipher = v.cipher, sealed_under = v.to_id
             FROM unnest($1::uuid[], $2::uuid[], $3::bytea[]) AS v(id, to_id, cipher) WHERE r.id = v.id`
          : `UPDATE subject_bookings b SET topic_cipher = v.cipher, topic_sealed_under = v.to_id
             FROM unnest($1::uuid[], $2::uuid[], $3::bytea[]) AS v(id, to_id, cipher) WHERE b.id = v.id`,
        [kept.map((r) => r.id), kept.map((r) => r.toId), kept.map((r) => r.cipher)],
      );
    }
    if (gone.length > 0) {
      await this.q(
        table === 'records'
          ? `DELETE FROM subject_counseling_records WHERE id = ANY($1::uuid[])`
          : `UPDATE subject_bookings SET topic_cipher = NULL WHERE id = ANY($1::uuid[])`,
        [gone],
      );
    }
  }
}
