-- F8: breach and incident response. The security team runs an incident here; the DPO decides the
-- notifications. One row per incident holds its current facts; every change of facts, decision,
-- completed task and notification is also appended to incident_timeline, which is never edited.
-- The checklist templates (incident_templates, F8 playbooks) and the notification rules
-- (incident_notification_rules, F8 obligations) come in their own migrations.
-- Roles: security runs incidents; the DPO decides notifications (CASL `decide`); the auditor reads.

CREATE SEQUENCE incident_reference_seq AS bigint START 1;

CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- IN-2026-000007: the year of awareness (organisation time zone) and the sequence.
  reference text NOT NULL UNIQUE CHECK (reference ~ '^IN-[0-9]{4}-[0-9]{6,}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  -- What happened, in staff's words. Names no person (people are linked in incident_subjects).
  description text CHECK (length(description) BETWEEN 1 AND 4000),
  detected_at timestamptz NOT NULL,
  -- Every clock counts from here (PIPA Art. 34: from becoming aware; GDPR Art. 33(1); HIPAA
  -- 164.404(a)(2): discovery). Never before detection.
  aware_at timestamptz NOT NULL,
  reporter text NOT NULL CHECK (length(reporter) BETWEEN 2 AND 200),
  vector text NOT NULL CHECK (vector IN ('outside_hacking', 'insider', 'loss_theft', 'misdelivery', 'vendor', 'other')),
  -- Systems by name (the platform keeps no systems register yet) and processors from F4's register.
  systems text[] NOT NULL DEFAULT '{}',
  processor_ids uuid[] NOT NULL DEFAULT '{}',
  -- F4's data categories (server/src/registers/register-types.ts DATA_CATEGORIES).
  data_categories text[] NOT NULL DEFAULT '{}',
  -- The laws whose notifications may apply: where the affected people are.
  regimes text[] NOT NULL DEFAULT '{}' CHECK (regimes <@ ARRAY['KR-PIPA', 'EU-GDPR', 'US-HIPAA']::text[]),
  affected_estimated integer NOT NULL CHECK (affected_estimated BETWEEN 0 AND 100000000),
  affected_confirmed integer CHECK (affected_confirmed BETWEEN 0 AND 100000000),
  -- HIPAA 164.406: the media are told when more than 500 residents of one state are affected.
  us_largest_state_count integer CHECK (us_largest_state_count BETWEEN 0 AND 100000000),
  sensitive_data boolean NOT NULL DEFAULT false,
  unique_identifiers boolean NOT NULL DEFAULT false,
  -- GDPR Art. 34(3)(a): data made unintelligible (encrypted, key safe) spares the notice to people.
  data_encrypted boolean NOT NULL DEFAULT false,
  -- GDPR Art. 33(1)/34(1): the DPO's assessment of the risk to people's rights and freedoms.
  eu_risk text NOT NULL DEFAULT 'unassessed' CHECK (eu_risk IN ('unassessed', 'unlikely', 'risk', 'high')),
  eu_risk_reasons text CHECK (length(eu_risk_reasons) BETWEEN 3 AND 4000),
  risk_level text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
  status text NOT NULL CHECK (status IN ('open', 'investigating', 'contained', 'recovered', 'closed')),
  owner_id uuid REFERENCES staff (id),
  -- The checklist template version the tasks were made from (FK added with the templates table).
  template_version_id uuid,
  -- NIST SP 800-61 post-incident review, and the GDPR Art. 33(5) breach-register fields.
  lessons_learned text CHECK (length(lessons_learned) BETWEEN 3 AND 8000),
  register_facts text CHECK (length(register_facts) BETWEEN 3 AND 8000),
  register_effects text CHECK (length(register_effects) BETWEEN 3 AND 8000),
  register_remedial_action text CHECK (length(register_remedial_action) BETWEEN 3 AND 8000),
  closed_at timestamptz,
  created_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CONSTRAINT incidents_aware_after_detection CHECK (aware_at >= detected_at),
  CONSTRAINT incidents_unlikely_needs_reasons CHECK (eu_risk <> 'unlikely' OR eu_risk_reasons IS NOT NULL),
  CONSTRAINT incidents_closed_needs_review CHECK (
    (status = 'closed') = (closed_at IS NOT NULL)
    AND (status <> 'closed' OR (lessons_learned IS NOT NULL AND register_facts IS NOT NULL
      AND register_effects IS NOT NULL AND register_remedial_action IS NOT NULL))
  )
);
CREATE INDEX incidents_open_idx ON incidents (aware_at) WHERE status <> 'closed';
CREATE INDEX incidents_aware_idx ON incidents (aware_at);
CREATE INDEX incidents_owner_idx ON incidents (owner_id) WHERE owner_id IS NOT NULL;

