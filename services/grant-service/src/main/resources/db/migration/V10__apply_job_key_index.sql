-- The worker's round asks for the first unfinished job of each key, and queuing a job looks up its key's waiting
-- jobs: both by key, which scanned the whole table (done jobs included) before this index.
create index apply_job_key on apply_job (job_key, id);
