-- F7: the DPO's complaint inbox. A complaint is received by staff (DPO or support) on the
-- complainant's behalf, worked by the DPO to a resolution within a 10-day target, and may be taken
-- to an outside body (KISA 118, the dispute mediation committee, the police, an EU supervisory
-- authority); those escalations are kept as data. Every change is a row in complaint_events.

CREATE SEQUENCE complaint_reference_seq AS bigint START 1;

CREATE TABLE complaints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- CP-2026-000012: the year received (organisation time zone) and the sequence.
  reference text NOT NULL UNIQUE CHECK (reference ~ '^CP-[0-9]{4}-[0-9]{6,}$'),
  received_at timestamptz NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'phone', 'letter', 'dpo_mailbox')),
  category text NOT NULL CHECK (category IN ('access_refused', 'excessive_collection', 'unwanted_marketing',
    'breach_concern', 'consent', 'third_party_sharing', 'security', 'other')),
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  -- What the complainant says, in staff's words: may name people and health matters, so it is
  -- shown only on the detail page to the DPO, never in lists, logs or the access log.
  summary text NOT NULL CHECK (length(summary) BETWEEN 3 AND 4000),
  -- No foreign key to subjects (as compliance_finding_work): erasing a person must not be
  -- blocked by a complaint about them. The service checks the person exists when linking.
  subject_id uuid,
  -- The rights request's table comes with F7's requests (rights_requests); the foreign key is
  -- added by the DO block below when that table exists at this point, else by a later migration.
  rights_request_id uuid,
  -- No incident table yet (F8): a plain id.
  incident_id uuid,
  assignee_id uuid REFERENCES staff (id),
  status text NOT NULL CHECK (status IN ('open', 'investigating', 'resolved', 'escalated', 'closed')),
  -- The 10-day target: received + 10 calendar days in the organisation's time zone, rolled to the
  -- next Korean business day (server/src/complaints/complaint-target.rule.ts). Stored, so lists
  -- sort and filter on it; the received time never changes.
  target_on date NOT NULL,
  resolution text CHECK (length(resolution) BETWEEN 3 AND 4000),
  resolved_at timestamptz,
  created_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- Resolved (and closed after it) means a resolution and its time; never one without the other.
  CONSTRAINT complaints_resolution_required CHECK (
    (status IN ('resolved', 'closed')) = (resolution IS NOT NULL AND resolved_at IS NOT NULL)
  )
);
CREATE INDEX complaints_open_target_idx ON complaints (target_on) WHERE status IN ('open', 'investigating', 'escalated');
CREATE INDEX complaints_received_idx ON complaints (received_at);
CREATE INDEX complaints_subject_idx ON complaints (subject_id) WHERE subject_id IS NOT NULL;
CREATE INDEX complaints_assignee_idx ON complaints (assignee_id) WHERE assignee_id IS NOT NULL;

DO $$
BEGIN
  IF to_regclass('public.rights_requests') IS NOT NULL THEN
    ALTER TABLE complaints ADD CONSTRAINT complaints_rights_request_fk
      FOREIGN KEY (rights_request_id) REFERENCES rights_requests (id);
  END IF;
END
$$;

-- Taking a complaint to an outside body, as data. Append-only: a correction is a new row.
CREATE TABLE complaint_escalations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id uuid NOT NULL REFERENCES complaints (id),
  -- kisa_118: 개인정보침해신고센터 (118); kopico: 개인정보분쟁조정위원회 (1833-6972);
  -- police_cyber: 경찰청 사이버수사국 (182); eu_supervisory_authority: named in `authority`.
  body text NOT NULL CHECK (body IN ('kisa_118', 'kopico', 'police_cyber', 'eu_supervisory_authority')),
  authority text CHECK (length(authority) BETWEEN 2 AND 200),
  escalated_at timestamptz NOT NULL,
  -- The body's own case number, when it gave one.
  reference text CHECK (length(reference) BETWEEN 1 AND 100),
  note text CHECK (length(note) BETWEEN 1 AND 2000),
  created_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  CONSTRAINT complaint_escalations_authority CHECK ((body = 'eu_supervisory_authority') = (authority IS NOT NULL))
);
CREATE INDEX complaint_escalations_complaint_idx ON complaint_escalations (complaint_id);
CREATE INDEX complaint_escalations_at_idx ON complaint_escalations (escalated_at);

-- The timeline: every change to a complaint, who and when. The detail holds ids and codes only,
-- never the summary or resolution text. Append-only.
CREATE TABLE complaint_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  complaint_id uuid NOT NULL REFERENCES complaints (id),
  kind text NOT NULL CHECK (kind IN ('received', 'updated', 'assigned', 'status_changed', 'escalated', 'resolved')),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id uuid NOT NULL REFERENCES staff (id),
  at timestamptz NOT NULL
);
CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, id);

CREATE FUNCTION complaint_records_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'complaint records are append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER complaint_escalations_append_only BEFORE UPDATE OR DELETE ON complaint_escalations
  FOR EACH ROW EXECUTE FUNCTION complaint_records_refuse_change();
CREATE TRIGGER complaint_escalations_no_truncate BEFORE TRUNCATE ON complaint_escalations
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_records_refuse_change();
CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON complaint_events
  FOR EACH ROW EXECUTE FUNCTION complaint_records_refuse_change();
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events
  FOR EACH STATEMENT EXECUTE FUNCTION complaint_records_refuse_change();
ALTER TABLE complaint_escalations ENABLE ALWAYS TRIGGER complaint_escalations_append_only;
ALTER TABLE complaint_escalations ENABLE ALWAYS TRIGGER complaint_escalations_no_truncate;
ALTER TABLE complaint_events ENABLE ALWAYS TRIGGER complaint_events_append_only;
ALTER TABLE complaint_events ENABLE ALWAYS TRIGGER complaint_events_no_truncate;

GRANT SELECT, INSERT, UPDATE ON complaints TO console_app;
GRANT SELECT, INSERT ON complaint_escalations, complaint_events TO console_app;
GRANT USAGE ON SEQUENCE complaint_reference_seq TO console_app;
