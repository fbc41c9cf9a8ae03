-- The tamper-evident access log (DESIGN.md, The access log).
-- Request transactions add events to audit_inbox; one sequencer (advisory lock) moves them
-- into audit_events in batches, giving each a gapless seq, its exact canonical bytes and its
-- RFC 6962 leaf hash, and signs tree heads. The application role may only add and read log
-- rows, and triggers refuse UPDATE, DELETE and TRUNCATE even for the owner.

CREATE TABLE audit_inbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  event jsonb NOT NULL
);

CREATE TABLE audit_events (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  occurred_at timestamptz NOT NULL,
  actor_id uuid,
  actor_role text,
  subject_id text,
  action text NOT NULL,
  resource text NOT NULL,
  outcome text NOT NULL,
  request_id text,
  -- The exact bytes that were hashed (RFC 8785 canonical JSON of the whole event).
  canonical bytea NOT NULL,
  leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, seq);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_id, seq);
CREATE INDEX audit_events_time_idx ON audit_events (occurred_at);

CREATE TABLE audit_signing_keys (
  key_id text PRIMARY KEY,
  public_key_pem text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_heads (
  tree_size bigint PRIMARY KEY CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  signed_at timestamptz NOT NULL,
  key_id text NOT NULL REFERENCES audit_signing_keys (key_id),
  signature bytea NOT NULL,
  -- The Merkle frontier at this size, so a new sequencer resumes without rereading the log.
  frontier jsonb NOT NULL
);
CREATE INDEX audit_heads_time_idx ON audit_heads (signed_at);

CREATE TABLE audit_verifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  requested_by uuid REFERENCES staff (id),
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  tree_size bigint NOT NULL,
  from_seq bigint NOT NULL,
  to_seq bigint NOT NULL,
  result text NOT NULL CHECK (result IN ('intact', 'tampered', 'error')),
  problems jsonb NOT NULL DEFAULT '[]'
);

CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the access log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['audit_events', 'audit_heads', 'audit_signing_keys', 'audit_verifications'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_append_only BEFORE UPDATE OR DELETE ON %1$s
                    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()', t);
    EXECUTE format('CREATE TRIGGER %1$s_no_truncate BEFORE TRUNCATE ON %1$s
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()', t);
    -- ALWAYS: the triggers fire even with session_replication_role = replica.
    EXECUTE format('ALTER TABLE %1$s ENABLE ALWAYS TRIGGER %1$s_append_only', t);
    EXECUTE format('ALTER TABLE %1$s ENABLE ALWAYS TRIGGER %1$s_no_truncate', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, DELETE ON audit_inbox TO console_app;
GRANT SELECT, INSERT ON audit_events, audit_heads, audit_signing_keys, audit_verifications TO console_app;

-- Authentication events now go into the access log itself.
DROP TABLE auth_events;
