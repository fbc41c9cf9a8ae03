import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { EntityManager } from 'typeorm';
import { addCalendarYears, type LocalDate } from '../calendar/local-date';

export type SubjectKind = 'client' | 'counselor' | 'guardian' | 'child';
export type SubjectStatus = 'active' | 'dormant' | 'locked' | 'withdrawn';
export type SubjectService = 'maumjuui' | 'shelby';
export type SocialProvider = 'google' | 'naver' | 'kakao';
export type AccountActionKind = 'reactivate' | 'unlock' | 'unlink_social' | 'withdraw';
export type IdentityCheckMethod =
  'phone_otp' | 'email_link' | 'id_document' | 'video_call' | 'callback_registered_phone' | 'guardian_document';
export type FindingKind =
  | 'recording_without_both_consents'
  | 'phi_without_consent'
  | 'child_without_guardian_consent'
  | 'supervision_sharing_without_consent';

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

export type FindingStatus = 'open' | 'in_progress' | 'resolved' | 'accepted_risk';

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

const SUBJECT_COLUMNS = `
  s.id, s.service, s.kind, s.status, s.name, s.nickname IS NOT NULL AS "hasNickname",
  s.email_mask AS "emailMask", s.phone_mask AS "phoneMask",
  to_char(s.birth_date, 'YYYY-MM-DD') AS "birthDate", s.gender, s.residence, s.occupation, s.institution,
  (s.counseling_interest_cipher IS NOT NULL OR s.counseling_interest IS NOT NULL) AS "hasCounselingInterest",
  s.guardian_id AS "guardianId", s.locale,
  s.created_at AS "createdAt", s.last_active_at AS "lastActiveAt", s.dormant_at AS "dormantAt",
  s.locked_at AS "lockedAt", s.withdrawal_requested_at AS "withdrawalRequestedAt", s.withdrawn_at AS "withdrawnAt",
  s.processing_restricted_at AS "restrictedAt", s.marketing_suppressed_at AS "marketingSuppressedAt",
  s.erased_at AS "erasedAt", s.separated_at AS "separatedAt"`;

const SORT_COLUMNS: Record<SubjectSearch['sortField'], string> = {
  createdAt: 's.created_at',
  name: 's.name_key',
  lastActiveAt: 's.last_active_at',
};

const IDENTITY_CHECK_COLUMNS = `
  c.id, c.subject_id AS "subjectId", c.method, c.evidence_ref AS "evidenceRef", c.note,
  c.staff_id AS "staffId", st.display_name AS "staffName", c.checked_at AS "checkedAt"`;

const ACCOUNT_ACTION_COLUMNS = `
  a.id, a.subject_id AS "subjectId", a.action, a.status, a.reason, a.staff_id AS "staffId",
  st.display_name AS "staffName", a.identity_check_id AS "identityCheckId", a.detail, a.created_at AS "createdAt"`;

/**
 * A child born after this date is under 14 on `today` (PIPA Art. 22-2: a guardian consents).
 * The calendar counts the years, so a child born on 29 February turns 14 on 1 March.
 */
export function fourteenthBirthdayBound(today: LocalDate): LocalDate {
  return addCalendarYears(today, -14);
}

