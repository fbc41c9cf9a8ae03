import { randomUUID } from 'node:crypto';
import { Aad, SubjectCrypto } from '../../server/src/subjects/crypto/subject-crypto';
import { SubjectKeysService } from '../../server/src/subjects/subject-keys.service';
import type { TestServer } from './server';

// The rest of a person's profile, for tests that need more than subject-factory's createSubject
// writes (it covers the account, contact data, records, sensitive data, consents, social links and
// recordings). Plain SQL through the owner connection, except for the two health values (the
// counseling interest and booking topics), which are sealed under the person's data key.

const DAY = 86_400_000;

export interface ConsentFixture {
  purpose: string;
  required?: boolean;
  granted?: boolean;
  version?: string;
  daysAgo?: number;
  withdrawnDaysAgo?: number;
  givenBy?: string;
}

export interface BookingFixture {
  counselorId: string;
  childId?: string;
  daysFromNow: number;
  mode?: 'voice' | 'video';
  topic: string;
  status?: 'booked' | 'completed' | 'cancelled' | 'no_show';
}

export interface PaymentFixture {
  amount: string;
  currency?: string;
  method?: 'card' | 'bank_transfer' | 'easy_pay';
  gateway?: string;
  cardMask?: string | null;
  status?: 'paid' | 'refunded' | 'failed';
  daysAgo: number;
}

export interface DeviceFixture {
  model: string;
  os: string;
  appVersion?: string;
  ip?: string;
  carrier?: string;
  city?: string;
  country?: string;
  timeZone?: string;
  advertisingIdMask?: string;
  lastSeenDaysAgo?: number;
}

export interface ProfileDetails {
  nickname?: string;
  gender?: 'female' | 'male' | 'other' | 'undisclosed';
  residence?: string;
  occupation?: string;
  institution?: string;
  counselingInterest?: string;
  locale?: 'ko' | 'en';
  /** Moves the account's creation and last activity into the past. */
  createdDaysAgo?: number;
  lastActiveDaysAgo?: number;
  consents?: ConsentFixture[];
  /** Bookings where this person is the client. */
  bookings?: BookingFixture[];
  reviews?: { counselorId?: string; rating: number; body: string; daysAgo: number; published?: boolean }[];
  payments?: PaymentFixture[];
  devices?: DeviceFixture[];
  calendarLinks?: { accountEmailMask: string; eventsSynced: number; linkedDaysAgo: number }[];
}

