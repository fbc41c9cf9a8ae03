-- F6: housekeeping jobs, and runs a feature starts when work arrives.
-- A run can also start because its feature queued it when work arrived (the outbox's dispatch,
-- after a commit that queued a message): 'event'. Like a scheduled run, it names no one.
ALTER TABLE job_runs DROP CONSTRAINT job_runs_trigger_check,
  ADD CONSTRAINT job_runs_trigger_check CHECK (trigger IN ('schedule', 'manual', 'event'));

-- The record of job runs is kept JOB_RUNS_RETENTION_DAYS (default 180), then deleted by the daily
-- job-runs-prune job, run as the application role.
GRANT DELETE ON job_runs TO console_app;

-- The file sender's files of messages whose content is deleted after sending are removed after
-- OUTBOX_FILE_RETENTION_HOURS by the hourly outbox-files-prune job, which marks the delivery
-- (delivery.fileRemovedAt). This finds the files still on disk without reading every sent message.
CREATE INDEX outbox_messages_file_to_remove_idx ON outbox_messages (sent_at)
  WHERE content_deleted_at IS NOT NULL AND delivery ->> 'transport' = 'file' AND NOT (delivery ? 'fileRemovedAt');
