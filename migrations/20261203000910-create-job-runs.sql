-- F6: the record of every run of a background job (pg-boss keeps its own jobs for two weeks at
-- most; this is the console's history): which job, when, how it ended, what it did (counts), the
-- error if it failed, which server instance ran it, and who started it when started by hand.

CREATE TABLE job_runs (
  id uuid PRIMARY KEY,
  job_name text NOT NULL CHECK (job_name ~ '^[a-z][a-z0-9-]{2,62}$'),
  -- The pg-boss job this run executed (pgboss.job, then pgboss.archive).
  boss_job_id uuid NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  started_by uuid REFERENCES staff (id),
  instance text NOT NULL CHECK (length(instance) BETWEEN 1 AND 200),
  started_at timestamptz NOT NULL,
  finished_at timestamptz CHECK (finished_at >= started_at),
  outcome text NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
  counts jsonb CHECK (counts IS NULL OR jsonb_typeof(counts) = 'object'),
  error text CHECK (length(error) <= 2000),
  -- A run started by hand names who started it; a scheduled run names no one.
  CHECK ((trigger = 'manual') = (started_by IS NOT NULL)),
  CHECK ((outcome = 'running') = (finished_at IS NULL)),
  CHECK (outcome = 'failed' OR error IS NULL)
);
-- The Jobs screen: a job's last run, and every run newest first.
CREATE INDEX job_runs_job_idx ON job_runs (job_name, started_at DESC);
CREATE INDEX job_runs_started_idx ON job_runs (started_at DESC);

GRANT SELECT, INSERT, UPDATE ON job_runs TO console_app;
