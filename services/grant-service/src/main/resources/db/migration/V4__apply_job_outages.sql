-- Failed attempts of a job that met an outage (Snowflake or this database away, a lost session, a timeout). They are
-- counted apart from attempts: they set the back-off but never park the job (ARCHITECTURE.md, "When things fail").
alter table apply_job add column outages int not null default 0;
