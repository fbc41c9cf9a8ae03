import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { jsonList } from '../subject-statements';
import type { SubjectKind, SubjectService, SubjectStatus } from '../subjects.repository';

/** The person's account row with what an export decrypts (contact ciphers, sealed interest). */
export interface ExportAccountRow {
  id: string;
  service: SubjectService;
  kind: SubjectKind;
  status: SubjectStatus;
  name: string;
  nickname: string | null;
  emailCipher: Buffer | null;
  phoneCipher: Buffer | null;
  birthDate: string | null;
  gender: string | null;
  residence: string | null;
  occupation: string | null;
  institution: string | null;
  referralCode: string | null;
  interestCipher: Buffer | null;
  guardianId: string | null;
  relationshipToGuardian: string | null;
  locale: string;
  createdAt: Date;
  lastActiveAt: Date | null;
  dormantAt: Date | null;
  lockedAt: Date | null;
  withdrawalRequestedAt: Date | null;
  withdrawnAt: Date | null;
  /** Separated into the dormant store (F9): nothing to export until reactivated. */
  separatedAt: Date | null;
}

export type JsonRow = Record<string, unknown>;

/** Everything else the person holds, as plain JSON rows (sealed values as base64 in `*Cipher`). */
export interface ExportParts {
  guardian: { id: string; name: string } | null;
  children: JsonRow[];
  socialLinks: JsonRow[];
  consents: JsonRow[];
  bookings: JsonRow[];
  sensitiveData: JsonRow[];
  recordings: JsonRow[];
  reviews: JsonRow[];
  payments: JsonRow[];
  financialProfile: JsonRow | null;
  devices: JsonRow[];
  calendarLinks: JsonRow[];
}

export interface ExportRecordRow {
  id: string;
  /** The subject whose data key sealed it (the client: a Shelby child's records are the guardian's). */
  ownerId: string;
  kind: string;
  psychotherapyNotes: boolean;
  sessionAt: Date;
  counselingEndedAt: Date | null;
  counselorName: string | null;
  childId: string | null;
  cipher: Buffer;
}

/**
 * The reads of a subject export: no limits (the whole of what the person holds), one statement
 * for the small parts and one for the counseling records, however many there are.
 */
@Injectable()
export class SubjectExportRepository {
  constructor(private readonly tx: Transactions) {}

