import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { EntityManager } from 'typeorm';
import { addCalendarYears, type LocalDate } from '../calendar/local-date';
import {
  ACCOUNT_ACTION_COLUMNS,
  FINDING_QUERIES,
  findingsQuery,
  IDENTITY_CHECK_COLUMNS,
  PROFILE,
  PROFILE_LOGGED,
  SUBJECT_BY_ID,
  SUBJECT_COLUMNS,
  type FindingsFilter,
  type FindingKind,
  type FindingStatus,
  type SubjectService,
} from './subject-statements';

export type { FindingKind, FindingStatus, SubjectService } from './subject-statements';

export type SubjectKind = 'client' | 'counselor' | 'guardian' | 'child';
export type SubjectStatus = 'active' | 'dormant' | 'locked' | 'withdrawn';
export type SocialProvider = 'google' | 'naver' | 'kakao';
export type AccountActionKind = 'reactivate' | 'unlock' | 'unlink_social' | 'withdraw';
export type IdentityCheckMethod =
  'phone_otp' | 'email_link' | 'id_document' | 'video_call' | 'callback_registered_phone' | 'guardian_document';

/**
 * The account row as lists and profiles need it: masks only, never a ciphertext. The nickname and
 * the counseling interest are not selected at all, only whether there is one: the first is
 * contact data revealed with a purpose, the second health information sealed under the data key.
 */
export interface SubjectRow {
  id: string;
  service: SubjectService;
  kind: SubjectKind;
  status: SubjectStatus;
  /** Null once the person's identity was erased (a tombstone remains). */
  name: string | null;
  hasNickname: boolean;
  emailMask: string | null;
  phoneMask: string | null;
  birthDate: string | null;
  gender: string | null;
  residence: string | null;
  occupation: string | null;
  institution: string | null;
  hasCounselingInterest: boolean;
  guardianId: string | null;
  locale: string;
  createdAt: Date;
  lastActiveAt: Date | null;
  dormantAt: Date | null;
  lockedAt: Date | null;
  withdrawalRequestedAt: Date | null;
  withdrawnAt: Date | null;
  /** Processing suspended by a restriction request since then (F7). */
  restrictedAt: Date | null;
  /** Marketing consent withdrawn: no marketing since then. */
  marketingSuppressedAt: Date | null;
  erasedAt: Date | null;
  /** Moved into the dormant store then (F9): the personal columns are empty until reactivated. */
  separatedAt: Date | null;
}

/** Subject search counts its matches up to this many; past it the answer says "more than". */
export const SEARCH_COUNT_CAP = 1000;

/** A LIKE pattern for names starting with `prefix` (its own wildcards escaped). */
const likePrefix = (prefix: string) => prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';

/** A person as a picker lists them, before masking. */
export interface PickerRow {
  id: string;
  name: string;
  kind: SubjectKind;
  service: SubjectService;
  phoneMask: string | null;
  birthDate: string | null;
}

export interface SubjectSearch {
  emailIndex?: Buffer;
  phoneIndex?: Buffer;
  namePrefix?: string;
  kind?: SubjectKind;
  status?: SubjectStatus;
  service?: SubjectService;
  sortField: 'createdAt' | 'name' | 'lastActiveAt';
  sortOrder: 'ASC' | 'DESC';
  offset: number;
  limit: number;
}

export interface SubjectKeyRow {
  subjectId: string;
  kekId: string | null;
  wrappedKey: Buffer | null;
  shreddedAt: Date | null;
}

export interface ContactCiphers {
  emailCipher: Buffer | null;
  phoneCipher: Buffer | null;
}

export interface SealedRow {
  id: string;
  /** The subject whose data key sealed it. */
  ownerId: string;
  kind: string;
  cipher: Buffer;
}

export interface SealedRecordRow extends SealedRow {
  psychotherapyNotes: boolean;
}

/** The person's own nickname and their social logins' provider nicknames, in plaintext: for a reveal only. */
export interface Nicknames {
  nickname: string | null;
  providerNicknames: { id: string; provider: SocialProvider; nickname: string | null }[];
}

/** A plaintext health value still waiting to be sealed (rows written before the columns were sealed). */
export interface PlaintextRow {
  id: string;
  ownerId: string;
  value: string;
}

