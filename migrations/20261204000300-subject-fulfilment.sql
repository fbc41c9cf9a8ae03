-- F7: rights requests act on the subject data (server/src/subjects/fulfilment).
--
-- Erasure removes every trace the console holds of a person: the ciphertexts by destroying the
-- data key (crypto-shredding, which also reaches backups), and the plain columns, blind indexes,
-- masks and the rows that are wholly theirs. What a statute keeps stays, under a legal hold with
-- its destruction date; a tombstone without personal data records that the person was erased.

-- An erased person keeps their row (its id is what the retained rows, the request records and
-- the access log point at) but not their name.
ALTER TABLE subjects ALTER COLUMN name DROP NOT NULL;
ALTER TABLE subjects ALTER COLUMN name_key DROP NOT NULL;
ALTER TABLE subjects ADD COLUMN erased_at timestamptz;
-- Restriction of processing (PIPA Art. 37, GDPR Art. 18): set in the transaction that decides it.
ALTER TABLE subjects ADD COLUMN processing_restricted_at timestamptz;
ALTER TABLE subjects ADD COLUMN processing_restriction_request_id uuid;
ALTER TABLE subjects ADD CONSTRAINT subjects_restriction_request
  CHECK ((processing_restricted_at IS NULL) = (processing_restriction_request_id IS NULL));
-- Marketing consent withdrawn: the person is suppressed from marketing from that moment.
ALTER TABLE subjects ADD COLUMN marketing_suppressed_at timestamptz;
-- An erased identity has no name left.
ALTER TABLE subjects ADD CONSTRAINT subjects_named_unless_erased
  CHECK (erased_at IS NOT NULL OR (name IS NOT NULL AND name_key IS NOT NULL));

-- That a person was erased, and nothing about who they were.
CREATE TABLE subject_tombstones (
  subject_id uuid PRIMARY KEY REFERENCES subjects (id),
  service text NOT NULL,
  kind text NOT NULL,
  erased_at timestamptz NOT NULL,
  rights_request_id uuid NOT NULL,
  erased text[] NOT NULL,
  retained text[] NOT NULL
);

-- Data a statute keeps after an erasure, apart from the rest (PIPA Art. 21(3)), until destroy_on.
CREATE TABLE subject_legal_holds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  category text NOT NULL,
  retention_rule_code text NOT NULL,
  law text NOT NULL,
  latest_record_on date NOT NULL,
  destroy_on date NOT NULL CHECK (destroy_on >= latest_record_on),
  rights_request_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  released_at timestamptz
);
CREATE INDEX subject_legal_holds_subject_idx ON subject_legal_holds (subject_id, category);
CREATE INDEX subject_legal_holds_due_idx ON subject_legal_holds (destroy_on) WHERE released_at IS NULL;

-- A rectification's before and after, sealed under the person's data key (an erasure shreds them too).
CREATE TABLE subject_rectifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  field text NOT NULL,
  before_cipher bytea,
  after_cipher bytea,
  rights_request_id uuid NOT NULL,
  staff_id uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX subject_rectifications_subject_idx ON subject_rectifications (subject_id, created_at DESC);

-- Records and booking topics about a child were sealed under the guardian's key, so erasing the
-- child alone could not shred them. From now on they are sealed under the child's own key:
-- sealed_under names the key's subject (NULL: the row's subject_id / client_id, as before). The
-- start-up re-sealer (ChildRecordResealer) moves the existing rows; the NOT VALID checks refuse
-- any new row about a child sealed under another key.
ALTER TABLE subject_counseling_records ADD COLUMN sealed_under uuid REFERENCES subjects (id);
ALTER TABLE subject_counseling_records ADD CONSTRAINT subject_counseling_records_child_key
  CHECK (child_id IS NULL OR sealed_under = child_id) NOT VALID;
CREATE INDEX subject_counseling_records_child_unsealed_idx ON subject_counseling_records (id)
  WHERE child_id IS NOT NULL AND sealed_under IS NULL;
ALTER TABLE subject_bookings ADD COLUMN topic_sealed_under uuid REFERENCES subjects (id);
ALTER TABLE subject_bookings ADD CONSTRAINT subject_bookings_child_topic_key
  CHECK (child_id IS NULL OR topic_cipher IS NULL OR topic_sealed_under = child_id) NOT VALID;
CREATE INDEX subject_bookings_child_unsealed_idx ON subject_bookings (id)
  WHERE child_id IS NOT NULL AND topic_cipher IS NOT NULL AND topic_sealed_under IS NULL;

GRANT SELECT, INSERT, UPDATE ON subject_tombstones, subject_legal_holds TO console_app;
GRANT SELECT, INSERT ON subject_rectifications TO console_app;
-- Erasure removes the rows that are wholly the person's (the first migration granted no DELETE:
-- only an erasure deletes subject data).
GRANT DELETE ON subject_social_links, subject_consents, subject_counseling_records, subject_reviews,
  subject_recordings, subject_sensitive_data, subject_payments, subject_financial_profiles, subject_devices,
  subject_calendar_links, subject_rectifications TO console_app;
