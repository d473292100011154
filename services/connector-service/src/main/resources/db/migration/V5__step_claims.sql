-- Issue 13 (ARCHITECTURE.md, "Many instances"): several instances share the worker's steps. A due request is claimed
-- with a conditional update that sets a new claim_token and lease_until; the instance running the step renews the lease
-- while it runs, so a step may take longer than the lease. Every write of the step's result first ends the claim
-- "where claim_token = ours": a holder another instance took over from records nothing. claimed_by names the last
-- holder (host/UUID per process, for humans). Written only by single statements, never through the loaded entity, so
-- events updating the row never overwrite a claim, nor does a claim bump the row's version.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).
alter table connector_request add column claimed_by varchar(300);
alter table connector_request add column claim_token varchar(64);
alter table connector_request add column lease_until timestamp with time zone;
