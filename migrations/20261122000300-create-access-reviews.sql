-- Monthly review of the access log (PIPC security standard Art. 8): the reviewer's sign-off,
-- with the anomalies they saw, kept append-only like the log itself.

CREATE TABLE audit_reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  signed_by uuid NOT NULL REFERENCES staff (id),
  signed_at timestamptz NOT NULL,
  notes text NOT NULL CHECK (length(notes) BETWEEN 1 AND 5000),
  anomaly_count integer NOT NULL CHECK (anomaly_count >= 0),
  anomalies jsonb NOT NULL,
  -- The log as it stood when signed off: the signed head covering the month.
  tree_size bigint NOT NULL
);
CREATE UNIQUE INDEX audit_reviews_month_key ON audit_reviews (month);

CREATE TRIGGER audit_reviews_append_only BEFORE UPDATE OR DELETE ON audit_reviews
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_reviews_no_truncate BEFORE TRUNCATE ON audit_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
ALTER TABLE audit_reviews ENABLE ALWAYS TRIGGER audit_reviews_append_only;
ALTER TABLE audit_reviews ENABLE ALWAYS TRIGGER audit_reviews_no_truncate;

GRANT SELECT, INSERT ON audit_reviews TO console_app;
