-- F6: compliance findings become work. A finding is still computed from the data (kind, subject,
-- ref); this is the work on it: who owns it, where it stands, and every change with its note.
-- A finding nobody has touched has no row here (it is open, without an owner).

CREATE TABLE compliance_finding_work (
  kind text NOT NULL CHECK (kind IN ('recording_without_both_consents', 'phi_without_consent',
                                     'child_without_guardian_consent', 'supervision_sharing_without_consent')),
  -- No foreign key to subjects: erasing a person must not be blocked by the work on them.
  subject_id uuid NOT NULL,
  ref uuid NOT NULL,
  -- open: nobody is on it; in_progress: the owner is fixing it; resolved: the owner says it is
  -- fixed (the data decides: a resolved finding whose condition holds is shown as still present);
  -- accepted_risk: the DPO decided to live with it, with the reason in the note.
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'accepted_risk')),
  owner_id uuid REFERENCES staff (id),
  version integer NOT NULL CHECK (version >= 1),
  updated_by uuid NOT NULL REFERENCES staff (id),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (kind, subject_id, ref)
);
CREATE INDEX compliance_finding_work_owner_idx ON compliance_finding_work (owner_id) WHERE owner_id IS NOT NULL;

-- One row per change: who, when, why, and the work as saved. Append-only.
CREATE TABLE compliance_finding_work_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  subject_id uuid NOT NULL,
  ref uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'accepted_risk')),
  owner_id uuid REFERENCES staff (id),
  note text NOT NULL CHECK (length(note) BETWEEN 3 AND 500),
  changed_by uuid NOT NULL REFERENCES staff (id),
  changed_at timestamptz NOT NULL,
  FOREIGN KEY (kind, subject_id, ref) REFERENCES compliance_finding_work (kind, subject_id, ref)
);
CREATE UNIQUE INDEX compliance_finding_work_versions_key ON compliance_finding_work_versions (kind, subject_id, ref, version);

CREATE FUNCTION compliance_finding_work_versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'finding history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER compliance_finding_work_versions_append_only BEFORE UPDATE OR DELETE ON compliance_finding_work_versions
  FOR EACH ROW EXECUTE FUNCTION compliance_finding_work_versions_refuse_change();
CREATE TRIGGER compliance_finding_work_versions_no_truncate BEFORE TRUNCATE ON compliance_finding_work_versions
  FOR EACH STATEMENT EXECUTE FUNCTION compliance_finding_work_versions_refuse_change();
ALTER TABLE compliance_finding_work_versions ENABLE ALWAYS TRIGGER compliance_finding_work_versions_append_only;
ALTER TABLE compliance_finding_work_versions ENABLE ALWAYS TRIGGER compliance_finding_work_versions_no_truncate;

GRANT SELECT, INSERT, UPDATE ON compliance_finding_work TO console_app;
GRANT SELECT, INSERT ON compliance_finding_work_versions TO console_app;
