/**
 * The SQL of the subject reads that run on every profile, as named statements (pg's
 * `{ name, text, values }`): each pool connection parses and plans a name once, and after five
 * executions PostgreSQL keeps the generic plan when it costs no more than the custom ones (their
 * planning included). The profile's parts statement planned for about 10 ms and executed in 4 ms
 * when it was sent unnamed, re-planned on every request (issue F10).
 *
 * Plain strings with no NestJS or TypeORM: bench/lib/statements.mjs loads this module from the
 * server's build, so the bare Express+pg peer of bench/reads.mjs runs exactly this SQL.
 */

export type SubjectService = 'maumjuui' | 'shelby';
export type FindingKind =
  | 'recording_without_both_consents'
  | 'phi_without_consent'
  | 'child_without_guardian_consent'
  | 'supervision_sharing_without_consent';
export type FindingStatus = 'open' | 'in_progress' | 'resolved' | 'accepted_risk';

/** A statement prepared once per connection under its name. */
export interface NamedStatement {
  name: string;
  text: string;
}

export const SUBJECT_COLUMNS = `
  s.id, s.service, s.kind, s.status, s.name, s.nickname IS NOT NULL AS "hasNickname",
  s.email_mask AS "emailMask", s.phone_mask AS "phoneMask",
  to_char(s.birth_date, 'YYYY-MM-DD') AS "birthDate", s.gender, s.residence, s.occupation, s.institution,
  (s.counseling_interest_cipher IS NOT NULL OR s.counseling_interest IS NOT NULL) AS "hasCounselingInterest",
  s.guardian_id AS "guardianId", s.locale,
  s.created_at AS "createdAt", s.last_active_at AS "lastActiveAt", s.dormant_at AS "dormantAt",
  s.locked_at AS "lockedAt", s.withdrawal_requested_at AS "withdrawalRequestedAt", s.withdrawn_at AS "withdrawnAt",
  s.processing_restricted_at AS "restrictedAt", s.marketing_suppressed_at AS "marketingSuppressedAt",
  s.erased_at AS "erasedAt", s.separated_at AS "separatedAt"`;
export const IDENTITY_CHECK_COLUMNS = `
  c.id, c.subject_id AS "subjectId", c.method, c.evidence_ref AS "evidenceRef", c.note,
  c.staff_id AS "staffId", st.display_name AS "staffName", c.checked_at AS "checkedAt"`;
export const ACCOUNT_ACTION_COLUMNS = `
  a.id, a.subject_id AS "subjectId", a.action, a.status, a.reason, a.staff_id AS "staffId",
  st.display_name AS "staffName", a.identity_check_id AS "identityCheckId", a.detail, a.created_at AS "createdAt"`;

/** The account row of one person (no lock: the lock variant is sent unnamed, in its transaction). */
export const SUBJECT_BY_ID: NamedStatement = {
  name: 'subject_by_id',
  text: `SELECT ${SUBJECT_COLUMNS} FROM subjects s WHERE s.id = $1`,
};

/** A subquery's rows as one JSON array (`[]` when none), ordered; a column of a one-round-trip read. */
export const jsonList = (alias: string, order: string, select: string) =>
  `(SELECT coalesce(json_agg(${alias} ORDER BY ${order}), '[]'::json) FROM (${select}) ${alias})`;

/**
 * Every tab of a profile, as [name, SQL] pairs: each part is a JSON value built by a subquery on
 * the subject's own indexes. $1 is the person; `guardian` is the SQL of their guardian's id.
 */
