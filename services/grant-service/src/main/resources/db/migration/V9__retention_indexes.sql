-- Retention (issue 18): the hourly purge takes the oldest done jobs and the oldest audit entries first, a batch at a
-- time. A done job's finish time is its updated_at (set when it turned DONE, never changed after: DONE is final).
create index apply_job_finished on apply_job (status, updated_at);
create index audit_entry_executed on audit_entry (executed_at);