-- The notifications the facts require, recomputed whenever the facts change. A row is never
-- deleted: an obligation the facts no longer require becomes 'withdrawn' (and comes back as
-- 'pending' if they require it again). The deadline is computed from aware_at on the calendar.
CREATE TABLE incident_obligations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  -- A rule's code from incident_notification_rules: kr_subjects, kr_regulator, eu_authority,
  -- eu_subjects, us_individuals, us_hhs, us_media, us_hhs_yearly_log.
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
  regime text NOT NULL CHECK (regime IN ('KR-PIPA', 'EU-GDPR', 'US-HIPAA')),
  recipient text NOT NULL CHECK (recipient IN ('subjects', 'regulator', 'authority', 'hhs', 'media')),
  due_at timestamptz,
  status text NOT NULL CHECK (status IN ('pending', 'done', 'not_required', 'withdrawn')),
  -- Which clauses of the rule held (e.g. {"count": 1200, "threshold": 1000}), for the timeline and the screen.
  grounds jsonb NOT NULL DEFAULT '{}'::jsonb,
  done_at timestamptz,
  -- Required when done after due_at (GDPR Art. 33(1): "accompanied by reasons for the delay").
  late_reason text CHECK (length(late_reason) BETWEEN 3 AND 4000),
  -- A decision not to notify (e.g. EU: unlikely to result in a risk), with its reasons.
  decision_reasons text CHECK (length(decision_reasons) BETWEEN 3 AND 4000),
  decided_by uuid REFERENCES staff (id),
  -- The regulator's or portal's receipt number, when there is one.
  external_reference text CHECK (length(external_reference) BETWEEN 1 AND 200),
  -- Set by the clock job (incident-clock-escalation) when a pending clock is under 24 h, then when
  -- it is overdue; each step is also a timeline entry, written once.
  escalation text CHECK (escalation IN ('due_soon', 'overdue')),
  escalated_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (incident_id, code),
  CONSTRAINT incident_obligations_done CHECK ((status = 'done') = (done_at IS NOT NULL)),
  CONSTRAINT incident_obligations_late_reason CHECK (
    status <> 'done' OR due_at IS NULL OR done_at <= due_at OR late_reason IS NOT NULL
  ),
  CONSTRAINT incident_obligations_not_required_reasons CHECK (status <> 'not_required' OR decision_reasons IS NOT NULL)
);
CREATE INDEX incident_obligations_pending_idx ON incident_obligations (due_at) WHERE status = 'pending';

-- The checklist: a template version turned into tasks when the incident starts.
CREATE TABLE incident_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  -- NIST SP 800-61 phases.
  phase text NOT NULL CHECK (phase IN ('preparation', 'detection_analysis', 'containment_eradication_recovery',
    'post_incident')),
  position integer NOT NULL CHECK (position >= 0),
  -- The task's key in its template (dependencies name keys); null for a task added by hand.
  template_key text CHECK (template_key ~ '^[a-z][a-z0-9_]{1,60}$'),
  depends_on text[] NOT NULL DEFAULT '{}',
  -- {"ko": …, "en": …} from the template (a task added by hand has the same text in both).
  title jsonb NOT NULL CHECK (jsonb_typeof(title -> 'ko') = 'string' AND jsonb_typeof(title -> 'en') = 'string'),
  description jsonb CHECK (jsonb_typeof(description) = 'object'),
  assignee_id uuid REFERENCES staff (id),
  due_at timestamptz,
  -- Evidence in words; files are in incident_task_evidence.
  note text CHECK (length(note) BETWEEN 1 AND 8000),
  completed_at timestamptz,
  completed_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CONSTRAINT incident_tasks_completion CHECK ((completed_at IS NULL) = (completed_by IS NULL))
);
CREATE INDEX incident_tasks_incident_idx ON incident_tasks (incident_id, phase, position);
CREATE INDEX incident_tasks_open_due_idx ON incident_tasks (due_at) WHERE completed_at IS NULL;