export interface IdentityCheckRow {
  id: string;
  subjectId: string;
  method: IdentityCheckMethod;
  evidenceRef: string;
  note: string | null;
  staffId: string;
  staffName: string | null;
  checkedAt: Date;
}

export interface AccountActionRow {
  id: string;
  subjectId: string;
  action: AccountActionKind;
  status: 'done' | 'pending';
  reason: string;
  staffId: string;
  staffName: string | null;
  identityCheckId: string;
  detail: Record<string, unknown>;
  createdAt: Date;
}

export interface FindingRow {
  kind: FindingKind;
  subjectId: string;
  ref: string;
  since: Date;
  subjectName: string;
  service: SubjectService;
  /** The work on it (compliance_finding_work): 'open' and version 0 when nobody touched it. */
  status: FindingStatus;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
}

/** Everything on a profile besides the account row; all masked or metadata only. */
export interface ProfileParts {
  guardian: { id: string; name: string; kind: SubjectKind } | null;
  children: { id: string; name: string; birthDate: string | null; gender: string | null; guardianConsent: boolean }[];
  socialLinks: Record<string, unknown>[];
  consents: Record<string, unknown>[];
  bookings: Record<string, unknown>[];
  records: Record<string, unknown>[];
  sensitiveData: Record<string, unknown>[];
  recordings: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  payments: Record<string, unknown>[];
  financialProfile: Record<string, unknown> | null;
  devices: Record<string, unknown>[];
  calendarLinks: Record<string, unknown>[];
  identityChecks: IdentityCheckRow[];
  accountActions: AccountActionRow[];
  keyShredded: boolean;
}

const SORT_COLUMNS: Record<SubjectSearch['sortField'], string> = {
  createdAt: 's.created_at',
  name: 's.name_key',
  lastActiveAt: 's.last_active_at',
};

/**
 * A child born after this date is under 14 on `today` (PIPA Art. 22-2: a guardian consents).
 * The calendar counts the years, so a child born on 29 February turns 14 on 1 March.
 */
export function fourteenthBirthdayBound(today: LocalDate): LocalDate {
  return addCalendarYears(today, -14);
}

type Rows = Record<string, unknown>[];

/** The PROFILE statement's `parts` (the tabs and the findings, one JSON object) as the service reads them. */
function splitProfile(packed: Record<string, unknown>): { parts: ProfileParts; findings: FindingRow[] } {
  // JSON carries times as ISO strings; the few the service computes with become Dates again.
  const identityChecks = packed.identity_checks as (Omit<IdentityCheckRow, 'checkedAt'> & { checkedAt: string })[];
  const accountActions = packed.account_actions as (Omit<AccountActionRow, 'createdAt'> & { createdAt: string })[];
  const findings = packed.findings as (Omit<FindingRow, 'since'> & { since: string })[];
  return {
    parts: {
      guardian: (packed.guardian as ProfileParts['guardian']) ?? null,
      children: packed.children as ProfileParts['children'],
      socialLinks: packed.social_links as Rows,
      consents: packed.consents as Rows,
      bookings: packed.bookings as Rows,
      records: packed.records as Rows,
      sensitiveData: packed.sensitive_data as Rows,
      recordings: packed.recordings as Rows,
      reviews: packed.reviews as Rows,
      payments: packed.payments as Rows,
      financialProfile: (packed.financial_profile as Record<string, unknown> | null) ?? null,
      devices: packed.devices as Rows,
      calendarLinks: packed.calendar_links as Rows,
      identityChecks: identityChecks.map((c) => ({ ...c, checkedAt: new Date(c.checkedAt) })),
      accountActions: accountActions.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
      keyShredded: packed.key_shredded as boolean,
    },
    findings: findings.map((f) => ({ ...f, since: new Date(f.since) })),
  };
}

/**
 * The subjects' data, behind one class: the console's own schema today, the platform's
 * database tomorrow (a different implementation of the same methods). Reads return masks and
 * metadata; ciphertexts only come out of the methods named for them.
 */
