-- Retention of the access log: only a whole prefix of old events may go, and only after a
-- signed purge record (the Merkle frontier at the cut) is stored, so every later event still
-- verifies against the signed heads (Crosby and Wallach 2009, safe deletion).

CREATE TABLE audit_purges (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  purged_through bigint NOT NULL UNIQUE CHECK (purged_through > 0),
  purged_at timestamptz NOT NULL,
  key_id text NOT NULL REFERENCES audit_signing_keys (key_id),
  -- The signed record (canonical JSON) and its Ed25519 signature.
  record jsonb NOT NULL,
  signature bytea NOT NULL
);
CREATE TRIGGER audit_purges_append_only BEFORE UPDATE OR DELETE ON audit_purges
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_purges_no_truncate BEFORE TRUNCATE ON audit_purges
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
ALTER TABLE audit_purges ENABLE ALWAYS TRIGGER audit_purges_append_only;
ALTER TABLE audit_purges ENABLE ALWAYS TRIGGER audit_purges_no_truncate;
GRANT SELECT, INSERT ON audit_purges TO console_app;

-- The one exception to append-only: audit_purge_prefix() deleting a prefix it has checked.
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_events'
     AND OLD.seq <= coalesce(nullif(current_setting('console.audit_purge_through', true), ''), '0')::bigint THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the access log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Deletes events 1..through when a signed purge record names that cut and every one of them is
-- older than min_age (never less than a year). Runs with the owner's rights; the application
-- role may call it but still has no DELETE of its own.
CREATE FUNCTION audit_purge_prefix(through bigint, min_age interval) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  newest timestamptz;
  deleted bigint;
BEGIN
  IF min_age < interval '365 days' THEN
    RAISE EXCEPTION 'a retention period under one year is refused';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_purges WHERE purged_through = through) THEN
    RAISE EXCEPTION 'no signed purge record for a cut at %', through;
  END IF;
  SELECT max(occurred_at) INTO newest FROM audit_events WHERE seq <= through;
  IF newest IS NULL THEN
    RETURN 0;
  END IF;
  IF newest >= now() - min_age THEN
    RAISE EXCEPTION 'events up to % are not all older than %', through, min_age;
  END IF;
  PERFORM set_config('console.audit_purge_through', through::text, true);
  DELETE FROM audit_events WHERE seq <= through;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('console.audit_purge_through', '', true);
  RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION audit_purge_prefix(bigint, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_purge_prefix(bigint, interval) TO console_app;
