-- The access log, hardened (issue F5):
-- 1. Every plain column of audit_events is checked on insert (once per statement) against the
--    canonical bytes, and so are leaf_hash and seq (gapless). `audit verify` compares them again,
--    because an owner or a superuser can disable triggers.
-- 2. No setting lets a DELETE through any more. An event may be deleted only while a purge record
--    covering it exists; a purge record is accepted only with a valid Ed25519 signature by a
--    registered key, for a whole prefix whose events are all (by their canonical time) older
--    than the retention in audit_settings; and by commit every event it covers must be gone.
-- 3. Only the sequencer's role writes the log: console_app keeps INSERT on the inbox and reads.
-- 4. Each table's append-only trigger names that table.
-- Every function here that reads a table fixes its search path: a session's temporary table named
-- like a log table must not stand in for it (pg_temp comes first by default).

-- ---- the sequencer's role --------------------------------------------------------------------

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'console_sequencer') THEN
    CREATE ROLE console_sequencer NOLOGIN;
  END IF;
  -- The owner may reach the sequencer role with SET ROLE when no separate login exists.
  IF NOT pg_has_role(current_user, 'console_sequencer', 'MEMBER') THEN
    EXECUTE format('GRANT console_sequencer TO %I', current_user);
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO console_sequencer;

-- ---- settings only the owner writes ------------------------------------------------------------

-- Written by the owner at start-up (AUDIT_RETENTION_DAYS); neither the application nor the
-- sequencer role may write it, so neither can shorten the retention a purge is checked against.
CREATE TABLE audit_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  retention_days integer NOT NULL CHECK (retention_days >= 365)
);
INSERT INTO audit_settings (retention_days) VALUES (730);

-- ---- the time an event's signed bytes give -----------------------------------------------------

-- The `time` of canonical event bytes. It must carry its zone (Z or ±hh:mm), so the value does
-- not depend on the session's TimeZone; NULL when it is missing or not such a time.
CREATE FUNCTION audit_canonical_time(canonical bytea) RETURNS timestamptz
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
  t text := convert_from(canonical, 'UTF8')::jsonb ->> 'time';
BEGIN
  IF t IS NULL OR t !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$' THEN
    RETURN NULL;
  END IF;
  RETURN t::timestamptz;
END
$$;

-- ---- 1. every column proven on insert ----------------------------------------------------------

-- Once per INSERT statement, over all its rows at once (the sequencer inserts a batch per
-- statement): one set-based query instead of a PL/pgSQL call per row. It runs AFTER the rows
-- went in; an error undoes the whole statement. Cost: one JSON parse and one SHA-256 per event
-- (tens of microseconds; see the F5 note for measurements).
CREATE FUNCTION audit_events_check_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  bad record;
  first_seq bigint;
  last_seq bigint;
  n bigint;
  before_first bigint;
