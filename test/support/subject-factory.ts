import { randomUUID } from 'node:crypto';
import { ContactValues } from '../../server/src/subjects/contact-values';
import { Aad, SubjectCrypto } from '../../server/src/subjects/crypto/subject-crypto';
import { Masking } from '../../server/src/subjects/masking';
import type {
  SocialProvider,
  SubjectKind,
  SubjectService,
  SubjectStatus,
} from '../../server/src/subjects/subjects.repository';
import type { TestServer } from './server';

export interface RecordSeed {
  kind?: 'session_note' | 'result' | 'expert_opinion';
  content: Record<string, string>;
  psychotherapyNotes?: boolean;
}

export interface SubjectSeed {
  /** A fixed id, for fixtures that name a person before the test runs. */
  id?: string;
  kind?: SubjectKind;
  service?: SubjectService;
  status?: SubjectStatus;
  name?: string;
  email?: string | null;
  phone?: string | null;
  birthDate?: string | null;
  guardianId?: string;
  records?: RecordSeed[];
  sensitive?: { category: string; content: string }[];
  consents?: { purpose: string; granted?: boolean; givenBy?: string }[];
  socialLinks?: SocialProvider[];
  recordings?: {
    clientConsent?: boolean;
    counselorConsent?: boolean;
    supervisionConsent?: boolean;
    shared?: boolean;
  }[];
}

export interface CreatedSubject {
  id: string;
  email: string | null;
  phone: string | null;
  recordIds: string[];
  sensitiveIds: string[];
  recordingIds: string[];
}

/**
 * Inserts one platform person the way the demo seeder and the platform would: own data key,
 * sealed contact values with blind indexes, sealed counseling content. Uses the running app's
 * SubjectCrypto so the server can read what the test wrote.
 */
export async function createSubject(server: TestServer, seed: SubjectSeed = {}): Promise<CreatedSubject> {
  const crypto = server.app.get(SubjectCrypto);
  const id = seed.id ?? randomUUID();
  const kind = seed.kind ?? 'client';
  const name = seed.name ?? '홍길동';
  const email = seed.email === undefined ? `person-${id.slice(0, 8)}@example.com` : seed.email;
  const phone = seed.phone === undefined ? null : seed.phone;
  const normalisedEmail = email === null ? null : ContactValues.email(email);
  const normalisedPhone = phone === null ? null : ContactValues.phone(phone);
  const { kekId, wrapped, key } = crypto.newDataKey(id);
  const q = (sql: string, params: unknown[]) => server.db.query(sql, params);
  const status = seed.status ?? 'active';
  await q(
    `INSERT INTO subjects (id, service, kind, status, name, name_key, email_cipher, email_index, email_mask,
       phone_cipher, phone_index, phone_mask, birth_date, guardian_id, dormant_at, locked_at, last_active_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now() - interval '1 day')`,
    [
      id,
      seed.service ?? 'maumjuui',
      kind,
      status,
      name,
      ContactValues.nameKey(name),
      normalisedEmail && crypto.seal(key, Aad.contact(id, 'email'), normalisedEmail),
      normalisedEmail && crypto.index('email', normalisedEmail),
      normalisedEmail && Masking.email(normalisedEmail),
      normalisedPhone && crypto.seal(key, Aad.contact(id, 'phone'), normalisedPhone),
      normalisedPhone && crypto.index('phone', normalisedPhone),
      normalisedPhone && Masking.phone(normalisedPhone),
      seed.birthDate ?? (kind === 'child' ? '2016-04-01' : '1988-07-14'),
      seed.guardianId ?? null,
      status === 'dormant' ? new Date(Date.now() - 400 * 86_400_000) : null,
      status === 'locked' ? new Date() : null,
    ],
  );
  await q(`INSERT INTO subject_keys (subject_id, kek_id, wrapped_key) VALUES ($1, $2, $3)`, [id, kekId, wrapped]);
  for (const consent of seed.consents ?? []) {
    await q(
      `INSERT INTO subject_consents (subject_id, purpose, required, granted, version, given_by, recorded_at)
       VALUES ($1, $2, false, $3, 'v1', $4, now())`,
      [id, consent.purpose, consent.granted ?? true, consent.givenBy ?? null],
    );
  }
  for (const provider of seed.socialLinks ?? []) {
    await q(`INSERT INTO subject_social_links (subject_id, provider, linked_at) VALUES ($1, $2, now())`, [
      id,
      provider,
    ]);
  }
  let counselorId: string | null = null;
  const counselor = async () => {
    counselorId ??= (await createSubject(server, { kind: 'counselor', name: '상담사 김', email: null })).id;
    return counselorId;
  };
  const recordIds: string[] = [];
  for (const record of seed.records ?? []) {
    const recordId = randomUUID();
    await q(
      `INSERT INTO subject_counseling_records (id, subject_id, counselor_id, kind, psychotherapy_notes, session_at,
         content_cipher) VALUES ($1, $2, $3, $4, $5, now() - interval '7 days', $6)`,
      [
        recordId,
        id,
        await counselor(),
        record.kind ?? 'session_note',
        record.psychotherapyNotes ?? false,
        crypto.seal(key, Aad.record(recordId), JSON.stringify(record.content)),
      ],
    );
    recordIds.push(recordId);
  }
  const sensitiveIds: string[] = [];
  for (const item of seed.sensitive ?? []) {
    const rowId = randomUUID();
    await q(
      `INSERT INTO subject_sensitive_data (id, subject_id, category, content_cipher, recorded_at)
       VALUES ($1, $2, $3, $4, now())`,
      [rowId, id, item.category, crypto.seal(key, Aad.sensitive(rowId), item.content)],
    );
    sensitiveIds.push(rowId);
  }
  const recordingIds: string[] = [];
  for (const r of seed.recordings ?? []) {
    const [row] = (await q(
      `INSERT INTO subject_recordings (subject_id, counselor_id, media, recorded_at, duration_seconds,
         client_consent_at, counselor_consent_at, supervision_consent_at, shared_with_supervisor_at)
       VALUES ($1, $2, 'video', now() - interval '3 days', 3000,
         CASE WHEN $3 THEN now() - interval '4 days' END, CASE WHEN $4 THEN now() - interval '4 days' END,
         CASE WHEN $5 THEN now() - interval '4 days' END, CASE WHEN $6 THEN now() - interval '2 days' END)
       RETURNING id`,
      [
        id,
        await counselor(),
        r.clientConsent ?? true,
        r.counselorConsent ?? true,
        r.supervisionConsent ?? false,
        r.shared ?? false,
      ],
    )) as { id: string }[];
    recordingIds.push(row.id);
  }
  return { id, email: normalisedEmail, phone: normalisedPhone, recordIds, sensitiveIds, recordingIds };
}
