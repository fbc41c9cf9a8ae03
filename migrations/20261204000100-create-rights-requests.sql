-- F7: rights requests (REQUIREMENTS A). The request, its append-only timeline, the fan-out task per
-- register recipient (GDPR Art. 19, PIPA entrustment) and the documents produced for it.
-- Request records are kept at least 24 months (11 CCR 7101), and an erasure of the person never
-- deletes them: the application role has no DELETE on any of these tables, and there is no
-- foreign key to subjects (erasing the person must not touch or be blocked by the request).

CREATE SEQUENCE rights_request_reference_seq;

CREATE TABLE rights_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- RR-<year received>-<6 digits>: what the requester and the letters quote.
  reference text NOT NULL CHECK (reference ~ '^RR-[0-9]{4}-[0-9]{6,}$'),
  subject_id uuid NOT NULL,
  service text NOT NULL CHECK (service IN ('maumjuui', 'shelby')),
  type text NOT NULL CHECK (type IN ('access', 'portability', 'rectification', 'erasure', 'restriction',
    'consent_withdrawal', 'account_withdrawal', 'objection')),
  channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'phone', 'letter', 'dpo_mailbox')),
  relation text NOT NULL CHECK (relation IN ('self', 'agent', 'legal_representative')),
  -- The guardian who asks for a child (legal representative); the subject itself otherwise.
  requester_subject_id uuid,
  -- Power of attorney or family-register reference (never the document itself).
  representation_evidence text CHECK (length(representation_evidence) <= 300),
  regimes text[] NOT NULL CHECK (cardinality(regimes) >= 1
    AND regimes <@ ARRAY['KR-PIPA', 'EU-GDPR', 'US-CA-CCPA', 'US-HIPAA']::text[]),
  locale text NOT NULL CHECK (locale IN ('ko', 'en')),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL CHECK (status IN ('received', 'verifying_identity', 'in_progress', 'awaiting_approval',
    'completed', 'partially_completed', 'rejected')),
  extended_at timestamptz,
  -- [{regime, at, reasons}]: the extensions given (at most one per regime, checked by the service).
  extensions jsonb NOT NULL DEFAULT '[]'::jsonb,
  assignee_id uuid REFERENCES staff (id),
  prepared_by_id uuid REFERENCES staff (id),
  prepared_at timestamptz,
  -- What the preparer decided (erasure decisions, export options, the rectification change...).
  preparation jsonb,
  approved_by_id uuid REFERENCES staff (id),
  approved_at timestamptz,
  identity_check_id uuid,
  verification jsonb,
  received_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  -- The governing due date, recomputed on every change: lists sort and filter on it.
  due_on date NOT NULL,
  refusal_reason text CHECK (refusal_reason IN ('statute', 'third_party_life_body', 'others_interests',
    'manifestly_unfounded', 'identity_not_verified', 'other')),
  refusal_text text CHECK (length(refusal_text) <= 4000),
  remedy_text text CHECK (length(remedy_text) <= 4000),
  -- What was done: erased and retained categories, documents, the change made.
  outcome jsonb,
  executed_at timestamptz,
  -- The reminder already sent for the current state (at_risk, overdue): once per state.
  reminded_state text CHECK (reminded_state IN ('at_risk', 'overdue')),
  closed_at timestamptz,
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((relation = 'legal_representative') = (requester_subject_id IS NOT NULL)),
  CHECK (relation <> 'agent' OR representation_evidence IS NOT NULL),
  CHECK (status <> 'rejected' OR (refusal_reason IS NOT NULL AND refusal_text IS NOT NULL AND remedy_text IS NOT NULL)),
  CHECK ((status IN ('completed', 'partially_completed', 'rejected')) = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX rights_requests_reference_key ON rights_requests (reference);
CREATE INDEX rights_requests_subject_idx ON rights_requests (subject_id, type);
CREATE INDEX rights_requests_open_due_idx ON rights_requests (due_on)
  WHERE status NOT IN ('completed', 'partially_completed', 'rejected');
CREATE INDEX rights_requests_assignee_idx ON rights_requests (assignee_id) WHERE assignee_id IS NOT NULL;
-- Duplicate detection backstop: one open request per person and type (the service answers 409 first).
CREATE UNIQUE INDEX rights_requests_one_open_key ON rights_requests (subject_id, type)
  WHERE status NOT IN ('completed', 'partially_completed', 'rejected');

-- The timeline: every transition and action, who did it, when, and its detail. Append-only.
CREATE TABLE rights_request_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES rights_requests (id),
  action text NOT NULL CHECK (action ~ '^[a-z_]{2,40}$'),
  -- NULL for the system (a reminder job).
  actor_id uuid REFERENCES staff (id),
  from_status text,
  to_status text,
  at timestamptz NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX rights_request_events_request_idx ON rights_request_events (request_id, id);

CREATE FUNCTION rights_request_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rights request timeline is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER rights_request_events_append_only BEFORE UPDATE OR DELETE ON rights_request_events
  FOR EACH ROW EXECUTE FUNCTION rights_request_events_refuse_change();
CREATE TRIGGER rights_request_events_no_truncate BEFORE TRUNCATE ON rights_request_events
  FOR EACH STATEMENT EXECUTE FUNCTION rights_request_events_refuse_change();
ALTER TABLE rights_request_events ENABLE ALWAYS TRIGGER rights_request_events_append_only;
ALTER TABLE rights_request_events ENABLE ALWAYS TRIGGER rights_request_events_no_truncate;

-- One task per register recipient holding the affected data categories.
CREATE TABLE rights_request_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES rights_requests (id),
  register_kind text NOT NULL CHECK (register_kind IN ('processor', 'provision', 'transfer')),
  register_row_id uuid NOT NULL,
  recipient_name jsonb NOT NULL,
  data_categories text[] NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'done', 'excepted')),
  evidence text CHECK (length(evidence) <= 2000),
  exception_reason text CHECK (length(exception_reason) <= 2000),
  outbox_message_id uuid,
  done_by uuid REFERENCES staff (id),
  done_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK (status <> 'done' OR (evidence IS NOT NULL AND done_by IS NOT NULL AND done_at IS NOT NULL)),
  CHECK (status <> 'excepted' OR (exception_reason IS NOT NULL AND done_by IS NOT NULL AND done_at IS NOT NULL))
);
CREATE UNIQUE INDEX rights_request_tasks_key ON rights_request_tasks (request_id, register_kind, register_row_id);

-- Export packages and letters, sealed under a key derived from the master key (SecretBox).
CREATE TABLE rights_request_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES rights_requests (id),
  kind text NOT NULL CHECK (kind IN ('export_json', 'export_pdf', 'letter')),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL,
  content_sealed bytea NOT NULL,
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX rights_request_documents_request_idx ON rights_request_documents (request_id);

GRANT SELECT, INSERT, UPDATE ON rights_requests, rights_request_tasks TO console_app;
GRANT SELECT, INSERT ON rights_request_events, rights_request_documents TO console_app;
GRANT USAGE, SELECT ON SEQUENCE rights_request_reference_seq TO console_app;
