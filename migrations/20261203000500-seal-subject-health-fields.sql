-- Counseling interests and booking topics ("우울감", "불안 및 공황") are health information
-- (PIPA Art. 23): support must not read them (Shelby policy 제3조; DESIGN.md, Roles). They are
-- sealed like the other sensitive fields: AES-256-GCM under the subject's own data key, the
-- associated data naming the row and the column (server/src/subjects/crypto/subject-crypto.ts).
--
-- The keys live outside the database, so this migration cannot encrypt existing rows. The
-- server does it at start-up, before it listens (SubjectPlaintextSealer): it seals each
-- plaintext value and sets the plaintext column to NULL, in batches. The NOT VALID checks
-- below refuse any new plaintext from now on, while letting the existing rows be sealed.
-- A later migration drops the two plaintext columns once every installation has sealed them.

ALTER TABLE subjects ADD COLUMN counseling_interest_cipher bytea;
ALTER TABLE subjects ADD CONSTRAINT subjects_counseling_interest_sealed
  CHECK (counseling_interest IS NULL) NOT VALID;

-- A topic is sealed under the key of the booking's client (the guardian, for Shelby).
ALTER TABLE subject_bookings ADD COLUMN topic_cipher bytea;
ALTER TABLE subject_bookings ALTER COLUMN topic DROP NOT NULL;
ALTER TABLE subject_bookings ADD CONSTRAINT subject_bookings_topic_sealed
  CHECK (topic IS NULL) NOT VALID;

-- Only the start-up sealer's batches look for rows still holding plaintext.
CREATE INDEX subjects_counseling_interest_plain_idx ON subjects (id) WHERE counseling_interest IS NOT NULL;
CREATE INDEX subject_bookings_topic_plain_idx ON subject_bookings (id) WHERE topic IS NOT NULL;
