-- Several instances share the apply jobs (ARCHITECTURE.md, "Many instances"): a job is claimed in the database with a
-- lease and a token, and every write of its results is fenced by that token. claimed_by names the instance (for humans);
-- claim_token is new for every claim; lease_until is renewed while the job runs, and a job whose lease ran out may be
-- taken over by any instance.
alter table apply_job add column claimed_by varchar(300);
alter table apply_job add column claim_token varchar(64);
alter table apply_job add column lease_until timestamp;
-- APPLY plans desired state against the ledger; RECONCILE (a drifted role) against what Snowflake shows at run time.
alter table apply_job add column kind varchar(16) default 'APPLY' not null;

-- A role locked by one job (token = the job's claim token) for its whole plan, execute and record, across instances.
-- Taken in sorted order, never waited for: a job that finds a role held by a live lease is left for a later round.
create table role_lock (
    role_name   varchar(255) primary key,
    holder      varchar(300) not null,
    token       varchar(64)  not null,
    lease_until timestamp    not null
);
create index role_lock_token on role_lock (token);