-- Files attached to a task as evidence (logs, screenshots, a vendor's letter). Sealed under the
-- master key: they may show personal data. Append-only.
CREATE TABLE incident_task_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id uuid NOT NULL REFERENCES incident_tasks (id),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL CHECK (length(media_type) BETWEEN 3 AND 200),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 0 AND 10485760),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content_sealed bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES staff (id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX incident_task_evidence_task_idx ON incident_task_evidence (task_id);

-- The people an incident touches. No foreign key to subjects (as complaints): erasing a person
-- must not be blocked by the incident; the service checks the person exists when adding.
CREATE TABLE incident_subjects (
  incident_id uuid NOT NULL REFERENCES incidents (id),
  subject_id uuid NOT NULL,
  -- How the person was found: read by an actor in a window (access_log), holding a data category
  -- (category), or an uploaded list of ids (upload).
  source text NOT NULL CHECK (source IN ('access_log', 'category', 'upload')),
  -- The query that found them, without any typed personal data (actor id, window, category).
  selection jsonb NOT NULL DEFAULT '{}'::jsonb,
  added_by uuid NOT NULL REFERENCES staff (id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (incident_id, subject_id)
);
CREATE INDEX incident_subjects_subject_idx ON incident_subjects (subject_id);

-- Notice drafts: each save is a new version (per incident, kind and language), never edited, so a
-- person's notification names the exact text it carried. `content` holds the merge fields (what
-- leaked, when and how, what people can do, …); it names no person.
CREATE TABLE incident_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  -- kr_subject_notice, kr_regulator_report, eu_authority_report, eu_subject_notice,
  -- us_individual_notice, us_hhs_report.
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{1,60}$'),
  locale text NOT NULL CHECK (locale IN ('ko', 'en')),
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  template_key text NOT NULL,
  template_version integer NOT NULL CHECK (template_version >= 1),
  created_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  UNIQUE (incident_id, kind, locale, version)
);

-- Each person's notice: which obligation, through which outbox message, which template version.
-- The outbox row has the channel, the masked address and the sent time. Append-only.
CREATE TABLE incident_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  subject_id uuid NOT NULL,
  obligation_code text NOT NULL,
  notice_id uuid NOT NULL REFERENCES incident_notices (id),
  outbox_message_id uuid NOT NULL REFERENCES outbox_messages (id),
  channel text NOT NULL,
  template_key text NOT NULL,
  template_version integer NOT NULL CHECK (template_version >= 1),
  locale text NOT NULL CHECK (locale IN ('ko', 'en')),
  created_by uuid NOT NULL REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  UNIQUE (incident_id, subject_id, obligation_code)
);
CREATE INDEX incident_notifications_incident_idx ON incident_notifications (incident_id);

-- Access-log events an incident was opened from (an anomaly in the monthly review).
CREATE TABLE incident_audit_links (
  incident_id uuid NOT NULL REFERENCES incidents (id),
  audit_seq bigint NOT NULL,
  linked_by uuid NOT NULL REFERENCES staff (id),
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (incident_id, audit_seq)
);

-- The timeline: every change of facts, decision, completed task, notice and notification, who and
-- when. Never edited: a correction is a new entry. The detail holds ids, codes and figures, never
-- a person's name or contact.
CREATE TABLE incident_timeline (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{1,60}$'),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Null for the system (a job's escalation).
  actor_id uuid REFERENCES staff (id),
  at timestamptz NOT NULL
);
CREATE INDEX incident_timeline_incident_idx ON incident_timeline (incident_id, id);

CREATE FUNCTION incident_records_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident records are append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER incident_timeline_append_only BEFORE UPDATE OR DELETE ON incident_timeline
  FOR EACH ROW EXECUTE FUNCTION incident_records_refuse_change();
CREATE TRIGGER incident_timeline_no_truncate BEFORE TRUNCATE ON incident_timeline
  FOR EACH STATEMENT EXECUTE FUNCTION incident_records_refuse_change();
CREATE TRIGGER incident_task_evidence_append_only BEFORE UPDATE OR DELETE ON incident_task_evidence
  FOR EACH ROW EXECUTE FUNCTION incident_records_refuse_change();
CREATE TRIGGER incident_notices_append_only BEFORE UPDATE OR DELETE ON incident_notices
  FOR EACH ROW EXECUTE FUNCTION incident_records_refuse_change();
CREATE TRIGGER incident_notifications_append_only BEFORE UPDATE OR DELETE ON incident_notifications
  FOR EACH ROW EXECUTE FUNCTION incident_records_refuse_change();
ALTER TABLE incident_timeline ENABLE ALWAYS TRIGGER incident_timeline_append_only;
ALTER TABLE incident_timeline ENABLE ALWAYS TRIGGER incident_timeline_no_truncate;
ALTER TABLE incident_task_evidence ENABLE ALWAYS TRIGGER incident_task_evidence_append_only;
ALTER TABLE incident_notifications ENABLE ALWAYS TRIGGER incident_notifications_append_only;
ALTER TABLE incident_notices ENABLE ALWAYS TRIGGER incident_notices_append_only;

-- Complaints linked incidents by a plain id until now (F7).
ALTER TABLE complaints ADD CONSTRAINT complaints_incident_fk FOREIGN KEY (incident_id) REFERENCES incidents (id);

GRANT SELECT, INSERT, UPDATE ON incidents, incident_obligations, incident_tasks TO console_app;
GRANT SELECT, INSERT, DELETE ON incident_subjects TO console_app;
GRANT SELECT, INSERT ON incident_task_evidence, incident_notices, incident_notifications, incident_audit_links, incident_timeline
  TO console_app;
GRANT USAGE ON SEQUENCE incident_reference_seq TO console_app;
