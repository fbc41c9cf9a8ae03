-- F9: retention, legal holds and dormant accounts. Both policies promise destruction "without
-- delay" once a purpose is met, save what a statute keeps (PIPA Art. 21), and separate accounts
-- unused for a year (company policy since September 2023). This migration lays the tables the
-- parts share; the dormant store (its own schema, reachable only through its functions) comes in
-- its own migration.
--
-- Roles: the DPO edits the rules (each edit a version, with who approved it) and the holds; the
-- auditor reads; support reactivates dormant accounts (F3 identity check first).

-- ---- retention rules, acted on -----------------------------------------------------------------

-- The F4 rules table stays where it is (registers refer to it by id and code). What the console
-- acts on is added: which records (category), from which event the period runs (trigger), and
-- what happens at its end (action). A rule with no category is kept elsewhere (at a processor, or
-- nothing of the kind is stored here); it is listed, never scanned. Period and legal basis stay in
-- `retention` ({"period": "P5Y", "law": "…"}), the form registers read.
ALTER TABLE retention_rules
  ADD COLUMN category text CHECK (category ~ '^[a-z0-9_]{2,60}$'),
  ADD COLUMN trigger text CHECK (trigger IN ('collection', 'counseling_end', 'withdrawal', 'transaction_date', 'last_login')),
  ADD COLUMN action text CHECK (action IN ('destroy', 'pseudonymise', 'separate')),
  -- Dormancy only: how long before separation the person is told (PIPA's old Art. 39-6: 30 days).
  ADD COLUMN notice_period text CHECK (notice_period ~ '^P[0-9YMWD]+$'),
  ADD COLUMN enabled boolean NOT NULL DEFAULT true,
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  -- Who approved the rule as it stands (the DPO who saved this version; NULL: seeded from the
  -- policies by the migration). A destruction certificate names them.
  ADD COLUMN approved_by uuid REFERENCES staff (id),
  ADD COLUMN approved_at timestamptz,
  ADD CONSTRAINT retention_rules_acted_on CHECK ((category IS NULL) = (trigger IS NULL) AND (category IS NULL) = (action IS NULL));
CREATE UNIQUE INDEX retention_rules_category_key ON retention_rules (category) WHERE category IS NOT NULL AND enabled;

-- REQUIREMENTS.md D and the two policies: what each seeded rule acts on.
UPDATE retention_rules SET category = 'contract_records', trigger = 'withdrawal', action = 'destroy'
  WHERE code = 'ecommerce_contract_records';
UPDATE retention_rules SET category = 'payments', trigger = 'transaction_date', action = 'destroy'
  WHERE code = 'ecommerce_payment_records';
UPDATE retention_rules SET category = 'visit_logs', trigger = 'collection', action = 'destroy'
  WHERE code = 'website_visit_logs';
UPDATE retention_rules SET category = 'counseling_results', trigger = 'counseling_end', action = 'destroy'
  WHERE code = 'counseling_results';
UPDATE retention_rules SET category = 'expert_provision', trigger = 'counseling_end', action = 'destroy'
  WHERE code = 'expert_provision';
UPDATE retention_rules SET category = 'accounts', trigger = 'last_login', action = 'separate', notice_period = 'P30D'
  WHERE code = 'dormant_accounts';

-- Every saved version of a rule, as it was saved: who, when, why. Never changed.
CREATE TABLE retention_rule_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule_id uuid NOT NULL REFERENCES retention_rules (id),
  version integer NOT NULL CHECK (version >= 1),
  rule jsonb NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  changed_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  UNIQUE (rule_id, version)
);
INSERT INTO retention_rule_versions (rule_id, version, rule, reason, changed_by, created_at)
  SELECT id, 1, to_jsonb(r) - 'id', 'Seeded from REQUIREMENTS.md D and the two privacy policies', NULL, now()
  FROM retention_rules r;

-- ---- legal holds --------------------------------------------------------------------------------

