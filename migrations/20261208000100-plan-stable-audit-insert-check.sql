-- The gapless check of audit_events_check_insert (20261203000110-harden-audit-writers.sql) asked
-- "is any event past this batch?" as EXISTS (SELECT 1 FROM audit_events WHERE seq > last_seq).
-- After five batches in one sequencer session PL/pgSQL switches to the generic plan, which
-- prices `seq > $1` at a third of the table and chooses a sequential scan that finds nothing:
-- a read of the whole log per batch (on 1,000,000 events the sequencer's backend spent ~220 µs
-- per moved event instead of ~40). The same rule, asked through max(seq), always reads one
-- entry at the end of the primary key. Nothing else changes.
CREATE OR REPLACE FUNCTION audit_events_check_insert() RETURNS trigger
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
  IF last_seq - first_seq + 1 <> n OR (SELECT max(seq) FROM audit_events) > last_seq THEN
    RAISE EXCEPTION 'audit_events: seqs % to % leave a gap or come before stored events', first_seq, last_seq
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