BEGIN
  -- Bytes that are not JSON fail in the cast, and the statement with them.
  SELECT r.seq,
         r.leaf_hash IS DISTINCT FROM sha256('\x00'::bytea || r.canonical) AS bad_hash,
         jsonb_typeof(x.e -> 'seq') IS DISTINCT FROM 'number' OR (x.e ->> 'seq')::numeric IS DISTINCT FROM r.seq
           AS bad_seq,
         x.e -> 'seq' AS carried
    INTO bad
    -- OFFSET 0 keeps the subquery apart, so each event's bytes are parsed once, not per use.
    FROM new_events r CROSS JOIN LATERAL (SELECT convert_from(r.canonical, 'UTF8')::jsonb AS e OFFSET 0) x
   WHERE r.leaf_hash IS DISTINCT FROM sha256('\x00'::bytea || r.canonical)
      OR jsonb_typeof(x.e -> 'seq') IS DISTINCT FROM 'number' OR (x.e ->> 'seq')::numeric IS DISTINCT FROM r.seq
      -- The same rule as audit_canonical_time(): a time with its zone, so the cast is exact.
      OR coalesce(x.e ->> 'time', '') !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$'
      OR r.occurred_at IS DISTINCT FROM (CASE WHEN x.e ->> 'time' ~ '(Z|[+-]\d\d:\d\d)$'
                                              THEN (x.e ->> 'time')::timestamptz END)
      OR r.actor_id::text IS DISTINCT FROM lower(x.e ->> 'actorId')
      OR r.actor_role IS DISTINCT FROM x.e ->> 'actorRole'
      OR r.subject_id IS DISTINCT FROM x.e ->> 'subjectId'
      OR r.action IS DISTINCT FROM x.e ->> 'action'
      OR r.resource IS DISTINCT FROM x.e ->> 'resource'
      OR r.outcome IS DISTINCT FROM x.e ->> 'outcome'
      OR r.request_id IS DISTINCT FROM x.e ->> 'requestId'
   ORDER BY r.seq LIMIT 1;
  IF FOUND THEN
    IF bad.bad_hash THEN
      RAISE EXCEPTION 'audit_events: seq % has a leaf_hash that is not sha256(0x00 || canonical)', bad.seq
        USING ERRCODE = 'check_violation';
    ELSIF bad.bad_seq THEN
      RAISE EXCEPTION 'audit_events: seq % has canonical bytes that carry seq %', bad.seq, bad.carried
        USING ERRCODE = 'check_violation';
    END IF;
    RAISE EXCEPTION 'audit_events: seq % has columns that differ from its canonical bytes', bad.seq
      USING ERRCODE = 'check_violation';
  END IF;
  -- Gapless: the new seqs run on without a hole from the newest event before them, or from the
  -- last purge cut (the primary key refuses a repeat).
  SELECT min(seq), max(seq), count(*) INTO first_seq, last_seq, n FROM new_events;
  IF n = 0 THEN
    RETURN NULL;
  END IF;
  before_first := greatest((SELECT max(seq) FROM audit_events WHERE seq < first_seq),
                           (SELECT max(purged_through) FROM audit_purges), 0);
  IF first_seq <> before_first + 1 THEN
    RAISE EXCEPTION 'audit_events: seq % is not the next seq (%)', first_seq, before_first + 1
      USING ERRCODE = 'check_violation';
  END IF;
  IF last_seq - first_seq + 1 <> n OR EXISTS (SELECT 1 FROM audit_events WHERE seq > last_seq) THEN
    RAISE EXCEPTION 'audit_events: seqs % to % leave a gap or come before stored events', first_seq, last_seq
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER audit_events_check_insert AFTER INSERT ON audit_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_check_insert();
ALTER TABLE audit_events ENABLE ALWAYS TRIGGER audit_events_check_insert;

-- ---- 2. purges: signed, old enough, a whole prefix, and no other way to delete -----------------

-- The exact bytes the purge record's signature covers (RFC 8785 JSON); `record` is parsed from
-- them. Rows from before this migration have none.
ALTER TABLE audit_purges ADD COLUMN signed_record bytea;

-- Who may register a signing key: only the owner, which the server uses at start-up to register
-- the public half of the key it loaded (AUDIT_SIGNING_KEY or DATA_DIR). Neither console_app nor
-- console_sequencer may insert into audit_signing_keys, and no function does it for them, so a
-- compromised application or sequencer connection cannot bring a key of its own and sign a
-- purge record this database would accept. Not trust-on-first-use: on a fresh database whoever
-- connected first would pick the key. Not "new keys signed by an old one": a rotated key would
-- be stuck once the old private key is gone. The owner can register any key, but the owner can
-- also disable triggers; against the owner, the heads and purge records kept outside the
-- database and `audit verify` are the defence.
REVOKE INSERT ON audit_signing_keys FROM console_app;

-- Checks a purge record before it is stored, whoever stores it.
CREATE FUNCTION audit_purges_check_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  rec jsonb;
  key bytea;
  through bigint;
  previous bigint;
  present bigint;
  retention integer;
  newest timestamptz;
  undated bigint;
