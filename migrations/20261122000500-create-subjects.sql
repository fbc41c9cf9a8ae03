-- The platform's people and the personal data the two privacy policies list (DESIGN.md, Subject
-- data and PHI). In production this schema stands in for the platform's own database, reached
-- through the subjects repository; the console ships it so it runs on its own with demo data.
--
-- Encryption: PHI, counseling notes, contact values, financial identifiers and calendar notes
-- are AES-256-GCM ciphertexts under the subject's own data key (subject_keys), itself wrapped
-- by a key-encryption key kept outside the database (the keyring). Exact lookups go through
-- keyed blind indexes (HMAC-SHA-256 of the normalised value); masked forms are kept beside the
-- ciphertexts so lists never decrypt.

CREATE TABLE subjects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service text NOT NULL CHECK (service IN ('maumjuui', 'shelby')),
  kind text NOT NULL CHECK (kind IN ('client', 'counselor', 'guardian', 'child')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dormant', 'locked', 'withdrawn')),
  -- Names are searched by prefix, so they are kept readable; responses mask them.
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  name_key text NOT NULL,
  nickname text,
  email_cipher bytea,
  email_index bytea,
  email_mask text,
  phone_cipher bytea,
  phone_index bytea,
  phone_mask text,
  birth_date date,
  gender text CHECK (gender IN ('female', 'male', 'other', 'undisclosed')),
  residence text,
  occupation text,
  institution text,
  counseling_interest text,
  referral_code text,
  -- Children are linked to the guardian who acts for them (Shelby, Art. 6).
  guardian_id uuid REFERENCES subjects (id),
  relationship_to_guardian text,
  locale text NOT NULL DEFAULT 'ko',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_active_at timestamptz,
  dormant_at timestamptz,
  locked_at timestamptz,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  withdrawal_requested_at timestamptz,
  withdrawn_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'child') = (guardian_id IS NOT NULL))
);
-- Name-prefix search pages by creation time: the included columns let it pick a page of ids
-- from the index alone, even for a common family name.
CREATE INDEX subjects_name_key_idx ON subjects (name_key text_pattern_ops) INCLUDE (created_at, id, last_active_at);
CREATE INDEX subjects_email_index_idx ON subjects (email_index) WHERE email_index IS NOT NULL;
CREATE INDEX subjects_phone_index_idx ON subjects (phone_index) WHERE phone_index IS NOT NULL;
CREATE INDEX subjects_kind_status_idx ON subjects (kind, status, created_at DESC);
CREATE INDEX subjects_status_created_idx ON subjects (status, created_at DESC);
CREATE INDEX subjects_created_idx ON subjects (created_at DESC, id DESC);
CREATE INDEX subjects_guardian_idx ON subjects (guardian_id) WHERE guardian_id IS NOT NULL;

-- One data key per subject, wrapped by the keyring's key-encryption key `kek_id`. Shredding
-- sets wrapped_key to NULL; the keyring then retires the KEK that wrapped the old copy, so a
-- dump taken before cannot be unwrapped either.
CREATE TABLE subject_keys (
  subject_id uuid PRIMARY KEY REFERENCES subjects (id),
  kek_id text,
  wrapped_key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz,
  shredded_at timestamptz,
  CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL)),
  CHECK ((wrapped_key IS NULL) = (kek_id IS NULL))
);
CREATE INDEX subject_keys_kek_idx ON subject_keys (kek_id) WHERE wrapped_key IS NOT NULL;

CREATE TABLE subject_social_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  provider text NOT NULL CHECK (provider IN ('google', 'naver', 'kakao')),
  provider_nickname text,
  email_mask text,
  has_profile_photo boolean NOT NULL DEFAULT false,
  linked_at timestamptz NOT NULL,
  unlinked_at timestamptz,
  unlinked_by uuid REFERENCES staff (id)
);
CREATE INDEX subject_social_links_subject_idx ON subject_social_links (subject_id);
CREATE UNIQUE INDEX subject_social_links_active_key ON subject_social_links (subject_id, provider)
  WHERE unlinked_at IS NULL;

-- Per-purpose consents, each with time and the version of the text agreed to. A child's
-- consents are given by the guardian (given_by).
CREATE TABLE subject_consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  purpose text NOT NULL CHECK (purpose IN (
    'terms', 'privacy_required', 'privacy_optional', 'phi', 'sensitive_data', 'recording',
    'supervision_disclosure', 'marketing', 'overseas_transfer', 'third_party_provision',
    'guardian_for_child')),
  required boolean NOT NULL,
  granted boolean NOT NULL,
  version text NOT NULL,
  given_by uuid REFERENCES subjects (id),
  recorded_at timestamptz NOT NULL,
  withdrawn_at timestamptz
);
CREATE INDEX subject_consents_subject_idx ON subject_consents (subject_id, purpose);

