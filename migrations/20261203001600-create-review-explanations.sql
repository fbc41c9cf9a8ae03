-- F6: the monthly access-log review groups its anomalies by person and session; the DPO marks a
-- group explained with a note. The notes are evidence of the review (PIPC security standard
-- Art. 8), kept append-only like the sign-off: a later note adds to the group, never replaces one.

CREATE TABLE audit_review_explanations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  -- The group: whose anomalies (staff id, or none for anonymous requests) in which session.
  actor_id uuid,
  session_id text CHECK (length(session_id) BETWEEN 1 AND 100),
  note text NOT NULL CHECK (length(note) BETWEEN 3 AND 2000),
  -- How many anomalies the group held when explained: more later means new ones came in.
  anomaly_count integer NOT NULL CHECK (anomaly_count >= 1),
  explained_by uuid NOT NULL REFERENCES staff (id),
  explained_at timestamptz NOT NULL
);
CREATE INDEX audit_review_explanations_month_idx ON audit_review_explanations (month, id);

CREATE TRIGGER audit_review_explanations_append_only BEFORE UPDATE OR DELETE ON audit_review_explanations
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_review_explanations_no_truncate BEFORE TRUNCATE ON audit_review_explanations
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
ALTER TABLE audit_review_explanations ENABLE ALWAYS TRIGGER audit_review_explanations_append_only;
ALTER TABLE audit_review_explanations ENABLE ALWAYS TRIGGER audit_review_explanations_no_truncate;

GRANT SELECT, INSERT ON audit_review_explanations TO console_app;