-- A hold suspends destruction for chosen people, or for whole categories, while an incident,
-- litigation, a regulator's inquiry or a rights request under review needs the data. (F7's
-- subject_legal_holds are something else: what a statute keeps after an erasure, until destroy_on.)
CREATE SEQUENCE legal_hold_reference_seq AS bigint START 1;
CREATE TABLE legal_holds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- LH-2026-000001: the year it was placed (organisation time zone) and the sequence.
  reference text NOT NULL UNIQUE CHECK (reference ~ '^LH-[0-9]{4}-[0-9]{6,}$'),
  source text NOT NULL CHECK (source IN ('incident', 'litigation', 'regulator_inquiry', 'rights_request')),
  incident_id uuid REFERENCES incidents (id),
  rights_request_id uuid REFERENCES rights_requests (id),
  -- The case number, court or authority's reference (litigation, inquiries), in staff's words.
  source_reference text CHECK (length(source_reference) BETWEEN 1 AND 200),
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 2000),
  owner_id uuid NOT NULL REFERENCES staff (id),
  review_on date NOT NULL,
  -- Record categories (retention_rules.category) held for everyone; empty: only the people listed
  -- in legal_hold_subjects.
  categories text[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('active', 'released')),
  created_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  released_at timestamptz,
  released_by uuid REFERENCES staff (id),
  release_reason text CHECK (length(release_reason) BETWEEN 3 AND 2000),
  -- The review date the owner was last reminded of (the reminder job sends one per date).
  reminded_for date,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CONSTRAINT legal_holds_source_link CHECK (
    (source <> 'incident' OR incident_id IS NOT NULL)
    AND (source <> 'rights_request' OR rights_request_id IS NOT NULL)),
  CONSTRAINT legal_holds_released CHECK (
    (status = 'released') = (released_at IS NOT NULL)
    AND (released_at IS NULL) = (released_by IS NULL)
    AND (released_at IS NULL) = (release_reason IS NULL))
);
CREATE INDEX legal_holds_active_review_idx ON legal_holds (review_on) WHERE status = 'active';
CREATE INDEX legal_holds_categories_idx ON legal_holds USING gin (categories) WHERE status = 'active';

CREATE TABLE legal_hold_subjects (
  hold_id uuid NOT NULL REFERENCES legal_holds (id),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (hold_id, subject_id)
);
CREATE INDEX legal_hold_subjects_subject_idx ON legal_hold_subjects (subject_id);

-- What happened to a hold, in order: placed, people added, review date moved, reminded, released.
CREATE TABLE legal_hold_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hold_id uuid NOT NULL REFERENCES legal_holds (id),
  kind text NOT NULL CHECK (kind ~ '^[a-z_]{2,40}$'),
  detail jsonb NOT NULL DEFAULT '{}',
  staff_id uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX legal_hold_events_hold_idx ON legal_hold_events (hold_id, id);

-- ---- the destruction queue, runs and certificates -----------------------------------------------

-- One destruction run: the queue items due through `through_on`, destroyed person by person, each
-- person in one transaction. A run killed midway is found 'running' and finished by the next
-- attempt; its certificate is written once (UNIQUE run_id below).
CREATE TABLE destruction_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  through_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  job_run_id uuid,
  started_by uuid REFERENCES staff (id),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  error text,
  CHECK ((status = 'running') = (finished_at IS NULL))
);
-- At most one run at a time, across every instance.
CREATE UNIQUE INDEX destruction_runs_one_running ON destruction_runs ((true)) WHERE status = 'running';

-- What the daily scan found due: one row per person and rule (a person's payments under the 5-year
-- rule are one item, however many rows), re-evaluated when destroyed. `cutoff`: records whose
-- trigger time is before it are due. A statutory hold of F7 reaching its destroy_on is an item too
-- (statutory_hold_id).
CREATE TABLE destruction_queue (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule_id uuid NOT NULL REFERENCES retention_rules (id),
  rule_version integer NOT NULL,
  category text NOT NULL,
  action text NOT NULL CHECK (action IN ('destroy', 'pseudonymise')),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  statutory_hold_id uuid REFERENCES subject_legal_holds (id),
  due_on date NOT NULL,
  cutoff timestamptz NOT NULL,
  record_count integer NOT NULL CHECK (record_count >= 0),
  status text NOT NULL CHECK (status IN ('pending', 'held', 'destroyed', 'cancelled')),
  -- The active legal holds that stopped it, when held.
  held_by uuid[] NOT NULL DEFAULT '{}',
  scanned_at timestamptz NOT NULL,
  run_id uuid REFERENCES destruction_runs (id),
  destroyed_count integer CHECK (destroyed_count >= 0),
  destroyed_at timestamptz,
  CHECK ((status = 'destroyed') = (destroyed_at IS NOT NULL AND run_id IS NOT NULL AND destroyed_count IS NOT NULL))
);
-- One open item per person and rule: a rescan updates it instead of adding another.
CREATE UNIQUE INDEX destruction_queue_open_key ON destruction_queue (rule_id, subject_id)
  WHERE status IN ('pending', 'held');
CREATE INDEX destruction_queue_due_idx ON destruction_queue (due_on, id) WHERE status IN ('pending', 'held');
CREATE INDEX destruction_queue_run_idx ON destruction_queue (run_id) WHERE run_id IS NOT NULL;
CREATE INDEX destruction_queue_subject_idx ON destruction_queue (subject_id);

