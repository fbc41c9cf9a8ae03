-- The access log without a silent window, with proofs in O(log n) (F5).
--
-- audit_seal: one row, rewritten by the sequencer inside every batch's own transaction with a
-- tree head signed over the batch's new size. So no committed event is ever outside a signed
-- head in the database: a row beyond the seal was not written by the sequencer (forged while
-- the server was down, say) and is refused at start instead of being signed. A copy of the seal
-- goes to audit_heads and to the sink outside the database at most every second and at shutdown.
-- One row rewritten in place, not one head per batch: under load a batch commits many times a
-- second, and the heads table would grow by that much.
--
-- audit_tree_nodes: the root of every complete, aligned subtree of 2^level leaves (level >= 4,
-- i.e. 16 leaves and up), written with the batch that completes it. One inclusion or
-- consistency proof then reads O(log n) rows: these nodes, plus at most two 16-leaf blocks of
-- leaf hashes. About one node per 8 events. Nodes are hashes only (no personal data) and stay
-- when a retention purge deletes the events under them.

CREATE TABLE audit_seal (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  root_hash bytea CHECK (length(root_hash) = 32),
  signed_at timestamptz,
  key_id text REFERENCES audit_signing_keys (key_id),
  signature bytea,
  -- The Merkle frontier at tree_size: a new leader resumes here without rereading the log.
  frontier jsonb,
  -- Only this migration writes a legacy row: the events the previous version sequenced before
  -- seals existed (at most tree_size of them), adopted once by the first sequencer that starts.
  legacy boolean NOT NULL DEFAULT false,
  CHECK (legacy OR (root_hash IS NOT NULL AND signed_at IS NOT NULL AND key_id IS NOT NULL
                    AND signature IS NOT NULL AND frontier IS NOT NULL))
);
INSERT INTO audit_seal (tree_size, legacy) SELECT coalesce(max(seq), 0), true FROM audit_events;

CREATE FUNCTION audit_seal_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_seal: % refused (the seal is rewritten, never removed)', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.legacy THEN
    RAISE EXCEPTION 'audit_seal: only the migration writes a legacy seal' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.tree_size < OLD.tree_size THEN
    RAISE EXCEPTION 'audit_seal: the sealed size may not shrink (% to %)', OLD.tree_size, NEW.tree_size
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_seal_guard BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION audit_seal_guard();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_guard();
CREATE TRIGGER audit_seal_no_insert BEFORE INSERT ON audit_seal
  FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_guard();
ALTER TABLE audit_seal ENABLE ALWAYS TRIGGER audit_seal_guard;
ALTER TABLE audit_seal ENABLE ALWAYS TRIGGER audit_seal_no_truncate;
ALTER TABLE audit_seal ENABLE ALWAYS TRIGGER audit_seal_no_insert;

CREATE TABLE audit_tree_nodes (
  level smallint NOT NULL CHECK (level BETWEEN 4 AND 62),
  idx bigint NOT NULL CHECK (idx >= 0),
  hash bytea NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
);

CREATE FUNCTION audit_tree_nodes_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_tree_nodes is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_tree_nodes_append_only BEFORE UPDATE OR DELETE ON audit_tree_nodes
  FOR EACH ROW EXECUTE FUNCTION audit_tree_nodes_refuse_change();
CREATE TRIGGER audit_tree_nodes_no_truncate BEFORE TRUNCATE ON audit_tree_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION audit_tree_nodes_refuse_change();
ALTER TABLE audit_tree_nodes ENABLE ALWAYS TRIGGER audit_tree_nodes_append_only;
ALTER TABLE audit_tree_nodes ENABLE ALWAYS TRIGGER audit_tree_nodes_no_truncate;

-- Incremental verification: each run says whether it started at event 1 or resumed from the
-- last verified head, and stores where the next run may resume.
ALTER TABLE audit_verifications
  ADD COLUMN mode text NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'incremental')),
  ADD COLUMN resume jsonb,
  ADD COLUMN unsigned_tail bigint NOT NULL DEFAULT 0;

-- Only the sequencer's role writes the seal and the subtree roots; requests read them (proofs,
-- verification).
GRANT SELECT, UPDATE ON audit_seal TO console_sequencer;
GRANT SELECT, INSERT ON audit_tree_nodes TO console_sequencer;
GRANT SELECT ON audit_seal, audit_tree_nodes TO console_app;