const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** Adds profile details to a person created with subject-factory's createSubject; returns the booking ids. */
export async function addProfileDetails(
  server: TestServer,
  subjectId: string,
  details: ProfileDetails,
): Promise<{ bookingIds: string[] }> {
  const now = server.clock.now();
  const q = (sql: string, params: unknown[]) => server.db.query(sql, params);
  const crypto = server.app.get(SubjectCrypto);
  const key = await server.app.get(SubjectKeysService).dataKey(subjectId);
  await q(
    `UPDATE subjects SET nickname = COALESCE($2, nickname), gender = COALESCE($3, gender),
       residence = COALESCE($4, residence), occupation = COALESCE($5, occupation),
       institution = COALESCE($6, institution), counseling_interest_cipher = COALESCE($7, counseling_interest_cipher),
       locale = COALESCE($8, locale), created_at = COALESCE($9, created_at),
       last_active_at = COALESCE($10, last_active_at)
     WHERE id = $1`,
    [
      subjectId,
      details.nickname ?? null,
      details.gender ?? null,
      details.residence ?? null,
      details.occupation ?? null,
      details.institution ?? null,
      details.counselingInterest === undefined
        ? null
        : crypto.seal(key, Aad.counselingInterest(subjectId), details.counselingInterest),
      details.locale ?? null,
      details.createdDaysAgo === undefined ? null : ago(now, details.createdDaysAgo),
      details.lastActiveDaysAgo === undefined ? null : ago(now, details.lastActiveDaysAgo),
    ],
  );
  for (const c of details.consents ?? []) {
    await q(
      `INSERT INTO subject_consents (subject_id, purpose, required, granted, version, given_by, recorded_at, withdrawn_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        subjectId,
        c.purpose,
        c.required ?? false,
        c.granted ?? true,
        c.version ?? 'v1',
        c.givenBy ?? null,
        ago(now, c.daysAgo ?? 30),
        c.withdrawnDaysAgo === undefined ? null : ago(now, c.withdrawnDaysAgo),
      ],
    );
  }
  const bookingIds: string[] = [];
  for (const b of details.bookings ?? []) {
    const id = randomUUID();
    const scheduledAt = new Date(now.getTime() + b.daysFromNow * DAY);
    const status = b.status ?? (b.daysFromNow < 0 ? 'completed' : 'booked');
    // A topic about a child is sealed under the child's own key, as the platform stores it.
    const topicKey = b.childId ? await server.app.get(SubjectKeysService).dataKey(b.childId) : key;
    await q(
      `INSERT INTO subject_bookings (id, client_id, counselor_id, child_id, scheduled_at, mode, topic_cipher, status,
         ended_at, created_at, topic_sealed_under)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4)`,
      [
        id,
        subjectId,
        b.counselorId,
        b.childId ?? null,
        scheduledAt,
        b.mode ?? 'video',
        crypto.seal(topicKey, Aad.bookingTopic(id), b.topic),
        status,
        status === 'completed' ? new Date(scheduledAt.getTime() + 50 * 60_000) : null,
        ago(scheduledAt, 3),
      ],
    );
    bookingIds.push(id);
  }
  for (const r of details.reviews ?? []) {
    await q(
      `INSERT INTO subject_reviews (subject_id, counselor_id, rating, body, published, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [subjectId, r.counselorId ?? null, r.rating, r.body, r.published ?? true, ago(now, r.daysAgo)],
    );
  }
  for (const p of details.payments ?? []) {
    await q(
      `INSERT INTO subject_payments (subject_id, amount, currency, method, gateway, card_mask, status, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        subjectId,
        p.amount,
        p.currency ?? 'KRW',
        p.method ?? 'card',
        p.gateway ?? 'toss',
        p.cardMask === undefined ? '****-****-****-1234' : p.cardMask,
        p.status ?? 'paid',
        ago(now, p.daysAgo),
      ],
    );
  }
  for (const d of details.devices ?? []) {
    const lastSeen = ago(now, d.lastSeenDaysAgo ?? 1);
    await q(
      `INSERT INTO subject_devices (subject_id, model, os, app_version, ip, carrier, city, country, time_zone,
         advertising_id_mask, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        subjectId,
        d.model,
        d.os,
        d.appVersion ?? '3.2.1',
        d.ip ?? '211.234.10.27',
        d.carrier ?? 'SKT',
        d.city ?? 'Seoul',
        d.country ?? 'KR',
        d.timeZone ?? 'Asia/Seoul',
        d.advertisingIdMask ?? '****-****-****-8f2c',
        ago(lastSeen, 200),
        lastSeen,
      ],
    );
  }
  for (const c of details.calendarLinks ?? []) {
    await q(
      `INSERT INTO subject_calendar_links (subject_id, provider, account_email_mask, events_synced, linked_at,
         last_synced_at)
       VALUES ($1, 'google', $2, $3, $4, $5)`,
      [subjectId, c.accountEmailMask, c.eventsSynced, ago(now, c.linkedDaysAgo), ago(now, 1)],
    );
  }
  return { bookingIds };
}

/** The standard consents a MaumJuui client gives at sign-up, with the PHI and recording ones. */
export const MAUMJUUI_CLIENT_CONSENTS: ConsentFixture[] = [
  { purpose: 'terms', required: true, version: 'MJ-TOS-2025.03', daysAgo: 420 },
  { purpose: 'privacy_required', required: true, version: 'MJ-PP-2025.03', daysAgo: 420 },
  { purpose: 'phi', required: false, version: 'MJ-PHI-2.1', daysAgo: 420 },
  { purpose: 'recording', required: false, version: 'MJ-REC-1.4', daysAgo: 410 },
  { purpose: 'marketing', required: false, version: 'MJ-MKT-1.1', daysAgo: 420, withdrawnDaysAgo: 200 },
  { purpose: 'overseas_transfer', required: false, granted: false, version: 'MJ-XB-2025.03', daysAgo: 420 },
];