  async account(id: string): Promise<ExportAccountRow | null> {
    const rows = await this.tx.manager.query<ExportAccountRow[]>(
      `SELECT id, service, kind, status, name, nickname, email_cipher AS "emailCipher", phone_cipher AS "phoneCipher",
         to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", gender, residence, occupation, institution,
         referral_code AS "referralCode", counseling_interest_cipher AS "interestCipher", guardian_id AS "guardianId",
         relationship_to_guardian AS "relationshipToGuardian", locale, created_at AS "createdAt",
         last_active_at AS "lastActiveAt", dormant_at AS "dormantAt", locked_at AS "lockedAt",
         withdrawal_requested_at AS "withdrawalRequestedAt", withdrawn_at AS "withdrawnAt",
         separated_at AS "separatedAt"
       FROM subjects WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async parts(subject: ExportAccountRow): Promise<ExportParts> {
    const [row] = await this.tx.manager.query<Record<string, unknown>[]>(
      `SELECT
        (SELECT row_to_json(g) FROM (SELECT id, name FROM subjects WHERE id = $2) g) AS guardian,
        ${jsonList(
          'c',
          'c."birthDate"',
          `SELECT id, name, to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", gender FROM subjects WHERE guardian_id = $1`,
        )} AS children,
        ${jsonList(
          'l',
          'l."linkedAt"',
          `SELECT id, provider, provider_nickname AS "providerNickname", email_mask AS "emailMask",
             has_profile_photo AS "hasProfilePhoto", linked_at AS "linkedAt", unlinked_at AS "unlinkedAt"
           FROM subject_social_links WHERE subject_id = $1`,
        )} AS social_links,
        ${jsonList(
          'k',
          'k."recordedAt", k.purpose',
          `SELECT id, purpose, required, granted, version, given_by AS "givenBy", recorded_at AS "recordedAt",
             withdrawn_at AS "withdrawnAt"
           FROM subject_consents WHERE subject_id = $1`,
        )} AS consents,
        ${jsonList(
          'b',
          'b."scheduledAt"',
          `SELECT b.id, b.scheduled_at AS "scheduledAt", b.mode, b.status, b.ended_at AS "endedAt",
             b.meeting_provider AS "meetingProvider",
             CASE WHEN b.counselor_id = $1 THEN 'counselor' ELSE 'client' END AS role,
             o.name AS "counterpartName", b.child_id AS "childId", coalesce(b.topic_sealed_under, b.client_id) AS "ownerId",
             encode(b.topic_cipher, 'base64') AS "topicCipher"
           FROM subject_bookings b
           JOIN subjects o ON o.id = CASE WHEN b.counselor_id = $1 THEN b.client_id ELSE b.counselor_id END
           WHERE b.client_id = $1 OR b.counselor_id = $1 OR b.child_id = $1`,
        )} AS bookings,
        ${jsonList(
          'd',
          'd."recordedAt"',
          `SELECT id, category, recorded_at AS "recordedAt", subject_id AS "ownerId",
             encode(content_cipher, 'base64') AS "contentCipher"
           FROM subject_sensitive_data WHERE subject_id = $1`,
        )} AS sensitive_data,
        ${jsonList(
          'rc',
          'rc."recordedAt"',
          `SELECT id, media, recorded_at AS "recordedAt", duration_seconds AS "durationSeconds",
             client_consent_at AS "clientConsentAt", counselor_consent_at AS "counselorConsentAt",
             supervision_consent_at AS "supervisionConsentAt", shared_with_supervisor_at AS "sharedWithSupervisorAt"
           FROM subject_recordings WHERE (subject_id = $1 OR counselor_id = $1) AND deleted_at IS NULL`,
        )} AS recordings,
        ${jsonList(
          'v',
          'v."createdAt"',
          `SELECT id, rating, body, published, created_at AS "createdAt" FROM subject_reviews WHERE subject_id = $1`,
        )} AS reviews,
        ${jsonList(
          'p',
          'p."paidAt"',
          `SELECT id, amount::text AS amount, currency, method, gateway, card_mask AS "cardMask", status, paid_at AS "paidAt"
           FROM subject_payments WHERE subject_id = $1`,
        )} AS payments,
        (SELECT row_to_json(f) FROM (
           SELECT bank_name AS "bankName", depositor_mask AS "depositorMask",
             encode(account_cipher, 'base64') AS "accountCipher", encode(tax_id_cipher, 'base64') AS "taxIdCipher"
           FROM subject_financial_profiles WHERE subject_id = $1) f) AS financial_profile,
        ${jsonList(
          'e',
          'e."firstSeenAt"',
          `SELECT id, model, os, app_version AS "appVersion", host(ip) AS ip, carrier, city, country,
             time_zone AS "timeZone", advertising_id_mask AS "advertisingIdMask", first_seen_at AS "firstSeenAt",
             last_seen_at AS "lastSeenAt"
           FROM subject_devices WHERE subject_id = $1`,
        )} AS devices,
        ${jsonList(
          'cl',
          'cl."linkedAt"',
          `SELECT id, provider, account_email_mask AS "accountEmailMask", events_synced AS "eventsSynced",
             linked_at AS "linkedAt", last_synced_at AS "lastSyncedAt", unlinked_at AS "unlinkedAt"
           FROM subject_calendar_links WHERE subject_id = $1`,
        )} AS calendar_links`,
      [subject.id, subject.guardianId],
    );
    return {
      guardian: (row.guardian as ExportParts['guardian']) ?? null,
      children: row.children as JsonRow[],
      socialLinks: row.social_links as JsonRow[],
      consents: row.consents as JsonRow[],
      bookings: row.bookings as JsonRow[],
      sensitiveData: row.sensitive_data as JsonRow[],
      recordings: row.recordings as JsonRow[],
      reviews: row.reviews as JsonRow[],
      payments: row.payments as JsonRow[],
      financialProfile: (row.financial_profile as JsonRow | null) ?? null,
      devices: row.devices as JsonRow[],
      calendarLinks: row.calendar_links as JsonRow[],
    };
  }

  /**
   * Every counseling record the person holds as client, or that is about them as a child, oldest
   * first: one statement on the subject and child indexes, ciphertexts included.
   */
  records(subjectId: string): Promise<ExportRecordRow[]> {
    return this.tx.manager.query<ExportRecordRow[]>(
      `SELECT r.id, coalesce(r.sealed_under, r.subject_id) AS "ownerId", r.kind, r.psychotherapy_notes AS "psychotherapyNotes",
         r.session_at AS "sessionAt", r.counseling_ended_at AS "counselingEndedAt", c.name AS "counselorName",
         r.child_id AS "childId", r.content_cipher AS cipher
       FROM subject_counseling_records r LEFT JOIN subjects c ON c.id = r.counselor_id
       WHERE r.subject_id = $1 OR r.child_id = $1
       ORDER BY r.session_at, r.id`,
      [subjectId],
    );
  }
}