// The four compliance findings (issue F3), each as one SELECT of (kind, subject, ref, since).
const FINDING_QUERIES: Record<FindingKind, string> = {
  recording_without_both_consents: `
    SELECT 'recording_without_both_consents' AS kind, r.subject_id, r.id AS ref, r.recorded_at AS since
    FROM subject_recordings r
    WHERE r.deleted_at IS NULL AND (r.client_consent_at IS NULL OR r.counselor_consent_at IS NULL)
      AND ($2::uuid[] IS NULL OR r.subject_id = ANY($2::uuid[]))`,
  supervision_sharing_without_consent: `
    SELECT 'supervision_sharing_without_consent' AS kind, r.subject_id, r.id AS ref, r.shared_with_supervisor_at AS since
    FROM subject_recordings r
    WHERE r.shared_with_supervisor_at IS NOT NULL
      AND (r.supervision_consent_at IS NULL OR r.supervision_consent_at > r.shared_with_supervisor_at)
      AND ($2::uuid[] IS NULL OR r.subject_id = ANY($2::uuid[]))`,
  phi_without_consent: `
    SELECT 'phi_without_consent' AS kind, p.subject_id, p.ref, p.since
    FROM (
      SELECT subject_id, min(id::text)::uuid AS ref, min(recorded_at) AS since
      FROM subject_sensitive_data WHERE ($2::uuid[] IS NULL OR subject_id = ANY($2::uuid[]))
      GROUP BY subject_id
    ) p
    WHERE NOT EXISTS (
      SELECT 1 FROM subject_consents c
      WHERE c.subject_id = p.subject_id AND c.purpose IN ('phi', 'sensitive_data') AND c.granted AND c.withdrawn_at IS NULL)`,
  child_without_guardian_consent: `
    SELECT 'child_without_guardian_consent' AS kind, ch.id AS subject_id, ch.id AS ref, ch.created_at AS since
    FROM subjects ch
    WHERE ch.kind = 'child' AND ch.status <> 'withdrawn'
      AND ($2::uuid[] IS NULL OR ch.id = ANY($2::uuid[]))
      AND ch.birth_date > $1::date
      AND NOT EXISTS (
        SELECT 1 FROM subject_consents c
        WHERE c.subject_id = ch.id AND c.purpose = 'guardian_for_child' AND c.granted AND c.withdrawn_at IS NULL
          AND c.given_by = ch.guardian_id)`,
};

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

  async search(query: SubjectSearch): Promise<{ rows: SubjectRow[]; total: number }> {
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
    const order = `${SORT_COLUMNS[query.sortField]} ${query.sortOrder} NULLS LAST, s.id ${query.sortOrder}`;
    // First the page's ids (an index-only scan for a name prefix), then their rows.
    const [rows, [{ total }]] = await Promise.all([
      this.q<SubjectRow>(
        `WITH page AS (
           SELECT s.id FROM subjects s ${whereSql} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset})
         SELECT ${SUBJECT_COLUMNS} FROM page JOIN subjects s ON s.id = page.id ORDER BY ${order}`,
        params,
      ),
      this.q<{ total: number }>(`SELECT count(*)::int AS total FROM subjects s ${whereSql}`, params),
    ]);
    return { rows, total };
  }

  async findById(id: string, manager?: EntityManager, lock = false): Promise<SubjectRow | null> {
    const rows = await this.q<SubjectRow>(
      `SELECT ${SUBJECT_COLUMNS} FROM subjects s WHERE s.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
      manager,
    );
    return rows[0] ?? null;
  }

  /**
   * Every tab of a profile in one statement (one round trip, one plan): each part is a JSON
   * array built by a subquery on the subject's own indexes.
   */
  async loadProfileParts(subject: SubjectRow): Promise<ProfileParts> {
    const list = (alias: string, order: string, select: string) =>
      `(SELECT coalesce(json_agg(${alias} ORDER BY ${order}), '[]'::json) FROM (${select}) ${alias})`;
    const [row] = await this.q<Record<string, unknown>>(
      `SELECT
        (SELECT row_to_json(g) FROM (SELECT id, name, kind FROM subjects WHERE id = $2) g) AS guardian,
        ${list(
          'c',
          'c."birthDate"',
          `SELECT ch.id, ch.name, to_char(ch.birth_date, 'YYYY-MM-DD') AS "birthDate", ch.gender,
             EXISTS (SELECT 1 FROM subject_consents k WHERE k.subject_id = ch.id AND k.purpose = 'guardian_for_child'
                     AND k.granted AND k.withdrawn_at IS NULL AND k.given_by = ch.guardian_id) AS "guardianConsent"
           FROM subjects ch WHERE ch.guardian_id = $1`,
        )} AS children,
        ${list(
          'l',
          'l."linkedAt" DESC',
          `SELECT id, provider, provider_nickname IS NOT NULL AS "hasProviderNickname", email_mask AS "emailMask",
             linked_at AS "linkedAt", unlinked_at AS "unlinkedAt"
           FROM subject_social_links WHERE subject_id = $1`,
        )} AS social_links,
        ${list(
          'k',
          'k."recordedAt" DESC, k.purpose',
          `SELECT id, purpose, required, granted, version, recorded_at AS "recordedAt", withdrawn_at AS "withdrawnAt",
             given_by AS "givenBy"
           FROM subject_consents WHERE subject_id = $1`,
        )} AS consents,
        ${list(
          'b',
          'b."scheduledAt" DESC',
          `SELECT b.id, b.scheduled_at AS "scheduledAt", b.mode,
             (b.topic_cipher IS NOT NULL OR b.topic IS NOT NULL) AS "hasTopic", b.status,
             CASE WHEN b.counselor_id = $1 THEN 'counselor' ELSE 'client' END AS role,
             json_build_object('id', o.id, 'name', o.name) AS counterpart,
             CASE WHEN ch.id IS NULL THEN NULL ELSE json_build_object('id', ch.id, 'name', ch.name) END AS child
           FROM subject_bookings b
           JOIN subjects o ON o.id = CASE WHEN b.counselor_id = $1 THEN b.client_id ELSE b.counselor_id END
           LEFT JOIN subjects ch ON ch.id = b.child_id
           WHERE b.client_id = $1 OR b.counselor_id = $1 OR b.child_id = $1
           ORDER BY b.scheduled_at DESC LIMIT 100`,
        )} AS bookings,
        ${list(
          'r',
          'r."sessionAt" DESC',
          `SELECT r.id, r.kind, r.psychotherapy_notes AS "psychotherapyNotes", r.session_at AS "sessionAt",
             r.counseling_ended_at AS "counselingEndedAt", json_build_object('id', c.id, 'name', c.name) AS counselor
           FROM subject_counseling_records r JOIN subjects c ON c.id = r.counselor_id
           WHERE r.subject_id = $1 OR r.child_id = $1 ORDER BY r.session_at DESC LIMIT 100`,
        )} AS records,
        ${list(
          'd',
          'd."recordedAt" DESC',
          `SELECT id, category, recorded_at AS "recordedAt" FROM subject_sensitive_data WHERE subject_id = $1`,
        )} AS sensitive_data,
        ${list(
          'rc',
          'rc."recordedAt" DESC',
          `SELECT id, media, recorded_at AS "recordedAt", duration_seconds AS "durationSeconds",
             client_consent_at AS "clientConsentAt", counselor_consent_at AS "counselorConsentAt",
             supervision_consent_at AS "supervisionConsentAt", shared_with_supervisor_at AS "sharedWithSupervisorAt"
           FROM subject_recordings WHERE (subject_id = $1 OR counselor_id = $1) AND deleted_at IS NULL
           ORDER BY recorded_at DESC LIMIT 100`,
        )} AS recordings,
        ${list(
          'v',
          'v."createdAt" DESC',
          `SELECT id, rating, body, published, created_at AS "createdAt" FROM subject_reviews
           WHERE subject_id = $1 ORDER BY created_at DESC LIMIT 100`,
        )} AS reviews,
        ${list(
          'p',
          'p."paidAt" DESC',
          `SELECT id, amount::text AS amount, currency, method, gateway, card_mask AS "cardMask", status, paid_at AS "paidAt"
           FROM subject_payments WHERE subject_id = $1 ORDER BY paid_at DESC LIMIT 100`,
        )} AS payments,
        (SELECT row_to_json(f) FROM (
           SELECT bank_name AS "bankName", account_mask AS "accountMask", depositor_mask AS "depositorMask",
             tax_id_mask AS "taxIdMask"
           FROM subject_financial_profiles WHERE subject_id = $1) f) AS financial_profile,
        ${list(
          'e',
          'e."lastSeenAt" DESC',
          `SELECT id, model, os, app_version AS "appVersion", host(ip) AS ip, carrier, city, country,
             time_zone AS "timeZone", advertising_id_mask AS "advertisingIdMask", first_seen_at AS "firstSeenAt",
             last_seen_at AS "lastSeenAt"
           FROM subject_devices WHERE subject_id = $1 ORDER BY last_seen_at DESC LIMIT 20`,
        )} AS devices,
        ${list(
          'cl',
          'cl."linkedAt" DESC',
          `SELECT id, provider, account_email_mask AS "accountEmailMask", events_synced AS "eventsSynced",
             linked_at AS "linkedAt", last_synced_at AS "lastSyncedAt", unlinked_at AS "unlinkedAt"
           FROM subject_calendar_links WHERE subject_id = $1`,
        )} AS calendar_links,
        ${list(
          'c',
          'c."checkedAt" DESC',
          `SELECT ${IDENTITY_CHECK_COLUMNS} FROM subject_identity_checks c LEFT JOIN staff st ON st.id = c.staff_id
           WHERE c.subject_id = $1 ORDER BY c.checked_at DESC LIMIT 50`,
        )} AS identity_checks,
        ${list(
          'a',
          'a."createdAt" DESC',
          `SELECT ${ACCOUNT_ACTION_COLUMNS} FROM subject_account_actions a LEFT JOIN staff st ON st.id = a.staff_id
           WHERE a.subject_id = $1 ORDER BY a.created_at DESC LIMIT 50`,
        )} AS account_actions,
        coalesce((SELECT shredded_at IS NOT NULL FROM subject_keys WHERE subject_id = $1), false) AS key_shredded`,
      [subject.id, subject.guardianId],
    );
    type Rows = Record<string, unknown>[];
    // JSON carries times as ISO strings; the few the service computes with become Dates again.
    const identityChecks = (row.identity_checks as (Omit<IdentityCheckRow, 'checkedAt'> & { checkedAt: string })[]).map(
      (c) => ({ ...c, checkedAt: new Date(c.checkedAt) }),
    );
    const accountActions = (row.account_actions as (Omit<AccountActionRow, 'createdAt'> & { createdAt: string })[]).map(
      (a) => ({ ...a, createdAt: new Date(a.createdAt) }),
    );
    return {
      guardian: (row.guardian as ProfileParts['guardian']) ?? null,
      children: row.children as ProfileParts['children'],
      socialLinks: row.social_links as Rows,
      consents: row.consents as Rows,
      bookings: row.bookings as Rows,
      records: row.records as Rows,
      sensitiveData: row.sensitive_data as Rows,
      recordings: row.recordings as Rows,
      reviews: row.reviews as Rows,
      payments: row.payments as Rows,
      financialProfile: (row.financial_profile as Record<string, unknown> | null) ?? null,
      devices: row.devices as Rows,
      calendarLinks: row.calendar_links as Rows,
      identityChecks,
      accountActions,
      keyShredded: row.key_shredded as boolean,
    };
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
  async findings(
    filter: {
      subjectIds?: string[];
      kind?: FindingKind;
      service?: SubjectService;
      ref?: string;
      status?: FindingStatus;
      ownerId?: string;
      offset: number;
      limit: number;
    },
    today: LocalDate,
  ): Promise<{ rows: FindingRow[]; total: number }> {
    const kinds = filter.kind ? [filter.kind] : (Object.keys(FINDING_QUERIES) as FindingKind[]);
    const union = kinds.map((k) => FINDING_QUERIES[k]).join(' UNION ALL ');
    // $1 the last birth date of a 14-year-old, $2 the subjects to look at (null: everyone).
    const params: unknown[] = [fourteenthBirthdayBound(today), filter.subjectIds ?? null];
    const where: string[] = ['$1::date IS NOT NULL'];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.service) add('s.service = ?', filter.service);
    if (filter.ref) add('f.ref = ?::uuid', filter.ref);
    if (filter.status) add("coalesce(w.status, 'open') = ?", filter.status);
    if (filter.ownerId) add('w.owner_id = ?::uuid', filter.ownerId);
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const sql = `
      WITH f AS (${union})
      SELECT f.kind, f.subject_id AS "subjectId", f.ref, f.since, s.name AS "subjectName", s.service,
        coalesce(w.status, 'open') AS status, w.owner_id AS "ownerId", o.display_name AS "ownerName",
        coalesce(w.version, 0) AS version, count(*) OVER ()::int AS total
      FROM f JOIN subjects s ON s.id = f.subject_id
      LEFT JOIN compliance_finding_work w ON w.kind = f.kind AND w.subject_id = f.subject_id AND w.ref = f.ref
      LEFT JOIN staff o ON o.id = w.owner_id
      ${whereSql}
      ORDER BY f.since DESC, f.ref LIMIT ${filter.limit} OFFSET ${filter.offset}`;
    const rows = await this.q<FindingRow & { total: number }>(sql, params);
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
