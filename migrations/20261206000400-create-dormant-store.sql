-- F9: the dormant store. An account unused for the dormancy period (the `dormant_accounts` rule,
-- one year; PIPA's old Art. 39-6 and both policies) is separated from the live data 30 days after
-- its notice: its personal columns and the rows wholly its own move into `dormant_store`, which the
-- application role cannot read. Only three functions reach it, each SECURITY DEFINER with a fixed
-- search_path: separation (the dormancy-separation job), restoration (support's reactivation after
-- an identity check) and a blind-index lookup (support finding a separated account by e-mail or
-- phone). Ciphertexts move as ciphertexts: the data key stays in subject_keys, so key rotation and
-- crypto-shredding reach separated people too.
--
-- The subjects row stays (its id is referenced everywhere) with its personal columns emptied,
-- status 'dormant', dormant_at and separated_at set. Ordinary lists, searches, pickers and the
-- profile skip or refuse a row with separated_at set.
--
-- Accounts already 'dormant' before this migration (the demo's, or an installation's) keep their
-- data in place: nobody was told 30 days ahead, so they are not separated here. The dormancy-notices
-- job treats them like any unused account: a notice now, separation no sooner than 30 days later.

ALTER TABLE subjects ADD COLUMN separated_at timestamptz;
ALTER TABLE subjects ADD CONSTRAINT subjects_separated_dormant
  CHECK (separated_at IS NULL OR (status = 'dormant' AND dormant_at IS NOT NULL));
-- A separated account has no name left in the live table either (it is in the store).
ALTER TABLE subjects DROP CONSTRAINT subjects_named_unless_erased;
ALTER TABLE subjects ADD CONSTRAINT subjects_named_unless_erased
  CHECK (erased_at IS NOT NULL OR separated_at IS NOT NULL OR (name IS NOT NULL AND name_key IS NOT NULL));
CREATE INDEX subjects_separated_idx ON subjects (id) WHERE separated_at IS NOT NULL;
-- The notices job looks for accounts whose last use is old enough.
CREATE INDEX subjects_last_use_idx ON subjects ((coalesce(last_active_at, created_at)))
  WHERE separated_at IS NULL AND erased_at IS NULL AND status <> 'withdrawn';

CREATE SCHEMA dormant_store;
REVOKE ALL ON SCHEMA dormant_store FROM PUBLIC;

-- The personal columns of subjects, as they were when separated (same names and types).
CREATE TABLE dormant_store.profiles (
  subject_id uuid PRIMARY KEY REFERENCES subjects (id),
  name text,
  name_key text,
  nickname text,
  email_cipher bytea,
  email_index bytea,
  email_mask text,
  phone_cipher bytea,
  phone_index bytea,
  phone_mask text,
  birth_date date,
  gender text,
  residence text,
  occupation text,
  institution text,
  counseling_interest text,
  counseling_interest_cipher bytea,
  referral_code text,
  relationship_to_guardian text,
  separated_at timestamptz NOT NULL
);
CREATE INDEX dormant_profiles_email_idx ON dormant_store.profiles (email_index) WHERE email_index IS NOT NULL;
CREATE INDEX dormant_profiles_phone_idx ON dormant_store.profiles (phone_index) WHERE phone_index IS NOT NULL;

-- The rows wholly the person's, each as to_jsonb(row) of its table (bytea as hex text), restored
-- with jsonb_populate_record: a column a later migration adds travels with the row.
CREATE TABLE dormant_store.rows (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_id uuid NOT NULL REFERENCES subjects (id),
  source text NOT NULL CHECK (source IN (
    'subject_consents', 'subject_social_links', 'subject_calendar_links', 'subject_sensitive_data',
    'subject_financial_profiles')),
  row_data jsonb NOT NULL,
  separated_at timestamptz NOT NULL
);
CREATE INDEX dormant_rows_subject_idx ON dormant_store.rows (subject_id, source);

REVOKE ALL ON ALL TABLES IN SCHEMA dormant_store FROM PUBLIC;

-- Separates one notified account whose separation date has come. Refuses (raises) anything else:
-- the application role cannot separate a person who was not told first. Returns false when the
-- account is already separated (a rerun of the job).
CREATE FUNCTION dormancy_separate(subject uuid, at timestamptz) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s subjects%ROWTYPE;
  c dormancy_cases%ROWTYPE;
BEGIN
  SELECT * INTO s FROM subjects WHERE id = dormancy_separate.subject FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'dormancy_separate: no such subject' USING ERRCODE = 'no_data_found';
  END IF;
  IF s.separated_at IS NOT NULL THEN
    RETURN false;
  END IF;
  IF s.erased_at IS NOT NULL OR s.status = 'withdrawn' THEN
    RAISE EXCEPTION 'dormancy_separate: the account is erased or withdrawn' USING ERRCODE = 'check_violation';
  END IF;
  SELECT * INTO c FROM dormancy_cases
    WHERE subject_id = dormancy_separate.subject AND state = 'notified' FOR UPDATE;
  IF NOT FOUND OR c.separation_due_on > (dormancy_separate.at AT TIME ZONE 'UTC')::date + 1 THEN
    -- (+1: the due date is the organisation's local date, at most a day ahead of UTC.)
    RAISE EXCEPTION 'dormancy_separate: no notified case due for separation' USING ERRCODE = 'check_violation';
  END IF;

  INSERT INTO dormant_store.profiles (subject_id, name, name_key, nickname, email_cipher, email_index, email_mask,
    phone_cipher, phone_index, phone_mask, birth_date, gender, residence, occupation, institution,
    counseling_interest, counseling_interest_cipher, referral_code, relationship_to_guardian, separated_at)
  VALUES (s.id, s.name, s.name_key, s.nickname, s.email_cipher, s.email_index, s.email_mask,
    s.phone_cipher, s.phone_index, s.phone_mask, s.birth_date, s.gender, s.residence, s.occupation, s.institution,
    s.counseling_interest, s.counseling_interest_cipher, s.referral_code, s.relationship_to_guardian,
    dormancy_separate.at);

  INSERT INTO dormant_store.rows (subject_id, source, row_data, separated_at)
    SELECT s.id, 'subject_consents', to_jsonb(r), dormancy_separate.at FROM subject_consents r WHERE r.subject_id = s.id;
  DELETE FROM subject_consents WHERE subject_id = s.id;
  INSERT INTO dormant_store.rows (subject_id, source, row_data, separated_at)
    SELECT s.id, 'subject_social_links', to_jsonb(r), dormancy_separate.at FROM subject_social_links r WHERE r.subject_id = s.id;
  DELETE FROM subject_social_links WHERE subject_id = s.id;
  INSERT INTO dormant_store.rows (subject_id, source, row_data, separated_at)
    SELECT s.id, 'subject_calendar_links', to_jsonb(r), dormancy_separate.at FROM subject_calendar_links r WHERE r.subject_id = s.id;
  DELETE FROM subject_calendar_links WHERE subject_id = s.id;
  INSERT INTO dormant_store.rows (subject_id, source, row_data, separated_at)
    SELECT s.id, 'subject_sensitive_data', to_jsonb(r), dormancy_separate.at FROM subject_sensitive_data r WHERE r.subject_id = s.id;
  DELETE FROM subject_sensitive_data WHERE subject_id = s.id;
  INSERT INTO dormant_store.rows (subject_id, source, row_data, separated_at)
    SELECT s.id, 'subject_financial_profiles', to_jsonb(r), dormancy_separate.at FROM subject_financial_profiles r WHERE r.subject_id = s.id;
  DELETE FROM subject_financial_profiles WHERE subject_id = s.id;

  UPDATE subjects SET name = NULL, name_key = NULL, nickname = NULL,
    email_cipher = NULL, email_index = NULL, email_mask = NULL,
    phone_cipher = NULL, phone_index = NULL, phone_mask = NULL,
    birth_date = NULL, gender = NULL, residence = NULL, occupation = NULL, institution = NULL,
    counseling_interest = NULL, counseling_interest_cipher = NULL, referral_code = NULL,
    relationship_to_guardian = NULL,
    status = 'dormant', dormant_at = coalesce(s.dormant_at, dormancy_separate.at),
    separated_at = dormancy_separate.at, updated_at = dormancy_separate.at
  WHERE id = s.id;

  UPDATE dormancy_cases SET state = 'separated', separated_at = dormancy_separate.at, updated_at = dormancy_separate.at
  WHERE id = c.id;
  RETURN true;
END
$$;

-- Brings a separated account back after support's identity check of the person (F3): its columns
-- and rows return, the store forgets them, the account is active again and its case 'reactivated'.
CREATE FUNCTION dormancy_restore(subject uuid, at timestamptz, staff uuid, identity_check uuid) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s subjects%ROWTYPE;
  p dormant_store.profiles%ROWTYPE;
BEGIN
  SELECT * INTO s FROM subjects WHERE id = dormancy_restore.subject FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'dormancy_restore: no such subject' USING ERRCODE = 'no_data_found';
  END IF;
  IF s.separated_at IS NULL THEN
    RETURN false;
  END IF;
  PERFORM 1 FROM subject_identity_checks c
    WHERE c.id = dormancy_restore.identity_check AND c.subject_id = s.id AND c.staff_id = dormancy_restore.staff;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'dormancy_restore: the identity check is not of this person by this staff member'
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT * INTO p FROM dormant_store.profiles WHERE subject_id = s.id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'dormancy_restore: nothing stored for this subject' USING ERRCODE = 'no_data_found';
  END IF;

  UPDATE subjects SET name = p.name, name_key = p.name_key, nickname = p.nickname,
    email_cipher = p.email_cipher, email_index = p.email_index, email_mask = p.email_mask,
    phone_cipher = p.phone_cipher, phone_index = p.phone_index, phone_mask = p.phone_mask,
    birth_date = p.birth_date, gender = p.gender, residence = p.residence, occupation = p.occupation,
    institution = p.institution, counseling_interest = p.counseling_interest,
    counseling_interest_cipher = p.counseling_interest_cipher, referral_code = p.referral_code,
    relationship_to_guardian = p.relationship_to_guardian,
    status = 'active', dormant_at = NULL, separated_at = NULL,
    last_active_at = dormancy_restore.at, updated_at = dormancy_restore.at
  WHERE id = s.id;

  INSERT INTO subject_consents
    SELECT (jsonb_populate_record(NULL::subject_consents, r.row_data)).*
    FROM dormant_store.rows r WHERE r.subject_id = s.id AND r.source = 'subject_consents';
  INSERT INTO subject_social_links
    SELECT (jsonb_populate_record(NULL::subject_social_links, r.row_data)).*
    FROM dormant_store.rows r WHERE r.subject_id = s.id AND r.source = 'subject_social_links';
  INSERT INTO subject_calendar_links
    SELECT (jsonb_populate_record(NULL::subject_calendar_links, r.row_data)).*
    FROM dormant_store.rows r WHERE r.subject_id = s.id AND r.source = 'subject_calendar_links';
  INSERT INTO subject_sensitive_data
    SELECT (jsonb_populate_record(NULL::subject_sensitive_data, r.row_data)).*
    FROM dormant_store.rows r WHERE r.subject_id = s.id AND r.source = 'subject_sensitive_data';
  INSERT INTO subject_financial_profiles
    SELECT (jsonb_populate_record(NULL::subject_financial_profiles, r.row_data)).*
    FROM dormant_store.rows r WHERE r.subject_id = s.id AND r.source = 'subject_financial_profiles';

  DELETE FROM dormant_store.rows WHERE subject_id = s.id;
  DELETE FROM dormant_store.profiles WHERE subject_id = s.id;

  UPDATE dormancy_cases SET state = 'reactivated', reactivated_at = dormancy_restore.at,
    reactivated_by = dormancy_restore.staff, identity_check_id = dormancy_restore.identity_check,
    updated_at = dormancy_restore.at
  WHERE subject_id = s.id AND state = 'separated';
  RETURN true;
END
$$;

-- A separated account by the blind index of its e-mail or phone (support's lookup before an
-- identity check): the id only, the most recently separated when several match.
CREATE FUNCTION dormancy_find(kind text, index bytea) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p.subject_id FROM dormant_store.profiles p
  WHERE (dormancy_find.kind = 'email' AND p.email_index = dormancy_find.index)
     OR (dormancy_find.kind = 'phone' AND p.phone_index = dormancy_find.index)
  ORDER BY p.separated_at DESC, p.subject_id
  LIMIT 1
$$;

REVOKE ALL ON FUNCTION dormancy_separate(uuid, timestamptz), dormancy_restore(uuid, timestamptz, uuid, uuid),
  dormancy_find(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dormancy_separate(uuid, timestamptz), dormancy_restore(uuid, timestamptz, uuid, uuid),
  dormancy_find(text, bytea) TO console_app;

-- ---- notice templates ------------------------------------------------------------------------------

CREATE TEMPORARY TABLE seed_dormancy ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, t.*, now() AS at FROM (VALUES
(
  'dormancy.notice-email', 'email',
  'Notice to a person that their unused account will be separated into the dormant store (30 days ahead)',
  E'[{{serviceName}}] 휴면 계정 전환 예정 안내',
  E'[{{serviceName}}] Your account will become dormant',
  E'{{name}}님, 안녕하세요.\n\n{{serviceName}} 계정을 {{lastActiveOn}} 이후 {{period}} 동안 이용하지 않으셨습니다. 관련 법령과 개인정보 처리방침에 따라 {{separationOn}}에 계정이 휴면 상태로 전환되며, 개인정보는 다른 이용자의 정보와 분리하여 별도로 보관됩니다.\n\n휴면 전환을 원하지 않으시면 {{separationOn}} 전에 로그인해 주십시오. 휴면 전환 후에는 본인 확인을 거쳐 계정을 다시 사용하실 수 있습니다.\n\n분리 보관되는 항목: 이름, 연락처(이메일·휴대전화), 생년월일 등 회원 정보와 동의 내역, 연동 계정.',
  E'Dear {{name}},\n\nYou have not used your {{serviceName}} account since {{lastActiveOn}} ({{period}}). As the law and our privacy policy require, on {{separationOn}} the account becomes dormant and your personal data is stored apart from other members'' data.\n\nTo keep the account active, sign in before {{separationOn}}. After that, you can still reactivate it once we have confirmed your identity.\n\nWhat is stored apart: your name, contact details (e-mail, mobile number), date of birth and other profile data, your consents and linked accounts.',
  '{"name": "김지수", "serviceName": "마음주의", "lastActiveOn": "2025-12-01", "period": "1년", "separationOn": "2026-12-01"}'::jsonb
),
(
  'dormancy.notice-sms', 'sms',
  'Short notice to a person that their unused account will be separated into the dormant store (30 days ahead)',
  E'[{{serviceName}}] 휴면 전환 안내',
  E'[{{serviceName}}] Dormant account notice',
  E'[{{serviceName}}] {{lastActiveOn}} 이후 미이용 계정이 {{separationOn}}에 휴면 전환되어 개인정보가 분리 보관됩니다. 원치 않으시면 그 전에 로그인해 주세요.',
  E'[{{serviceName}}] Your account, unused since {{lastActiveOn}}, becomes dormant on {{separationOn}} and its data will be stored apart. Sign in before then to keep it active.',
  '{"serviceName": "Shelby", "lastActiveOn": "2025-12-01", "separationOn": "2026-12-01"}'::jsonb
),
(
  'dormancy.notice-app', 'app_push',
  'App notice to a person without e-mail or phone that their unused account will become dormant (30 days ahead)',
  E'[{{serviceName}}] 휴면 전환 안내',
  E'[{{serviceName}}] Dormant account notice',
  E'{{lastActiveOn}} 이후 이용하지 않은 계정이 {{separationOn}}에 휴면 전환됩니다. 원치 않으시면 그 전에 로그인해 주세요.',
  E'Your account, unused since {{lastActiveOn}}, becomes dormant on {{separationOn}}. Sign in before then to keep it active.',
  '{"serviceName": "Shelby", "lastActiveOn": "2025-12-01", "separationOn": "2026-12-01"}'::jsonb
)) AS t(template_key, channel, description, subject_ko, subject_en, body_ko, body_en, sample_data);

INSERT INTO message_templates (id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, version, created_at, updated_at)
SELECT id, template_key, 'message', channel, description, true,
  subject_ko, subject_en, body_ko, body_en, sample_data, 1, at, at
FROM seed_dormancy;

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT id, 1, 'seed', NULL, 'system', 'Seeded by migration 20261206000400', at,
  jsonb_build_object(
    'subjectKo', subject_ko, 'subjectEn', subject_en, 'bodyKo', body_ko, 'bodyEn', body_en,
    'deleteContentAfterSend', true, 'sampleData', sample_data, 'description', description
  )
FROM seed_dormancy;