BEGIN
  IF NEW.signed_record IS NULL OR NEW.signature IS NULL THEN
    RAISE EXCEPTION 'audit_purges: a purge record needs its signed bytes and signature'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  BEGIN
    rec := convert_from(NEW.signed_record, 'UTF8')::jsonb;
    through := (rec ->> 'purgedThrough')::bigint;
  EXCEPTION WHEN others THEN
    RAISE EXCEPTION 'audit_purges: the purge record is not readable' USING ERRCODE = 'insufficient_privilege';
  END;
  IF jsonb_typeof(rec) IS DISTINCT FROM 'object' OR (rec ->> 'v') IS DISTINCT FROM '1' OR through IS NULL
     OR through < 1 THEN
    RAISE EXCEPTION 'audit_purges: the purge record is not a version 1 record with a cut'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT ed25519_public_key_from_pem(public_key_pem) INTO key FROM audit_signing_keys WHERE key_id = rec ->> 'keyId';
  IF key IS NULL THEN
    RAISE EXCEPTION 'audit_purges: the purge record names an unregistered signing key'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT ed25519_verify(key, NEW.signed_record, NEW.signature) THEN
    RAISE EXCEPTION 'audit_purges: the purge record''s signature does not verify'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- One purge at a time: a later cut waits for the earlier one's commit.
  LOCK TABLE audit_purges IN SHARE ROW EXCLUSIVE MODE;
  previous := coalesce((SELECT max(purged_through) FROM audit_purges), 0);
  IF through <= previous THEN
    RAISE EXCEPTION 'audit_purges: a cut at % is not after the last one (%)', through, previous
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- A whole prefix: every event after the last cut up to this one is there.
  SELECT count(*), max(audit_canonical_time(canonical)), count(*) FILTER (WHERE audit_canonical_time(canonical) IS NULL)
    INTO present, newest, undated
    FROM audit_events WHERE seq > previous AND seq <= through;
  IF present <> through - previous THEN
    RAISE EXCEPTION 'audit_purges: events % to % are not all there (% of %)', previous + 1, through, present,
      through - previous USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Old enough by the signed time inside each event, not by the occurred_at column.
  SELECT retention_days INTO retention FROM audit_settings;
  IF undated > 0 OR newest >= now() - make_interval(days => retention) THEN
    RAISE EXCEPTION 'audit_purges: events up to % are not all older than the retention of % days', through, retention
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_heads
                 WHERE tree_size = (rec -> 'coveredByHead' ->> 'treeSize')::bigint AND tree_size >= through
                   AND root_hash = decode(rec -> 'coveredByHead' ->> 'rootHash', 'hex')) THEN
    RAISE EXCEPTION 'audit_purges: no stored signed head covers the cut at %', through
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.record := rec;
  NEW.purged_through := through;
  NEW.key_id := rec ->> 'keyId';
  NEW.purged_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_purges_check_insert BEFORE INSERT ON audit_purges
  FOR EACH ROW EXECUTE FUNCTION audit_purges_check_insert();
ALTER TABLE audit_purges ENABLE ALWAYS TRIGGER audit_purges_check_insert;

-- At commit, a purge record and the deletion of everything it covers go together.
CREATE FUNCTION audit_purges_check_done() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM audit_events WHERE seq <= NEW.purged_through) THEN
    RAISE EXCEPTION 'audit_purges: the cut at % was recorded but its events were not all deleted', NEW.purged_through
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER audit_purges_check_done AFTER INSERT ON audit_purges
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_purges_check_done();
ALTER TABLE audit_purges ENABLE ALWAYS TRIGGER audit_purges_check_done;

-- The append-only guard, with no setting that switches it off. The one DELETE it lets through:
-- an event covered by a purge record, which the checks above admitted. Messages name the table.
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_events' AND TG_LEVEL = 'ROW' THEN
    IF EXISTS (SELECT 1 FROM audit_purges WHERE purged_through >= OLD.seq) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'the access log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The one way to purge: store the signed record (checked above), then delete its prefix.
CREATE FUNCTION audit_purge(signed_record bytea, signature bytea) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  through bigint;
  deleted bigint;
BEGIN
  INSERT INTO audit_purges (signed_record, signature) VALUES (audit_purge.signed_record, audit_purge.signature)
    RETURNING purged_through INTO through;
  DELETE FROM audit_events WHERE seq <= through;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  RETURN deleted;
END
$$;
REVOKE ALL ON FUNCTION audit_purge(bytea, bytea) FROM PUBLIC;

DROP FUNCTION audit_purge_prefix(bigint, interval);

-- The triggers above read the Ed25519 functions with the rights of whoever inserts.
GRANT EXECUTE ON FUNCTION ed25519_point_add(numeric[], numeric[]), ed25519_pow(numeric, numeric, numeric),
  ed25519_le_to_int(bytea), ed25519_decode_point(bytea), ed25519_encode_point(numeric[]),
  ed25519_verify(bytea, bytea, bytea), ed25519_public_key_from_pem(text) TO console_sequencer, console_app;

-- ---- 3. who writes what --------------------------------------------------------------------

-- The application adds events to the inbox and reads the log; it cannot take events out of the
-- inbox before they are sequenced, nor write events, heads, keys or purge records.
REVOKE SELECT, DELETE ON audit_inbox FROM console_app;
REVOKE INSERT ON audit_events, audit_heads, audit_purges FROM console_app;
GRANT SELECT ON audit_events, audit_heads, audit_signing_keys, audit_purges TO console_app;
-- Its own records about the log (verification runs, monthly sign-offs) stay append-only.

-- The sequencer: moves inbox rows into the log, signs heads, and purges through audit_purge().
GRANT SELECT, DELETE ON audit_inbox TO console_sequencer;
GRANT SELECT, INSERT ON audit_events, audit_heads TO console_sequencer;
GRANT SELECT ON audit_signing_keys, audit_purges TO console_sequencer;
GRANT EXECUTE ON FUNCTION audit_purge(bytea, bytea) TO console_sequencer;