@Injectable()
export class SubjectsRepository {
  constructor(private readonly tx: Transactions) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  private q<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    return this.tx.use(manager).query<T[]>(sql, params);
  }

  // TypeORM answers an UPDATE … RETURNING with [rows, rowCount]; this gives the rows.
  private async updateReturning<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T[]> {
    const result = await this.tx.use(manager).query<[T[], number]>(sql, params);
    return result[0];
  }

  /**
   * A page of people and how many match, counted up to SEARCH_COUNT_CAP (or the page's end, when
   * paged past it): beyond that, `total` is a lower bound and `totalAtLeast` is true. The same
   * statement writes the search's access-log event.
   */
  async search(
    query: SubjectSearch,
    /** The search's access-log event (AuditService.recordWith): its detail gets `total`, `totalAtLeast` and `shown`. */
    event: string,
  ): Promise<{ rows: SubjectRow[]; total: number; totalAtLeast: boolean }> {
    const countCap = Math.max(SEARCH_COUNT_CAP, query.offset + query.limit);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (query.emailIndex) add((p) => `s.email_index = ${p}`, query.emailIndex);
    if (query.phoneIndex) add((p) => `s.phone_index = ${p}`, query.phoneIndex);
    if (query.namePrefix !== undefined) {
      // LIKE with text_pattern_ops uses the index; the prefix's own wildcards are escaped.
      add((p) => `s.name_key LIKE ${p}`, likePrefix(query.namePrefix));
    }
    if (query.kind) add((p) => `s.kind = ${p}`, query.kind);
    if (query.status) add((p) => `s.status = ${p}`, query.status);
    if (query.service) add((p) => `s.service = ${p}`, query.service);
    // A separated account is in the dormant store: ordinary search and lists do not show it. Its
    // name key and contact indexes are emptied, so a search by them cannot match it anyway; the
    // explicit filter is for the other lists (and keeps a name search an index-only scan).
    if (query.namePrefix === undefined && !query.emailIndex && !query.phoneIndex) where.push('s.separated_at IS NULL');
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    // NULLS LAST only where there are nulls (last_active_at): created_at is NOT NULL, and its plain
    // order is the one subjects_created_idx (created_at DESC, id DESC) walks, so a common name
    // prefix ("김": 20,570 of 100k) reads the newest matches off that index and stops at the page,
    // where "DESC NULLS LAST" made PostgreSQL sort every match (30-70 ms).
    const nulls = query.sortField === 'lastActiveAt' ? ' NULLS LAST' : '';
    const order = `${SORT_COLUMNS[query.sortField]} ${query.sortOrder}${nulls}, s.id ${query.sortOrder}`;
    params.push(event);
    const eventParam = `$${params.length}::jsonb`;
    // One statement, one round trip and one commit: the page's ids (an index-only scan for a name
    // prefix), the count up to one past the cap (never every match: 20,570 rows for "김" at 100k
    // people), the event completed with both, and the page's rows; one row with no person when
    // nothing matched.
    const rows = await this.q<SubjectRow & { total: number; n: string | null }>(
      `WITH page AS (
         SELECT s.id, row_number() OVER (ORDER BY ${order}) AS n
         FROM subjects s ${whereSql} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}),
       counted AS (
         SELECT count(*)::int AS total FROM (SELECT 1 FROM subjects s ${whereSql} LIMIT ${countCap + 1}) capped),
       logged AS (
         INSERT INTO audit_inbox (event)
         SELECT jsonb_set(${eventParam}, '{detail}', (${eventParam} -> 'detail') || jsonb_build_object(
           'total', c.total,
           'totalAtLeast', c.total > ${countCap},
           'shown', (SELECT coalesce(jsonb_agg(page.id ORDER BY page.n), '[]'::jsonb) FROM page)))
         FROM counted c)
       SELECT c.total, page.n, ${SUBJECT_COLUMNS}
       FROM counted c LEFT JOIN (page JOIN subjects s ON s.id = page.id) ON true
       ORDER BY page.n`,
      params,
    );
    const total = rows[0].total;
    const people = rows.filter((r) => r.n !== null).map(({ total: _total, n: _n, ...row }) => row as SubjectRow);
    return { rows: people, total, totalAtLeast: total > countCap };
  }

  async findById(id: string, manager?: EntityManager, lock = false): Promise<SubjectRow | null> {
    if (!lock) {
      return (await this.tx.prepared<SubjectRow>(SUBJECT_BY_ID, [id], manager))[0] ?? null;
    }
    const rows = await this.q<SubjectRow>(
      `SELECT ${SUBJECT_COLUMNS} FROM subjects s WHERE s.id = $1 FOR UPDATE`,
      [id],
      manager,
    );
    return rows[0] ?? null;
  }

  /**
   * A whole profile, its findings included, in one named statement (subject-statements.ts PROFILE),
   * planned once per connection. With `event`, the same statement writes that access-log event
   * (PROFILE_LOGGED), only if the person exists and is not separated (`logged`). Null: no such person.
   */
  async loadProfile(
    id: string,
    today: LocalDate,
    event?: string,
  ): Promise<{ row: SubjectRow; parts: ProfileParts; findings: FindingRow[]; logged: boolean } | null> {
    const bound = fourteenthBirthdayBound(today);
    type Loaded = SubjectRow & { parts: Record<string, unknown>; logged?: boolean };
    const [loaded] =
      event === undefined
        ? await this.tx.prepared<Loaded>(PROFILE, [id, bound])
        : await this.tx.prepared<Loaded>(PROFILE_LOGGED, [id, bound, event]);
    if (loaded === undefined) return null;
    const { logged, parts: packed, ...row } = loaded;
    return { row, ...splitProfile(packed), logged: logged === true };
  }

  async contactCiphers(id: string, manager?: EntityManager): Promise<ContactCiphers | null> {
    const rows = await this.q<ContactCiphers>(
      `SELECT email_cipher AS "emailCipher", phone_cipher AS "phoneCipher" FROM subjects WHERE id = $1`,
      [id],
      manager,
    );
    return rows[0] ?? null;
  }

  /** The chosen counseling-record ciphertexts among the subject's (as client, or about their child). */
  recordCiphers(subjectId: string, ids: string[], manager?: EntityManager): Promise<SealedRecordRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q<SealedRecordRow>(
      `SELECT id, coalesce(sealed_under, subject_id) AS "ownerId", kind, psychotherapy_notes AS "psychotherapyNotes",
         content_cipher AS cipher
       FROM subject_counseling_records
       WHERE (subject_id = $1 OR child_id = $1) AND id = ANY($2::uuid[]) ORDER BY session_at DESC`,
      [subjectId, ids],
      manager,
    );
  }

  /** The chosen sensitive-data ciphertexts among the subject's. */
  sensitiveCiphers(subjectId: string, ids: string[], manager?: EntityManager): Promise<SealedRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q<SealedRow>(
      `SELECT id, subject_id AS "ownerId", category AS kind, content_cipher AS cipher FROM subject_sensitive_data
       WHERE subject_id = $1 AND id = ANY($2::uuid[]) ORDER BY recorded_at DESC`,
      [subjectId, ids],
      manager,
    );
  }

  /** The chosen bookings' topic ciphertexts among those the subject takes part in; `ownerId` is the key's subject. */
  bookingTopicCiphers(subjectId: string, ids: string[], manager?: EntityManager): Promise<SealedRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q<SealedRow>(
      `SELECT id, coalesce(topic_sealed_under, client_id) AS "ownerId", 'booking_topic' AS kind, topic_cipher AS cipher
       FROM subject_bookings
       WHERE (client_id = $1 OR counselor_id = $1 OR child_id = $1) AND id = ANY($2::uuid[]) AND topic_cipher IS NOT NULL
       ORDER BY scheduled_at DESC`,
      [subjectId, ids],
      manager,
    );
  }

  async counselingInterestCipher(subjectId: string, manager?: EntityManager): Promise<Buffer | null> {
    const rows = await this.q<{ cipher: Buffer | null }>(
      'SELECT counseling_interest_cipher AS cipher FROM subjects WHERE id = $1',
      [subjectId],
      manager,
    );
    return rows[0]?.cipher ?? null;
  }

  async nicknames(subjectId: string, manager?: EntityManager): Promise<Nicknames> {
    const rows = await this.q<Nicknames>(
      `SELECT s.nickname,
         (SELECT coalesce(json_agg(json_build_object('id', l.id, 'provider', l.provider, 'nickname', l.provider_nickname)
                   ORDER BY l.linked_at DESC), '[]'::json)
          FROM subject_social_links l WHERE l.subject_id = s.id) AS "providerNicknames"
       FROM subjects s WHERE s.id = $1`,
      [subjectId],
      manager,
    );
    return rows[0] ?? { nickname: null, providerNicknames: [] };
  }

  // ---- sealing health values written before they were encrypted (see the 20261203000500 migration)

  /** A batch of counseling interests still in plaintext, locked (other instances skip them). */
  plaintextInterests(limit: number, manager: EntityManager): Promise<PlaintextRow[]> {
    return this.q<PlaintextRow>(
      `SELECT id, id AS "ownerId", counseling_interest AS value FROM subjects
       WHERE counseling_interest IS NOT NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
      manager,
    );
  }

  /** A batch of booking topics still in plaintext, locked; `ownerId` is the child it is about, else the client. */
  plaintextTopics(limit: number, manager: EntityManager): Promise<PlaintextRow[]> {
    return this.q<PlaintextRow>(
      `SELECT id, coalesce(child_id, client_id) AS "ownerId", topic AS value FROM subject_bookings
       WHERE topic IS NOT NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
      manager,
    );
  }

  /** Stores the ciphertexts and drops the plaintexts (NULL when the owner's key was shredded). */
  async sealPlaintext(
    table: 'interests' | 'topics',
    rows: { id: string; cipher: Buffer | null }[],
    manager: EntityManager,
  ): Promise<void> {
    if (rows.length === 0) return;
    const sql =
      table === 'interests'
        ? `UPDATE subjects s SET counseling_interest_cipher = v.cipher, counseling_interest = NULL
           FROM unnest($1::uuid[], $2::bytea[]) AS v(id, cipher) WHERE s.id = v.id`
        : `UPDATE subject_bookings b SET topic_cipher = v.cipher, topic = NULL,
             topic_sealed_under = CASE WHEN v.cipher IS NULL THEN NULL ELSE b.child_id END
           FROM unnest($1::uuid[], $2::bytea[]) AS v(id, cipher) WHERE b.id = v.id`;
    await this.q(sql, [rows.map((r) => r.id), rows.map((r) => r.cipher)], manager);
  }

  async findKey(subjectId: string, manager?: EntityManager): Promise<SubjectKeyRow | null> {
    const rows = await this.q<SubjectKeyRow>(
      `SELECT subject_id AS "subjectId", kek_id AS "kekId", wrapped_key AS "wrappedKey", shredded_at AS "shreddedAt"
       FROM subject_keys WHERE subject_id = $1`,
      [subjectId],
      manager,
    );
    return rows[0] ?? null;
  }

  /** Destroys the wrapped data keys; returns the ids that had one. */
  async shredKeys(subjectIds: string[], at: Date, manager: EntityManager): Promise<string[]> {
    const rows = await this.updateReturning<{ subjectId: string }>(
      `UPDATE subject_keys SET wrapped_key = NULL, kek_id = NULL, shredded_at = $2
       WHERE subject_id = ANY($1::uuid[]) AND wrapped_key IS NOT NULL RETURNING subject_id AS "subjectId"`,
      [subjectIds, at],
      manager,
    );
    return rows.map((r) => r.subjectId);
  }

  /** A batch of keys not yet wrapped by `kekId`, locked for the caller's transaction. */
  keysNotWrappedBy(kekId: string, limit: number, manager: EntityManager): Promise<SubjectKeyRow[]> {
    return this.q<SubjectKeyRow>(
      `SELECT subject_id AS "subjectId", kek_id AS "kekId", wrapped_key AS "wrappedKey", shredded_at AS "shreddedAt"
       FROM subject_keys WHERE wrapped_key IS NOT NULL AND kek_id <> $1
       ORDER BY subject_id LIMIT $2 FOR UPDATE`,
      [kekId, limit],
      manager,
    );
  }

  async rewrapKeys(rows: { subjectId: string; kekId: string; wrapped: Buffer }[], at: Date, manager: EntityManager) {
    if (rows.length === 0) return;
    await this.q(
      `UPDATE subject_keys k SET kek_id = v.kek_id, wrapped_key = v.wrapped, rewrapped_at = $4
       FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS v(subject_id, kek_id, wrapped)
       WHERE k.subject_id = v.subject_id AND k.wrapped_key IS NOT NULL`,
      [rows.map((r) => r.subjectId), rows.map((r) => r.kekId), rows.map((r) => r.wrapped), at],
      manager,
    );
  }

  async insertIdentityCheck(
    row: Omit<IdentityCheckRow, 'id' | 'staffName'>,
    manager: EntityManager,
  ): Promise<IdentityCheckRow> {
    const [inserted] = await this.q<{ id: string }>(
      `INSERT INTO subject_identity_checks (subject_id, method, evidence_ref, note, staff_id, checked_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.subjectId, row.method, row.evidenceRef, row.note, row.staffId, row.checkedAt],
      manager,
    );
    return (await this.findIdentityCheck(inserted.id, manager))!;
  }

  async findIdentityCheck(id: string, manager?: EntityManager): Promise<IdentityCheckRow | null> {
    const rows = await this.q<IdentityCheckRow>(
      `SELECT ${IDENTITY_CHECK_COLUMNS} FROM subject_identity_checks c LEFT JOIN staff st ON st.id = c.staff_id
       WHERE c.id = $1`,
      [id],
      manager,
    );
    return rows[0] ?? null;
  }

  async insertAccountAction(
    row: Omit<AccountActionRow, 'id' | 'staffName'>,
    manager: EntityManager,
  ): Promise<AccountActionRow> {
    const [inserted] = await this.q<{ id: string }>(
      `INSERT INTO subject_account_actions (subject_id, action, identity_check_id, staff_id, reason, status, detail, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [row.subjectId, row.action, row.identityCheckId, row.staffId, row.reason, row.status, row.detail, row.createdAt],
      manager,
    );
    const rows = await this.q<AccountActionRow>(
      `SELECT ${ACCOUNT_ACTION_COLUMNS} FROM subject_account_actions a LEFT JOIN staff st ON st.id = a.staff_id
       WHERE a.id = $1`,
      [inserted.id],
      manager,
    );
    return rows[0];
  }

  async hasPendingWithdrawal(subjectId: string, manager: EntityManager): Promise<boolean> {
    const rows = await this.q(
      `SELECT 1 FROM subject_account_actions WHERE subject_id = $1 AND action = 'withdraw' AND status = 'pending'`,
      [subjectId],
      manager,
    );
    return rows.length > 0;
  }

  async updateAccount(
    id: string,
    change: { status?: SubjectStatus; clearDormancy?: boolean; clearLock?: boolean; withdrawalRequestedAt?: Date },
    at: Date,
    manager: EntityManager,
  ): Promise<void> {
    const sets = ['updated_at = $2'];
    const params: unknown[] = [id, at];
    if (change.status) {
      params.push(change.status);
      sets.push(`status = $${params.length}`);
    }
    if (change.clearDormancy) sets.push('dormant_at = NULL', 'last_active_at = $2');
    if (change.clearLock) sets.push('locked_at = NULL', 'failed_sign_ins = 0');
    if (change.withdrawalRequestedAt) {
      params.push(change.withdrawalRequestedAt);
      sets.push(`withdrawal_requested_at = $${params.length}`);
    }
    await this.q(`UPDATE subjects SET ${sets.join(', ')} WHERE id = $1`, params, manager);
  }

  /** Marks the active link unlinked; false when there is none. */
  async unlinkSocial(
    subjectId: string,
    provider: SocialProvider,
    staffId: string,
    at: Date,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = await this.updateReturning(
      `UPDATE subject_social_links SET unlinked_at = $3, unlinked_by = $4
       WHERE subject_id = $1 AND provider = $2 AND unlinked_at IS NULL RETURNING id`,
      [subjectId, provider, at, staffId],
      manager,
    );
    return rows.length > 0;
  }

  /** The findings of one subject, or a page of all of them. */
  async findings(filter: FindingsFilter, today: LocalDate): Promise<{ rows: FindingRow[]; total: number }> {
    const { name, text, values } = findingsQuery(filter, fourteenthBirthdayBound(today));
    const rows =
      name === undefined
        ? await this.q<FindingRow & { total: number }>(text, values)
        : await this.tx.prepared<FindingRow & { total: number }>({ name, text }, values);
    return { rows, total: rows[0]?.total ?? 0 };
  }

  // ---- aggregate figures for the home dashboards: counts only, never a row ----------------

  /** Open compliance findings counted by kind, with the oldest one's start. */
  async findingCounts(today: LocalDate): Promise<{ kind: FindingKind; count: number; oldest: Date | null }[]> {
    const union = (Object.keys(FINDING_QUERIES) as FindingKind[]).map((k) => FINDING_QUERIES[k]).join(' UNION ALL ');
    return this.q(
      `WITH f AS (${union})
       SELECT f.kind, count(*)::int AS count, min(f.since) AS oldest
       FROM f JOIN subjects s ON s.id = f.subject_id WHERE $1::date IS NOT NULL GROUP BY f.kind`,
      [fourteenthBirthdayBound(today), null],
    );
  }

  /** Accounts by status, and withdrawals asked for but not yet done. */
  async accountCounts(): Promise<{ byStatus: Record<SubjectStatus, number>; pendingWithdrawals: number }> {
    const rows = await this.q<{ status: SubjectStatus; count: number; pending: number }>(
      `SELECT status, count(*)::int AS count,
              count(*) FILTER (WHERE withdrawal_requested_at IS NOT NULL AND withdrawn_at IS NULL)::int AS pending
       FROM subjects GROUP BY status`,
      [],
    );
    const byStatus: Record<SubjectStatus, number> = { active: 0, dormant: 0, locked: 0, withdrawn: 0 };
    for (const r of rows) byStatus[r.status] = r.count;
    return { byStatus, pendingWithdrawals: rows.reduce((n, r) => n + r.pending, 0) };
  }

  /** Identity checks and account actions per local day over [firstDay, lastDay]. */
  async accountWorkByDay(q: {
    from: Date;
    to: Date;
    firstDay: string;
    lastDay: string;
    timeZone: string;
  }): Promise<{ date: string; identityChecks: number; accountActions: number }[]> {
    return this.q(
      `WITH days AS (SELECT d::date AS day FROM generate_series($4::date, $5::date, interval '1 day') d),
       checks AS (SELECT (checked_at AT TIME ZONE $3)::date AS day, count(*) AS n FROM subject_identity_checks
                  WHERE checked_at >= $1 AND checked_at < $2 GROUP BY 1),
       actions AS (SELECT (created_at AT TIME ZONE $3)::date AS day, count(*) AS n FROM subject_account_actions
                   WHERE created_at >= $1 AND created_at < $2 GROUP BY 1)
       SELECT to_char(days.day, 'YYYY-MM-DD') AS date, coalesce(checks.n, 0)::int AS "identityChecks",
              coalesce(actions.n, 0)::int AS "accountActions"
       FROM days LEFT JOIN checks ON checks.day = days.day LEFT JOIN actions ON actions.day = days.day
       ORDER BY days.day`,
      [q.from, q.to, q.timeZone, q.firstDay, q.lastDay],
    );
  }

  /**
   * People for a picker: by name prefix or by phone (blind index), optionally only those the access
   * log names, sorted by name. The name is masked by the caller.
   */
  async pickerSearch(q: {
    namePrefix?: string;
    phoneIndex?: Buffer;
    inAccessLog: boolean;
    limit: number;
  }): Promise<PickerRow[]> {
    const params: unknown[] = [];
    // Pickers never offer a separated account (the dormant store is read only by reactivation).
    const where: string[] = ['s.separated_at IS NULL'];
    if (q.phoneIndex) {
      params.push(q.phoneIndex);
      where.push(`s.phone_index = $${params.length}`);
    }
    if (q.namePrefix !== undefined) {
      params.push(likePrefix(q.namePrefix));
      where.push(`s.name_key LIKE $${params.length}`);
    }
    // One index probe per candidate (audit_events_subject_idx), stopping at the limit.
    if (q.inAccessLog)
      where.push(`EXISTS (SELECT 1 FROM audit_events e WHERE e.subject_id = 'subject:' || s.id::text)`);
    params.push(q.limit);
    return this.q<PickerRow>(
      `SELECT s.id, s.name, s.kind, s.service, s.phone_mask AS "phoneMask",
              to_char(s.birth_date, 'YYYY-MM-DD') AS "birthDate"
       FROM subjects s WHERE ${where.join(' AND ')}
       ORDER BY s.name_key, s.id LIMIT $${params.length}`,
      params,
    );
  }

  /** Name (to be masked by the caller), kind, service and the masked contacts of these people, in one query. */
  async namesByIds(ids: string[]): Promise<
    {
      id: string;
      name: string | null;
      separated: boolean;
      kind: SubjectKind;
      service: SubjectService;
      emailMask: string | null;
      phoneMask: string | null;
    }[]
  > {
    return this.q(
      `SELECT id, name, separated_at IS NOT NULL AS separated, kind, service, email_mask AS "emailMask",
         phone_mask AS "phoneMask"
       FROM subjects WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
