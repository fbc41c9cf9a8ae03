-- F6: the outbox and its templates. Every outgoing message (to a person, a processor, a regulator
-- or a staff member) is a row here, queued in the transaction of the work that causes it and sent
-- after that transaction commits. Templates are versioned: a message keeps the version it used.

CREATE TABLE message_templates (
  id uuid PRIMARY KEY,
  template_key text NOT NULL UNIQUE CHECK (template_key ~ '^[a-z][a-z0-9_.-]{1,63}$'),
  -- message: sent through the outbox; document: rendered as a PDF (letters, notices, certificates)
  kind text NOT NULL CHECK (kind IN ('message', 'document')),
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'app_push', 'letter', 'regulator_portal')),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  -- The content of a sent message is deleted and only its metadata kept (Shelby policy, Art. 8:
  -- the notification vendor destroys messages once sent).
  delete_content_after_send boolean NOT NULL,
  subject_ko text NOT NULL CHECK (length(subject_ko) BETWEEN 1 AND 300),
  subject_en text NOT NULL CHECK (length(subject_en) BETWEEN 1 AND 300),
  body_ko text NOT NULL CHECK (length(body_ko) BETWEEN 1 AND 20000),
  body_en text NOT NULL CHECK (length(body_en) BETWEEN 1 AND 20000),
  -- Merge data for the preview: made-up values, never a real person's.
  sample_data jsonb NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- One row per saved version: who, when, why, and the template as saved. Append-only.
CREATE TABLE message_template_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  template_id uuid NOT NULL REFERENCES message_templates (id),
  version integer NOT NULL CHECK (version >= 1),
  operation text NOT NULL CHECK (operation IN ('seed', 'update')),
  author_id uuid REFERENCES staff (id),
  author_name text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  changed_at timestamptz NOT NULL,
  snapshot jsonb NOT NULL
);
CREATE UNIQUE INDEX message_template_versions_key ON message_template_versions (template_id, version);

CREATE FUNCTION message_template_versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  RAISE EXCEPTION 'template history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER message_template_versions_append_only BEFORE UPDATE OR DELETE ON message_template_versions
  FOR EACH ROW EXECUTE FUNCTION message_template_versions_refuse_change();
CREATE TRIGGER message_template_versions_no_truncate BEFORE TRUNCATE ON message_template_versions
  FOR EACH STATEMENT EXECUTE FUNCTION message_template_versions_refuse_change();
ALTER TABLE message_template_versions ENABLE ALWAYS TRIGGER message_template_versions_append_only;
ALTER TABLE message_template_versions ENABLE ALWAYS TRIGGER message_template_versions_no_truncate;

CREATE TABLE outbox_messages (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'app_push', 'letter', 'regulator_portal')),
  -- Who it is for: a kind and that kind's id (a subject, a processor, a regulator, a staff member).
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('subject', 'processor', 'regulator', 'staff')),
  recipient_id text NOT NULL CHECK (length(recipient_id) BETWEEN 1 AND 200),
  -- The address as resolved when queued, sealed (AES-GCM under the master key); lists show only
  -- the masked form. Removed with the content where the template says so.
  recipient_address_sealed bytea,
  recipient_masked text NOT NULL,
  template_id uuid NOT NULL REFERENCES message_templates (id),
  template_key text NOT NULL,
  template_version integer NOT NULL,
  language text NOT NULL CHECK (language IN ('ko', 'en')),
  -- What caused it (for example a rights request), so a feature finds its own messages.
  reference text CHECK (length(reference) <= 200),
  status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 20),
  next_attempt_at timestamptz NOT NULL,
  -- The rendered subject and bodies, sealed; NULL once deleted after sending.
  content_sealed bytea,
  -- SHA-256 of the rendered content: shows what was sent after the content itself is gone.
  content_sha256 text NOT NULL,
  content_deleted_at timestamptz,
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  sending_at timestamptz,
  sent_at timestamptz,
  failed_at timestamptz,
  cancelled_at timestamptz,
  -- How it went: transport, message id, server response, file written. Never the content.
  delivery jsonb,
  last_error text CHECK (length(last_error) <= 1000),
  CHECK (status <> 'sent' OR sent_at IS NOT NULL),
  CHECK (content_sealed IS NOT NULL OR content_deleted_at IS NOT NULL)
);
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outbox_messages_created_idx ON outbox_messages (created_at DESC);
CREATE INDEX outbox_messages_reference_idx ON outbox_messages (reference) WHERE reference IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON message_templates, outbox_messages TO console_app;
GRANT SELECT, INSERT ON message_template_versions TO console_app;