const profileParts = (guardian: string): [name: string, sql: string][] => [
  ['guardian', `(SELECT row_to_json(g) FROM (SELECT id, name, kind FROM subjects WHERE id = ${guardian}) g)`],
  [
    'children',
    jsonList(
      'c',
      'c."birthDate"',
      `SELECT ch.id, ch.name, to_char(ch.birth_date, 'YYYY-MM-DD') AS "birthDate", ch.gender,
         EXISTS (SELECT 1 FROM subject_consents k WHERE k.subject_id = ch.id AND k.purpose = 'guardian_for_child'
                 AND k.granted AND k.withdrawn_at IS NULL AND k.given_by = ch.guardian_id) AS "guardianConsent"
       FROM subjects ch WHERE ch.guardian_id = $1`,
    ),
  ],
  [
    'social_links',
    jsonList(
      'l',
      'l."linkedAt" DESC',
      `SELECT id, provider, provider_nickname IS NOT NULL AS "hasProviderNickname", email_mask AS "emailMask",
         linked_at AS "linkedAt", unlinked_at AS "unlinkedAt"
       FROM subject_social_links WHERE subject_id = $1`,
    ),
  ],
  [
    'consents',
    jsonList(
      'k',
      'k."recordedAt" DESC, k.purpose',
      `SELECT id, purpose, required, granted, version, recorded_at AS "recordedAt", withdrawn_at AS "withdrawnAt",
         given_by AS "givenBy"
       FROM subject_consents WHERE subject_id = $1`,
    ),
  ],
  [
    'bookings',
    jsonList(
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
    ),
  ],
  [
    'records',
    jsonList(
      'r',
      'r."sessionAt" DESC',
      `SELECT r.id, r.kind, r.psychotherapy_notes AS "psychotherapyNotes", r.session_at AS "sessionAt",
         r.counseling_ended_at AS "counselingEndedAt", json_build_object('id', c.id, 'name', c.name) AS counselor
       FROM subject_counseling_records r JOIN subjects c ON c.id = r.counselor_id
       WHERE r.subject_id = $1 OR r.child_id = $1 ORDER BY r.session_at DESC LIMIT 100`,
    ),
  ],
  [
    'sensitive_data',
    jsonList(
      'd',
      'd."recordedAt" DESC',
      `SELECT id, category, recorded_at AS "recordedAt" FROM subject_sensitive_data WHERE subject_id = $1`,
    ),
  ],
  [
    'recordings',
    jsonList(
      'rc',
      'rc."recordedAt" DESC',
      `SELECT id, media, recorded_at AS "recordedAt", duration_seconds AS "durationSeconds",
         client_consent_at AS "clientConsentAt", counselor_consent_at AS "counselorConsentAt",
         supervision_consent_at AS "supervisionConsentAt", shared_with_supervisor_at AS "sharedWithSupervisorAt"
       FROM subject_recordings WHERE (subject_id = $1 OR counselor_id = $1) AND deleted_at IS NULL
       ORDER BY recorded_at DESC LIMIT 100`,
    ),
  ],
  [
    'reviews',
    jsonList(
      'v',
      'v."createdAt" DESC',
      `SELECT id, rating, body, published, created_at AS "createdAt" FROM subject_reviews
       WHERE subject_id = $1 ORDER BY created_at DESC LIMIT 100`,
    ),
  ],
  [
    'payments',
    jsonList(
      'p',
      'p."paidAt" DESC',
      `SELECT id, amount::text AS amount, currency, method, gateway, card_mask AS "cardMask", status, paid_at AS "paidAt"
       FROM subject_payments WHERE subject_id = $1 ORDER BY paid_at DESC LIMIT 100`,
    ),
  ],
  [
    'financial_profile',
    `(SELECT row_to_json(f) FROM (
       SELECT bank_name AS "bankName", account_mask AS "accountMask", depositor_mask AS "depositorMask",
         tax_id_mask AS "taxIdMask"
       FROM subject_financial_profiles WHERE subject_id = $1) f)`,
  ],
  [
    'devices',
    jsonList(
      'e',
      'e."lastSeenAt" DESC',
      `SELECT id, model, os, app_version AS "appVersion", host(ip) AS ip, carrier, city, country,
         time_zone AS "timeZone", advertising_id_mask AS "advertisingIdMask", first_seen_at AS "firstSeenAt",
         last_seen_at AS "lastSeenAt"
       FROM subject_devices WHERE subject_id = $1 ORDER BY last_seen_at DESC LIMIT 20`,
    ),
  ],
  [
    'calendar_links',
    jsonList(
      'cl',
      'cl."linkedAt" DESC',
      `SELECT id, provider, account_email_mask AS "accountEmailMask", events_synced AS "eventsSynced",
         linked_at AS "linkedAt", last_synced_at AS "lastSyncedAt", unlinked_at AS "unlinkedAt"
       FROM subject_calendar_links WHERE subject_id = $1`,
    ),
  ],
  [
    'identity_checks',
    jsonList(
      'c',
      'c."checkedAt" DESC',
      `SELECT ${IDENTITY_CHECK_COLUMNS} FROM subject_identity_checks c LEFT JOIN staff st ON st.id = c.staff_id
       WHERE c.subject_id = $1 ORDER BY c.checked_at DESC LIMIT 50`,
    ),
  ],
  [
    'account_actions',
    jsonList(
      'a',
      'a."createdAt" DESC',
      `SELECT ${ACCOUNT_ACTION_COLUMNS} FROM subject_account_actions a LEFT JOIN staff st ON st.id = a.staff_id
       WHERE a.subject_id = $1 ORDER BY a.created_at DESC LIMIT 50`,
    ),
  ],
  ['key_shredded', `coalesce((SELECT shredded_at IS NOT NULL FROM subject_keys WHERE subject_id = $1), false)`],
];