CREATE TABLE subject_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES subjects (id),
  counselor_id uuid NOT NULL REFERENCES subjects (id),
  child_id uuid REFERENCES subjects (id),
  scheduled_at timestamptz NOT NULL,
  mode text NOT NULL CHECK (mode IN ('voice', 'video')),
  topic text NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'completed', 'cancelled', 'no_show')),
  ended_at timestamptz,
  meeting_provider text CHECK (meeting_provider IN ('zoom', 'in_house')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subject_bookings_client_idx ON subject_bookings (client_id, scheduled_at DESC);
CREATE INDEX subject_bookings_counselor_idx ON subject_bookings (counselor_id, scheduled_at DESC);
CREATE INDEX subject_bookings_child_idx ON subject_bookings (child_id) WHERE child_id IS NOT NULL;

-- Counseling records, results, expert opinions and recommendations. The content is one
-- ciphertext under the client's data key; only its kind and dates are readable.
CREATE TABLE subject_counseling_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  booking_id uuid REFERENCES subject_bookings (id),
  counselor_id uuid NOT NULL REFERENCES subjects (id),
  child_id uuid REFERENCES subjects (id),
  kind text NOT NULL CHECK (kind IN ('session_note', 'result', 'expert_opinion')),
  psychotherapy_notes boolean NOT NULL DEFAULT false,
  session_at timestamptz NOT NULL,
  counseling_ended_at timestamptz,
  content_cipher bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subject_counseling_records_subject_idx ON subject_counseling_records (subject_id, session_at DESC);
CREATE INDEX subject_counseling_records_child_idx ON subject_counseling_records (child_id) WHERE child_id IS NOT NULL;

CREATE TABLE subject_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  booking_id uuid REFERENCES subject_bookings (id),
  counselor_id uuid REFERENCES subjects (id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  body text,
  published boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL
);
CREATE INDEX subject_reviews_subject_idx ON subject_reviews (subject_id);

-- Session recordings need both parties' consent; sharing with a supervisor or examiner needs a
-- separate one (MaumJuui 1.B).
CREATE TABLE subject_recordings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  booking_id uuid REFERENCES subject_bookings (id),
  counselor_id uuid NOT NULL REFERENCES subjects (id),
  media text NOT NULL CHECK (media IN ('audio', 'video')),
  recorded_at timestamptz NOT NULL,
  duration_seconds integer NOT NULL CHECK (duration_seconds >= 0),
  client_consent_at timestamptz,
  counselor_consent_at timestamptz,
  supervision_consent_at timestamptz,
  shared_with_supervisor_at timestamptz,
  deleted_at timestamptz
);
CREATE INDEX subject_recordings_subject_idx ON subject_recordings (subject_id, recorded_at DESC);
CREATE INDEX subject_recordings_counselor_idx ON subject_recordings (counselor_id, recorded_at DESC);

-- Sensitive data and PHI (PIPA Art. 23; MaumJuui 1.A): only the category is readable.
CREATE TABLE subject_sensitive_data (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  category text NOT NULL CHECK (category IN (
    'health', 'medication', 'beliefs', 'political', 'sexual_life', 'genetic', 'criminal', 'development')),
  content_cipher bytea NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX subject_sensitive_data_subject_idx ON subject_sensitive_data (subject_id);

CREATE TABLE subject_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  booking_id uuid REFERENCES subject_bookings (id),
  amount numeric(12, 2) NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  method text NOT NULL CHECK (method IN ('card', 'bank_transfer', 'easy_pay')),
  gateway text NOT NULL,
  card_mask text,
  status text NOT NULL CHECK (status IN ('paid', 'refunded', 'failed')),
  paid_at timestamptz NOT NULL
);
CREATE INDEX subject_payments_subject_idx ON subject_payments (subject_id, paid_at DESC);

-- Institutional counselors' bank and tax data (MaumJuui 1.A, Financial/Tax Data).
CREATE TABLE subject_financial_profiles (
  subject_id uuid PRIMARY KEY REFERENCES subjects (id),
  bank_name text NOT NULL,
  account_cipher bytea NOT NULL,
  account_mask text NOT NULL,
  depositor_mask text NOT NULL,
  tax_id_cipher bytea NOT NULL,
  tax_id_mask text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE subject_devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  model text,
  os text,
  app_version text,
  ip inet,
  carrier text,
  city text,
  country text,
  time_zone text,
  advertising_id_mask text,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX subject_devices_subject_idx ON subject_devices (subject_id, last_seen_at DESC);

CREATE TABLE subject_calendar_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  provider text NOT NULL CHECK (provider IN ('google')),
  account_email_mask text NOT NULL,
  events_synced integer NOT NULL DEFAULT 0,
  linked_at timestamptz NOT NULL,
  last_synced_at timestamptz,
  unlinked_at timestamptz
);
CREATE INDEX subject_calendar_links_subject_idx ON subject_calendar_links (subject_id);

-- Support's identity checks of the person asking, and the account actions they justify.
CREATE TABLE subject_identity_checks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  method text NOT NULL CHECK (method IN (
    'phone_otp', 'email_link', 'id_document', 'video_call', 'callback_registered_phone', 'guardian_document')),
  evidence_ref text NOT NULL CHECK (length(evidence_ref) BETWEEN 3 AND 200),
  note text CHECK (length(note) <= 500),
  staff_id uuid NOT NULL REFERENCES staff (id),
  checked_at timestamptz NOT NULL
);
CREATE INDEX subject_identity_checks_subject_idx ON subject_identity_checks (subject_id, checked_at DESC);

CREATE TABLE subject_account_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  action text NOT NULL CHECK (action IN ('reactivate', 'unlock', 'unlink_social', 'withdraw')),
  identity_check_id uuid NOT NULL REFERENCES subject_identity_checks (id),
  staff_id uuid NOT NULL REFERENCES staff (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  -- A withdrawal stays pending until the rights-request module takes it over.
  status text NOT NULL CHECK (status IN ('done', 'pending')),
  detail jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);
CREATE INDEX subject_account_actions_subject_idx ON subject_account_actions (subject_id, created_at DESC);

-- The application reads and changes subject data; nothing here is deleted by the console.
GRANT SELECT, INSERT, UPDATE ON
  subjects, subject_keys, subject_social_links, subject_consents, subject_bookings,
  subject_counseling_records, subject_reviews, subject_recordings, subject_sensitive_data,
  subject_payments, subject_financial_profiles, subject_devices, subject_calendar_links
  TO console_app;
GRANT SELECT, INSERT ON subject_identity_checks, subject_account_actions TO console_app;