-- The proof a run happened: per rule, the categories and counts, the time, and who approved the
-- rule. No personal data (no ids of people, no names). Rendered as a PDF from an F6 template.
CREATE SEQUENCE destruction_certificate_seq AS bigint START 1;
CREATE TABLE destruction_certificates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- DC-2026-000001
  reference text NOT NULL UNIQUE CHECK (reference ~ '^DC-[0-9]{4}-[0-9]{6,}$'),
  run_id uuid NOT NULL UNIQUE REFERENCES destruction_runs (id),
  issued_at timestamptz NOT NULL,
  through_on date NOT NULL,
  -- [{ruleId, ruleCode, ruleVersion, name{ko,en}, category, action, period, trigger, legalBasis,
  --   approvedBy{id, name} | null, approvedAt, people, records, held}]
  lines jsonb NOT NULL,
  people integer NOT NULL CHECK (people >= 0),
  records integer NOT NULL CHECK (records >= 0),
  -- Items a legal hold stopped, by count.
  held integer NOT NULL CHECK (held >= 0)
);

-- Certificates and rule versions are proof: never changed, never deleted.
CREATE FUNCTION retention_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER destruction_certificates_append_only BEFORE UPDATE OR DELETE ON destruction_certificates
  FOR EACH ROW EXECUTE FUNCTION retention_refuse_change();
CREATE TRIGGER destruction_certificates_no_truncate BEFORE TRUNCATE ON destruction_certificates
  FOR EACH STATEMENT EXECUTE FUNCTION retention_refuse_change();
CREATE TRIGGER retention_rule_versions_append_only BEFORE UPDATE OR DELETE ON retention_rule_versions
  FOR EACH ROW EXECUTE FUNCTION retention_refuse_change();
CREATE TRIGGER retention_rule_versions_no_truncate BEFORE TRUNCATE ON retention_rule_versions
  FOR EACH STATEMENT EXECUTE FUNCTION retention_refuse_change();
ALTER TABLE destruction_certificates ENABLE ALWAYS TRIGGER destruction_certificates_append_only;
ALTER TABLE destruction_certificates ENABLE ALWAYS TRIGGER destruction_certificates_no_truncate;
ALTER TABLE retention_rule_versions ENABLE ALWAYS TRIGGER retention_rule_versions_append_only;
ALTER TABLE retention_rule_versions ENABLE ALWAYS TRIGGER retention_rule_versions_no_truncate;

-- ---- dormancy -----------------------------------------------------------------------------------

-- One account's way to dormancy: due for notice → notified (30 days before) → separated into the
-- dormant store → reactivated by support; 'cancelled' when the person came back before separation.
CREATE TABLE dormancy_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL REFERENCES subjects (id),
  state text NOT NULL CHECK (state IN ('due_for_notice', 'notified', 'separated', 'reactivated', 'cancelled')),
  -- The last use the dates were computed from (created_at when the person never signed in).
  last_active_at timestamptz NOT NULL,
  notice_due_on date NOT NULL,
  separation_due_on date NOT NULL CHECK (separation_due_on >= notice_due_on),
  rule_version integer NOT NULL,
  notice_message_id uuid,
  notice_channel text CHECK (notice_channel IN ('email', 'sms', 'app_push', 'letter')),
  notified_at timestamptz,
  separated_at timestamptz,
  reactivated_at timestamptz,
  reactivated_by uuid REFERENCES staff (id),
  identity_check_id uuid REFERENCES subject_identity_checks (id),
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (state <> 'notified' OR notified_at IS NOT NULL),
  CHECK (state <> 'separated' OR separated_at IS NOT NULL),
  CHECK (state <> 'reactivated' OR (reactivated_at IS NOT NULL AND reactivated_by IS NOT NULL))
);
-- One open case per person.
CREATE UNIQUE INDEX dormancy_cases_open_key ON dormancy_cases (subject_id)
  WHERE state IN ('due_for_notice', 'notified', 'separated');
CREATE INDEX dormancy_cases_state_idx ON dormancy_cases (state, separation_due_on);

GRANT SELECT, INSERT, UPDATE ON retention_rules TO console_app;
GRANT SELECT, INSERT ON retention_rule_versions TO console_app;
GRANT SELECT, INSERT, UPDATE ON legal_holds TO console_app;
GRANT SELECT, INSERT, DELETE ON legal_hold_subjects TO console_app;
GRANT SELECT, INSERT ON legal_hold_events TO console_app;
GRANT USAGE ON SEQUENCE legal_hold_reference_seq, destruction_certificate_seq TO console_app;
GRANT SELECT, INSERT, UPDATE ON destruction_runs, destruction_queue TO console_app;
GRANT SELECT, INSERT ON destruction_certificates TO console_app;
GRANT SELECT, INSERT, UPDATE ON dormancy_cases TO console_app;