// The four compliance findings (issue F3), each as one SELECT of (kind, subject, ref, since).
export const FINDING_QUERIES: Record<FindingKind, string> = {
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

/** Which findings to read: some people's (a profile), or a page of all, with filters. */
export interface FindingsFilter {
  subjectIds?: string[];
  kind?: FindingKind;
  service?: SubjectService;
  ref?: string;
  status?: FindingStatus;
  ownerId?: string;
  offset: number;
  limit: number;
}

/**
 * The findings of some people (a profile: the person and their children), or a page of all of
 * them, with filters. Sent unnamed: with $2 null for "everyone", a generic plan could not use the
 * subject indexes, so each call is planned for its own values.
 */
export function findingsQuery(
  filter: FindingsFilter,
  /** The last birth date of a 14-year-old (fourteenthBirthdayBound). */
  bound: string,
): { name?: string; text: string; values: unknown[] } {
  const kinds = filter.kind ? [filter.kind] : (Object.keys(FINDING_QUERIES) as FindingKind[]);
  const union = kinds.map((k) => FINDING_QUERIES[k]).join(' UNION ALL ');
  // $1 the last birth date of a 14-year-old, $2 the subjects to look at (null: everyone).
  const params: unknown[] = [bound, filter.subjectIds ?? null];
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
  // A profile's findings (its people, no other filter, the first 100): a named statement whose
  // generic plan serves every profile. "$2 IS NULL OR …" would keep a generic plan off the subject
  // indexes, so that branch goes; the text is then the same for every profile.
  const onlyThesePeople =
    filter.subjectIds !== undefined &&
    filter.kind === undefined &&
    params.length === 2 &&
    filter.offset === 0 &&
    filter.limit === 100;
  if (onlyThesePeople) {
    const text = sql.replace(/\(\$2::uuid\[\] IS NULL OR ([\w.]+ = ANY\(\$2::uuid\[\]\))\)/g, '$1');
    return { name: 'subject_findings', text, values: params };
  }
  return { text: sql, values: params };
}

/** Of a profile: the person ($1) and their children. */
const PROFILE_PEOPLE = 'ARRAY(SELECT id FROM subjects WHERE id = $1 OR guardian_id = $1)';

/** The compliance findings of a profile's people (the first 100), with $1 the bound and $2 the people. */
const PROFILE_FINDINGS = findingsQuery({ subjectIds: [], offset: 0, limit: 100 }, '');

/** The findings of a profile's people as a JSON array; $1 the person, $2 the bound. */
const profileFindings = `(SELECT coalesce(json_agg(x ORDER BY x.since DESC, x.ref), '[]'::json) FROM (${PROFILE_FINDINGS.text
  .replaceAll('$2::uuid[]', PROFILE_PEOPLE)
  .replaceAll('$1::date', '$2::date')}) x)`;

/**
 * A whole profile in one statement: the account row, then every tab and the compliance findings
 * of the person and their children as one JSON object, `parts` (one column where there were
 * seventeen: pg sets up every column of a result and copies them into each row on every
 * execution; one client reading 2,000 profiles spent 185 µs of Node CPU per query instead of
 * 200; issue F10). $1 the person, $2 the last birth date of a 14-year-old
 * (fourteenthBirthdayBound). No row: no such person.
 */
const profileSelect = (moreColumns = '') => `SELECT ${SUBJECT_COLUMNS},
    json_build_object(${[...profileParts('s.guardian_id'), ['findings', profileFindings]]
      .map(([name, sql]) => `'${name}', ${sql}`)
      .join(',\n    ')}) AS parts${moreColumns}
  FROM subjects s WHERE s.id = $1`;

export const PROFILE: NamedStatement = { name: 'subject_profile', text: profileSelect() };

/**
 * The profile and the access-log event of reading it, in one statement (AuditService.recordWith):
 * $3 is the event, written only when the person exists and is not separated into the dormant
 * store, in the same snapshot as the rows it describes; `logged` says whether it was. One round
 * trip, one commit; the statement fails as a whole if the event cannot be written.
 */
export const PROFILE_LOGGED: NamedStatement = {
  name: 'subject_profile_logged',
  text: `WITH logged AS (
    INSERT INTO audit_inbox (event) SELECT $3::jsonb FROM subjects WHERE id = $1 AND separated_at IS NULL RETURNING 1)
  ${profileSelect(', EXISTS (SELECT FROM logged) AS logged')}`,
};
